#include "feed/article.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlmemory.h>

#include <algorithm>
#include <array>
#include <bitset>
#include <cctype>
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "feed/dateline.h"
#include "feed/feed_text.h"
#include "feed/libxml_setup.h"

namespace newsticker::app {
namespace {

constexpr std::size_t kMaxPageBytes = 8u << 20;
constexpr std::size_t kMaxBlocks = 5000;
constexpr std::size_t kMaxHeadlineBytes = 250;
constexpr std::size_t kMaxShortLineBytes = 200;
constexpr std::size_t kMaxBylineBytes = 100;
constexpr std::size_t kMaxBylineWords = 10;
constexpr std::size_t kMinBodyWords = 8;
// A paragraph this long is body text even when it does not end like a sentence.
constexpr std::size_t kLongParagraphBytes = 150;

// ---------------------------------------------------------------------------------------------
// Text helpers

char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), ascii_lower);
  return out;
}

bool equals_ci(std::string_view a, std::string_view b) {
  return a.size() == b.size() && lower(a) == lower(b);
}

bool contains_ci(std::string_view haystack, std::string_view needle) {
  return lower(haystack).find(lower(needle)) != std::string::npos;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && equals_ci(s.substr(0, prefix.size()), prefix);
}

bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), is_ascii_digit);
}

// Length of the whitespace character at i (ASCII whitespace, NBSP, U+2000..U+200A, U+202F,
// U+3000), or 0. Pages use NBSP freely between dateline parts.
std::size_t space_length(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
  if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) return 2;
  if (c == 0xE2 && i + 2 < s.size()) {
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    const auto b2 = static_cast<unsigned char>(s[i + 2]);
    if (b1 == 0x80 && (b2 <= 0x8A || b2 == 0xAF)) return 3;
  }
  if (c == 0xE3 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
      static_cast<unsigned char>(s[i + 2]) == 0x80) {
    return 3;
  }
  return 0;
}

// One line: whitespace runs become one space, trimmed.
std::string collapse(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < s.size();) {
    if (const std::size_t n = space_length(s, i)) {
      pending_space = !out.empty();
      i += n;
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(s[i]);
    ++i;
  }
  return out;
}

std::vector<std::string_view> split_words(std::string_view s) {
  std::vector<std::string_view> words;
  while (!s.empty()) {
    const std::size_t space = s.find(' ');
    if (space != 0) words.push_back(s.substr(0, space));
    if (space == std::string_view::npos) break;
    s.remove_prefix(space + 1);
  }
  return words;
}

std::string join(const std::vector<std::string_view>& words, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to && i < words.size(); ++i) {
    if (!out.empty()) out.push_back(' ');
    out.append(words[i]);
  }
  return out;
}

bool ends_like_sentence(std::string_view s) {
  for (std::string_view end : {".", "!", "?", "\"", "'", ")", "\u201D", "\u2019", "\u2026",
                               "\u3002", "\uFF01", "\uFF1F"}) {
    if (s.ends_with(end)) return true;
  }
  return false;
}

std::string strip_by(std::string_view s) {
  if (starts_with_ci(s, "by ")) s.remove_prefix(3);
  return collapse(s);
}

// ---------------------------------------------------------------------------------------------
// Dates

using std::chrono::sys_days;

std::optional<sys_days> make_day(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{year},
                                        std::chrono::month{static_cast<unsigned>(month)},
                                        std::chrono::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return std::nullopt;
  return sys_days{ymd};
}

