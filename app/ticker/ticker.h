// Ticker: one frame of the band as a function of time. Pulls a new snapshot from the ring only
// when its generation moved, lays the band out for the configured layout, and draws. Main thread
// only.
//
// Steady state (no new headlines) a frame does no rasterisation, no string work and no heap
// allocation: one atomic load, arithmetic, cache look-ups on 64-bit keys, and texture copies.
// Strips entering the band are found in the cache; only a headline's first appearance (or a
// changed label: the clock each minute, "12 min ago") rasterises.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/config.h"
#include "ports/display.h"
#include "ring/headline_ring.h"
#include "ticker/crawl.h"
#include "ticker/layout.h"
#include "ticker/motion.h"
#include "ticker/strip_cache.h"

namespace newsticker::app {

struct TickerOptions {
  Layout layout = Layout::kCrawl;
  double speed_px_per_s = 120.0;  // resolved (speed_cps converted by the caller)
  std::string title;              // title tab; empty = none
  bool clock = false;
  bool relative_time = false;
  std::chrono::seconds flip_hold{6};
  bool burn_in_shift = true;
  BreakingConfig breaking;
  ScheduleConfig schedule;
};

// The ticker's options from the config, with the speed resolved for `display`.
TickerOptions ticker_options(const Config& config, const Display& display);

// Wall-clock time, for labels and the schedule (animation uses the monotonic time only).
struct WallTime {
  bool known = false;
  UtcSeconds utc{};
  int local_minute = 0;  // 0..1439
};

class Ticker {
 public:
  // `start` is the clock time at which the crawl's offset is zero.
  Ticker(Display& display, const HeadlineRing& ring, TickerOptions options,
         std::chrono::nanoseconds start);
  Ticker(Display& display, const HeadlineRing& ring, double speed_px_per_s,
         std::chrono::nanoseconds start);
  ~Ticker();
  Ticker(const Ticker&) = delete;
  Ticker& operator=(const Ticker&) = delete;

  // Draws the frame for monotonic time `now`, and wall time `wall` (labels, clock, schedule).
  void frame(std::chrono::nanoseconds now, const WallTime& wall = {});

  // A short status shown at the left end of the band over the crawl ("as of 14:05" while the
  // headlines are stale); empty = none. Rasterised once per change, so calling it every frame
  // with the same text costs a string compare.
  void set_status(std::string_view text);

  const Motion& motion() const { return motion_; }
  const Crawl& crawl() const { return crawl_; }
  const StripCache& cache() const { return cache_; }
  std::int64_t offset() const { return offset_; }

 private:
  struct Label {  // a prepared static text
    TextId id = kNoText;
    int width = 0;
  };
  void update_snapshot(const WallTime& wall);
  StripVariant variant_for(std::size_t index, const WallTime& wall) const;
  void draw_crawl(std::chrono::nanoseconds now, const WallTime& wall);
  void draw_two_line(std::chrono::nanoseconds now, const WallTime& wall);
  void draw_flip(std::chrono::nanoseconds now, const WallTime& wall);
  void draw_overlays(std::chrono::nanoseconds now, const WallTime& wall);
  void draw_waiting(int row_height);
  void update_clock(const WallTime& wall);
  int clock_pad() const;
  int clock_reserve() const;  // px the clock takes at the right of the top line (0 without it)
  void sweep_caches();
  void set_label(Label& label, std::string_view text, TextStyle style, const TextBox& box);

  Display& display_;
  const HeadlineRing& ring_;
  TickerOptions options_;
  Motion motion_;
  std::chrono::nanoseconds start_;
  int width_;
  int band_;
  int top_height_;     // the headline line (the whole band for crawl)
  int bottom_height_;  // the summary line (two-line, flip); 0 for crawl
  TextBox top_box_;
  TextBox bottom_box_;
  Crawl crawl_;
  StripCache cache_;      // crawl strips, or the top lines of two-line and flip
  StripCache summaries_;  // bottom lines of two-line and flip
  std::uint64_t known_generation_ = 0;
  std::vector<Headline> snapshot_;
  std::vector<bool> breaking_now_;          // by crawl index: shown as breaking
  std::vector<TextDirection> direction_;    // by crawl index: of the title (aligns its lines)
  std::vector<HeadlineKey> breaking_keys_;  // sorted: the items that were breaking
  UtcSeconds next_breaking_change_ = UtcSeconds::max();
  std::vector<DrawCommand> commands_;
  std::vector<HeadlineKey> on_screen_;
  HeadlineKey flip_keys_[4] = {};  // flip: the strips of the current and the previous card
  std::size_t last_strip_count_ = 0;
  // two-line: the current item (the strip under the reading point) and when it became current.
  HeadlineKey current_key_ = 0;
  std::size_t current_index_ = 0;
  std::chrono::nanoseconds current_since_{0};
  HeadlineKey current_summary_ = 0;
  std::string status_text_;
  TextId status_ = kNoText;
  int status_width_ = 0;
  Label waiting_;
  Label title_;
  Label clock_;
  int clock_minute_ = -1;
  std::int64_t offset_ = 0;
};

}  // namespace newsticker::app
