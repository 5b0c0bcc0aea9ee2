#include "feed/feed_dates.h"

#include <array>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <vector>

namespace newsticker::app {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

struct Fields {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  int offset_minutes = 0;  // east of UTC
};

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Reads exactly `n` digits at `pos`.
bool read_digits(std::string_view s, std::size_t& pos, std::size_t n, int& value) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!is_digit(s[pos + i])) return false;
    v = v * 10 + (s[pos + i] - '0');
  }
  value = v;
  pos += n;
  return true;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!is_digit(c)) return false;
  return true;
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

std::optional<UtcSeconds> to_instant(const Fields& f) {
  const std::chrono::year_month_day ymd{std::chrono::year{f.year},
                                        std::chrono::month{static_cast<unsigned>(f.month)},
                                        std::chrono::day{static_cast<unsigned>(f.day)}};
  if (f.year < 1 || f.year > 9999 || f.month < 1 || f.month > 12 || f.day < 1 || !ymd.ok()) {
    return std::nullopt;
  }
  // A leap second (:60) is accepted and lands on the next second.
  if (f.hour > 23 || f.minute > 59 || f.second > 60) return std::nullopt;
  return UtcSeconds{std::chrono::sys_days{ymd}.time_since_epoch() + hours{f.hour} +
                    minutes{f.minute} + seconds{f.second} - minutes{f.offset_minutes}};
}

// "+hh:mm", "+hhmm", "+hh", "Z" at `pos` to end of string (trailing spaces allowed).
bool parse_numeric_offset(std::string_view s, int& offset) {
  s = trim(s);
  if (s.empty()) {
    offset = 0;
    return true;
  }
  if (s == "Z" || s == "z") {
    offset = 0;
    return true;
  }
  if (s[0] != '+' && s[0] != '-') return false;
  const int sign = s[0] == '-' ? -1 : 1;
  std::size_t pos = 1;
  int hh = 0, mm = 0;
  if (!read_digits(s, pos, 2, hh)) return false;
  if (pos < s.size() && s[pos] == ':') ++pos;
  if (pos < s.size() && !read_digits(s, pos, 2, mm)) return false;
  if (pos != s.size() || hh > 23 || mm > 59) return false;
  offset = sign * (hh * 60 + mm);
  return true;
}

std::optional<UtcSeconds> parse_iso8601(std::string_view s) {
  Fields f;
  std::size_t pos = 0;
  if (!read_digits(s, pos, 4, f.year)) return std::nullopt;
  bool extended = false;
  if (pos < s.size() && s[pos] == '-') {
    extended = true;
    ++pos;
    if (!read_digits(s, pos, 2, f.month) || pos >= s.size() || s[pos] != '-') return std::nullopt;
    ++pos;
    if (!read_digits(s, pos, 2, f.day)) return std::nullopt;
  } else {
    if (!read_digits(s, pos, 2, f.month) || !read_digits(s, pos, 2, f.day)) return std::nullopt;
  }
  if (pos == s.size()) return to_instant(f);  // date only: midnight UTC
  const char sep = s[pos];
  if (sep != 'T' && sep != 't' && sep != ' ') return std::nullopt;
  ++pos;
  if (!read_digits(s, pos, 2, f.hour)) return std::nullopt;
  if (extended || (pos < s.size() && s[pos] == ':')) {
    if (pos >= s.size() || s[pos] != ':') return std::nullopt;
    ++pos;
    if (!read_digits(s, pos, 2, f.minute)) return std::nullopt;
    if (pos < s.size() && s[pos] == ':') {
      ++pos;
      if (!read_digits(s, pos, 2, f.second)) return std::nullopt;
    }
  } else {
    if (!read_digits(s, pos, 2, f.minute)) return std::nullopt;
    if (pos + 1 < s.size() && is_digit(s[pos]) && is_digit(s[pos + 1])) {
      read_digits(s, pos, 2, f.second);
    }
  }
  if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
    ++pos;
    const std::size_t start = pos;
    while (pos < s.size() && is_digit(s[pos])) ++pos;  // fraction dropped: whole seconds
    if (pos == start) return std::nullopt;
  }
  if (!parse_numeric_offset(s.substr(pos), f.offset_minutes)) return std::nullopt;
  return to_instant(f);
}