// "2016-04-02", "2016-04-02T10:00", "2016-04-02T10:00:00.5+01:00", "...Z".
std::optional<UtcSeconds> parse_iso(std::string_view s) {
  auto number = [&](std::size_t at, std::size_t len) -> std::optional<int> {
    if (at + len > s.size() || !all_digits(s.substr(at, len))) return std::nullopt;
    return std::stoi(std::string(s.substr(at, len)));
  };
  const auto y = number(0, 4), m = number(5, 2), d = number(8, 2);
  if (!y || !m || !d || s[4] != '-' || s[7] != '-') return std::nullopt;
  const auto day = make_day(*y, *m, *d);
  if (!day) return std::nullopt;
  UtcSeconds t{*day};
  if (s.size() == 10) return t;
  if (s[10] != 'T' && s[10] != ' ') return std::nullopt;
  const auto hh = number(11, 2), mm = number(14, 2);
  if (!hh || !mm || s.size() < 16 || s[13] != ':' || *hh > 23 || *mm > 59) return std::nullopt;
  t += std::chrono::hours{*hh} + std::chrono::minutes{*mm};
  std::size_t i = 16;
  if (i < s.size() && s[i] == ':') {
    const auto ss = number(i + 1, 2);
    if (!ss || *ss > 60) return std::nullopt;
    t += std::chrono::seconds{*ss};
    i += 3;
    if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
      ++i;
      while (i < s.size() && is_ascii_digit(s[i])) ++i;
    }
  }
  if (i == s.size() || s.substr(i) == "Z" || s.substr(i) == "z") return t;
  if (s[i] != '+' && s[i] != '-') return std::nullopt;
  const int sign = s[i] == '+' ? 1 : -1;
  const auto oh = number(i + 1, 2);
  std::size_t at = i + 3;
  if (at < s.size() && s[at] == ':') ++at;
  const auto om = at == s.size() ? std::optional<int>(0) : number(at, 2);
  if (!oh || !om || (at < s.size() && at + 2 != s.size()) || *oh > 23 || *om > 59) {
    return std::nullopt;
  }
  return t - sign * (std::chrono::hours{*oh} + std::chrono::minutes{*om});
}

constexpr std::array<std::string_view, 12> kMonths = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

constexpr std::array<std::string_view, 7> kWeekdays = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                       "Thursday", "Friday", "Saturday"};

// 1..12 for "April", "Apr", "Apr.", "Sept"; 0 otherwise.
int month_number(std::string_view word) {
  while (!word.empty() && (word.back() == '.' || word.back() == ',')) word.remove_suffix(1);
  const std::string w = lower(word);
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (w == kMonths[i] || (w.size() == 3 && kMonths[i].starts_with(w)) ||
        (i == 8 && w == "sept")) {
      return static_cast<int>(i) + 1;
    }
  }
  return 0;
}

// Digits of "2", "2,", "2nd", "21st"; nullopt for anything else.
std::optional<int> day_number(std::string_view word) {
  while (!word.empty() && (word.back() == ',' || word.back() == '.')) word.remove_suffix(1);
  for (std::string_view suffix : {"st", "nd", "rd", "th"}) {
    if (word.size() > 2 && word.ends_with(suffix)) word.remove_suffix(2);
  }
  if (word.empty() || word.size() > 2 || !all_digits(word)) return std::nullopt;
  return std::stoi(std::string(word));
}

std::optional<int> year_number(std::string_view word) {
  while (!word.empty() && (word.back() == ',' || word.back() == '.')) word.remove_suffix(1);
  if (word.size() != 4 || !all_digits(word)) return std::nullopt;
  return std::stoi(std::string(word));
}

// Both readings of a numeric date ("2/04/2016" -> 2 Apr and 4 Feb); one when unambiguous.
std::vector<sys_days> numeric_readings(std::string_view token) {
  std::vector<sys_days> readings;
  const std::size_t sep_at = token.find_first_of("/.-");
  if (sep_at == std::string_view::npos) return readings;
  const char sep = token[sep_at];
  const std::size_t second_sep = token.find(sep, sep_at + 1);
  if (second_sep == std::string_view::npos) return readings;
  const std::string_view a = token.substr(0, sep_at);
  const std::string_view b = token.substr(sep_at + 1, second_sep - sep_at - 1);
  const std::string_view c = token.substr(second_sep + 1);
  if (!all_digits(a) || !all_digits(b) || !all_digits(c)) return readings;
  if (a.size() > 4 || b.size() > 2 || c.size() > 4) return readings;  // also keeps stoi in range
  const int na = std::stoi(std::string(a)), nb = std::stoi(std::string(b));
  int nc = std::stoi(std::string(c));
  if (a.size() == 4 && b.size() <= 2 && c.size() <= 2) {  // 2016/04/02
    if (const auto day = make_day(na, nb, nc)) readings.push_back(*day);
    return readings;
  }
  if (a.size() > 2 || b.size() > 2 || (c.size() != 2 && c.size() != 4)) return readings;
  if (c.size() == 2) nc += 2000;
  if (const auto day_month = make_day(nc, nb, na)) readings.push_back(*day_month);
  if (na != nb) {
    if (const auto month_day = make_day(nc, na, nb)) readings.push_back(*month_day);
  }
  return readings;
}

