// FakeDisplay: a Display that records what it is asked to do, for layout and ticker tests.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "ports/display.h"

namespace newsticker::app {

class FakeDisplay final : public Display {
 public:
  Size size() const override { return {800, 480}; }
  int band_height() const override { return 60; }
  std::int64_t refresh_period_ns() const override { return 1'000'000'000 / 60; }
  Result<TextInfo> prepare_text(std::span<const TextRun> runs) override {
    int width = 0;
    std::string text;
    for (const TextRun& run : runs) {
      width += 10 * static_cast<int>(run.text.size());
      text += run.text;
    }
    ++prepared;
    const TextId id = next_id++;
    live[id] = text;
    return TextInfo{id, width};
  }
  void release_text(TextId id) override { live.erase(id); }
  void draw_frame(std::span<const DrawCommand> commands) override {
    last_frame.assign(commands.begin(), commands.end());
    ++frames;
  }

  int prepared = 0;
  int frames = 0;
  TextId next_id = 1;
  std::map<TextId, std::string> live;
  std::vector<DrawCommand> last_frame;
};

}  // namespace newsticker::app
