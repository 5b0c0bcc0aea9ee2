#include "core/config.h"

#include <cctype>
#include <charconv>
#include <functional>
#include <map>
#include <string>

// toml++ is used header-only in this one translation unit, so the binary carries no runtime
// dependency on it. Its parse errors are exceptions; they are caught here and become Result.
#define TOML_HEADER_ONLY 1
#include <toml++/toml.h>

namespace newsticker::app {
namespace {

class ConfigReader {
 public:
  explicit ConfigReader(std::string_view file_name) : file_(file_name) {}

  Unexpected error_at(const toml::node& node, std::string_view message) const {
    return make_error(ErrorKind::kConfig, file_ + ":" + std::to_string(node.source().begin.line) +
                                              ": " + std::string(message));
  }
  Unexpected error_at_line(std::uint32_t line, std::string_view message) const {
    return make_error(ErrorKind::kConfig,
                      file_ + ":" + std::to_string(line) + ": " + std::string(message));
  }

  // Each handler reads one key; a key without a handler is an error.
  using Handler = std::function<Result<void>(const toml::node&)>;

  Result<void> read_table(const toml::table& table, std::string_view where,
                          const std::map<std::string, Handler, std::less<>>& handlers) const {
    for (const auto& [key, node] : table) {
      auto handler = handlers.find(key.str());
      if (handler == handlers.end()) {
        return error_at_line(key.source().begin.line, "unknown key '" + std::string(key.str()) +
                                                          "' in " + std::string(where));
      }
      if (auto ok = handler->second(node); !ok) return ok;
    }
    return {};
  }

  Handler string_into(std::string& out, std::string_view key) const {
    return [this, &out, key](const toml::node& node) -> Result<void> {
      auto value = node.value<std::string>();
      if (!value || !node.is_string())
        return error_at(node, std::string(key) + " must be a string");
      out = *value;
      return {};
    };
  }

  Handler bool_into(bool& out, std::string_view key) const {
    return [this, &out, key](const toml::node& node) -> Result<void> {
      if (!node.is_boolean()) return error_at(node, std::string(key) + " must be true or false");
      out = *node.value<bool>();
      return {};
    };
  }

  template <class Int>
  Handler int_into(Int& out, std::string_view key, std::int64_t low, std::int64_t high) const {
    return [this, &out, key, low, high](const toml::node& node) -> Result<void> {
      if (!node.is_integer()) return error_at(node, std::string(key) + " must be an integer");
      const std::int64_t value = *node.value<std::int64_t>();
      if (value < low || value > high) {
        return error_at(node, std::string(key) + " must be between " + std::to_string(low) +
                                  " and " + std::to_string(high));
      }
      out = static_cast<Int>(value);
      return {};
    };
  }

  Handler number_into(double& out, std::string_view key, double low, double high) const {
    return [this, &out, key, low, high](const toml::node& node) -> Result<void> {
      if (!node.is_number()) return error_at(node, std::string(key) + " must be a number");
      const double value = *node.value<double>();
      if (!(value >= low && value <= high)) {
        return error_at(node, std::string(key) + " must be between " + std::to_string(low) +
                                  " and " + std::to_string(high));
      }
      out = value;
      return {};
    };
  }

  Handler colour_into(Rgb& out, std::string_view key) const {
    return [this, &out, key](const toml::node& node) -> Result<void> {
      auto text = node.value<std::string>();
      unsigned value = 0;
      if (!text || text->size() != 7 || (*text)[0] != '#' ||
          std::from_chars(text->data() + 1, text->data() + 7, value, 16).ptr != text->data() + 7) {
        return error_at(node, std::string(key) + " must be a colour like \"#1a2b3c\"");
      }
      out = Rgb{static_cast<std::uint8_t>(value >> 16), static_cast<std::uint8_t>(value >> 8),
                static_cast<std::uint8_t>(value)};
      return {};
    };
  }

