#include "fetch/fetch_loop.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <regex>
#include <thread>

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

// A FeedSource with a scripted answer per call, for the scheduler tests on a manual clock.
class QueueSource final : public FeedSource {
 public:
  Result<FetchedFeed> fetch(const FeedRequest& request, std::stop_token) override {
    requests.push_back(request);
    if (next.empty()) return make_error(ErrorKind::kConnect, "nothing scripted");
    auto answer = std::move(next.front());
    next.erase(next.begin());
    return answer;
  }
  std::vector<Result<FetchedFeed>> next;
  std::vector<FeedRequest> requests;
};

FetchedFeed ok_answer(std::string body = kRss) {
  FetchedFeed fetched;
  fetched.http_status = 200;
  fetched.body = std::move(body);
  fetched.etag = "\"v1\"";
  fetched.last_modified = "Thu, 01 Jan 2026 12:00:00 GMT";
  return fetched;
}

class MemoryStore final : public FeedStore {
 public:
  Result<void> save(const StoredFeed& feed) override {
    if (full) return make_error(ErrorKind::kIo, "No space left on device");
    ++saves;
    files[feed.url] = encode_stored_feed(feed);
    return {};
  }
  Result<StoredFeed> load(std::string_view url) override {
    auto found = files.find(std::string(url));
    if (found == files.end()) return make_error(ErrorKind::kIo, "missing");
    return decode_stored_feed(found->second);
  }
  std::map<std::string, std::string> files;
  int saves = 0;
  bool full = false;
};

FetchLoopOptions manual(const FetchClock& clock, FeedStore* store = nullptr) {
  FetchLoopOptions options;
  options.clock = &clock;
  options.store = store;
  options.jitter_seed = 42;
  options.policy.jitter = 0.0;  // exact delays in these tests
  return options;
}

TEST(FetchLoopSchedule, RefreshTtlAndMaxAgeOnAManualClock) {
  ManualFetchClock clock;
  QueueSource source;
  HeadlineRing ring(10);
  NullLogSink log;
  FetchLoop loop(one_feed(), "", source, ring, log, manual(clock));
  source.next.push_back(ok_answer());
  auto due = loop.run_due();
  EXPECT_EQ(due - clock.now(), std::chrono::nanoseconds(300s));  // the default 5 minutes
  EXPECT_EQ(ring.size(), 2u);
  // Nothing is due before then.
  clock.advance(299s);
  EXPECT_EQ(loop.run_due(), due);
  EXPECT_EQ(source.requests.size(), 1u);
  // A 304 with max-age 900 moves the next attempt to 15 minutes; the request was conditional.
  clock.set(due);
  FetchedFeed not_modified;
  not_modified.http_status = 304;
  not_modified.not_modified = true;
  not_modified.max_age = 900s;
  source.next.push_back(not_modified);
  due = loop.run_due();
  EXPECT_EQ(source.requests.back().etag, "\"v1\"");
  EXPECT_EQ(due - clock.now(), std::chrono::nanoseconds(900s));
  auto status = loop.statuses()[0];
  EXPECT_TRUE(status.not_modified);
  EXPECT_EQ(status.http_status, 304);
  EXPECT_FALSE(status.error);
  ASSERT_TRUE(status.next_attempt);
  EXPECT_EQ(*status.next_attempt - *status.last_attempt, 900s);
}

TEST(FetchLoopSchedule, BackoffThenRetryAfterThenRecovery) {
  ManualFetchClock clock;
  QueueSource source;
  HeadlineRing ring(10);
  NullLogSink log;
  FetchLoop loop(one_feed(), "", source, ring, log, manual(clock));
  source.next.push_back(ok_answer());
  clock.set(loop.run_due());
  std::vector<std::chrono::seconds> delays;
  for (int i = 0; i < 4; ++i) {
    source.next.push_back(make_error(ErrorKind::kConnect, "refused"));
    const auto due = loop.run_due();
    delays.push_back(std::chrono::duration_cast<std::chrono::seconds>(due - clock.now()));
    clock.set(due);
  }
  EXPECT_EQ(delays, (std::vector<std::chrono::seconds>{15s, 30s, 60s, 120s}));
  EXPECT_EQ(loop.statuses()[0].consecutive_failures, 4);
  EXPECT_EQ(ring.size(), 2u);  // the last good headlines are kept
  FetchedFeed busy;
  busy.http_status = 429;
  busy.retry_after = "600";
  source.next.push_back(busy);
  auto due = loop.run_due();
  EXPECT_EQ(due - clock.now(), std::chrono::nanoseconds(600s));
  EXPECT_EQ(*loop.statuses()[0].error, ErrorKind::kHttp);
  EXPECT_NE(loop.statuses()[0].message.find("429"), std::string::npos);
  clock.set(due);
  source.next.push_back(ok_answer());
  due = loop.run_due();
  EXPECT_EQ(due - clock.now(), std::chrono::nanoseconds(300s));
  EXPECT_EQ(loop.statuses()[0].consecutive_failures, 0);
}