bool looks_numeric_date(std::string_view token) {
  return !numeric_readings(token).empty();
}

// "April 2, 2016", "Saturday, 2 Apr 2016", "Apr. 2nd 2016".
std::optional<sys_days> textual_date(const std::vector<std::string_view>& words) {
  for (std::size_t i = 0; i < words.size(); ++i) {
    const int month = month_number(words[i]);
    if (month == 0) continue;
    std::optional<int> day, year;
    if (i + 1 < words.size()) day = day_number(words[i + 1]);
    if (day) {
      if (i + 2 < words.size()) year = year_number(words[i + 2]);
    } else if (i > 0) {
      day = day_number(words[i - 1]);
      if (i + 1 < words.size()) year = year_number(words[i + 1]);
    }
    if (day && year) return make_day(*year, month, *day);
  }
  return std::nullopt;
}

using WeekdaySet = std::bitset<7>;  // bit = std::chrono::weekday::c_encoding() (0 = Sunday)

WeekdaySet weekday_hints(std::string_view text) {
  WeekdaySet hints;
  for (std::size_t i = 0; i < kWeekdays.size(); ++i) {
    const std::string_view name = kWeekdays[i];
    for (std::size_t at = text.find(name); at != std::string_view::npos;
         at = text.find(name, at + 1)) {
      const bool start_ok = at == 0 || !std::isalpha(static_cast<unsigned char>(text[at - 1]));
      const std::size_t end = at + name.size();
      const bool end_ok =
          end == text.size() || !std::isalpha(static_cast<unsigned char>(text[end]));
      if (start_ok && end_ok) hints.set(i);
    }
  }
  return hints;
}

