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
  bool priority = false;  // its items go to the breaking lane (needs a name)
  // Items without a summary get one from their article page (fetched over the same rules,
  // at most a few per refresh, each page once). Off by default: it costs the publisher requests.
  bool article_summaries = false;
  std::chrono::seconds refresh{300};
  std::string pinned_public_key;  // "sha256//<base64>[;sha256//...]"; empty = no pinning
  std::vector<std::string>
      exclude;  // lower-cased words: an item whose title or summary holds one is dropped
  std::string exclude_regex;                          // ECMAScript regex on the title; empty = none
  std::shared_ptr<const std::regex> exclude_pattern;  // compiled once at load from exclude_regex
};

// How the ring orders headlines for the crawl.
enum class RingOrder { kNewest, kRoundRobin };

enum class DisplayMode { kAuto, kWindow, kFullscreen, kHeadless };

// How the band shows headlines (README "Rendering").
enum class Layout {
  kCrawl,    // one line: badge, headline, dateline summary, separator, next item
  kTwoLine,  // the headline crawl, with the current item's summary on a line below
  kFlip,     // one item at a time, headline over summary, held, then a short slide
};

// What the screen shows outside the scheduled hours.
enum class ScheduleOutside { kOff, kDim };

// Hours the ticker shows news (local time); outside them the screen is black ("off") or dimmed.
struct ScheduleConfig {
  bool enabled = false;
  int on_minute = 7 * 60;    // minute of the day, 0..1439
  int off_minute = 22 * 60;  // may be before on_minute (a night shift)
  ScheduleOutside outside = ScheduleOutside::kOff;
};

// Breaking lane: items matching a rule are shown first, highlighted, until older than max_age.
struct BreakingConfig {
  std::vector<std::string> keywords;  // case-insensitive (ASCII) substrings of the title
  std::vector<std::string> sources;   // feed names ([[feed]] priority = true adds its name)
  std::chrono::minutes max_age{60};
};

// Named screens for the desktop simulation: size and orientation of real kiosk displays.
struct DisplayProfile {
  const char* name;
  int width;
  int height;
};
inline constexpr DisplayProfile kDisplayProfiles[] = {
    {"pi-touch", 800, 480}, {"720p", 1280, 720},      {"1080p", 1920, 1080},
    {"4k", 3840, 2160},     {"portrait", 1080, 1920}, {"spi", 480, 320},
};
// The profile called `name`, or nullptr.
const DisplayProfile* find_profile(std::string_view name);

struct DisplayConfig {
  DisplayMode mode = DisplayMode::kAuto;
  int width = 1280;
  int height = 720;
  int band_height = 0;          // 0 = by layout: an eighth (crawl) or a fifth of the screen height
  double speed_px_per_s = 0.0;  // 0 = from speed_cps
  double speed_cps = 4.5;       // average headline characters per second (readable at any size)
  Layout layout = Layout::kCrawl;
  int rotation = 0;            // 0, 90, 180, 270: the picture is turned for a screen mounted turned
  std::string title;           // title tab at the band's left ("LATEST"); empty = none
  bool clock = false;          // a clock at the band's right
  bool relative_time = false;  // "12 min ago" after each headline
  std::chrono::seconds flip_hold{6};  // flip: how long each item stays
  bool burn_in_shift = true;          // move static elements by a pixel or two every few minutes
  std::vector<std::string> fallback_fonts;  // faces tried for glyphs the font lacks; empty = Noto
  int fps = 60;           // frame rate of headless capture and of displays without vsync
  std::string font;       // regular face; empty = the built-in default
  std::string bold_font;  // badge face; empty = the built-in default
  Rgb background{0x0b, 0x1a, 0x2e};
  Rgb band{0x10, 0x10, 0x10};
  Rgb headline{0xff, 0xff, 0xff};
  Rgb summary{0xff, 0xd8, 0x66};
  Rgb badge{0xa5, 0x0e, 0x26};  // white on it: 7.8:1 (WCAG AAA)
  Rgb badge_text{0xff, 0xff, 0xff};
  Rgb separator{0x9a, 0xa5, 0xb1};
  Rgb highlight{0x8a, 0x00, 0x00};  // breaking items' background
};

struct Config {
  std::vector<FeedConfig> feeds;
  std::string ca_file;     // PEM bundle for all feeds; empty = the system CA store
  std::string state_dir;   // empty = the platform default
  std::string user_agent;  // empty = "newsticker/<version>"
  std::size_t ring_capacity = 200;
  std::string proxy;  // empty = from the environment (https_proxy, no_proxy, ...)
  RingOrder order = RingOrder::kNewest;
  int max_age_hours = 0;  // drop headlines published longer ago; 0 = keep them
  DisplayConfig display;
  BreakingConfig breaking;
  ScheduleConfig schedule;
};

inline constexpr std::size_t kMaxRingCapacity = 5000;
inline constexpr std::chrono::seconds kMinRefresh{60};

// Parses TOML text. `file_name` is only used in error messages ("file:line: message").
// Errors: kConfig.
Result<Config> parse_config(std::string_view toml_text, std::string_view file_name);

// Parses "1280x720". Errors: kInvalidArgument.
Result<std::pair<int, int>> parse_size(std::string_view text);

}  // namespace newsticker::app
