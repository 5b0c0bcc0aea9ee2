// Ticker: one frame of the band as a function of time. Pulls a new snapshot from the ring only
// when its generation moved, moves the crawl to where time says, and draws. Main thread only.
//
// Steady state (no new headlines, no strip entering or leaving) a frame does no rasterisation,
// no string work and no heap allocation: one atomic load, arithmetic, and texture copies.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ports/display.h"
#include "ring/headline_ring.h"
#include "ticker/crawl.h"
#include "ticker/motion.h"
#include "ticker/strip_cache.h"

namespace newsticker::app {

class Ticker {
 public:
  // `start` is the clock time at which the crawl's offset is zero.
  Ticker(Display& display, const HeadlineRing& ring, double speed_px_per_s,
         std::chrono::nanoseconds start);
  ~Ticker();
  Ticker(const Ticker&) = delete;
  Ticker& operator=(const Ticker&) = delete;

  // Draws the frame for clock time `now`.
  void frame(std::chrono::nanoseconds now);

  // A short status shown at the left end of the band over the crawl ("as of 14:05" while the
  // headlines are stale); empty = none. Rasterised once per change, so calling it every frame
  // with the same text costs a string compare.
  void set_status(std::string_view text);

  const Motion& motion() const { return motion_; }
  const Crawl& crawl() const { return crawl_; }
  const StripCache& cache() const { return cache_; }
  std::int64_t offset() const { return offset_; }

 private:
  Display& display_;
  const HeadlineRing& ring_;
  Motion motion_;
  std::chrono::nanoseconds start_;
  Crawl crawl_;
  StripCache cache_;
  std::uint64_t known_generation_ = 0;
  std::vector<Headline> snapshot_;
  std::vector<DrawCommand> commands_;
  std::size_t last_strip_count_ = 0;
  std::string status_text_;
  TextId status_ = kNoText;
  TextId waiting_ = kNoText;
  int waiting_width_ = 0;
  std::int64_t offset_ = 0;
};

}  // namespace newsticker::app
