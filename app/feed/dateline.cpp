#include "feed/dateline.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace newsticker::app {
namespace {

// A dateline is short; looking further would mistake a dash in the story for a separator.
constexpr std::size_t kMaxDatelinePrefixBytes = 120;
constexpr std::size_t kMaxPlaceBytes = 60;
constexpr std::size_t kMaxAgencyBytes = 40;
constexpr std::size_t kMaxQualifierBytes = 40;
constexpr std::size_t kMaxBylineBytes = 100;
constexpr std::size_t kMaxBylineWords = 10;

struct CodePoint {
  char32_t value = 0;
  std::size_t length = 1;
};

// Invalid bytes decode as U+FFFD of length 1, so scanning always moves forward.
CodePoint decode_at(std::string_view s, std::size_t i) {
  if (i >= s.size()) return {0, 0};
  utf8proc_int32_t cp = -1;
  const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                                  static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
  if (n <= 0) return {0xFFFD, 1};
  return {static_cast<char32_t>(cp), static_cast<std::size_t>(n)};
}

CodePoint decode_before(std::string_view s, std::size_t i) {
  if (i == 0) return {0, 0};
  std::size_t start = i - 1;
  while (start > 0 && i - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) {
    --start;
  }
  const CodePoint cp = decode_at(s, start);
  if (start + cp.length != i) return {0xFFFD, 1};
  return cp;
}

bool is_space(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000;
}

utf8proc_category_t category(char32_t c) {
  return utf8proc_category(static_cast<utf8proc_int32_t>(c));
}

bool is_upper(char32_t c) {
  const auto cat = category(c);
  return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
}

bool is_lower(char32_t c) {
  return category(c) == UTF8PROC_CATEGORY_LL;
}

bool is_letter(char32_t c) {
  const auto cat = category(c);
  return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

bool is_uncased_letter(char32_t c) {
  return category(c) == UTF8PROC_CATEGORY_LO;
}

bool is_digit(char32_t c) {
  return c >= '0' && c <= '9';
}

bool is_closer(char32_t c) {
  return c == '"' || c == '\'' || c == 0x201D || c == 0x2019 || c == ')' || c == ']' || c == 0xBB ||
         c == 0x300D || c == 0x300F || c == 0xFF09;
}

bool is_opener(char32_t c) {
  return c == '"' || c == '\'' || c == 0x201C || c == 0x2018 || c == 0x201E || c == '(' ||
         c == '[' || c == 0xAB || c == 0x300C || c == 0x300E || c == 0xBF || c == 0xA1;
}

bool is_cjk_terminator(char32_t c) {
  return c == 0x3002 || c == 0xFF01 || c == 0xFF1F;
}

std::string_view trim(std::string_view s) {
  while (!s.empty()) {
    const CodePoint cp = decode_at(s, 0);
    if (!is_space(cp.value)) break;
    s.remove_prefix(cp.length);
  }
  while (!s.empty()) {
    const CodePoint cp = decode_before(s, s.size());
    if (!is_space(cp.value)) break;
    s.remove_suffix(cp.length);
  }
  return s;
}

// Whitespace runs become one space, except that a run holding a blank line becomes '\n': a
// paragraph break ends a sentence even without punctuation (a headline line above the body).
std::string normalise(std::string_view text) {
  text = trim(text);
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  // Bytes that can neither be nor start whitespace: every non-ASCII space in is_space() starts
  // with C2, E2 or E3, and continuation bytes never do, so runs of the others are copied whole.
  auto word_byte = [](unsigned char b) {
    if (b >= 0x80) return b != 0xC2 && b != 0xE2 && b != 0xE3;
    return b != ' ' && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != '\v';
  };
  while (i < text.size()) {
    if (word_byte(static_cast<unsigned char>(text[i]))) {
      std::size_t j = i + 1;
      while (j < text.size() && word_byte(static_cast<unsigned char>(text[j]))) ++j;
      out.append(text.substr(i, j - i));
      i = j;
      // The usual case, one plain space between words, without decoding.
      if (i + 1 < text.size() && text[i] == ' ' &&
          word_byte(static_cast<unsigned char>(text[i + 1]))) {
        out.push_back(' ');
        ++i;
      }
      continue;
    }
    const CodePoint cp = decode_at(text, i);
    if (!is_space(cp.value)) {
      out.append(text.substr(i, cp.length));
      i += cp.length;
      continue;
    }
    int newlines = 0;
    while (i < text.size()) {
      const CodePoint ws = decode_at(text, i);
      if (!is_space(ws.value)) break;
      if (ws.value == '\n') ++newlines;
      i += ws.length;
    }
    out.push_back(newlines >= 2 ? '\n' : ' ');
  }
  return out;
}

std::string collapse(std::string_view text) {
  std::string out = normalise(text);
  std::replace(out.begin(), out.end(), '\n', ' ');
  return out;
}

bool equals_ascii_ci(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) {
      return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

template <std::size_t N>
bool in_list(std::string_view word, const std::array<std::string_view, N>& list) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

template <std::size_t N>
bool in_list_ci(std::string_view word, const std::array<std::string_view, N>& list) {
  return std::any_of(list.begin(), list.end(),
                     [&](std::string_view item) { return equals_ascii_ci(item, word); });
}

// ---------------------------------------------------------------------------------------------
// Sentences

// Abbreviations that never end a sentence: a name or number always follows.
constexpr std::array<std::string_view, 27> kTitleAbbreviations = {
    "Mr",  "Mrs", "Ms",   "Messrs", "Dr",   "St",   "Gov", "Sen", "Rep",
    "Gen", "Col", "Lt",   "Sgt",    "Capt", "Cmdr", "Adm", "Maj", "Prof",
    "Rev", "Hon", "Pres", "Supt",   "Mt",   "Ft",   "Fr",  "vs",  "Sens"};

// Abbreviations that usually sit inside a sentence but may also end one.
constexpr std::array<std::string_view, 24> kInnerAbbreviations = {
    "Jan", "Feb",  "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",  "Sept", "Oct", "Nov",  "Dec",
    "Inc", "Corp", "Co",  "Cos", "Ltd", "Jr",  "Sr",  "Bros", "etc",  "Ave", "Blvd", "approx"};

// After an abbreviation of the inner kind, these words show that a new sentence began.
constexpr std::array<std::string_view, 26> kSentenceOpeners = {
    "The", "A",     "An",    "It",    "He",      "She",       "They",  "We",  "I",
    "In",  "But",   "And",   "This",  "That",    "These",     "Those", "Its", "His",
    "Her", "Their", "There", "Other", "However", "Meanwhile", "Last",  "On"};

// The word that ends at `end` (exclusive), without leading quotes or brackets.
std::string_view word_before(std::string_view s, std::size_t end) {
  std::size_t start = end;
  while (start > 0) {
    const CodePoint cp = decode_before(s, start);
    if (is_space(cp.value) || is_opener(cp.value) || cp.value == '\n') break;
    start -= cp.length;
  }
  return s.substr(start, end - start);
}

std::string_view word_after(std::string_view s, std::size_t start) {
  std::size_t end = start;
  while (end < s.size()) {
    const CodePoint cp = decode_at(s, end);
    if (!is_letter(cp.value) && !is_digit(cp.value) && cp.value != '\'') break;
    end += cp.length;
  }
  return s.substr(start, end - start);
}

std::size_t skip_closers(std::string_view s, std::size_t i) {
  while (i < s.size()) {
    const CodePoint cp = decode_at(s, i);
    if (!is_closer(cp.value)) break;
    i += cp.length;
  }
  return i;
}

// True when position `i` (just past the terminator and its closers) can start a new sentence.
bool boundary_follows(std::string_view s, std::size_t i) {
  if (i >= s.size() || s[i] == '\n') return true;
  if (s[i] != ' ') return false;
  if (i + 1 >= s.size()) return true;
  const CodePoint next = decode_at(s, i + 1);
  return is_upper(next.value) || is_uncased_letter(next.value) || is_digit(next.value) ||
         is_opener(next.value);
}

// Whether the single '.' at `dot` (with a boundary after `after`) belongs to an abbreviation
// or initial rather than ending the sentence.
bool is_abbreviation_dot(std::string_view s, std::size_t dot, std::size_t after) {
  const std::string_view word = word_before(s, dot);
  if (word.empty()) return false;
  const CodePoint first = decode_at(word, 0);
  if (first.length == word.size() && is_upper(first.value)) return true;  // initial: "F."
  if (in_list(word, kTitleAbbreviations)) return true;
  const std::size_t next_word_at = after + 1;
  const std::string_view next = next_word_at < s.size() ? word_after(s, next_word_at) : "";
  if (word == "No" || word == "Nos")
    return !next.empty() && is_digit(static_cast<unsigned char>(next[0]));
  const bool dotted = word.find('.') != std::string_view::npos;  // "U.S", "a.m", "D.C"
  if (dotted || in_list(word, kInnerAbbreviations)) {
    return next.empty() || !in_list(next, kSentenceOpeners);
  }
  return false;
}

// Byte offset just past the first sentence of normalised text `s`.
std::size_t sentence_end(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c == '\n') return i;
    if (c == '.' || c == '!' || c == '?') {
      std::size_t j = i;
      bool strong = false;  // '!' or '?' in the run
      std::size_t dots = 0;
      while (j < s.size() && (s[j] == '.' || s[j] == '!' || s[j] == '?')) {
        if (s[j] == '.')
          ++dots;
        else
          strong = true;
        ++j;
      }
      // "…" right after the run makes it an ellipsis too.
      while (j < s.size() && decode_at(s, j).value == 0x2026) {
        dots += 2;
        j += 3;
      }
      const std::size_t after = skip_closers(s, j);
      if (boundary_follows(s, after)) {
        const bool ellipsis = !strong && dots >= 2;
        const bool abbreviation = !strong && dots == 1 && is_abbreviation_dot(s, i, after);
        if (!ellipsis && !abbreviation) return after;
      }
      i = j;
      continue;
    }
    const CodePoint cp = decode_at(s, i);
    if (is_cjk_terminator(cp.value)) return skip_closers(s, i + cp.length);
    i += cp.length;
  }
  return s.size();
}

bool is_trailing_junk(char32_t c) {
  return is_space(c) || c == ',' || c == ';' || c == ':' || c == '-' || c == 0x2013 ||
         c == 0x2014 || c == '(' || c == 0x201C;
}

std::string cap_length(std::string_view s) {
  std::size_t count = 0;
  std::size_t cut = std::string_view::npos;  // byte offset after kMaxLedeChars - 1 code points
  for (std::size_t i = 0; i < s.size();) {
    if (count == kMaxLedeChars - 1) cut = i;
    i += decode_at(s, i).length;
    ++count;
  }
  if (count <= kMaxLedeChars) return std::string(s);
  std::string_view kept = s.substr(0, cut);
  const std::size_t space = kept.rfind(' ');
  // Cut at a word unless that throws away too much (long words, or scripts without spaces).
  if (space != std::string_view::npos && space >= kept.size() / 2) kept = kept.substr(0, space);
  while (!kept.empty()) {
    const CodePoint cp = decode_before(kept, kept.size());
    if (!is_trailing_junk(cp.value)) break;
    kept.remove_suffix(cp.length);
  }
  return std::string(kept) + "\u2026";
}

// ---------------------------------------------------------------------------------------------
// Datelines

// Words that open a slug or a rubric, never a place.
constexpr std::array<std::string_view, 44> kSlugWords = {
    "BREAKING", "UPDATE",    "UPDATED",    "UPDATES",    "EXCLUSIVE",     "WATCH",     "LIVE",
    "ANALYSIS", "OPINION",   "EDITORIAL",  "FACTBOX",    "EXPLAINER",     "EXPLAINED", "COLUMN",
    "REFILE",   "CORRECTED", "CORRECTION", "INSIGHT",    "PREVIEW",       "BRIEF",     "RPT",
    "WRAPUP",   "TIMELINE",  "SPECIAL",    "FEATURE",    "VIDEO",         "PHOTOS",    "PHOTO",
    "URGENT",   "ALERT",     "FLASH",      "DEVELOPING", "JUST",          "NEWS",      "REVIEW",
    "PODCAST",  "LISTEN",    "READ",       "SPONSORED",  "ADVERTISEMENT", "AUDIO",     "POLL",
    "FACT",     "INTERVIEW"};

// All-caps openers that are organisations, not places; only refused when no agency follows.
constexpr std::array<std::string_view, 24> kNotPlaces = {
    "NASA", "NATO", "FBI", "CIA", "WHO", "IMF", "OPEC", "EU",   "UN",  "CDC", "FDA", "SEC",
    "IBM",  "AI",   "NFL", "NBA", "MLB", "NHL", "FIFA", "UEFA", "USA", "GOP", "TV",  "OK"};

constexpr std::array<std::string_view, 57> kKnownAgencies = {"Reuters",
                                                             "Reuters Breakingviews",
                                                             "AP",
                                                             "Associated Press",
                                                             "AFP",
                                                             "dpa",
                                                             "dpa-AFX",
                                                             "UPI",
                                                             "CNN",
                                                             "CNN Business",
                                                             "Bloomberg",
                                                             "Xinhua",
                                                             "IANS",
                                                             "PTI",
                                                             "ANI",
                                                             "TASS",
                                                             "Interfax",
                                                             "EFE",
                                                             "ANSA",
                                                             "Kyodo",
                                                             "Jiji",
                                                             "Yonhap",
                                                             "Bernama",
                                                             "Antara",
                                                             "AAP",
                                                             "CP",
                                                             "Canadian Press",
                                                             "The Canadian Press",
                                                             "PA",
                                                             "PA Media",
                                                             "Press Association",
                                                             "Anadolu",
                                                             "AA",
                                                             "KUNA",
                                                             "WAM",
                                                             "SPA",
                                                             "IRNA",
                                                             "APA",
                                                             "MENA",
                                                             "BBC",
                                                             "CNBC",
                                                             "CBS",
                                                             "CBS News",
                                                             "NBC",
                                                             "NBC News",
                                                             "ABC",
                                                             "ABC News",
                                                             "Fox News",
                                                             "MarketWatch",
                                                             "Sputnik",
                                                             "RIA",
                                                             "RIA Novosti",
                                                             "Ukrinform",
                                                             "NHK",
                                                             "Al Jazeera",
                                                             "HealthDay",
                                                             "dpa-infocom"};

// Lower-case words allowed inside place names and regions ("Rio de Janeiro").
constexpr std::array<std::string_view, 22> kPlaceConnectors = {
    "de", "da", "do",  "dos", "das", "del", "la",   "le", "les", "el", "al",
    "am", "an", "der", "di",  "du",  "of",  "upon", "on", "sur", "en", "y"};

struct ParsedDateline {
  std::string dateline;
  std::string agency;
  std::string_view rest;  // text after the separator
};

std::string_view first_word(std::string_view s) {
  const std::size_t end = s.find_first_of(" /-");
  return s.substr(0, end);
}

std::size_t count_words(std::string_view s) {
  std::size_t words = 0;
  bool in_word = false;
  for (const char c : s) {
    const bool space = c == ' ';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

bool is_place_punct(char32_t c) {
  return c == ' ' || c == '/' || c == '-' || c == '.' || c == '\'' || c == 0x2019 || c == '&';
}

// "BAKU/YEREVAN", "NEW YORK", "ST. LOUIS", "SÃO PAULO", "McALLEN".
bool is_caps_place(std::string_view place) {
  if (place.empty() || place.size() > kMaxPlaceBytes || count_words(place) > 5) return false;
  std::size_t upper = 0;
  std::size_t i = 0;
  bool word_start = true;
  while (i < place.size()) {
    const CodePoint cp = decode_at(place, i);
    if (word_start && place.substr(i, 2) == "Mc" && i + 2 < place.size() &&
        is_upper(decode_at(place, i + 2).value)) {
      i += 2;  // "McALLEN, Texas": the one lower-case letter wire style keeps
      word_start = false;
      continue;
    }
    if (is_upper(cp.value)) {
      ++upper;
    } else if (is_lower(cp.value) || (!is_letter(cp.value) && !is_place_punct(cp.value))) {
      return false;
    }
    word_start = cp.value == ' ' || cp.value == '/' || cp.value == '-';
    i += cp.length;
  }
  return upper >= 2;
}

bool is_title_word(std::string_view word) {
  if (word.empty()) return false;
  if (in_list(word, kPlaceConnectors)) return true;
  const CodePoint first = decode_at(word, 0);
  if (!is_upper(first.value)) return false;
  for (std::size_t i = 0; i < word.size();) {
    const CodePoint cp = decode_at(word, i);
    if (!is_letter(cp.value) && cp.value != '-' && cp.value != '.' && cp.value != '\'' &&
        cp.value != 0x2019) {
      return false;
    }
    i += cp.length;
  }
  return true;
}

template <class Pred>
bool all_words(std::string_view s, std::size_t max_words, Pred pred) {
  std::size_t words = 0;
  while (!s.empty()) {
    const std::size_t space = s.find(' ');
    const std::string_view word = s.substr(0, space);
    if (!word.empty()) {
      if (++words > max_words || !pred(word)) return false;
    }
    if (space == std::string_view::npos) break;
    s.remove_prefix(space + 1);
  }
  return words > 0;
}

// "Paris", "Rio de Janeiro": only trusted together with a known agency.
bool is_title_place(std::string_view place) {
  if (place.size() > kMaxPlaceBytes) return false;
  if (!is_upper(decode_at(place, 0).value)) return false;
  return all_words(place, 4, is_title_word);
}

bool is_number_word(std::string_view word) {
  if (word.ends_with('.')) word.remove_suffix(1);
  if (word.empty() || word.size() > 4) return false;
  return std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// What may follow the place after a comma: "Ukraine", "Calif.", "N.Y.", "Jan 5", "2024".
bool is_qualifier(std::string_view qualifier) {
  if (qualifier.empty() || qualifier.size() > kMaxQualifierBytes) return false;
  const CodePoint first = decode_at(qualifier, 0);
  if (!is_upper(first.value) && !is_digit(first.value)) return false;
  return all_words(qualifier, 5,
                   [](std::string_view w) { return is_number_word(w) || is_title_word(w); });
}

bool is_known_agency(std::string_view agency) {
  return in_list_ci(agency, kKnownAgencies);
}

bool is_agency(std::string_view agency) {
  if (agency.empty() || agency.size() > kMaxAgencyBytes) return false;
  if (is_known_agency(agency)) return true;
  if (in_list(first_word(agency), kSlugWords)) return false;  // "(UPDATE)", "(VIDEO)"
  return all_words(agency, 4, [](std::string_view word) {
    if (!is_upper(decode_at(word, 0).value)) return false;  // "(coronavirus)"
    for (std::size_t i = 0; i < word.size();) {
      const CodePoint cp = decode_at(word, i);
      const bool last = i + cp.length == word.size();
      // A dot inside a word is a ticker ("TSLA.O"); a colon a listing ("NYSE: IBM").
      const bool ok = is_letter(cp.value) || cp.value == '-' || cp.value == '&' ||
                      cp.value == '\'' || cp.value == '/' || (cp.value == '.' && last);
      if (!ok) return false;
      i += cp.length;
    }
    return true;
  });
}

struct Separator {
  std::size_t at = 0;
  std::size_t length = 0;
};

// The first dash that may end a dateline, on the first line and within the first bytes.
std::optional<Separator> find_separator(std::string_view s) {
  const std::size_t limit = std::min(s.size(), kMaxDatelinePrefixBytes);
  for (std::size_t i = 0; i < limit;) {
    const CodePoint cp = decode_at(s, i);
    if (cp.value == '\n' || cp.value == '\r') return std::nullopt;
    if (cp.value == 0x2014 || cp.value == 0x2013) return Separator{i, cp.length};
    if (cp.value == '-') {
      const std::size_t len = (i + 1 < s.size() && s[i + 1] == '-') ? 2 : 1;
      const CodePoint before = decode_before(s, i);
      const CodePoint after = decode_at(s, i + len);
      const bool space_before = is_space(before.value) || before.value == ')';
      const bool space_after = after.length == 0 || is_space(after.value);
      if (space_before && space_after) return Separator{i, len};
      i += len;
      continue;
    }
    i += cp.length;
  }
  return std::nullopt;
}

std::optional<ParsedDateline> parse_dateline(std::string_view text) {
  const auto separator = find_separator(text);
  if (!separator) return std::nullopt;
  const std::string prefix = collapse(text.substr(0, separator->at));
  if (prefix.empty()) return std::nullopt;

  std::string_view place_part = prefix;
  std::string_view agency;
  if (prefix.back() == ')') {
    const std::size_t open = prefix.rfind('(');
    if (open == std::string::npos) return std::nullopt;
    agency = trim(std::string_view(prefix).substr(open + 1, prefix.size() - open - 2));
    if (!is_agency(agency)) return std::nullopt;
    place_part = trim(std::string_view(prefix).substr(0, open));
    if (place_part.ends_with(',')) place_part = trim(place_part.substr(0, place_part.size() - 1));
  }
  if (place_part.find_first_of("()") != std::string_view::npos) return std::nullopt;

  if (!place_part.empty()) {
    const std::size_t comma = place_part.find(',');
    const std::string_view place = trim(place_part.substr(0, comma));
    if (in_list(first_word(place), kSlugWords)) return std::nullopt;
    if (!is_caps_place(place)) {
      if (!is_known_agency(agency) || !is_title_place(place)) return std::nullopt;
    }
    if (agency.empty() && in_list(place, kNotPlaces)) return std::nullopt;
    std::string_view qualifiers =
        comma == std::string_view::npos ? std::string_view() : place_part.substr(comma + 1);
    while (!qualifiers.empty()) {
      const std::size_t next = qualifiers.find(',');
      if (!is_qualifier(trim(qualifiers.substr(0, next)))) return std::nullopt;
      if (next == std::string_view::npos) break;
      qualifiers.remove_prefix(next + 1);
    }
  } else if (agency.empty()) {
    return std::nullopt;
  }

  ParsedDateline parsed;
  parsed.dateline = std::string(place_part);
  parsed.agency = std::string(agency);
  parsed.rest = text.substr(separator->at + separator->length);
  return parsed;
}

bool is_byline_name_word(std::string_view word) {
  if (word.ends_with(',')) word.remove_suffix(1);
  if (word == "and" || word == "&" || word == "van" || word == "von" || word == "de" ||
      word == "der" || word == "bin" || word == "al") {
    return true;
  }
  if (word.empty()) return false;
  const CodePoint first = decode_at(word, 0);
  if (!is_upper(first.value)) return false;
  if (first.length + 1 == word.size() && word.back() == '.') return true;  // initial "F."
  // A name has lower-case letters; an all-caps word is where the dateline starts.
  for (std::size_t i = first.length; i < word.size();) {
    const CodePoint cp = decode_at(word, i);
    if (is_lower(cp.value)) return true;
    i += cp.length;
  }
  return false;
}

// Text after a leading "By NAME" byline, or nullopt when there is none. A byline on its own
// line is skipped whatever follows; an inline one only when a dateline follows it.
std::optional<std::string_view> skip_byline(std::string_view text) {
  if (!text.starts_with("By ") && !text.starts_with("BY ")) return std::nullopt;
  const std::size_t newline = text.find('\n');
  if (newline != std::string_view::npos) {
    const std::string_view line = trim(text.substr(0, newline));
    const char last = line.back();
    if (line.size() <= kMaxBylineBytes && count_words(line) <= kMaxBylineWords && last != '.' &&
        last != '!' && last != '?') {
      return trim(text.substr(newline + 1));
    }
    return std::nullopt;
  }
  std::size_t i = 3;
  for (int words = 0; words < 6; ++words) {
    while (i < text.size() && text[i] == ' ') ++i;
    const std::size_t end = std::min(text.find(' ', i), text.size());
    const std::string_view word = text.substr(i, end - i);
    if (words > 0 && !is_byline_name_word(word)) {
      const std::string_view rest = text.substr(i);
      if (parse_dateline(rest)) return rest;
      return std::nullopt;
    }
    if (!is_byline_name_word(word)) return std::nullopt;
    i = end;
  }
  return std::nullopt;
}

}  // namespace

std::string first_sentence(std::string_view text) {
  const std::string normalised = normalise(text);
  const std::string_view s = normalised;
  return cap_length(trim(s.substr(0, sentence_end(s))));
}

DatelineSummary extract_dateline(std::string_view plain_text_summary) {
  std::string_view text = trim(plain_text_summary);
  if (const auto after_byline = skip_byline(text)) text = *after_byline;
  DatelineSummary summary;
  if (auto parsed = parse_dateline(text)) {
    summary.dateline = std::move(parsed->dateline);
    summary.agency = std::move(parsed->agency);
    summary.lede = first_sentence(parsed->rest);
  } else {
    summary.lede = first_sentence(text);
  }
  return summary;
}

void apply_dateline(Headline& headline) {
  DatelineSummary summary = extract_dateline(headline.summary);
  headline.dateline = std::move(summary.dateline);
  headline.agency = std::move(summary.agency);
  headline.lede = std::move(summary.lede);
}

}  // namespace newsticker::app
