#include "fetch/fetch_loop.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>

namespace newsticker::app {
namespace {

using namespace std::chrono_literals;

constexpr const char* kRss = R"(<?xml version="1.0"?>
<rss version="2.0"><channel><title>Fake</title>
<item><title>One</title><link>https://example.org/1</link><guid>1</guid></item>
<item><title>Two</title><link>https://example.org/2</link><guid>2</guid></item>
</channel></rss>)";

// A FeedSource that answers from a script and can block until stopped, like a stalled server.
class ScriptedSource final : public FeedSource {
 public:
  Result<FetchedFeed> fetch(const FeedRequest& request, std::stop_token stop) override {
    ++calls;
    {
      std::lock_guard lock(mutex);
      last_request = request;
    }
    if (stall) {
      while (!stop.stop_requested()) std::this_thread::sleep_for(1ms);
      return make_error(ErrorKind::kCancelled, "stopped");
    }
    if (fail) return make_error(ErrorKind::kConnect, "connection refused");
    FetchedFeed fetched;
    fetched.http_status = 200;
    fetched.body = body;
    fetched.etag = "\"v1\"";
    return fetched;
  }

  std::atomic<int> calls{0};
  std::atomic<bool> stall{false};
  std::atomic<bool> fail{false};
  std::string body = kRss;
  std::mutex mutex;
  FeedRequest last_request;
};

class CollectingLog final : public LogSink {
 public:
  void write(LogLevel, std::string_view line) override {
    std::lock_guard lock(mutex);
    lines.emplace_back(line);
  }
  std::mutex mutex;
  std::vector<std::string> lines;
};

std::vector<FeedConfig> one_feed() {
  FeedConfig feed;
  feed.url = "https://example.org/rss";
  feed.name = "Example";
  return {feed};
}

TEST(FetchLoop, FetchesParsesAndFillsTheRing) {
  ScriptedSource source;
  HeadlineRing ring(10);
  CollectingLog log;
  FetchLoop loop(one_feed(), "/ca.pem", source, ring, log);
  loop.start();
  ASSERT_TRUE(loop.wait_first_round(5s));
  loop.stop();
  auto held = ring.snapshot();
  ASSERT_EQ(held.size(), 2u);
  EXPECT_EQ(held[0].source, "Example");
  EXPECT_EQ(source.last_request.ca_file, "/ca.pem");
  auto status = loop.statuses();
  ASSERT_EQ(status.size(), 1u);
  EXPECT_FALSE(status[0].error.has_value());
  EXPECT_EQ(status[0].items, 2u);
}

TEST(FetchLoop, FailureIsLoggedInOneLineAndKeepsHeadlines) {
  ScriptedSource source;
  source.fail = true;
  HeadlineRing ring(10);
  Headline old_one;
  old_one.id = "old";
  old_one.title = "Kept";
  std::vector<Headline> kept = {old_one};
  ring.insert(kept);
  CollectingLog log;
  FetchLoop loop(one_feed(), "", source, ring, log);
  loop.start();
  ASSERT_TRUE(loop.wait_first_round(5s));
  loop.stop();
  EXPECT_EQ(ring.size(), 1u);
  auto status = loop.statuses();
  ASSERT_TRUE(status[0].error.has_value());
  EXPECT_EQ(*status[0].error, ErrorKind::kConnect);
  EXPECT_EQ(status[0].consecutive_failures, 1);
  std::lock_guard lock(log.mutex);
  ASSERT_EQ(log.lines.size(), 1u);
  EXPECT_NE(log.lines[0].find("Example"), std::string::npos);
  EXPECT_NE(log.lines[0].find("connect"), std::string::npos);
}

TEST(FetchLoop, NotAFeedIsAnErrorAndLosesNothing) {
  ScriptedSource source;
  source.body = "<html><body><p>Hello</p></body></html>";
  HeadlineRing ring(10);
  Headline old_one;
  old_one.id = "old";
  old_one.title = "Kept";
  std::vector<Headline> kept = {old_one};
  ring.insert(kept);
  CollectingLog log;
  FetchLoop loop(one_feed(), "", source, ring, log);
  loop.start();
  ASSERT_TRUE(loop.wait_first_round(5s));
  loop.stop();
  EXPECT_EQ(ring.size(), 1u);
  ASSERT_TRUE(loop.statuses()[0].error.has_value());
  EXPECT_EQ(*loop.statuses()[0].error, ErrorKind::kNotAFeed);
}

TEST(FetchLoop, StopInterruptsATransferInProgress) {
  ScriptedSource source;
  source.stall = true;
  HeadlineRing ring(10);
  NullLogSink log;
  FetchLoop loop(one_feed(), "", source, ring, log);
  loop.start();
  while (source.calls == 0) std::this_thread::sleep_for(1ms);
  const auto before = std::chrono::steady_clock::now();
  loop.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - before, 200ms);
}

TEST(FetchLoop, StopWakesTheWaitBetweenRefreshes) {
  ScriptedSource source;
  HeadlineRing ring(10);
  NullLogSink log;
  FetchLoop loop(one_feed(), "", source, ring, log);
  loop.start();
  ASSERT_TRUE(loop.wait_first_round(5s));
  const auto before = std::chrono::steady_clock::now();
  loop.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - before, 200ms);
  EXPECT_EQ(source.calls, 1);
}

TEST(NextAttemptDelay, BacksOffUpToTheRefreshInterval) {
  EXPECT_EQ(next_attempt_delay(300s, 0), 300s);
  EXPECT_EQ(next_attempt_delay(300s, 1), 15s);
  EXPECT_EQ(next_attempt_delay(300s, 2), 30s);
  EXPECT_EQ(next_attempt_delay(300s, 3), 60s);
  EXPECT_EQ(next_attempt_delay(300s, 10), 300s);
}

}  // namespace
}  // namespace newsticker::app
