#include "status/status_json.h"

#include <cstdio>
#include <nlohmann/json.hpp>

namespace newsticker::app {
namespace {

nlohmann::json time_or_null(const std::optional<UtcSeconds>& time) {
  return time ? nlohmann::json(utc_iso8601(*time)) : nlohmann::json(nullptr);
}

}  // namespace

std::string utc_iso8601(UtcSeconds time) {
  const auto day = std::chrono::floor<std::chrono::days>(time);
  const std::chrono::year_month_day date{day};
  const std::chrono::hh_mm_ss clock{time - day};
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
                static_cast<int>(clock.seconds().count()));
  return text;
}

std::string render_status_json(const StatusSnapshot& status) {
  nlohmann::json feeds = nlohmann::json::array();
  for (const FeedStatus& feed : status.feeds) {
    feeds.push_back({
        {"url", feed.url},
        {"name", feed.name},
        {"last_attempt", time_or_null(feed.last_attempt)},
        {"last_success", time_or_null(feed.last_success)},
        {"http_status", feed.http_status},
        {"error",
         feed.error ? nlohmann::json(error_kind_name(*feed.error)) : nlohmann::json(nullptr)},
        {"message", feed.message},
        {"items", feed.items},
        {"bytes_received", feed.bytes_received},
        {"total_bytes_received", feed.total_bytes_received},
        {"not_modified", feed.not_modified},
        {"consecutive_failures", feed.consecutive_failures},
        {"attempts", feed.attempts},
        {"next_attempt", time_or_null(feed.next_attempt)},
        {"from_store", feed.from_store},
        {"refresh_seconds", feed.refresh.count()},
    });
  }
  const nlohmann::json root = {
      {"version", status.version},
      {"written_at", utc_iso8601(status.now)},
      {"uptime_seconds", status.uptime.count()},
      {"frames_drawn", status.frames_drawn},
      {"frames_late", status.frames_late},
      {"longest_frame_gap_ms", static_cast<double>(status.longest_frame_gap_ns) / 1e6},
      {"ring_items", status.ring_items},
      {"stale_as_of", time_or_null(status.stale_as_of)},
      {"feeds", std::move(feeds)},
  };
  return root.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace newsticker::app
