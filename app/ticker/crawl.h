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

// The key that names a headline across snapshots: a 64-bit FNV-1a hash of its id, else its link,
// else its source + title. A hash rather than the string, so that placing a strip, looking it up
// in the cache and sweeping the cache need no string copies and no allocation (a collision between
// two live headlines is about 1 in 10^16 for a ring of 5000).
using HeadlineKey = std::uint64_t;
HeadlineKey headline_key(const Headline& headline);

struct PlacedStrip {
  HeadlineKey key = 0;   // the strip's cache key (headline and variant)
  HeadlineKey base = 0;  // headline_key of its headline
  TextId text = kNoText;
  std::int64_t start = 0;  // crawl coordinate of the left edge
  int width = 0;
};

class Crawl {
 public:
  // Prepares the strip for a headline (rasterises once); kNoText when it can't. `base` is
  // headline_key(headline), computed once per snapshot; `key` receives the strip's cache key.
  using Prepare = std::function<TextInfo(const Headline&, HeadlineKey base, HeadlineKey& key)>;
  // Called when a strip has left the band and no longer needs its text.
  using Release = std::function<void(TextId)>;

  // `lead_px`: where the very first strip starts in the band (after a title tab), so the first
  // item is not hidden under it.
  Crawl(int band_width, int gap_px, int lead_px = 0)
      : band_width_(band_width), gap_px_(gap_px), lead_px_(lead_px) {
    strips_.reserve(32);
  }

  void set_lead(int lead_px) { lead_px_ = lead_px; }

  // Replaces the list of headlines to cycle through; the next strip appended is the one after the
  // last appended headline in the new list (or its first, when that one is gone, or when
  // `next` is kFirst: breaking news goes next).
  enum class Next { kAfterLast, kFirst };
  void set_headlines(std::vector<Headline> headlines, Next next = Next::kAfterLast);

  // Moves the window to `offset` (non-decreasing), appending and dropping strips as needed.
  void advance(std::int64_t offset, const Prepare& prepare, const Release& release);

  // Appends the copy commands of the current window (band-relative x, at row `y`). `out` is
  // reused (no allocation once it has grown to the number of visible strips).
  void draw_commands(std::vector<DrawCommand>& out, int y = 0) const;

  // Strips on the line, left to right; the first may already be partly off screen.
  const std::vector<PlacedStrip>& strips() const { return strips_; }
  bool empty() const { return strips_.empty(); }
  const std::vector<Headline>& headlines() const { return headlines_; }
  // headline_key of each of headlines(), same order.
  const std::vector<HeadlineKey>& keys() const { return keys_; }
  // The same keys, sorted (for the cache's sweep).
  const std::vector<HeadlineKey>& sorted_keys() const { return sorted_keys_; }
  std::int64_t offset() const { return offset_; }

 private:
  int band_width_;
  int gap_px_;
  int lead_px_;
  std::int64_t offset_ = 0;
  std::vector<Headline> headlines_;
  std::vector<HeadlineKey> keys_;
  std::vector<HeadlineKey> sorted_keys_;
  std::size_t next_index_ = 0;
  HeadlineKey last_appended_key_ = 0;
  bool appended_any_ = false;
  // A vector, not a deque: a deque allocates and frees a block every few strips as the crawl
  // moves; this one reaches its size (a dozen strips) once and then never allocates. Dropping
  // the front shifts a handful of small elements.
  std::vector<PlacedStrip> strips_;
};

}  // namespace newsticker::app