TEST(FetchLoopSchedule, ASimulatedWeekRunsFastAndNeverHammers) {
  ManualFetchClock clock;
  QueueSource source;
  HeadlineRing ring(10);
  NullLogSink log;
  FetchLoopOptions options = manual(clock);
  options.policy.jitter = 0.25;
  FetchLoop loop(one_feed(), "", source, ring, log, options);
  int attempts = 0;
  const auto week = std::chrono::nanoseconds(std::chrono::hours(24 * 7));
  while (clock.now() < week) {
    // Down for the second half of the week.
    if (clock.now() < week / 2) source.next.push_back(ok_answer());
    clock.set(loop.run_due());
    ++attempts;
  }
  // 3.5 days at 5 minutes, then backoff capped at 30 minutes (+ jitter).
  EXPECT_GT(attempts, 1008);
  EXPECT_LT(attempts, 1008 + 200);
}

TEST(FetchLoop, ReloadKeepsValidatorsOfUnchangedFeedsAndFetchesAtOnce) {
  ManualFetchClock clock;
  QueueSource source;
  HeadlineRing ring(10);
  NullLogSink log;
  FetchLoop loop(one_feed(), "", source, ring, log, manual(clock));
  source.next.push_back(ok_answer());
  loop.run_due();
  clock.advance(10s);  // long before the 5-minute refresh
  auto feeds = one_feed();
  FeedConfig other;
  other.url = "https://other.example/feed";
  feeds.push_back(other);
  loop.reload(feeds, "/new-ca.pem");
  FetchedFeed not_modified;
  not_modified.http_status = 304;
  not_modified.not_modified = true;
  source.next.push_back(not_modified);
  source.next.push_back(ok_answer());
  loop.run_due();
  ASSERT_EQ(source.requests.size(), 3u);
  EXPECT_EQ(source.requests[1].url, "https://example.org/rss");
  EXPECT_EQ(source.requests[1].etag, "\"v1\"");  // kept
  EXPECT_EQ(source.requests[1].ca_file, "/new-ca.pem");
  EXPECT_EQ(source.requests[2].url, "https://other.example/feed");
  EXPECT_TRUE(source.requests[2].etag.empty());
  auto statuses = loop.statuses();
  ASSERT_EQ(statuses.size(), 2u);
  EXPECT_EQ(statuses[0].attempts, 2u);
}

TEST(FetchLoop, ReloadWhileRunningRestartsAndFetchesAtOnce) {
  ScriptedSource source;
  HeadlineRing ring(10);
  NullLogSink log;
  FetchLoop loop(one_feed(), "", source, ring, log);
  loop.start();
  ASSERT_TRUE(loop.wait_first_round(5s));
  EXPECT_EQ(source.calls, 1);
  loop.reload(one_feed(), "");
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (source.calls < 2 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(1ms);
  EXPECT_EQ(source.calls, 2);
  loop.stop();
}

TEST(FetchLoop, LanesPerHostSoAStalledHostDoesNotDelayOthers) {
  auto stalled = std::make_shared<std::atomic<int>>(0);
  auto fetched = std::make_shared<std::atomic<int>>(0);
  class HostSource final : public FeedSource {
   public:
    HostSource(std::shared_ptr<std::atomic<int>> stalled, std::shared_ptr<std::atomic<int>> fetched)
        : stalled_(std::move(stalled)), fetched_(std::move(fetched)) {}
    Result<FetchedFeed> fetch(const FeedRequest& request, std::stop_token stop) override {
      if (request.url.find("slow.example") != std::string::npos) {
        ++*stalled_;
        while (!stop.stop_requested()) std::this_thread::sleep_for(1ms);
        return make_error(ErrorKind::kCancelled, "stopped");
      }
      ++*fetched_;
      return ok_answer();
    }

   private:
    std::shared_ptr<std::atomic<int>> stalled_, fetched_;
  };
  std::vector<FeedConfig> feeds(2);
  feeds[0].url = "https://slow.example/rss";
  feeds[1].url = "https://fast.example/rss";
  HeadlineRing ring(10);
  NullLogSink log;
  FetchLoop loop(
      feeds, "", [&] { return std::make_unique<HostSource>(stalled, fetched); }, ring, log);
  loop.start();
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  // The fast host's headlines arrive while the slow host's transfer is still stalled.
  while ((ring.size() < 2 || *stalled == 0) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(1ms);
  }
  EXPECT_EQ(*fetched, 1);
  EXPECT_EQ(*stalled, 1);
  EXPECT_EQ(ring.size(), 2u);
  const auto before = std::chrono::steady_clock::now();
  loop.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - before, 200ms);
}

