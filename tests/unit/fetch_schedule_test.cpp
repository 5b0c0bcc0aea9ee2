#include <gtest/gtest.h>

#include "fetch/schedule.h"

namespace newsticker::app {
namespace {

using namespace std::chrono_literals;

TEST(FetchSchedule, SuccessUsesRefreshRaisedByTtlAndMaxAge) {
  AttemptOutcome ok;
  EXPECT_EQ(next_attempt_delay(300s, ok, 0.9), 300s);
  ok.ttl = 60s;  // lower than the refresh: no effect
  EXPECT_EQ(next_attempt_delay(300s, ok, 0.9), 300s);
  ok.ttl = 900s;
  EXPECT_EQ(next_attempt_delay(300s, ok, 0.9), 900s);
  ok.max_age = 1200s;
  EXPECT_EQ(next_attempt_delay(300s, ok, 0.9), 1200s);
  ok.max_age = 10 * 86400s;  // capped to a day
  EXPECT_EQ(next_attempt_delay(300s, ok, 0.9), 86400s);
}

TEST(FetchSchedule, FailuresBackOffExponentiallyWithJitterUpToTheCap) {
  AttemptOutcome failed;
  SchedulePolicy policy;  // 15 s first, cap 30 min, jitter 25 %
  failed.consecutive_failures = 1;
  EXPECT_EQ(next_attempt_delay(300s, failed, 0.0, policy), 15s);
  failed.consecutive_failures = 2;
  EXPECT_EQ(next_attempt_delay(300s, failed, 0.0, policy), 30s);
  EXPECT_EQ(next_attempt_delay(300s, failed, 0.999, policy), 37s);
  failed.consecutive_failures = 30;
  EXPECT_EQ(next_attempt_delay(300s, failed, 0.0, policy), 1800s);
  EXPECT_LE(next_attempt_delay(300s, failed, 0.999, policy), 2250s);
  // A refresh longer than the cap is the cap.
  EXPECT_EQ(next_attempt_delay(7200s, failed, 0.0, policy), 7200s);
}

TEST(FetchSchedule, RetryAfterIsALowerBound) {
  AttemptOutcome failed;
  failed.consecutive_failures = 1;
  failed.retry_after = 120s;
  EXPECT_EQ(next_attempt_delay(300s, failed, 0.0), 120s);
  failed.retry_after = 5s;
  EXPECT_EQ(next_attempt_delay(300s, failed, 0.0), 15s);
}

TEST(FetchSchedule, ParsesCacheControlMaxAge) {
  EXPECT_EQ(parse_max_age("max-age=60"), 60s);
  EXPECT_EQ(parse_max_age("public, MAX-AGE = 600 , must-revalidate"), 600s);
  EXPECT_EQ(parse_max_age("max-age=\"30\""), 30s);
  EXPECT_FALSE(parse_max_age("no-cache, max-age=60"));
  EXPECT_FALSE(parse_max_age("max-age=-1"));
  EXPECT_FALSE(parse_max_age("max-age=abc"));
  EXPECT_FALSE(parse_max_age(""));
}

TEST(FetchSchedule, ParsesRetryAfterSecondsAndHttpDates) {
  const UtcSeconds now = std::chrono::sys_days{std::chrono::year{2026} / 1 / 1} + 12h;
  EXPECT_EQ(parse_retry_after("120", now), 120s);
  EXPECT_EQ(parse_retry_after(" 30 ", now), 30s);
  EXPECT_EQ(parse_retry_after("Thu, 01 Jan 2026 12:05:00 GMT", now), 300s);
  EXPECT_EQ(parse_retry_after("Thu, 01 Jan 2026 11:00:00 GMT", now), 0s);
  EXPECT_FALSE(parse_retry_after("soon", now));
  EXPECT_FALSE(parse_retry_after("", now));
  EXPECT_FALSE(parse_retry_after("12abc", now));
}

}  // namespace
}  // namespace newsticker::app