// Applies the header's date policy; `hint_sets` are tried in order until one decides.
std::optional<UtcSeconds> resolve_date(std::string_view date_text,
                                       const std::vector<WeekdaySet>& hint_sets) {
  if (const auto iso = parse_iso(date_text)) return iso;
  const std::string collapsed = collapse(date_text);
  const auto words = split_words(collapsed);
  for (const std::string_view word : words) {
    const auto readings = numeric_readings(word);
    if (readings.empty()) continue;
    if (readings.size() == 1) return UtcSeconds{readings[0]};
    for (const WeekdaySet& hints : hint_sets) {
      const bool first = hints.test(std::chrono::weekday{readings[0]}.c_encoding());
      const bool second = hints.test(std::chrono::weekday{readings[1]}.c_encoding());
      if (first != second) return UtcSeconds{first ? readings[0] : readings[1]};
    }
    return std::nullopt;  // ambiguous and no evidence: never guess
  }
  if (const auto day = textual_date(words)) return UtcSeconds{*day};
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Page lines

struct PageMeta {
  std::string headline, source, byline, date_text;
  std::optional<UtcSeconds> date;
};

bool is_browser_warning(std::string_view line) {
  for (std::string_view marker :
       {"older browser", "unsupported browser", "update your browser", "upgrade your browser",
        "supported version", "enable javascript", "javascript is disabled",
        "turn off your ad blocker", "disable your ad blocker"}) {
    if (contains_ci(line, marker)) return true;
  }
  return false;
}

bool is_tracking_text(std::string_view line) {
  return contains_ci(line, "image beacon") || contains_ci(line, "tracking pixel");
}

bool is_photo_credit(std::string_view line) {
  if (line.size() > kMaxShortLineBytes) return false;
  if (line.find("\u00A9") != std::string_view::npos) return true;  // ©
  if (ends_like_sentence(line) && !line.ends_with(")")) return false;
  for (std::string_view marker :
       {"Getty Images", "Shutterstock", "AP Photo", "Photo by",
        "Photograph:", "Photo:", "Image credit", "Image:", "Credit:", "Image source"}) {
    if (contains_ci(line, marker)) return true;
  }
  return false;
}

bool is_page_chrome(std::string_view line) {
  for (std::string_view chrome : {"Advertisement",
                                  "Skip to content",
                                  "Skip to main content",
                                  "Sign in",
                                  "Subscribe",
                                  "Share",
                                  "Share this article",
                                  "Comments",
                                  "Continue reading",
                                  "Read more",
                                  "Menu",
                                  "Search",
                                  "Close",
                                  "Sponsored",
                                  "Sponsored content",
                                  "Ad",
                                  "Story continues below",
                                  "Story continues below advertisement",
                                  "Continue reading below",
                                  "Listen to article"}) {
    if (equals_ci(line, chrome)) return true;
  }
  return false;
}

// Lists of other stories: the article is over.
bool is_end_marker(std::string_view line) {
  if (line.size() > 80) return false;
  if (starts_with_ci(line, "More from ")) return true;
  for (std::string_view marker :
       {"Related Coverage", "Related Articles", "Related Stories", "More stories", "Read next",
        "Recommended", "Recommended for you"}) {
    if (equals_ci(line, marker)) return true;
  }
  return false;
}

struct DateAt {
  std::string text;
  std::size_t words = 0;  // words used
};

// A date at the start of `words`: numeric (with an optional time), month-name form, or a
// relative "2 days ago".
std::optional<DateAt> date_at_start(const std::vector<std::string_view>& words, std::size_t from) {
  if (from >= words.size()) return std::nullopt;
  std::size_t used = 0;
  if (looks_numeric_date(words[from]) || parse_iso(words[from])) {
    used = 1;
    if (from + used < words.size() && words[from + used].find(':') != std::string_view::npos &&
        is_ascii_digit(words[from + used].front())) {
      ++used;
      if (from + used < words.size() &&
          (equals_ci(words[from + used], "AM") || equals_ci(words[from + used], "PM"))) {
        ++used;
      }
    }
  } else if (month_number(words[from]) != 0 && from + 2 < words.size() &&
             day_number(words[from + 1]) && year_number(words[from + 2])) {
    used = 3;
  } else if (day_number(words[from]) && from + 2 < words.size() &&
             month_number(words[from + 1]) != 0 && year_number(words[from + 2])) {
    used = 3;
  } else if (all_digits(words[from]) && from + 2 < words.size() &&
             equals_ci(words[from + 2], "ago")) {
    used = 3;
  } else {
    return std::nullopt;
  }
  return DateAt{join(words, from, from + used), used};
}

struct LogoLine {
  std::string source, date_text, byline;
};

// "HuffPost logo HuffPost 2/04/2016 Annum Masroor": the site's logo alt text, the site name
// again, the date and the author, as MSN's syndicated pages print them.
std::optional<LogoLine> parse_logo_line(std::string_view line) {
  if (line.size() > kMaxShortLineBytes) return std::nullopt;
  const auto words = split_words(line);
  std::size_t logo_at = 0;
  while (logo_at < words.size() && !equals_ci(words[logo_at], "logo")) ++logo_at;
  if (logo_at == 0 || logo_at > 4 || logo_at == words.size()) return std::nullopt;
  std::size_t at = logo_at + 1;
  const bool repeated = at + logo_at <= words.size() &&
                        std::equal(words.begin(), words.begin() + static_cast<long>(logo_at),
                                   words.begin() + static_cast<long>(at));
  if (repeated) at += logo_at;
  const auto date = date_at_start(words, at);
  if (!repeated && !date) return std::nullopt;  // "Nike unveiled new logo ..." is a sentence
  LogoLine logo;
  logo.source = join(words, 0, logo_at);
  if (date) {
    logo.date_text = date->text;
    at += date->words;
  }
  logo.byline = strip_by(join(words, at, words.size()));
  return logo;
}

std::optional<std::string> parse_byline_line(std::string_view line) {
  if (!starts_with_ci(line, "by ") || line.size() > kMaxBylineBytes) return std::nullopt;
  if (split_words(line).size() > kMaxBylineWords || ends_like_sentence(line)) return std::nullopt;
  return strip_by(line);
}

// "Published April 2, 2016", "Updated: 2/04/2016 10:30", "April 2, 2016".
std::optional<std::string> parse_date_line(std::string_view line) {
  if (line.size() > 80) return std::nullopt;
  for (std::string_view prefix : {"Last updated", "Published", "Updated", "Posted"}) {
    if (starts_with_ci(line, prefix)) {
      line.remove_prefix(prefix.size());
      break;
    }
  }
  while (!line.empty() && (line.front() == ':' || line.front() == ' ')) line.remove_prefix(1);
  if (starts_with_ci(line, "on ")) line.remove_prefix(3);
  const auto words = split_words(line);
  std::size_t from = 0;
  if (!words.empty() && std::any_of(kWeekdays.begin(), kWeekdays.end(), [&](std::string_view d) {
        std::string_view w = words[0];
        if (w.ends_with(',')) w.remove_suffix(1);
        return w == d;
      })) {
    from = 1;
  }
  const auto date = date_at_start(words, from);
  if (!date || from + date->words != words.size()) return std::nullopt;
  return std::string(line);
}

bool looks_like_headline(std::string_view line) {
  return line.size() <= kMaxHeadlineBytes && split_words(line).size() >= 2;
}

bool looks_like_body(std::string_view line) {
  return split_words(line).size() >= kMinBodyWords &&
         (ends_like_sentence(line) || line.size() >= kLongParagraphBytes);
}

// The logic both entry points share: `blocks` are whitespace-collapsed, non-empty text blocks in
// page order; `meta` holds what the page's metadata said (empty fields when unknown).
Result<ArticleInfo> read_blocks(const std::vector<std::string>& blocks, PageMeta meta) {
  ArticleInfo info;
  info.headline = std::move(meta.headline);
  info.source = std::move(meta.source);
  info.byline = std::move(meta.byline);
  info.date_text = std::move(meta.date_text);
  info.date = meta.date;

  std::vector<std::string_view> body;
  for (const std::string& block : blocks) {
    if (is_browser_warning(block) || is_tracking_text(block) || is_photo_credit(block) ||
        is_page_chrome(block)) {
      continue;
    }
    if (is_end_marker(block)) {
      if (!body.empty()) break;
      continue;
    }
    if (body.empty()) {
      if (auto logo = parse_logo_line(block)) {
        if (info.source.empty()) info.source = std::move(logo->source);
        if (info.date_text.empty()) info.date_text = std::move(logo->date_text);
        if (info.byline.empty()) info.byline = std::move(logo->byline);
        continue;
      }
      if (auto byline = parse_byline_line(block)) {
        if (info.byline.empty()) info.byline = std::move(*byline);
        continue;
      }
      if (auto date_text = parse_date_line(block)) {
        if (info.date_text.empty()) info.date_text = std::move(*date_text);
        continue;
      }
      if (block == info.headline) continue;
      if (info.headline.empty() && looks_like_headline(block) && !looks_like_body(block)) {
        info.headline = block;
        continue;
      }
    }
    if (looks_like_body(block)) body.push_back(block);
  }

  if (!body.empty()) {
    DatelineSummary summary = extract_dateline(body.front());
    info.dateline = std::move(summary.dateline);
    info.agency = std::move(summary.agency);
    info.lede = std::move(summary.lede);
  }
  if (info.headline.empty() && info.lede.empty()) {
    return make_error(ErrorKind::kParse, "no article headline or body text found");
  }
  if (!info.date && !info.date_text.empty()) {
    std::vector<WeekdaySet> hints;
    if (!body.empty()) {
      hints.push_back(weekday_hints(body.front()));
      WeekdaySet all;
      for (const std::string_view paragraph : body) all |= weekday_hints(paragraph);
      hints.push_back(all);
    }
    info.date = resolve_date(info.date_text, hints);
  }
  return info;
}

// ---------------------------------------------------------------------------------------------
// HTML

struct XmlDocFree {
  void operator()(xmlDoc* doc) const noexcept { xmlFreeDoc(doc); }
};
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocFree>;

// xmlFree is a function-pointer variable, so it cannot be a template argument.
struct XmlCharFree {
  void operator()(xmlChar* p) const noexcept { xmlFree(p); }
};
using XmlCharPtr = std::unique_ptr<xmlChar, XmlCharFree>;

std::string take_string(xmlChar* p) {
  const XmlCharPtr owned(p);
  return owned ? std::string(reinterpret_cast<const char*>(owned.get())) : std::string();
}

std::string attribute(xmlNode* node, const char* name) {
  return take_string(xmlGetProp(node, reinterpret_cast<const xmlChar*>(name)));
}

std::string text_content(xmlNode* node) {
  return collapse(take_string(xmlNodeGetContent(node)));
}

bool name_is(const xmlNode* node, std::string_view name) {
  return node->name != nullptr && equals_ci(reinterpret_cast<const char*>(node->name), name);
}

template <std::size_t N>
bool name_in(const xmlNode* node, const std::array<std::string_view, N>& names) {
  return std::any_of(names.begin(), names.end(),
                     [&](std::string_view n) { return name_is(node, n); });
}

// Content that is not article text.
constexpr std::array<std::string_view, 14> kSkippedElements = {
    "script", "style", "noscript", "template", "svg",    "nav",    "footer",
    "aside",  "form",  "button",   "iframe",   "select", "figure", "figcaption"};

constexpr std::array<std::string_view, 27> kBlockElements = {
    "p",          "div", "h1",    "h2", "h3", "h4",      "h5",      "h6",   "li",
    "ul",         "ol",  "dl",    "dt", "dd", "section", "article", "main", "header",
    "blockquote", "pre", "table", "tr", "td", "th",      "address", "body", "hr"};

struct HtmlScan {
  std::string title, h1, og_title, site_name, author, published;
  std::vector<std::string> blocks;
  std::string current;

  void flush() {
    std::string block = collapse(current);
    current.clear();
    if (!block.empty() && blocks.size() < kMaxBlocks) blocks.push_back(std::move(block));
  }

  void read_meta(xmlNode* node) {
    const std::string key = lower(attribute(node, "property") + attribute(node, "name"));
    if (key.empty()) return;
    std::string content = collapse(attribute(node, "content"));
    auto set = [&](std::string& field) {
      if (field.empty()) field = std::move(content);
    };
    if (key == "og:title")
      set(og_title);
    else if (key == "og:site_name")
      set(site_name);
    else if (key == "author")
      set(author);
    else if (key == "article:published_time")
      set(published);
  }

  // Returns whether to walk into the element's children.
  bool enter(xmlNode* node) {
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      if (node->content != nullptr) current.append(reinterpret_cast<const char*>(node->content));
      return false;
    }
    if (node->type != XML_ELEMENT_NODE) return false;
    if (name_is(node, "meta")) {
      read_meta(node);
      return false;
    }
    if (name_is(node, "title")) {
      if (title.empty()) title = text_content(node);
      return false;
    }
    if (name_in(node, kSkippedElements)) return false;
    if (name_is(node, "br")) {
      flush();
      return false;
    }
    if (name_is(node, "h1") && h1.empty()) h1 = text_content(node);
    if (name_in(node, kBlockElements)) flush();
    return true;
  }

  void leave(xmlNode* node) {
    if (node->type == XML_ELEMENT_NODE && name_in(node, kBlockElements)) flush();
  }

  // Iterative, so that deeply nested markup cannot exhaust the stack.
  void walk(xmlNode* root) {
    xmlNode* node = root;
    while (node != nullptr) {
      if (enter(node) && node->children != nullptr) {
        node = node->children;
        continue;
      }
      while (node != nullptr) {
        leave(node);
        if (node == root) return;
        if (node->next != nullptr) {
          node = node->next;
          break;
        }
        node = node->parent;
      }
    }
  }
};

