// Crawl motion as a pure function of time. The crawl moves a whole number of pixels per display
// refresh, so every frame moves by the same step (no judder), and the position after a dropped
// frame is where time says it should be (the frame index comes from time, not from a counter).
#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>

namespace newsticker::app {

struct Motion {
  std::int64_t refresh_period_ns = 16'666'667;  // one display refresh
  std::int64_t px_per_refresh = 2;
};

// Rounds the requested speed to a whole number of pixels per refresh (at least 1).
inline Motion make_motion(double speed_px_per_s, std::int64_t refresh_period_ns) {
  Motion motion;
  motion.refresh_period_ns = refresh_period_ns > 0 ? refresh_period_ns : 16'666'667;
  const double per_refresh = speed_px_per_s * static_cast<double>(motion.refresh_period_ns) / 1e9;
  motion.px_per_refresh = std::max<std::int64_t>(1, std::llround(per_refresh));
  return motion;
}

// A speed in average characters per second, in px/s for a face whose average advance is
// `average_char_px` (so the same setting reads the same on a 480 px and a 2160 px screen).
inline double speed_from_cps(double chars_per_s, double average_char_px) {
  return chars_per_s * std::max(1.0, average_char_px);
}

// The speed the crawl really moves at, in px/s.
inline double effective_speed(const Motion& motion) {
  return static_cast<double>(motion.px_per_refresh) * 1e9 /
         static_cast<double>(motion.refresh_period_ns);
}

// Pixels the crawl has moved `elapsed` after it started. The refresh index is rounded to the
// nearest refresh, so presentation-time jitter of less than half a period never changes a step.
inline std::int64_t crawl_offset_px(std::chrono::nanoseconds elapsed, const Motion& motion) {
  const std::int64_t ns = elapsed.count();
  const std::int64_t half = motion.refresh_period_ns / 2;
  const std::int64_t refreshes = (ns >= 0 ? ns + half : ns - half) / motion.refresh_period_ns;
  return refreshes * motion.px_per_refresh;
}

}  // namespace newsticker::app
