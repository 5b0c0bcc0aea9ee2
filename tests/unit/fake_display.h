// FakeDisplay: a Display that records what it is asked to do, for layout and ticker tests.
// Text is 10 px per byte wide; a strip is as high as its box.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "ports/display.h"

namespace newsticker::app {

class FakeDisplay final : public Display {
 public:
  Size size() const override { return screen; }
  int band_height() const override { return band; }
  std::int64_t refresh_period_ns() const override { return 1'000'000'000 / 60; }
  double average_char_width() const override { return 10.0; }
  using Display::prepare_text;
  Result<TextInfo> prepare_text(std::span<const TextRun> runs, const TextBox& box) override {
    int width = 0;
    std::string text;
    for (const TextRun& run : runs) {
      width += 10 * static_cast<int>(run.text.size());
      text += run.text;
    }
    if (box.max_width > 0 && width > box.max_width) width = box.max_width;
    ++prepared;
    const TextId id = next_id++;
    live[id] = text;
    boxes[id] = box;
    const int height = box.height > 0 ? box.height : band;
    sizes[id] = {width, height};
    return TextInfo{id, width, height};
  }
  void release_text(TextId id) override {
    live.erase(id);
    boxes.erase(id);
    sizes.erase(id);
  }
  void draw_frame(std::span<const DrawCommand> commands) override {
    last_frame.assign(commands.begin(), commands.end());
    ++frames;
  }

  // The texts drawn by the last frame, in order.
  std::vector<std::string> drawn_texts() const {
    std::vector<std::string> texts;
    for (const DrawCommand& command : last_frame) {
      if (command.kind == DrawKind::kCopy) texts.push_back(live.at(command.text));
    }
    return texts;
  }

  Size screen{800, 480};
  int band = 60;
  int prepared = 0;
  int frames = 0;
  TextId next_id = 1;
  std::map<TextId, std::string> live;
  std::map<TextId, TextBox> boxes;
  std::map<TextId, Size> sizes;
  std::vector<DrawCommand> last_frame;
};

}  // namespace newsticker::app