// "Putin Calls For ... | HuffPost" -> "Putin Calls For ..." when the suffix is the site name.
std::string strip_site_suffix(std::string title, std::string_view site) {
  if (site.empty()) return title;
  for (std::string_view sep : {" | ", " - ", " \u2013 ", " \u2014 ", " :: "}) {
    const std::string suffix = std::string(sep) + std::string(site);
    if (title.size() > suffix.size() && title.ends_with(suffix)) {
      title.resize(title.size() - suffix.size());
      return title;
    }
  }
  return title;
}

bool declares_charset(std::string_view html) {
  if (html.starts_with("\xEF\xBB\xBF") || html.starts_with("\xFF\xFE") ||
      html.starts_with("\xFE\xFF")) {
    return true;
  }
  return contains_ci(html.substr(0, 4096), "charset") ||
         contains_ci(html.substr(0, 256), "encoding=");
}

// What a page gives is text from strangers, like a feed: the same screen rules apply (no bidi
// overrides, zero-width or control characters; valid UTF-8).
Result<ArticleInfo> for_screen(Result<ArticleInfo> article) {
  if (!article) return article;
  for (std::string* field :
       {&article->headline, &article->source, &article->byline, &article->date_text,
        &article->dateline, &article->agency, &article->lede}) {
    *field = clean_text(*field);
  }
  return article;
}

}  // namespace

