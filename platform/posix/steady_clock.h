// SteadyClock: the real monotonic clock, for a real display.
#pragma once

#include <chrono>

#include "ports/clock.h"

namespace newsticker::platform {

class SteadyClock final : public app::Clock {
 public:
  std::chrono::nanoseconds now() const override {
    return std::chrono::steady_clock::now().time_since_epoch();
  }
};

}  // namespace newsticker::platform