TEST(FetchLoopStore, RestoresBeforeFetchingAndABadAnswerNeverOverwrites) {
  ManualFetchClock clock;
  MemoryStore store;
  {
    QueueSource source;
    HeadlineRing ring(10);
    NullLogSink log;
    FetchLoop loop(one_feed(), "", source, ring, log, manual(clock, &store));
    source.next.push_back(ok_answer());
    loop.run_due();
    EXPECT_EQ(store.saves, 1);
    clock.advance(600s);
    source.next.push_back(ok_answer("<html><body>captive portal</body></html>"));
    loop.run_due();
    EXPECT_EQ(store.saves, 1);  // not overwritten
  }
  QueueSource source;
  HeadlineRing ring(10);
  CollectingLog log;
  FetchLoop loop(one_feed(), "", source, ring, log, manual(clock, &store));
  loop.restore_from_store();
  EXPECT_EQ(ring.size(), 2u);  // before any request
  EXPECT_TRUE(source.requests.empty());
  EXPECT_TRUE(loop.stale_as_of());  // shown as "as of" until a fetch succeeds
  source.next.push_back(make_error(ErrorKind::kDns, "no network"));
  loop.run_due();
  EXPECT_EQ(source.requests[0].etag, "\"v1\"");  // validators persisted across restarts
  EXPECT_EQ(ring.size(), 2u);
  clock.advance(20s);
  FetchedFeed not_modified;
  not_modified.http_status = 304;
  not_modified.not_modified = true;
  source.next.push_back(not_modified);
  loop.run_due();
  EXPECT_FALSE(loop.stale_as_of());
}

TEST(FetchLoopStore, CorruptStoreIsLoggedOnceAndIgnored) {
  ManualFetchClock clock;
  MemoryStore store;
  store.files["https://example.org/rss"] = "newsticker-store 1 12 00000000\n{\"trunc";
  QueueSource source;
  HeadlineRing ring(10);
  CollectingLog log;
  FetchLoop loop(one_feed(), "", source, ring, log, manual(clock, &store));
  loop.restore_from_store();
  EXPECT_EQ(ring.size(), 0u);
  std::lock_guard lock(log.mutex);
  ASSERT_EQ(log.lines.size(), 1u);
  EXPECT_NE(log.lines[0].find("parse"), std::string::npos);
}

TEST(FetchLoopStore, FullDiskIsLoggedOnceAndFetchingGoesOn) {
  ManualFetchClock clock;
  MemoryStore store;
  store.full = true;
  QueueSource source;
  HeadlineRing ring(10);
  CollectingLog log;
  FetchLoop loop(one_feed(), "", source, ring, log, manual(clock, &store));
  for (int i = 0; i < 3; ++i) {
    source.next.push_back(ok_answer());
    clock.set(loop.run_due());
  }
  EXPECT_EQ(ring.size(), 2u);
  std::lock_guard lock(log.mutex);
  int store_lines = 0;
  for (const auto& line : log.lines) store_lines += line.find("offline store") != std::string::npos;
  EXPECT_EQ(store_lines, 1);
}

TEST(FetchLoopFilter, ExcludeWordsRegexAndMaxAge) {
  ManualFetchClock clock(UtcSeconds{std::chrono::sys_days{std::chrono::year{2026} / 1 / 2}});
  QueueSource source;
  HeadlineRing ring(10);
  NullLogSink log;
  auto feeds = one_feed();
  feeds[0].exclude = {"sponsored"};
  feeds[0].exclude_pattern = std::make_shared<const std::regex>("^Ad:", std::regex::icase);
  FetchLoopOptions options = manual(clock);
  options.max_age = std::chrono::hours(24);
  FetchLoop loop(feeds, "", source, ring, log, options);
  source.next.push_back(ok_answer(R"(<rss version="2.0"><channel><title>F</title>
<item><title>Keep me</title><guid>1</guid><pubDate>Thu, 01 Jan 2026 12:00:00 GMT</pubDate></item>
<item><title>A SPONSORED story</title><guid>2</guid></item>
<item><title>ad: buy now</title><guid>3</guid></item>
<item><title>Too old</title><guid>4</guid><pubDate>Mon, 29 Dec 2025 12:00:00 GMT</pubDate></item>
</channel></rss>)"));
  loop.run_due();
  auto held = ring.snapshot();
  ASSERT_EQ(held.size(), 1u);
  EXPECT_EQ(held[0].title, "Keep me");
  EXPECT_EQ(held[0].source, "Example");
  // It ages out while held.
  clock.advance(std::chrono::hours(24));
  loop.run_due();
  EXPECT_EQ(ring.size(), 0u);
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
