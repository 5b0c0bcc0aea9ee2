#include "fetch/fetch_loop.h"

#include <algorithm>
#include <cassert>
#include <cctype>
#include <exception>
#include <map>
#include <regex>

#include "feed/article.h"
#include "feed/parse_feed.h"

namespace newsticker::app {
namespace {

constexpr std::size_t kNoLane = static_cast<std::size_t>(-1);
constexpr std::chrono::nanoseconds kLongestWait = std::chrono::hours(24);

std::string host_of(std::string_view url) {
  const auto scheme = url.find("://");
  if (scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
  url = url.substr(0, url.find_first_of("/?#"));
  std::string host(url);
  std::transform(host.begin(), host.end(), host.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return host;
}

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string label_of(const FeedConfig& config) {
  return config.name.empty() ? config.url : config.name;
}

}  // namespace

FetchLoop::FetchLoop(std::vector<FeedConfig> feeds, std::string global_ca_file, FeedSource* source,
                     FeedSourceFactory factory, HeadlineRing& ring, LogSink& log,
                     FetchLoopOptions options)
    : global_ca_file_(std::move(global_ca_file)),
      borrowed_source_(source),
      factory_(std::move(factory)),
      ring_(ring),
      log_(log),
      options_(std::move(options)),
      clock_(options_.clock != nullptr ? *options_.clock : real_clock_),
      jitter_engine_(options_.jitter_seed != 0 ? options_.jitter_seed : std::random_device{}()) {
  for (auto& config : feeds) {
    FeedState state;
    state.status.url = config.url;
    state.status.name = config.name;
    state.config = std::move(config);
    feeds_.push_back(std::move(state));
  }
  assign_lanes();
}

FetchLoop::FetchLoop(std::vector<FeedConfig> feeds, std::string global_ca_file, FeedSource& source,
                     HeadlineRing& ring, LogSink& log, FetchLoopOptions options)
    : FetchLoop(std::move(feeds), std::move(global_ca_file), &source, nullptr, ring, log,
                std::move(options)) {}

FetchLoop::FetchLoop(std::vector<FeedConfig> feeds, std::string global_ca_file,
                     FeedSourceFactory factory, HeadlineRing& ring, LogSink& log,
                     FetchLoopOptions options)
    : FetchLoop(std::move(feeds), std::move(global_ca_file), nullptr, std::move(factory), ring, log,
                std::move(options)) {}

FetchLoop::~FetchLoop() {
  stop();
}

void FetchLoop::assign_lanes() {
  // Feeds of one host share a lane (and so its connection); hosts take lanes in the order they
  // first appear, so up to max_lanes hosts never share a thread.
  const std::size_t max_lanes =
      borrowed_source_ != nullptr ? 1 : std::max<std::size_t>(1, options_.max_lanes);
  std::map<std::string, std::size_t> lane_of_host;
  for (auto& feed : feeds_) {
    const std::string host = host_of(feed.config.url);
    auto found = lane_of_host.find(host);
    if (found == lane_of_host.end()) {
      found = lane_of_host.emplace(host, lane_of_host.size() % max_lanes).first;
    }
    feed.lane = found->second;
  }
  for (auto& feed : feeds_) feed.status.refresh = feed.config.refresh;
  std::lock_guard lock(status_mutex_);
  statuses_.clear();
  for (const auto& feed : feeds_) statuses_.push_back(feed.status);
}

FeedSource& FetchLoop::source_for(std::size_t lane) {
  if (borrowed_source_ != nullptr) return *borrowed_source_;
  while (lane_sources_.size() <= lane) lane_sources_.push_back(factory_());
  return *lane_sources_[lane];
}

std::size_t FetchLoop::lane_count() const {
  std::size_t count = 1;
  for (const auto& feed : feeds_) count = std::max(count, feed.lane + 1);
  return count;
}

void FetchLoop::restore_one(FeedState& feed) {
  if (options_.store == nullptr || feed.restored) return;
  feed.restored = true;
  Result<StoredFeed> stored = options_.store->load(feed.config.url);
  if (!stored) {
    // No file yet is the normal first boot; anything else is worth one line.
    if (stored.error().kind != ErrorKind::kIo) {
      log_.write(LogLevel::kWarning, "feed " + label_of(feed.config) +
                                         ": stored headlines ignored: " +
                                         std::string(error_kind_name(stored.error().kind)) + ": " +
                                         stored.error().message);
    }
    return;
  }
  if (stored->url != feed.config.url) return;  // a hash collision: not ours
  std::vector<Headline> items = filter(feed, std::move(stored->headlines));
  ring_.insert(items);
  feed.etag = stored->etag;
  feed.last_modified = stored->last_modified;
  feed.status.items = items.size();
  feed.status.last_success = stored->saved_at;
  feed.status.from_store = true;
}

void FetchLoop::restore_from_store() {
  if (restored_) return;
  restored_ = true;
  for (auto& feed : feeds_) restore_one(feed);
  std::lock_guard lock(status_mutex_);
  for (std::size_t i = 0; i < feeds_.size(); ++i) statuses_[i] = feeds_[i].status;
}

void FetchLoop::start() {
  if (!lanes_.empty()) return;
  restore_from_store();
  const std::size_t lanes = lane_count();
  for (std::size_t lane = 0; lane < lanes; ++lane) source_for(lane);  // made here, not on a thread
  {
    std::lock_guard lock(status_mutex_);
    if (!started_once_) lanes_without_first_round_ = lanes;
    started_once_ = true;
  }
  for (std::size_t lane = 0; lane < lanes; ++lane) {
    lanes_.emplace_back([this, lane](std::stop_token stop) { run_lane(lane, stop); });
  }
}

void FetchLoop::stop() {
  for (auto& lane : lanes_) lane.request_stop();
  for (auto& lane : lanes_) {
    if (lane.joinable()) lane.join();
  }
  lanes_.clear();
}

void FetchLoop::reload(std::vector<FeedConfig> feeds, std::string global_ca_file) {
  const bool was_running = !lanes_.empty();
  stop();
  std::map<std::string, FeedState> old;
  for (auto& feed : feeds_) old.emplace(feed.config.url, std::move(feed));
  feeds_.clear();
  const auto now = clock_.now();
  for (auto& config : feeds) {
    FeedState state;
    auto found = old.find(config.url);
    if (found != old.end()) {
      state = std::move(found->second);
      old.erase(found);
    } else {
      state.status.url = config.url;
    }
    state.status.name = config.name;
    state.config = std::move(config);
    state.due = now;  // a reload fetches at once
    if (restored_) restore_one(state);
    feeds_.push_back(std::move(state));
  }
  global_ca_file_ = std::move(global_ca_file);
  assign_lanes();
  log_.write(LogLevel::kInfo, "reloaded: " + std::to_string(feeds_.size()) + " feeds");
  if (was_running) start();
}

std::chrono::nanoseconds FetchLoop::run_due(std::stop_token stop) {
  assert(lanes_.empty());
  restore_from_store();
  auto next = clock_.now() + kLongestWait;
  for (std::size_t lane = 0; lane < lane_count(); ++lane) {
    next = std::min(next, run_due_in(lane, source_for(lane), stop));
  }
  return next;
}

std::chrono::nanoseconds FetchLoop::run_due_in(std::size_t lane, FeedSource& source,
                                               std::stop_token stop) {
  for (auto& feed : feeds_) {
    if (stop.stop_requested()) break;
    if ((lane == kNoLane || feed.lane == lane) && feed.due <= clock_.now())
      fetch_one(feed, source, stop);
  }
  if (options_.max_age.count() > 0) {
    // Stored and fetched headlines age while held; the ring drops them once too old.
    ring_.expire_older_than(clock_.utc_now() -
                            std::chrono::duration_cast<std::chrono::seconds>(options_.max_age));
  }
  auto next = clock_.now() + kLongestWait;
  for (const auto& feed : feeds_) {
    if (lane == kNoLane || feed.lane == lane) next = std::min(next, feed.due);
  }
  return next;
}

void FetchLoop::run_lane(std::size_t lane, std::stop_token stop) {
  FeedSource& source = source_for(lane);
  bool first_round = true;
  // The thread's entry point: nothing escapes it. An unexpected exception is logged and the lane
  // goes on after a pause, so one bad answer cannot end fetching for the life of the device.
  while (!stop.stop_requested()) {
    std::chrono::nanoseconds wait{std::chrono::seconds(15)};
    try {
      const auto next = run_due_in(lane, source, stop);
      wait = std::clamp(next - clock_.now(), std::chrono::nanoseconds{0}, kLongestWait);
    } catch (const std::exception& error) {
      log_.write(LogLevel::kError, std::string("fetch loop: unexpected error: ") + error.what());
    }
    if (first_round && !stop.stop_requested()) {
      first_round = false;
      std::lock_guard lock(status_mutex_);
      if (lanes_without_first_round_ > 0 && --lanes_without_first_round_ == 0) {
        first_round_cv_.notify_all();
      }
    }
    std::mutex wait_mutex;
    std::unique_lock wait_lock(wait_mutex);
    std::condition_variable_any wake;
    wake.wait_for(wait_lock, stop, wait, [] { return false; });
  }
}

bool FetchLoop::wait_first_round(std::chrono::milliseconds timeout) {
  std::unique_lock lock(status_mutex_);
  return first_round_cv_.wait_for(
      lock, timeout, [this] { return started_once_ && lanes_without_first_round_ == 0; });
}

std::vector<FeedStatus> FetchLoop::statuses() const {
  std::lock_guard lock(status_mutex_);
  return statuses_;
}

std::optional<UtcSeconds> FetchLoop::stale_as_of() const {
  const UtcSeconds now = clock_.utc_now();
  std::optional<UtcSeconds> newest;
  std::lock_guard lock(status_mutex_);
  for (const FeedStatus& status : statuses_) {
    if (!status.last_success) continue;
    // Only statuses_ is read here (under its lock): feeds_ belongs to the fetch threads.
    const auto window =
        std::max<std::chrono::seconds>(2 * status.refresh, std::chrono::minutes(10));
    if (!status.from_store && now - *status.last_success < window) return std::nullopt;
    newest = newest ? std::max(*newest, *status.last_success) : *status.last_success;
  }
  return newest;
}

double FetchLoop::next_jitter() {
  std::lock_guard lock(jitter_mutex_);
  return std::uniform_real_distribution<double>(0.0, 1.0)(jitter_engine_);
}

std::vector<Headline> FetchLoop::filter(const FeedState& feed, std::vector<Headline> items) const {
  const FeedConfig& config = feed.config;
  const bool expire = options_.max_age.count() > 0;
  const UtcSeconds oldest =
      clock_.utc_now() - std::chrono::duration_cast<std::chrono::seconds>(options_.max_age);
  std::erase_if(items, [&](const Headline& item) {
    if (expire && item.published && *item.published < oldest) return true;
    if (!config.exclude.empty()) {
      const std::string text = lower_ascii(item.title) + "\n" + lower_ascii(item.summary);
      for (const std::string& word : config.exclude) {
        if (!word.empty() && text.find(word) != std::string::npos) return true;
      }
    }
    return config.exclude_pattern && std::regex_search(item.title, *config.exclude_pattern);
  });
  if (!config.name.empty()) {
    for (auto& item : items) item.source = config.name;
  }
  return items;
}

void FetchLoop::publish(const FeedState& feed) {
  std::lock_guard lock(status_mutex_);
  for (std::size_t i = 0; i < feeds_.size(); ++i) {
    if (&feeds_[i] == &feed) statuses_[i] = feed.status;
  }
}

void FetchLoop::fetch_one(FeedState& feed, FeedSource& source, std::stop_token stop) {
  FeedRequest request;
  request.url = feed.config.url;
  request.ca_file = feed.config.ca_file.empty() ? global_ca_file_ : feed.config.ca_file;
  request.insecure_http =
      feed.config.allow_insecure_http ? InsecureHttp::kAllow : InsecureHttp::kRefuse;
  request.etag = feed.etag;
  request.last_modified = feed.last_modified;
  request.max_body_bytes = options_.max_body_bytes;
  request.pinned_public_key = feed.config.pinned_public_key;

  FeedStatus& status = feed.status;
  const std::string label = label_of(feed.config);
  const UtcSeconds started = clock_.utc_now();
  Result<FetchedFeed> fetched = source.fetch(request, stop);
  // Cancelled by stop: not an attempt. The feed stays due, so a reload fetches it at once.
  if (!fetched && fetched.error().kind == ErrorKind::kCancelled && stop.stop_requested()) return;
  ++status.attempts;
  status.last_attempt = started;

  AttemptOutcome outcome;
  std::optional<Error> failure;
  if (!fetched) {
    failure = fetched.error();
    status.http_status = 0;
    status.bytes_received = 0;
    status.not_modified = false;
  } else {
    status.http_status = fetched->http_status;
    status.bytes_received = fetched->body.size();
    status.total_bytes_received += fetched->body.size();
    status.not_modified = fetched->not_modified;
    outcome.max_age = fetched->max_age;
    if (fetched->http_status >= 400) {
      failure = Error{ErrorKind::kHttp, "HTTP " + std::to_string(fetched->http_status)};
      if (fetched->http_status == 429 || fetched->http_status == 503) {
        outcome.retry_after = parse_retry_after(fetched->retry_after, clock_.utc_now());
        if (outcome.retry_after) {
          failure->message +=
              " (Retry-After " + std::to_string(outcome.retry_after->count()) + " s)";
        }
      }
    } else if (fetched->not_modified) {
      status.last_success = clock_.utc_now();
      status.message = "not modified";
    } else {
      ParseOptions options;
      options.source_name = feed.config.name;
      const auto charset = fetched->content_type.find("charset=");
      if (charset != std::string::npos)
        options.http_charset = fetched->content_type.substr(charset + 8);
      Result<ParsedFeed> parsed = parse_feed(fetched->body, options);
      if (!parsed) {
        failure = parsed.error();
      } else if (parsed->items.empty() && parsed->title.empty()) {
        failure = Error{ErrorKind::kNotAFeed, "the document has no channel and no items"};
      } else {
        // Only a good answer replaces the validators and the store: a bad one must not make the
        // next request conditional on a body we could not use, nor erase what we have.
        feed.etag = fetched->etag;
        feed.last_modified = fetched->last_modified;
        if (parsed->ttl_minutes) feed.ttl = std::chrono::minutes(*parsed->ttl_minutes);
        std::vector<Headline> items = filter(feed, std::move(parsed->items));
        if (feed.config.article_summaries) summarise_from_articles(feed, items, source, stop);
        const std::size_t inserted = ring_.insert(items);
        status.items = items.size();
        status.last_success = clock_.utc_now();
        status.message.clear();
        log_.write(LogLevel::kInfo, "feed " + label + ": " + std::to_string(items.size()) +
                                        " items, " + std::to_string(inserted) + " new");
        if (options_.store != nullptr && !items.empty()) {
          StoredFeed stored{feed.config.url, feed.etag, feed.last_modified, *status.last_success,
                            items};
          if (stored.headlines.size() > kMaxStoredHeadlines)
            stored.headlines.resize(kMaxStoredHeadlines);
          auto saved = options_.store->save(stored);
          std::lock_guard lock(store_log_mutex_);
          if (!saved && !store_failure_logged_) {
            // Once: a full or read-only disk would otherwise log on every refresh of every feed.
            store_failure_logged_ = true;
            log_.write(LogLevel::kError, "offline store: " + saved.error().message +
                                             " (the ticker keeps running; logged once)");
          } else if (saved && store_failure_logged_) {
            store_failure_logged_ = false;
            log_.write(LogLevel::kInfo, "offline store: writable again");
          }
        }
      }
    }
  }
  outcome.ttl = feed.ttl;
  if (failure) {
    ++status.consecutive_failures;
    status.error = failure->kind;
    status.message = failure->message;
  } else {
    status.consecutive_failures = 0;
    status.error.reset();
    status.from_store = false;
  }
  outcome.consecutive_failures = status.consecutive_failures;
  const auto delay =
      next_attempt_delay(feed.config.refresh, outcome, next_jitter(), options_.policy);
  feed.due = clock_.now() + delay;
  status.next_attempt = clock_.utc_now() + delay;
  if (failure) {
    log_.write(LogLevel::kWarning, "feed " + label + ": " + error_kind_name(failure->kind) + ": " +
                                       failure->message +
                                       " (keeping the headlines we have; next attempt in " +
                                       std::to_string(delay.count()) + " s)");
  }
  publish(feed);
  if (options_.after_attempt) options_.after_attempt();
}

void FetchLoop::summarise_from_articles(FeedState& feed, std::vector<Headline>& items,
                                        FeedSource& source, std::stop_token stop) {
  std::size_t fetched_now = 0;
  for (Headline& item : items) {
    if (!item.summary.empty() || item.link.empty() || stop.stop_requested()) continue;
    auto known = feed.articles.find(item.link);
    if (known == feed.articles.end()) {
      // Rate limit: a few pages per refresh; the others get theirs at later refreshes.
      if (fetched_now == options_.articles_per_refresh) continue;
      ++fetched_now;
      FeedRequest request;
      request.url = item.link;
      request.ca_file = feed.config.ca_file.empty() ? global_ca_file_ : feed.config.ca_file;
      request.insecure_http =
          feed.config.allow_insecure_http ? InsecureHttp::kAllow : InsecureHttp::kRefuse;
      request.max_body_bytes = options_.max_article_bytes;
      ArticleSummary summary;
      Result<FetchedFeed> page = source.fetch(request, stop);
      // A cancelled or network-failed fetch is tried again at a later refresh; only an answer
      // (a page, or an HTTP error) is remembered.
      if (!page && page.error().kind != ErrorKind::kHttp &&
          page.error().kind != ErrorKind::kTooLarge && page.error().kind != ErrorKind::kTls &&
          page.error().kind != ErrorKind::kInsecure) {
        continue;
      }
      if (page && page->http_status == 200) {
        Result<ArticleInfo> article = extract_article_html(page->body);
        if (article && !article->lede.empty()) {
          summary = ArticleSummary{article->lede, article->dateline, article->agency};
        }
      }
      if (feed.articles.size() >= kMaxArticleCache) feed.articles.clear();
      known = feed.articles.emplace(item.link, std::move(summary)).first;
    }
    const ArticleSummary& summary = known->second;
    if (summary.lede.empty()) continue;
    item.summary = summary.lede;
    item.lede = summary.lede;
    item.dateline = summary.dateline;
    item.agency = summary.agency;
  }
}

}  // namespace newsticker::app
