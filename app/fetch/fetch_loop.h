// FetchLoop: the fetch threads. Each feed has its own due time; when it is due, the loop fetches
// it through a FeedSource, parses the answer, filters it and inserts the headlines into the ring,
// stores a good answer in the offline store, and schedules the next attempt (fetch/schedule.h).
// It never touches the display.
//
// Threads: feeds are spread over "lanes" by host (at most FetchLoopOptions::max_lanes; feeds of
// one host share a lane so they share its connection). Each lane is a std::jthread with its own
// FeedSource from the factory, so a slow or stalled host delays only the feeds of its own lane;
// every transfer is bounded by the source's timeouts anyway. With a single borrowed FeedSource
// there is one lane. stop() (or the destructor) requests stop, which cancels transfers in progress
// (the FeedSource watches the stop token) and wakes the waits, then joins.
// start(), stop(), reload() and restore_from_store() are for one controlling thread at a time,
// never the render thread: stop() and reload() join the lanes, which may be parsing or writing
// the store (the ticker calls reload() from its ReloadWorker). statuses(), stale_as_of() and
// wait_first_round() are safe from any thread.
//
// Tests and soak runs can skip the threads: restore_from_store(), then run_due() repeatedly on a
// ManualFetchClock, advancing it to the returned due time.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <stop_token>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/config.h"
#include "core/result.h"
#include "fetch/fetch_clock.h"
#include "fetch/schedule.h"
#include "ports/feed_source.h"
#include "ports/log_sink.h"
#include "ring/headline_ring.h"
#include "store/feed_store.h"

namespace newsticker::app {

// What happened at the last attempt on one feed (the status file's per-feed entry).
struct FeedStatus {
  std::string url;
  std::string name;
  long http_status = 0;
  std::optional<ErrorKind> error;  // none after a success or a 304
  std::string message;
  std::size_t items = 0;  // items in the last good document
  int consecutive_failures = 0;
  std::uint64_t attempts = 0;
  std::optional<UtcSeconds> last_attempt;
  std::optional<UtcSeconds> last_success;  // a 200 with a feed, or a 304; restored from the store
  bool not_modified = false;               // the last answer was a 304
  std::uint64_t bytes_received = 0;        // decoded body bytes of the last answer
  std::uint64_t total_bytes_received = 0;  // since start
  std::optional<UtcSeconds> next_attempt;
  bool from_store = false;  // the headlines held for it came from the offline store, not this run
  std::chrono::seconds refresh{300};  // the configured interval
};

using FeedSourceFactory = std::function<std::unique_ptr<FeedSource>()>;

// What an article page gave for an item without a summary.
struct ArticleSummary {
  std::string lede;
  std::string dateline;
  std::string agency;
};

struct FetchLoopOptions {
  const FetchClock* clock = nullptr;  // null = the real clocks
  FeedStore* store = nullptr;         // null = no offline store
  SchedulePolicy policy;
  std::size_t max_lanes = 4;
  std::uint64_t jitter_seed = 0;  // 0 = random
  std::size_t max_body_bytes = 8u << 20;
  std::chrono::hours max_age{0};  // drop items published longer ago; 0 = keep all
  // Article pages fetched per refresh of a feed with article_summaries (the rest wait for the
  // next refresh), and the size cap of one page.
  std::size_t articles_per_refresh = 3;
  std::size_t max_article_bytes = 2u << 20;
  // Called on a fetch thread after each attempt (the status file is rewritten then). Keep it
  // short and thread-safe.
  std::function<void()> after_attempt;
};

class FetchLoop {
 public:
  // One lane, fetching through `source` (which must outlive the loop).
  FetchLoop(std::vector<FeedConfig> feeds, std::string global_ca_file, FeedSource& source,
            HeadlineRing& ring, LogSink& log, FetchLoopOptions options = {});
  // Up to options.max_lanes lanes, each with a source made by `factory`.
  FetchLoop(std::vector<FeedConfig> feeds, std::string global_ca_file, FeedSourceFactory factory,
            HeadlineRing& ring, LogSink& log, FetchLoopOptions options = {});
  ~FetchLoop();
  FetchLoop(const FetchLoop&) = delete;
  FetchLoop& operator=(const FetchLoop&) = delete;