 private:
  std::string file_;
};

// toml++ 3.3.0 (Debian 12) reaches __builtin_unreachable() on a non-ASCII character outside a
// string or comment (tomlplusplus issue 295), which is undefined behaviour on a typo such as
// `é = 1`. TOML allows non-ASCII only inside strings and comments, so such input is invalid
// anyway: find it first and report it with its line. Returns the 1-based line, or 0 if none.
std::uint32_t line_of_bare_non_ascii(std::string_view text) {
  std::uint32_t line = 1;
  std::size_t i = 0;
  auto starts = [&](std::string_view what) { return text.substr(i, what.size()) == what; };
  while (i < text.size()) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
      ++i;
    } else if (c == '#') {
      while (i < text.size() && text[i] != '\n') ++i;
    } else if (starts("\"\"\"") || starts("'''")) {
      const std::string_view close = text.substr(i, 3);
      const bool escapes = close[0] == '"';
      i += 3;
      while (i < text.size() && !starts(close)) {
        if (text[i] == '\n') ++line;
        i += (escapes && text[i] == '\\') ? 2 : 1;
      }
      i += 3;
    } else if (c == '"' || c == '\'') {
      const bool escapes = c == '"';
      ++i;
      while (i < text.size() && text[i] != c && text[i] != '\n')
        i += (escapes && text[i] == '\\') ? 2 : 1;
      ++i;
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      return line;
    } else {
      ++i;
    }
  }
  return 0;
}

// The scan above follows TOML's grammar, but on an ill-formed document toml++ can be in another
// state than the scan thinks (a quote right after a number is no string to toml++), and still
// feed a non-ASCII character to its buggy whitespace check. So, as well: the exact code points
// that check cannot handle (this mirrors toml++ 3.3.0's is_non_ascii_horizontal_whitespace) are
// moved into plane 15 (private use, which toml++ handles) before parsing and moved back in every
// string value afterwards. Lines and columns do not change.
bool toml_whitespace_check_breaks_on(char32_t c) {
  if (c < 0xA0 || c > 0xFEFF) return false;
  const auto block = (static_cast<std::uint64_t>(c) - 0xA0) / 0x3FA;
  if (((1ULL << block) & 0x7FFFFFFFFFFFF75EULL) != 0) return false;
  if (c == 0xA0 || c == 0x3000 || c == 0xFEFF) return false;
  return block != 5 && block != 7;
}

constexpr char32_t kShieldOffset = 0xF0000;

// Decodes one well-formed UTF-8 sequence at `text[i]`; 0 length when it is not one.
std::pair<char32_t, std::size_t> decode_utf8(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = lead < 0x80           ? 1
                       : (lead >> 5) == 0x6  ? 2
                       : (lead >> 4) == 0xE  ? 3
                       : (lead >> 3) == 0x1E ? 4
                                             : 0;
  if (length == 0 || i + length > text.size()) return {0, 0};
  char32_t c = length == 1 ? lead : lead & (0x7F >> length);
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return {0, 0};
    c = (c << 6) | (byte(i + k) & 0x3F);
  }
  return {c, length};
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// `shield` moves the breaking code points into plane 15; otherwise it moves them back.
std::string shift_breaking_code_points(std::string_view text, bool shield) {
  std::string out;
  out.reserve(text.size() + 16);
  for (std::size_t i = 0; i < text.size();) {
    const auto [c, length] = decode_utf8(text, i);
    if (length == 0) {
      out += text[i++];
      continue;
    }
    if (shield && toml_whitespace_check_breaks_on(c)) {
      append_utf8(out, c + kShieldOffset);
    } else if (!shield && c >= kShieldOffset &&
               toml_whitespace_check_breaks_on(c - kShieldOffset)) {
      append_utf8(out, c - kShieldOffset);
    } else {
      out.append(text.substr(i, length));
    }
    i += length;
  }
  return out;
}

void unshield_strings(toml::node& node) {
  if (toml::table* table = node.as_table()) {
    for (auto&& [key, value] : *table) unshield_strings(value);
  } else if (toml::array* array = node.as_array()) {
    for (toml::node& item : *array) unshield_strings(item);
  } else if (toml::value<std::string>* text = node.as_string()) {
    text->get() = shift_breaking_code_points(text->get(), false);
  }
}

