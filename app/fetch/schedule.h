// Refresh policy of the fetch loop, as pure functions of time so that a simulated week runs in
// milliseconds. All durations are whole seconds; `now` values come from the caller's clock.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

#include "core/headline.h"

namespace newsticker::app {

struct SchedulePolicy {
  std::chrono::seconds first_retry{15};      // delay after the first failure
  std::chrono::seconds backoff_cap{1800};    // longest backoff (never shorter than the refresh)
  std::chrono::seconds longest_hint{86400};  // ttl, max-age and Retry-After are capped to a day
  double jitter = 0.25;                      // a backoff is stretched by up to this fraction
};

// What an attempt told the scheduler.
struct AttemptOutcome {
  int consecutive_failures = 0;                     // after this attempt; 0 = success or 304
  std::optional<std::chrono::seconds> ttl;          // RSS <ttl> of the last good document
  std::optional<std::chrono::seconds> max_age;      // Cache-Control: max-age of this answer
  std::optional<std::chrono::seconds> retry_after;  // Retry-After of a 429/503, resolved
};

// Delay until the next attempt. After a success: the refresh interval, raised to the feed's
// <ttl> and the answer's max-age (lower bounds; publishers ask for them). After a failure:
// first_retry doubled per further failure, capped at max(refresh, backoff_cap), stretched by a
// jitter of `jitter_unit` (in [0, 1)) times policy.jitter so that kiosks that lost the network
// together do not return together; raised to Retry-After when the server sent one.
std::chrono::seconds next_attempt_delay(std::chrono::seconds refresh, const AttemptOutcome& outcome,
                                        double jitter_unit, const SchedulePolicy& policy = {});

// The old interface: no hints, no jitter.
std::chrono::seconds next_attempt_delay(std::chrono::seconds refresh, int consecutive_failures);

// "Cache-Control: public, max-age=600" -> 600 s. none when absent or malformed; no-cache and
// no-store give none (they are no lower bound).
std::optional<std::chrono::seconds> parse_max_age(std::string_view cache_control);

// Retry-After as delta-seconds ("120") or an HTTP date, relative to `now`. none when malformed;
// a date in the past gives 0 s.
std::optional<std::chrono::seconds> parse_retry_after(std::string_view value, UtcSeconds now);

}  // namespace newsticker::app