int month_from_name(std::string_view word) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  static constexpr std::array<std::string_view, 12> kFull = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  const std::string w = lower(word);
  for (std::size_t i = 0; i < 12; ++i) {
    if (w == kMonths[i] || w == kFull[i] || (w == "sept" && i == 8)) return static_cast<int>(i) + 1;
  }
  return 0;
}

bool is_weekday(std::string_view word) {
  static constexpr std::array<std::string_view, 7> kShort = {"mon", "tue", "wed", "thu",
                                                             "fri", "sat", "sun"};
  static constexpr std::array<std::string_view, 7> kFull = {
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  const std::string w = lower(word);
  for (std::size_t i = 0; i < 7; ++i) {
    if (w == kShort[i] || w == kFull[i] || w == "tues" || w == "thur" || w == "thurs") return true;
  }
  return false;
}

bool named_zone(std::string_view word, int& offset) {
  struct Zone {
    std::string_view name;
    int hours;
  };
  static constexpr std::array<Zone, 14> kZones = {{{"ut", 0},
                                                   {"utc", 0},
                                                   {"gmt", 0},
                                                   {"z", 0},
                                                   {"est", -5},
                                                   {"edt", -4},
                                                   {"cst", -6},
                                                   {"cdt", -5},
                                                   {"mst", -7},
                                                   {"mdt", -6},
                                                   {"pst", -8},
                                                   {"pdt", -7},
                                                   {"ast", -4},
                                                   {"adt", -3}}};
  const std::string w = lower(word);
  for (const auto& z : kZones) {
    if (w == z.name) {
      offset = z.hours * 60;
      return true;
    }
  }
  // Military zones: RFC 2822 4.3 says their sign was specified backwards in RFC 822 and they
  // should be treated as "-0000" (no information), i.e. UTC.
  if (w.size() == 1 && w[0] >= 'a' && w[0] <= 'z' && w[0] != 'j') {
    offset = 0;
    return true;
  }
  return false;
}

bool parse_zone_token(std::string_view tok, int& offset) {
  if (named_zone(tok, offset)) return true;
  // "GMT+0100", "UTC-05:00"
  const std::string w = lower(tok);
  for (std::string_view prefix : {"gmt", "utc", "ut"}) {
    if (w.size() > prefix.size() && w.compare(0, prefix.size(), prefix) == 0 &&
        (w[prefix.size()] == '+' || w[prefix.size()] == '-')) {
      return parse_numeric_offset(tok.substr(prefix.size()), offset) &&
             !tok.substr(prefix.size()).empty();
    }
  }
  if (tok[0] != '+' && tok[0] != '-') return false;
  return parse_numeric_offset(tok, offset);
}

// "hh:mm" or "hh:mm:ss" (one-digit hour tolerated).
bool parse_clock(std::string_view tok, Fields& f) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= tok.size(); ++i) {
    if (i == tok.size() || tok[i] == ':') {
      parts.push_back(tok.substr(start, i - start));
      start = i + 1;
    }
  }
  if (parts.size() < 2 || parts.size() > 3) return false;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (!all_digits(parts[i]) || parts[i].size() > 2 || (i > 0 && parts[i].size() != 2)) {
      return false;
    }
  }
  f.hour = to_int(parts[0]);
  f.minute = to_int(parts[1]);
  f.second = parts.size() == 3 ? to_int(parts[2]) : 0;
  return true;
}

bool parse_year(std::string_view tok, int& year) {
  if (!all_digits(tok) || tok.size() < 2 || tok.size() > 4) return false;
  year = to_int(tok);
  if (tok.size() == 2)
    year += year < 50 ? 2000 : 1900;  // RFC 2822 4.3
  else if (tok.size() == 3)
    year += 1900;
  return true;
}

