// Config: the typed configuration, parsed once from TOML. Every value has a range; an unknown key
// or a bad value is an error naming the file and line, so a typo never silently falls back.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace newsticker::app {

struct Rgb {
  std::uint8_t r = 0, g = 0, b = 0;
  friend bool operator==(const Rgb&, const Rgb&) = default;
};

struct FeedConfig {
  std::string url;
  std::string name;     // shown on the source badge; empty = the feed's own title
  std::string ca_file;  // overrides the global ca_file for this feed
  bool allow_insecure_http = false;
  std::chrono::seconds refresh{300};
  std::string pinned_public_key;      // "sha256//<base64>[;sha256//...]"; empty = no pinning
  std::vector<std::string> exclude;   // lower-cased words: an item whose title or summary holds one is dropped
  std::string exclude_regex;          // ECMAScript regex on the title; empty = none
  std::shared_ptr<const std::regex> exclude_pattern;  // compiled once at load from exclude_regex
};

// How the ring orders headlines for the crawl.
enum class RingOrder { kNewest, kRoundRobin };

enum class DisplayMode { kAuto, kWindow, kFullscreen, kHeadless };

struct DisplayConfig {
  DisplayMode mode = DisplayMode::kAuto;
  int width = 1280;
  int height = 720;
  int band_height = 0;     // 0 = an eighth of the screen height
  double speed_px_per_s = 120.0;
  int fps = 60;            // frame rate of headless capture and of displays without vsync
  std::string font;        // regular face; empty = the built-in default
  std::string bold_font;   // badge face; empty = the built-in default
  Rgb background{0x0b, 0x1a, 0x2e};
  Rgb band{0x10, 0x10, 0x10};
  Rgb headline{0xff, 0xff, 0xff};
  Rgb summary{0xff, 0xd8, 0x66};
  Rgb badge{0xc8, 0x10, 0x2e};
  Rgb badge_text{0xff, 0xff, 0xff};
  Rgb separator{0x9a, 0xa5, 0xb1};
};

struct Config {
  std::vector<FeedConfig> feeds;
  std::string ca_file;    // PEM bundle for all feeds; empty = the system CA store
  std::string state_dir;  // empty = the platform default
  std::string user_agent; // empty = "newsticker/<version>"
  std::size_t ring_capacity = 200;
  std::string proxy;      // empty = from the environment (https_proxy, no_proxy, ...)
  RingOrder order = RingOrder::kNewest;
  int max_age_hours = 0;  // drop headlines published longer ago; 0 = keep them
  DisplayConfig display;
};

inline constexpr std::size_t kMaxRingCapacity = 5000;
inline constexpr std::chrono::seconds kMinRefresh{60};

// Parses TOML text. `file_name` is only used in error messages ("file:line: message").
// Errors: kConfig.
Result<Config> parse_config(std::string_view toml_text, std::string_view file_name);

// Parses "1280x720". Errors: kInvalidArgument.
Result<std::pair<int, int>> parse_size(std::string_view text);

}  // namespace newsticker::app
