// Crawl: which headline strips are in the band, and where. Pure logic: no drawing, no clock.
//
// Strips live on one endless horizontal line in "crawl coordinates" (pixels since the crawl
// started). A strip, once placed, never moves on that line; the band shows the window
// [offset, offset + band_width). New strips are appended at the right end when the end of the
// line comes into view, taking the next headline of the current snapshot; strips that have
// left on the left are dropped. So positions depend only on the offset (time), and a new snapshot
// never makes the crawl jump: it only changes which headline comes next.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/headline.h"
#include "ports/display.h"

namespace newsticker::app {

// The runs one headline is drawn from: source badge, headline, dateline summary, separator.
std::vector<TextRun> crawl_runs(const Headline& headline);

// The key that names a headline across snapshots (id, else link, else source + title).
std::string headline_key(const Headline& headline);

struct PlacedStrip {
  std::string key;
  TextId text = kNoText;
  std::int64_t start = 0;  // crawl coordinate of the left edge
  int width = 0;
};

class Crawl {
 public:
  // Prepares the strip for a headline (rasterises once); kNoText when it can't.
  using Prepare = std::function<TextInfo(const Headline&)>;
  // Called when a strip has left the band and no longer needs its text.
  using Release = std::function<void(TextId)>;

  Crawl(int band_width, int gap_px) : band_width_(band_width), gap_px_(gap_px) {}

  // Replaces the list of headlines to cycle through; the next strip appended is the one after the
  // last appended headline in the new list (or its first, when that one is gone).
  void set_headlines(std::vector<Headline> headlines);

  // Moves the window to `offset` (non-decreasing), appending and dropping strips as needed.
  void advance(std::int64_t offset, const Prepare& prepare, const Release& release);

  // Draw commands for the current window, band-relative x. `out` is reused (no allocation once it
  // has grown to the number of visible strips).
  void draw_commands(std::vector<DrawCommand>& out) const;

  const std::deque<PlacedStrip>& strips() const { return strips_; }
  bool empty() const { return strips_.empty(); }
  const std::vector<Headline>& headlines() const { return headlines_; }

 private:
  int band_width_;
  int gap_px_;
  std::int64_t offset_ = 0;
  std::vector<Headline> headlines_;
  std::size_t next_index_ = 0;
  std::string last_appended_key_;
  std::deque<PlacedStrip> strips_;
};

}  // namespace newsticker::app
