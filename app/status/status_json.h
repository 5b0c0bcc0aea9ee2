// status.json: what a fleet operator scrapes. Pure: the caller gathers a snapshot, this renders
// it. Every field is documented in the README ("Network, store and status file").
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fetch/fetch_loop.h"

namespace newsticker::app {

struct StatusSnapshot {
  std::string version;
  UtcSeconds now{};
  std::chrono::seconds uptime{0};
  std::uint64_t frames_drawn = 0;
  std::uint64_t frames_late = 0;
  std::int64_t longest_frame_gap_ns = 0;
  std::size_t ring_items = 0;
  std::optional<UtcSeconds> stale_as_of;
  std::vector<FeedStatus> feeds;
};

// "2026-01-01T12:00:00Z".
std::string utc_iso8601(UtcSeconds time);

// One JSON object, pretty-printed, ending in a newline.
std::string render_status_json(const StatusSnapshot& status);

}  // namespace newsticker::app
