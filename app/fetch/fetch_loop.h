// FetchLoop: the fetch thread. It fetches each configured feed in turn through a FeedSource,
// parses the answer and inserts the headlines into the ring. It never touches the display.
//
// Threads: start() launches one std::jthread; the destructor (or stop()) requests stop, which
// cancels a transfer in progress (the FeedSource watches the stop token) and wakes the wait,
// then joins. Everything else is safe from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "core/config.h"
#include "core/result.h"
#include "ports/feed_source.h"
#include "ports/log_sink.h"
#include "ring/headline_ring.h"

namespace newsticker::app {

// What happened at the last attempt on one feed.
struct FeedStatus {
  std::string url;
  std::string name;
  long http_status = 0;
  std::optional<ErrorKind> error;  // none after a success
  std::string message;
  std::size_t items = 0;
  int consecutive_failures = 0;
  std::uint64_t attempts = 0;
};

// Delay before the next attempt: the refresh interval after a success; after failures a backoff
// that doubles from 15 s up to the refresh interval (never more often than every 15 s).
std::chrono::seconds next_attempt_delay(std::chrono::seconds refresh, int consecutive_failures);

class FetchLoop {
 public:
  FetchLoop(std::vector<FeedConfig> feeds, std::string global_ca_file, FeedSource& source,
            HeadlineRing& ring, LogSink& log);
  ~FetchLoop();
  FetchLoop(const FetchLoop&) = delete;
  FetchLoop& operator=(const FetchLoop&) = delete;

  void start();
  // Requests stop and joins; returns once the thread has ended. Idempotent.
  void stop();
  // Blocks until every feed has been attempted once, or the timeout passes. Returns whether the
  // first round finished. (Headless capture waits on this so its frames show fetched news.)
  bool wait_first_round(std::chrono::milliseconds timeout);
  std::vector<FeedStatus> statuses() const;

 private:
  struct FeedState {
    FeedConfig config;
    FeedStatus status;
    std::string etag;
    std::string last_modified;
    std::chrono::steady_clock::time_point next_attempt{};
  };

  void run(std::stop_token stop);
  void fetch_one(FeedState& feed, std::stop_token stop);

  std::vector<FeedState> feeds_;  // touched by the fetch thread only, except under status_mutex_
  std::string global_ca_file_;
  FeedSource& source_;
  HeadlineRing& ring_;
  LogSink& log_;

  mutable std::mutex status_mutex_;
  std::condition_variable_any first_round_cv_;
  bool first_round_done_ = false;
  std::vector<FeedStatus> statuses_;

  std::jthread thread_;  // last: joined before the members above are destroyed
};

}  // namespace newsticker::app