// RFC 822/2822, RFC 850 and asctime share one token-based reader.
std::optional<UtcSeconds> parse_rfc822_family(std::string_view s) {
  std::vector<std::string_view> toks;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (std::isspace(static_cast<unsigned char>(s[i])) || s[i] == ',')) ++i;
    if (i >= s.size()) break;
    if (s[i] == '(') break;  // trailing comment such as "(UTC)" or "(Pacific Standard Time)"
    const std::size_t start = i;
    while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i])) && s[i] != ',') ++i;
    toks.push_back(s.substr(start, i - start));
  }
  if (toks.empty()) return std::nullopt;
  std::size_t t = 0;
  if (is_weekday(toks[t])) ++t;
  if (t >= toks.size()) return std::nullopt;
  Fields f;
  bool have_time = false;
  std::string_view tok = toks[t];
  // RFC 850 date "06-Nov-94"
  if (const auto d1 = tok.find('-'); d1 != std::string_view::npos && d1 > 0) {
    const auto d2 = tok.find('-', d1 + 1);
    if (d2 == std::string_view::npos) return std::nullopt;
    const auto dd = tok.substr(0, d1);
    const auto mon = tok.substr(d1 + 1, d2 - d1 - 1);
    if (!all_digits(dd) || dd.size() > 2) return std::nullopt;
    f.day = to_int(dd);
    f.month = month_from_name(mon);
    if (f.month == 0 || !parse_year(tok.substr(d2 + 1), f.year)) return std::nullopt;
    ++t;
  } else if (all_digits(tok) && tok.size() <= 2) {
    // "10 Jun 2003"
    f.day = to_int(tok);
    if (t + 2 >= toks.size()) return std::nullopt;
    f.month = month_from_name(toks[t + 1]);
    if (f.month == 0 || !parse_year(toks[t + 2], f.year)) return std::nullopt;
    t += 3;
  } else if (month_from_name(tok) != 0) {
    // asctime "Nov  6 08:49:37 1994", or "Jun 10 2003 04:00:00 GMT"
    f.month = month_from_name(tok);
    if (t + 1 >= toks.size() || !all_digits(toks[t + 1]) || toks[t + 1].size() > 2) {
      return std::nullopt;
    }
    f.day = to_int(toks[t + 1]);
    t += 2;
    if (t < toks.size() && parse_clock(toks[t], f)) {
      have_time = true;
      ++t;
      if (t >= toks.size() || !parse_year(toks[t], f.year) || toks[t].size() != 4) {
        return std::nullopt;
      }
      ++t;
    } else if (t < toks.size() && toks[t].size() == 4 && parse_year(toks[t], f.year)) {
      ++t;
    } else {
      return std::nullopt;
    }
  } else {
    return std::nullopt;
  }
  if (!have_time && t < toks.size()) {
    if (!parse_clock(toks[t], f)) return std::nullopt;
    have_time = true;
    ++t;
  }
  if (have_time && t < toks.size() && (lower(toks[t]) == "am" || lower(toks[t]) == "pm")) {
    // 12-hour clock ("02:02:33 PM"), seen in hand-written feeds.
    if (f.hour < 1 || f.hour > 12) return std::nullopt;
    f.hour = f.hour % 12 + (lower(toks[t]) == "pm" ? 12 : 0);
    ++t;
  }
  if (t < toks.size()) {
    if (!parse_zone_token(toks[t], f.offset_minutes)) return std::nullopt;
    ++t;
  }
  if (t != toks.size()) return std::nullopt;
  return to_instant(f);
}

}  // namespace

std::optional<UtcSeconds> parse_feed_date(std::string_view text) {
  const std::string_view s = trim(text);
  if (s.empty() || s.size() > 128) return std::nullopt;
  if (s.size() >= 8 && all_digits(s.substr(0, 4)) && (s[4] == '-' || all_digits(s.substr(4, 4)))) {
    // A long run of digits is a bare number (e.g. a Unix time), not a basic-format date.
    if (all_digits(s) && s.size() != 8) return std::nullopt;
    return parse_iso8601(s);
  }
  return parse_rfc822_family(s);
}

std::string format_utc(UtcSeconds instant) {
  const auto day = std::chrono::floor<days>(instant);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss hms{instant - day};
  const int year = static_cast<int>(ymd.year());
  if (year < 1 || year > 9999) return {};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", year,
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

}  // namespace newsticker::app
