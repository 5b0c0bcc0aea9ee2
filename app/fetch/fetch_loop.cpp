#include "fetch/fetch_loop.h"

#include <algorithm>
#include <exception>

#include "feed/parse_feed.h"

namespace newsticker::app {

std::chrono::seconds next_attempt_delay(std::chrono::seconds refresh, int consecutive_failures) {
  if (consecutive_failures <= 0) return refresh;
  constexpr std::chrono::seconds kFirstRetry{15};
  const int doublings = std::min(consecutive_failures - 1, 16);
  return std::min(refresh, kFirstRetry * (1 << doublings));
}

FetchLoop::FetchLoop(std::vector<FeedConfig> feeds, std::string global_ca_file, FeedSource& source,
                     HeadlineRing& ring, LogSink& log)
    : global_ca_file_(std::move(global_ca_file)), source_(source), ring_(ring), log_(log) {
  for (auto& config : feeds) {
    FeedState state;
    state.status.url = config.url;
    state.status.name = config.name;
    state.config = std::move(config);
    feeds_.push_back(std::move(state));
    statuses_.push_back(feeds_.back().status);
  }
}

FetchLoop::~FetchLoop() { stop(); }

void FetchLoop::start() {
  thread_ = std::jthread([this](std::stop_token stop) { run(stop); });
}

void FetchLoop::stop() {
  if (thread_.joinable()) {
    thread_.request_stop();
    thread_.join();
  }
}

bool FetchLoop::wait_first_round(std::chrono::milliseconds timeout) {
  std::unique_lock lock(status_mutex_);
  return first_round_cv_.wait_for(lock, timeout, [this] { return first_round_done_; });
}

std::vector<FeedStatus> FetchLoop::statuses() const {
  std::lock_guard lock(status_mutex_);
  return statuses_;
}

void FetchLoop::run(std::stop_token stop) {
  // The thread's entry point: nothing escapes it. An unexpected exception is logged and the loop
  // goes on after a pause, so one bad answer cannot end fetching for the life of the device.
  while (!stop.stop_requested()) {
    try {
      const auto now = std::chrono::steady_clock::now();
      for (std::size_t i = 0; i < feeds_.size() && !stop.stop_requested(); ++i) {
        if (feeds_[i].next_attempt <= now) fetch_one(feeds_[i], stop);
      }
      {
        std::lock_guard lock(status_mutex_);
        if (!first_round_done_) {
          first_round_done_ = true;
          first_round_cv_.notify_all();
        }
      }
      auto next = std::chrono::steady_clock::now() + std::chrono::hours(24);
      for (const auto& feed : feeds_) next = std::min(next, feed.next_attempt);
      std::mutex wait_mutex;
      std::unique_lock wait_lock(wait_mutex);
      std::condition_variable_any wake;
      wake.wait_until(wait_lock, stop, next, [] { return false; });
    } catch (const std::exception& error) {
      log_.write(LogLevel::kError, std::string("fetch loop: unexpected error: ") + error.what());
      std::mutex wait_mutex;
      std::unique_lock wait_lock(wait_mutex);
      std::condition_variable_any wake;
      wake.wait_for(wait_lock, stop, std::chrono::seconds(15), [] { return false; });
    }
  }
}

void FetchLoop::fetch_one(FeedState& feed, std::stop_token stop) {
  FeedRequest request;
  request.url = feed.config.url;
  request.ca_file = feed.config.ca_file.empty() ? global_ca_file_ : feed.config.ca_file;
  request.insecure_http =
      feed.config.allow_insecure_http ? InsecureHttp::kAllow : InsecureHttp::kRefuse;
  request.etag = feed.etag;
  request.last_modified = feed.last_modified;

  FeedStatus& status = feed.status;
  ++status.attempts;
  const std::string label = feed.config.name.empty() ? feed.config.url : feed.config.name;
  Result<FetchedFeed> fetched = source_.fetch(request, stop);
  if (!fetched && fetched.error().kind == ErrorKind::kCancelled) return;

  std::optional<Error> failure;
  if (!fetched) {
    failure = fetched.error();
  } else {
    status.http_status = fetched->http_status;
    if (fetched->not_modified) {
      status.error.reset();
      status.message = "not modified";
    } else {
      ParseOptions options;
      options.source_name = feed.config.name;
      const auto semicolon = fetched->content_type.find("charset=");
      if (semicolon != std::string::npos) options.http_charset = fetched->content_type.substr(semicolon + 8);
      Result<ParsedFeed> parsed = parse_feed(fetched->body, options);
      if (!parsed) {
        failure = parsed.error();
      } else if (parsed->items.empty() && parsed->title.empty()) {
        failure = Error{ErrorKind::kNotAFeed, "the document has no channel and no items"};
      } else {
        // Only a good answer replaces the validators: a bad one must not make the next request
        // conditional on a body we could not use.
        feed.etag = fetched->etag;
        feed.last_modified = fetched->last_modified;
        const std::size_t inserted = ring_.insert(parsed->items);
        status.items = parsed->items.size();
        status.error.reset();
        status.message.clear();
        log_.write(LogLevel::kInfo, "feed " + label + ": " + std::to_string(parsed->items.size()) +
                                        " items, " + std::to_string(inserted) + " new");
      }
    }
  }
  if (failure) {
    ++status.consecutive_failures;
    status.error = failure->kind;
    status.message = failure->message;
    log_.write(LogLevel::kWarning, "feed " + label + ": " + error_kind_name(failure->kind) + ": " +
                                       failure->message + " (keeping the headlines we have)");
  } else {
    status.consecutive_failures = 0;
  }
  feed.next_attempt = std::chrono::steady_clock::now() +
                      next_attempt_delay(feed.config.refresh, status.consecutive_failures);
  std::lock_guard lock(status_mutex_);
  for (auto& shared : statuses_) {
    if (shared.url == status.url) shared = status;
  }
}

}  // namespace newsticker::app