  // Fills the ring and the validators from the offline store (no network). Idempotent; start()
  // calls it first when it was not called.
  void restore_from_store();
  void start();
  // Requests stop and joins; returns once every lane has ended. Idempotent.
  void stop();
  // Replaces the feeds (SIGHUP). Feeds whose URL is unchanged keep their validators, status and
  // stored headlines; every feed is due at once. A transfer in progress is cancelled. When the
  // loop was running it runs again on return.
  void reload(std::vector<FeedConfig> feeds, std::string global_ca_file);

  // Without threads: fetches every feed that is due at the clock's now(), in order, and returns
  // the clock time at which the next one is due. Not while started.
  std::chrono::nanoseconds run_due(std::stop_token stop = {});

  // Blocks until every feed has been attempted once, or the timeout passes. Returns whether the
  // first round finished. (Headless capture waits on this so its frames show fetched news.)
  bool wait_first_round(std::chrono::milliseconds timeout);
  std::vector<FeedStatus> statuses() const;
  // When no feed has had a good answer recently (within twice its refresh interval, at least
  // 10 minutes) but headlines are held: the time of the newest good answer, for "as of HH:MM".
  std::optional<UtcSeconds> stale_as_of() const;

 private:
  struct FeedState {
    FeedConfig config;
    FeedStatus status;
    std::string etag;
    std::string last_modified;
    std::optional<std::chrono::seconds> ttl;
    std::chrono::nanoseconds due{0};  // clock time
    std::size_t lane = 0;
    bool restored = false;
    // Summaries taken from article pages, by link; an empty lede means "tried, nothing usable",
    // so a page is fetched once. Bounded: cleared when it reaches kMaxArticleCache.
    std::unordered_map<std::string, ArticleSummary> articles;
  };
  static constexpr std::size_t kMaxArticleCache = 1000;

  FetchLoop(std::vector<FeedConfig> feeds, std::string global_ca_file, FeedSource* source,
            FeedSourceFactory factory, HeadlineRing& ring, LogSink& log, FetchLoopOptions options);
  void assign_lanes();
  FeedSource& source_for(std::size_t lane);
  std::size_t lane_count() const;
  void restore_one(FeedState& feed);
  void run_lane(std::size_t lane, std::stop_token stop);
  // Fetches due feeds of `lane` (all lanes when npos); returns the next due time among them.
  std::chrono::nanoseconds run_due_in(std::size_t lane, FeedSource& source, std::stop_token stop);
  void fetch_one(FeedState& feed, FeedSource& source, std::stop_token stop);
  std::vector<Headline> filter(const FeedState& feed, std::vector<Headline> items) const;
  // Fills the summary of items that have none from their article page (opt-in per feed).
  void summarise_from_articles(FeedState& feed, std::vector<Headline>& items, FeedSource& source,
                               std::stop_token stop);
  void publish(const FeedState& feed);
  double next_jitter();

  std::vector<FeedState> feeds_;  // each FeedState is touched only by its lane's thread
  std::string global_ca_file_;
  FeedSource* borrowed_source_ = nullptr;
  FeedSourceFactory factory_;
  std::vector<std::unique_ptr<FeedSource>> lane_sources_;
  HeadlineRing& ring_;
  LogSink& log_;
  FetchLoopOptions options_;
  RealFetchClock real_clock_;
  const FetchClock& clock_;
  bool restored_ = false;

  mutable std::mutex status_mutex_;
  std::condition_variable_any first_round_cv_;
  std::size_t lanes_without_first_round_ = 0;
  bool started_once_ = false;
  std::vector<FeedStatus> statuses_;  // same order as feeds_
  std::mutex jitter_mutex_;
  std::mt19937_64 jitter_engine_;
  std::mutex store_log_mutex_;
  bool store_failure_logged_ = false;

  std::vector<std::jthread> lanes_;  // last: joined before the members above are destroyed
};

}  // namespace newsticker::app