bool is_http_url(std::string_view url) {
  return url.starts_with("https://") || url.starts_with("http://");
}

}  // namespace

const DisplayProfile* find_profile(std::string_view name) {
  for (const DisplayProfile& profile : kDisplayProfiles) {
    if (name == profile.name) return &profile;
  }
  return nullptr;
}

Result<std::pair<int, int>> parse_size(std::string_view text) {
  const auto x = text.find('x');
  int width = 0, height = 0;
  if (x == std::string_view::npos ||
      std::from_chars(text.data(), text.data() + x, width).ptr != text.data() + x ||
      std::from_chars(text.data() + x + 1, text.data() + text.size(), height).ptr !=
          text.data() + text.size() ||
      width < 64 || height < 64 || width > 8192 || height > 8192) {
    return make_error(ErrorKind::kInvalidArgument,
                      "size must be WIDTHxHEIGHT between 64 and 8192, e.g. 1280x720, not '" +
                          std::string(text) + "'");
  }
  return std::pair{width, height};
}

Result<Config> parse_config(std::string_view toml_text, std::string_view file_name) {
  ConfigReader reader(file_name);
  if (const std::uint32_t line = line_of_bare_non_ascii(toml_text); line != 0) {
    return make_error(ErrorKind::kConfig, std::string(file_name) + ":" + std::to_string(line) +
                                              ": a non-ASCII character outside a string or comment "
                                              "(quote keys and values that are not plain ASCII)");
  }
  toml::table root;
  try {
    root = toml::parse(shift_breaking_code_points(toml_text, true), file_name);
    unshield_strings(root);
  } catch (const toml::parse_error& error) {
    return make_error(ErrorKind::kConfig, std::string(file_name) + ":" +
                                              std::to_string(error.source().begin.line) + ": " +
                                              std::string(error.description()));
  }

  Config config;
  DisplayConfig& display = config.display;
  std::string mode = "auto";
  std::string size;
  const toml::node* size_node = nullptr;
  const toml::node* mode_node = nullptr;
  const toml::node* speed_node = nullptr;
  const toml::node* speed_cps_node = nullptr;
  const toml::node* profile_node = nullptr;
  const DisplayProfile* profile = nullptr;
  auto string_list_into = [&reader](std::vector<std::string>& out,
                                    std::string_view key) -> ConfigReader::Handler {
    return [&reader, &out, key](const toml::node& n) -> Result<void> {
      const toml::array* items = n.as_array();
      if (items == nullptr)
        return reader.error_at(n, std::string(key) + " must be an array of strings");
      for (const toml::node& item : *items) {
        if (!item.is_string())
          return reader.error_at(item, std::string(key) + " must be an array of strings");
        out.push_back(*item.value<std::string>());
      }
      return {};
    };
  };
  auto time_of_day_into = [&reader](int& out, std::string_view key) -> ConfigReader::Handler {
    return [&reader, &out, key](const toml::node& n) -> Result<void> {
      auto text = n.value<std::string>();
      int hours = -1, minutes = -1;
      if (!text || !n.is_string() || text->size() != 5 || (*text)[2] != ':' ||
          std::from_chars(text->data(), text->data() + 2, hours).ptr != text->data() + 2 ||
          std::from_chars(text->data() + 3, text->data() + 5, minutes).ptr != text->data() + 5 ||
          hours < 0 || hours > 23 || minutes < 0 || minutes > 59) {
        return reader.error_at(n, std::string(key) + " must be a time like \"07:30\"");
      }
      out = hours * 60 + minutes;
      return {};
    };
  };

  const std::map<std::string, ConfigReader::Handler, std::less<>> display_keys = {
      {"mode",
       [&](const toml::node& n) {
         mode_node = &n;
         return reader.string_into(mode, "display.mode")(n);
       }},
      {"size",
       [&](const toml::node& n) {
         size_node = &n;
         return reader.string_into(size, "display.size")(n);
       }},
      {"band_height", reader.int_into(display.band_height, "display.band_height", 0, 2000)},
      {"speed",
       [&](const toml::node& n) {
         speed_node = &n;
         return reader.number_into(display.speed_px_per_s, "display.speed", 10.0, 2000.0)(n);
       }},
      {"fps", reader.int_into(display.fps, "display.fps", 1, 240)},
      {"font", reader.string_into(display.font, "display.font")},
      {"bold_font", reader.string_into(display.bold_font, "display.bold_font")},
      {"speed_cps",
       [&](const toml::node& n) {
         speed_cps_node = &n;
         return reader.number_into(display.speed_cps, "display.speed_cps", 0.5, 50.0)(n);
       }},
      {"layout",
       [&](const toml::node& n) -> Result<void> {
         std::string layout;
         if (auto ok = reader.string_into(layout, "display.layout")(n); !ok) return ok;
         if (layout == "crawl")
           display.layout = Layout::kCrawl;
         else if (layout == "two-line")
           display.layout = Layout::kTwoLine;
         else if (layout == "flip")
           display.layout = Layout::kFlip;
         else
           return reader.error_at(n, "display.layout must be \"crawl\", \"two-line\" or \"flip\"");
         return {};
       }},
      {"profile",
       [&](const toml::node& n) -> Result<void> {
         std::string name;
         if (auto ok = reader.string_into(name, "display.profile")(n); !ok) return ok;
         profile = find_profile(name);
         if (profile == nullptr) {
           return reader.error_at(
               n, "display.profile must be pi-touch, 720p, 1080p, 4k, portrait or spi");
         }
         profile_node = &n;
         return {};
       }},
      {"rotation",
       [&](const toml::node& n) -> Result<void> {
         if (auto ok = reader.int_into(display.rotation, "display.rotation", 0, 270)(n); !ok)
           return ok;
         if (display.rotation % 90 != 0)
           return reader.error_at(n, "display.rotation must be 0, 90, 180 or 270");
         return {};
       }},
      {"title", reader.string_into(display.title, "display.title")},
      {"clock", reader.bool_into(display.clock, "display.clock")},
      {"relative_time", reader.bool_into(display.relative_time, "display.relative_time")},
      {"flip_seconds",
       [&](const toml::node& n) -> Result<void> {
         int seconds = 6;
         if (auto ok = reader.int_into(seconds, "display.flip_seconds", 2, 600)(n); !ok) return ok;
         display.flip_hold = std::chrono::seconds(seconds);
         return {};
       }},
      {"burn_in_shift", reader.bool_into(display.burn_in_shift, "display.burn_in_shift")},
      {"fallback_fonts", string_list_into(display.fallback_fonts, "display.fallback_fonts")},
  };
  const std::map<std::string, ConfigReader::Handler, std::less<>> colour_keys = {
      {"background", reader.colour_into(display.background, "colors.background")},
      {"band", reader.colour_into(display.band, "colors.band")},
      {"headline", reader.colour_into(display.headline, "colors.headline")},
      {"summary", reader.colour_into(display.summary, "colors.summary")},
      {"badge", reader.colour_into(display.badge, "colors.badge")},
      {"badge_text", reader.colour_into(display.badge_text, "colors.badge_text")},
      {"separator", reader.colour_into(display.separator, "colors.separator")},
      {"highlight", reader.colour_into(display.highlight, "colors.highlight")},
  };
  const std::map<std::string, ConfigReader::Handler, std::less<>> breaking_keys = {
      {"keywords", string_list_into(config.breaking.keywords, "breaking.keywords")},
      {"sources", string_list_into(config.breaking.sources, "breaking.sources")},
      {"max_age_minutes",
       [&](const toml::node& n) -> Result<void> {
         int minutes = 60;
         if (auto ok = reader.int_into(minutes, "breaking.max_age_minutes", 1, 7 * 24 * 60)(n); !ok)
           return ok;
         config.breaking.max_age = std::chrono::minutes(minutes);
         return {};
       }},
  };
  const std::map<std::string, ConfigReader::Handler, std::less<>> schedule_keys = {
      {"on", time_of_day_into(config.schedule.on_minute, "schedule.on")},
      {"off", time_of_day_into(config.schedule.off_minute, "schedule.off")},
      {"outside",
       [&](const toml::node& n) -> Result<void> {
         std::string outside;
         if (auto ok = reader.string_into(outside, "schedule.outside")(n); !ok) return ok;
         if (outside == "off")
           config.schedule.outside = ScheduleOutside::kOff;
         else if (outside == "dim")
           config.schedule.outside = ScheduleOutside::kDim;
         else
           return reader.error_at(n, "schedule.outside must be \"off\" or \"dim\"");
         return {};
       }},
  };

  auto read_feed = [&](const toml::node& node) -> Result<void> {
    const toml::table* table = node.as_table();
    if (table == nullptr) return reader.error_at(node, "each [[feed]] must be a table");
    FeedConfig feed;
    std::int64_t refresh_minutes = 5;
    const std::map<std::string, ConfigReader::Handler, std::less<>> feed_keys = {
        {"url", reader.string_into(feed.url, "feed.url")},
        {"name", reader.string_into(feed.name, "feed.name")},
        {"ca_file", reader.string_into(feed.ca_file, "feed.ca_file")},
        {"allow_insecure_http",
         reader.bool_into(feed.allow_insecure_http, "feed.allow_insecure_http")},
        {"priority", reader.bool_into(feed.priority, "feed.priority")},
        {"article_summaries", reader.bool_into(feed.article_summaries, "feed.article_summaries")},
        {"refresh_minutes", reader.int_into(refresh_minutes, "feed.refresh_minutes", 1, 24 * 60)},
        {"pinned_public_key",
         [&](const toml::node& n) -> Result<void> {
           if (auto ok = reader.string_into(feed.pinned_public_key, "feed.pinned_public_key")(n);
               !ok)
             return ok;
           if (!feed.pinned_public_key.starts_with("sha256//")) {
             return reader.error_at(
                 n, "feed.pinned_public_key must be \"sha256//<base64>[;sha256//...]\"");
           }
           return {};
         }},
        {"exclude",
         [&](const toml::node& n) -> Result<void> {
           const toml::array* words = n.as_array();
           if (words == nullptr)
             return reader.error_at(n, "feed.exclude must be an array of strings");
           for (const toml::node& word : *words) {
             if (!word.is_string())
               return reader.error_at(word, "feed.exclude must be an array of strings");
             std::string lower = *word.value<std::string>();
             for (char& c : lower)
               c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
             feed.exclude.push_back(std::move(lower));
           }
           return {};
         }},
        {"exclude_regex",
         [&](const toml::node& n) -> Result<void> {
           if (auto ok = reader.string_into(feed.exclude_regex, "feed.exclude_regex")(n); !ok)
             return ok;
           // Compiled once here, so a bad pattern is a config error with its line, not a
           // surprise on the fetch thread. std::regex reports errors only as exceptions.
           try {
             feed.exclude_pattern = std::make_shared<const std::regex>(
                 feed.exclude_regex,
                 std::regex::ECMAScript | std::regex::icase | std::regex::optimize);
           } catch (const std::regex_error& error) {
             return reader.error_at(
                 n, "feed.exclude_regex is not a valid regex: " + std::string(error.what()));
           }
           return {};
         }},
    };
    if (auto ok = reader.read_table(*table, "[[feed]]", feed_keys); !ok) return ok;
    if (feed.url.empty()) return reader.error_at(node, "a [[feed]] needs a url");
    if (!is_http_url(feed.url)) return reader.error_at(node, "feed.url must start with https://");
    if (feed.url.starts_with("http://") && !feed.allow_insecure_http) {
      return reader.error_at(
          node, "feed.url is plain http://; set allow_insecure_http = true to accept that");
    }
    if (feed.priority && feed.name.empty()) {
      return reader.error_at(node,
                             "a priority [[feed]] needs a name (its items are matched by it)");
    }
    if (feed.priority) config.breaking.sources.push_back(feed.name);
    feed.refresh = std::chrono::minutes(refresh_minutes);
    config.feeds.push_back(std::move(feed));
    return {};
  };

  const std::map<std::string, ConfigReader::Handler, std::less<>> root_keys = {
      {"ca_file", reader.string_into(config.ca_file, "ca_file")},
      {"state_dir", reader.string_into(config.state_dir, "state_dir")},
      {"user_agent", reader.string_into(config.user_agent, "user_agent")},
      {"ring_capacity",
       reader.int_into(config.ring_capacity, "ring_capacity", 1, kMaxRingCapacity)},
      {"proxy", reader.string_into(config.proxy, "proxy")},
      {"max_age_hours", reader.int_into(config.max_age_hours, "max_age_hours", 0, 24 * 365)},
      {"order",
       [&](const toml::node& n) -> Result<void> {
         std::string order;
         if (auto ok = reader.string_into(order, "order")(n); !ok) return ok;
         if (order == "newest")
           config.order = RingOrder::kNewest;
         else if (order == "round_robin")
           config.order = RingOrder::kRoundRobin;
         else
           return reader.error_at(n, "order must be \"newest\" or \"round_robin\"");
         return {};
       }},
      {"display",
       [&](const toml::node& n) -> Result<void> {
         if (!n.is_table()) return reader.error_at(n, "display must be a table");
         return reader.read_table(*n.as_table(), "[display]", display_keys);
       }},
      {"colors",
       [&](const toml::node& n) -> Result<void> {
         if (!n.is_table()) return reader.error_at(n, "colors must be a table");
         return reader.read_table(*n.as_table(), "[colors]", colour_keys);
       }},
      {"breaking",
       [&](const toml::node& n) -> Result<void> {
         if (!n.is_table()) return reader.error_at(n, "breaking must be a table");
         return reader.read_table(*n.as_table(), "[breaking]", breaking_keys);
       }},
      {"schedule",
       [&](const toml::node& n) -> Result<void> {
         if (!n.is_table()) return reader.error_at(n, "schedule must be a table");
         config.schedule.enabled = true;
         return reader.read_table(*n.as_table(), "[schedule]", schedule_keys);
       }},
      {"feed",
       [&](const toml::node& n) -> Result<void> {
         const toml::array* feeds = n.as_array();
         if (feeds == nullptr)
           return reader.error_at(n, "feed must be an array of tables: [[feed]]");
         for (const toml::node& feed : *feeds) {
           if (auto ok = read_feed(feed); !ok) return ok;
         }
         return {};
       }},
  };
  if (auto ok = reader.read_table(root, "the top level", root_keys); !ok)
    return Unexpected{ok.error()};

  if (mode == "auto")
    display.mode = DisplayMode::kAuto;
  else if (mode == "window")
    display.mode = DisplayMode::kWindow;
  else if (mode == "fullscreen")
    display.mode = DisplayMode::kFullscreen;
  else if (mode == "headless")
    display.mode = DisplayMode::kHeadless;
  else
    return reader.error_at(*mode_node, "display.mode must be auto, window, fullscreen or headless");

  if (speed_node != nullptr && speed_cps_node != nullptr) {
    return reader.error_at(*speed_cps_node,
                           "set display.speed (px/s) or display.speed_cps, not both");
  }
  if (profile != nullptr && !size.empty()) {
    return reader.error_at(*profile_node, "set display.profile or display.size, not both");
  }
  if (profile != nullptr) {
    display.width = profile->width;
    display.height = profile->height;
  }
  if (config.schedule.enabled && config.schedule.on_minute == config.schedule.off_minute) {
    return reader.error_at_line(1, "schedule.on and schedule.off must differ");
  }
  if (!size.empty()) {
    auto parsed = parse_size(size);
    if (!parsed) return reader.error_at(*size_node, parsed.error().message);
    display.width = parsed->first;
    display.height = parsed->second;
  }
  return config;
}

}  // namespace newsticker::app