Result<ArticleInfo> extract_article_text(std::string_view page_text) {
  if (page_text.size() > kMaxPageBytes) {
    return make_error(ErrorKind::kTooLarge, "article page text over 8 MiB");
  }
  std::vector<std::string> blocks;
  while (!page_text.empty() && blocks.size() < kMaxBlocks) {
    const std::size_t newline = page_text.find('\n');
    std::string block = collapse(page_text.substr(0, newline));
    if (!block.empty()) blocks.push_back(std::move(block));
    if (newline == std::string_view::npos) break;
    page_text.remove_prefix(newline + 1);
  }
  return for_screen(read_blocks(blocks, PageMeta{}));
}

Result<ArticleInfo> extract_article_html(std::string_view html) {
  if (html.size() > kMaxPageBytes) {
    return make_error(ErrorKind::kTooLarge, "article page HTML over 8 MiB");
  }
  // Without a declared charset libxml2 2.9 reads HTML as Latin-1; pages here are UTF-8.
  const char* encoding = declares_charset(html) ? nullptr : "UTF-8";
  prepare_libxml_for_this_thread();
  const XmlDocPtr doc(htmlReadMemory(
      html.data(), static_cast<int>(html.size()), nullptr, encoding,
      HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER));
  if (!doc) return make_error(ErrorKind::kParse, "HTML could not be parsed");
  xmlNode* root = xmlDocGetRootElement(doc.get());
  if (root == nullptr) return make_error(ErrorKind::kParse, "HTML document is empty");

  HtmlScan scan;
  scan.walk(root);
  scan.flush();

  PageMeta meta;
  meta.source = scan.site_name;
  if (!scan.og_title.empty()) {
    meta.headline = scan.og_title;
  } else if (!scan.h1.empty()) {
    meta.headline = scan.h1;
  } else {
    meta.headline = strip_site_suffix(scan.title, scan.site_name);
  }
  if (!scan.author.empty() && !starts_with_ci(scan.author, "http")) {
    meta.byline = strip_by(scan.author);
  }
  if (!scan.published.empty()) {
    meta.date_text = scan.published;
    meta.date = parse_iso(scan.published);
  }
  return for_screen(read_blocks(scan.blocks, std::move(meta)));
}

}  // namespace newsticker::app
