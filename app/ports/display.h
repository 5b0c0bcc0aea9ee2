// Display: what the render loop draws on. Implemented by platform/sdl/sdl_display.
// Main thread only (SDL's rule). The display owns every texture; the app holds TextIds.
//
// The band is the strip of the screen the ticker owns (at the bottom). The app lays it out:
// prepared text strips are opaque rectangles, and the app covers every band pixel each frame,
// with strips or with fills, so the display never has to clear the band first (a whole-band
// clear per frame would double the pixels written).
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

// How a run of text looks. Colours and faces come from the config.
enum class TextStyle : std::uint8_t {
  kSourceBadge,  // feed name, bold, on the badge colour
  kHeadline,     // the title, large
  kSummary,      // dateline summary, second style
  kSeparator,    // between items
  kStatus,       // "waiting for headlines", "as of 14:05"
  kTitleTab,     // "LATEST": bold, on the badge colour
  kClock,        // "14:05", and relative times ("12 min ago"): summary size, headline colour
};

struct TextRun {
  TextStyle style = TextStyle::kHeadline;
  std::string text;
};

// Background a strip is composited on.
enum class StripBackground : std::uint8_t {
  kBand,       // the band colour
  kHighlight,  // the breaking-news highlight colour
};

// The box a strip is made for. Zero fields take the band's defaults.
struct TextBox {
  int height = 0;       // strip height; 0 = the band height
  int headline_px = 0;  // headline size in px (other styles scale with it); 0 = 42 % of height
  int max_width = 0;    // the strip is cut at this width; 0 = as wide as the text
  StripBackground background = StripBackground::kBand;
};

using TextId = std::uint32_t;
inline constexpr TextId kNoText = 0;

struct TextInfo {
  TextId id = kNoText;
  int width = 0;
  int height = 0;
};

enum class DrawKind : std::uint8_t {
  kCopy,         // copy strip `text` with its top-left corner at (x, y)
  kFillBand,     // fill (x, y, width, height) with the band colour
  kFillBlack,    // fill (x, y, width, height) with black (schedule: screen off)
  kClearScreen,  // the whole screen, above the band too, black (first command of an "off" frame)
};

// One drawing step, in band coordinates ((0, 0) is the band's top-left corner). Everything is
// clipped to the band, except kClearScreen.
struct DrawCommand {
  TextId text = kNoText;
  int x = 0;
  int y = 0;
  DrawKind kind = DrawKind::kCopy;
  int width = 0;   // fills only
  int height = 0;  // fills only
};

class Display {
 public:
  virtual ~Display() = default;
  virtual Size size() const = 0;
  // The band's height in pixels (the strip at the bottom of the screen).
  virtual int band_height() const = 0;
  // Refresh period in nanoseconds when known (vsync), else the configured frame period.
  virtual std::int64_t refresh_period_ns() const = 0;
  // Average advance of one headline character in px (speeds in characters per second).
  virtual double average_char_width() const = 0;
  // Rasterises the runs once, side by side, onto the strip's opaque background, and keeps the
  // result until release_text. Errors: kInternal when the text could not be rendered,
  // kInvalidArgument when there is nothing to draw.
  virtual Result<TextInfo> prepare_text(std::span<const TextRun> runs, const TextBox& box) = 0;
  Result<TextInfo> prepare_text(std::span<const TextRun> runs) {
    return prepare_text(runs, TextBox{});
  }
  virtual void release_text(TextId id) = 0;
  // Draws one frame: the commands in order, then presents. No allocation, no rasterisation.
  virtual void draw_frame(std::span<const DrawCommand> commands) = 0;
};

}  // namespace newsticker::app
