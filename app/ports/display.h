// Display: what the render loop draws on. Implemented by platform/sdl/sdl_display.
// Main thread only (SDL's rule). The display owns every texture; the app holds TextIds.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"

namespace newsticker::app {

struct Size {
  int width = 0;
  int height = 0;
};

// How a run of text looks in the band. Colours and faces come from the config.
enum class TextStyle : std::uint8_t {
  kSourceBadge,  // feed name, bold, on the badge colour
  kHeadline,     // the title, large
  kSummary,      // dateline summary, second style
  kSeparator,    // between items
  kStatus,       // "waiting for headlines", "as of 14:05"
};

struct TextRun {
  TextStyle style = TextStyle::kHeadline;
  std::string text;
};

using TextId = std::uint32_t;
inline constexpr TextId kNoText = 0;

struct TextInfo {
  TextId id = kNoText;
  int width = 0;
};

// One copy of a prepared text strip into the band, at band-relative x.
struct DrawCommand {
  TextId text = kNoText;
  int x = 0;
};

class Display {
 public:
  virtual ~Display() = default;
  virtual Size size() const = 0;
  // The band's height in pixels (the crawl strip at the bottom of the screen).
  virtual int band_height() const = 0;
  // Refresh period in nanoseconds when known (vsync), else the configured frame period.
  virtual std::int64_t refresh_period_ns() const = 0;
  // Rasterises the runs once, side by side, onto the band background, and keeps the result until
  // release_text. Errors: kInternal when the text could not be rendered.
  virtual Result<TextInfo> prepare_text(std::span<const TextRun> runs) = 0;
  virtual void release_text(TextId id) = 0;
  // Draws one frame: band background, then each command; then presents.
  virtual void draw_frame(std::span<const DrawCommand> commands) = 0;
};

}  // namespace newsticker::app
