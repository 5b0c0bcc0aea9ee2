// FetchClock: where the fetch loop takes time from. The real one reads the system clocks; tests
// and the soak test use ManualFetchClock and drive FetchLoop::run_due() without threads, so a
// simulated week of refreshes runs in milliseconds.
#pragma once

#include <atomic>
#include <chrono>

#include "core/headline.h"

namespace newsticker::app {

class FetchClock {
 public:
  virtual ~FetchClock() = default;
  // Monotonic time for due times. Any thread.
  virtual std::chrono::nanoseconds now() const = 0;
  // Wall-clock time for the status file, stored headlines and Retry-After dates. Any thread.
  virtual UtcSeconds utc_now() const = 0;
};

class RealFetchClock final : public FetchClock {
 public:
  std::chrono::nanoseconds now() const override {
    return std::chrono::steady_clock::now().time_since_epoch();
  }
  UtcSeconds utc_now() const override {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  }
};

// Moves only by advance(); UTC moves with it. Any thread (atomics).
class ManualFetchClock final : public FetchClock {
 public:
  explicit ManualFetchClock(UtcSeconds utc_start = UtcSeconds{std::chrono::seconds{1767268800}})
      : utc_start_(utc_start) {}
  std::chrono::nanoseconds now() const override { return std::chrono::nanoseconds(now_.load()); }
  UtcSeconds utc_now() const override {
    return utc_start_ + std::chrono::floor<std::chrono::seconds>(now());
  }
  void advance(std::chrono::nanoseconds step) { now_.fetch_add(step.count()); }
  void set(std::chrono::nanoseconds t) { now_.store(t.count()); }

 private:
  UtcSeconds utc_start_;
  std::atomic<std::int64_t> now_{0};
};

}  // namespace newsticker::app
