// Clock: where animation time comes from. The render loop reads it once per frame.
// Implementations: platform/posix/steady_clock (the real display) and SimulatedClock (headless
// capture and tests), which only moves when told to.
#pragma once

#include <chrono>

namespace newsticker::app {

class Clock {
 public:
  virtual ~Clock() = default;
  // Monotonic time. Main thread only, unless an implementation says otherwise.
  virtual std::chrono::nanoseconds now() const = 0;
};

// A clock that moves only by advance(): the same input gives the same frames.
class SimulatedClock final : public Clock {
 public:
  std::chrono::nanoseconds now() const override { return now_; }
  void advance(std::chrono::nanoseconds step) { now_ += step; }
  void set(std::chrono::nanoseconds t) { now_ = t; }

 private:
  std::chrono::nanoseconds now_{0};
};

}  // namespace newsticker::app
