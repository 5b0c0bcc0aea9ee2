#include "feed/feed_text.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <utf8proc.h>

#include <array>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>

#include "feed/libxml_setup.h"

namespace newsticker::app {
namespace {

// windows-1252 bytes 0x80-0x9F; the five undefined ones map to their C1 control code point,
// which clean_text() then drops.
constexpr std::array<char32_t, 32> kCp1252High = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

}  // namespace

void append_utf8(std::string& out, char32_t cp) {
  std::array<utf8proc_uint8_t, 4> buf{};
  const auto n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf.data());
  out.append(reinterpret_cast<const char*>(buf.data()), static_cast<std::size_t>(n));
}

char32_t windows1252_code_point(unsigned char byte) {
  return byte >= 0x80 && byte < 0xA0 ? kCp1252High[byte - 0x80] : static_cast<char32_t>(byte);
}

std::string windows1252_to_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 4);
  std::size_t i = 0;
  while (i < bytes.size()) {
    std::size_t ascii = i;
    while (ascii < bytes.size() && static_cast<unsigned char>(bytes[ascii]) < 0x80) ++ascii;
    out.append(bytes.data() + i, ascii - i);  // ASCII runs are copied whole
    if (ascii >= bytes.size()) break;
    append_utf8(out, windows1252_code_point(static_cast<unsigned char>(bytes[ascii])));
    i = ascii + 1;
  }
  return out;
}

namespace {

// Python's str.isspace() set, which the reference output collapses.
bool is_space(char32_t cp) {
  return (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20) || cp == 0x85 || cp == 0xA0 ||
         cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
         cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

// Invisible characters that can reorder or hide text on a kiosk screen. ZWJ/ZWNJ (U+200D/C)
// are deliberately absent: they are needed for emoji sequences and Indic shaping.
bool is_invisible_format(char32_t cp) {
  return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200B ||
         cp == 0xFEFF || cp == 0xAD;
}

bool is_control(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

struct DocFree {
  void operator()(xmlDoc* doc) const noexcept { xmlFreeDoc(doc); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocFree>;

bool name_is(const xmlNode* node, const char* const* names) {
  if (node->name == nullptr) return false;
  for (; *names != nullptr; ++names) {
    if (xmlStrcasecmp(node->name, reinterpret_cast<const xmlChar*>(*names)) == 0) return true;
  }
  return false;
}

constexpr const char* kSkipTags[] = {"script", "style", "template", nullptr};
// Same list as the reference normaliser: these separate words visually.
constexpr const char* kBlockTags[] = {
    "address", "article", "aside",      "blockquote", "br",     "caption", "dd",   "div",
    "dl",      "dt",      "figcaption", "figure",     "footer", "h1",      "h2",   "h3",
    "h4",      "h5",      "h6",         "header",     "hr",     "li",      "main", "nav",
    "ol",      "p",       "pre",        "section",    "table",  "tbody",   "td",   "tfoot",
    "th",      "thead",   "tr",         "ul",         nullptr};

void collect_text(const xmlNode* node, std::string& out, int depth) {
  // The HTML parser already limits nesting depth; this guards the recursion independently.
  if (depth > 256) return;
  for (const xmlNode* n = node; n != nullptr; n = n->next) {
    switch (n->type) {
      case XML_TEXT_NODE:
      case XML_CDATA_SECTION_NODE:
        if (n->content != nullptr) out += reinterpret_cast<const char*>(n->content);
        break;
      case XML_ELEMENT_NODE: {
        if (name_is(n, kSkipTags)) break;
        const bool block = name_is(n, kBlockTags);
        if (block) out += ' ';
        collect_text(n->children, out, depth + 1);
        if (block) out += ' ';
        break;
      }
      default:
        break;
    }
  }
}

bool is_tag_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// ---------------------------------------------------------------------------------------------
// Fast path for the simple markup most feeds use (<p>, <a href>, <em>, <img/>, entities): the
// text libxml2's HTML parser plus collect_text() would give, without building a tree. It gives
// up (nullopt) on anything whose handling by libxml2 is subtle: comments, unknown or raw-text
// tags, implied end tags, stray end tags, unknown entities, bare '&', control characters.

enum class FastTag : unsigned char { kInline, kBlock, kVoidInline, kVoidBlock };

struct FastTagInfo {
  std::string_view name;
  FastTag kind;
};

constexpr FastTagInfo kFastTags[] = {
    {"a", FastTag::kInline},         {"abbr", FastTag::kInline},    {"b", FastTag::kInline},
    {"blockquote", FastTag::kBlock}, {"br", FastTag::kVoidBlock},   {"cite", FastTag::kInline},
    {"code", FastTag::kInline},      {"div", FastTag::kBlock},      {"em", FastTag::kInline},
    {"h1", FastTag::kBlock},         {"h2", FastTag::kBlock},       {"h3", FastTag::kBlock},
    {"h4", FastTag::kBlock},         {"h5", FastTag::kBlock},       {"h6", FastTag::kBlock},
    {"i", FastTag::kInline},         {"img", FastTag::kVoidInline}, {"li", FastTag::kBlock},
    {"ol", FastTag::kBlock},         {"p", FastTag::kBlock},        {"q", FastTag::kInline},
    {"s", FastTag::kInline},         {"small", FastTag::kInline},   {"span", FastTag::kInline},
    {"strong", FastTag::kInline},    {"sub", FastTag::kInline},     {"sup", FastTag::kInline},
    {"u", FastTag::kInline},         {"ul", FastTag::kBlock}};

const FastTagInfo* find_fast_tag(std::string_view name) {
  if (name.empty() || name.size() > 10) return nullptr;
  char lower[10];
  for (std::size_t k = 0; k < name.size(); ++k) {
    const char c = name[k];
    lower[k] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  const std::string_view key(lower, name.size());
  for (const FastTagInfo& tag : kFastTags) {
    if (tag.name == key) return &tag;
  }
  return nullptr;
}

bool is_html_blank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool is_attr_name_char(char c) {
  return is_tag_name_char(c) || c == '-' || c == '_' || c == ':' || c == '.';
}

// Attributes up to the closing '>' (or "/>"); returns the offset just past it, or npos.
std::size_t skip_attributes(std::string_view s, std::size_t i, bool& self_closing) {
  self_closing = false;
  while (true) {
    const std::size_t before = i;
    while (i < s.size() && is_html_blank(s[i])) ++i;
    if (i >= s.size()) return std::string_view::npos;
    if (s[i] == '>') return i + 1;
    if (s[i] == '/') {
      if (i + 1 < s.size() && s[i + 1] == '>') {
        self_closing = true;
        return i + 2;
      }
      return std::string_view::npos;
    }
    if (i == before) return std::string_view::npos;  // attributes are separated by blanks
    const std::size_t name = i;
    while (i < s.size() && is_attr_name_char(s[i])) ++i;
    if (i == name) return std::string_view::npos;
    std::size_t k = i;
    while (k < s.size() && is_html_blank(s[k])) ++k;
    if (k < s.size() && s[k] == '=') {
      ++k;
      while (k < s.size() && is_html_blank(s[k])) ++k;
      if (k >= s.size()) return std::string_view::npos;
      if (s[k] == '"' || s[k] == '\'') {
        const std::size_t close = s.find(s[k], k + 1);
        if (close == std::string_view::npos) return std::string_view::npos;
        const std::string_view value = s.substr(k + 1, close - k - 1);
        if (value.find('<') != std::string_view::npos) return std::string_view::npos;
        i = close + 1;
      } else {
        const std::size_t start = k;
        while (k < s.size() && (is_attr_name_char(s[k]) || s[k] == '/' || s[k] == '%' ||
                                s[k] == '#' || s[k] == '?' || s[k] == '&' || s[k] == ';' ||
                                s[k] == ',' || s[k] == '+' || s[k] == '~')) {
          ++k;
        }
        if (k == start) return std::string_view::npos;
        // "/>" right after an unquoted value belongs to the value for libxml2: give up.
        if (k < s.size() && s[k - 1] == '/') return std::string_view::npos;
        i = k;
      }
    }
  }
}

// A character or entity reference at s[i] == '&' as libxml2's HTML parser reads it; returns
// the offset past it, or npos when the reference is not one the fast path is sure about.
std::size_t fast_reference(std::string_view s, std::size_t i, std::string& out) {
  // '&' before anything that cannot start a name or a character reference stays literal.
  const char next = i + 1 < s.size() ? s[i + 1] : '<';
  const auto nb = static_cast<unsigned char>(next);
  if (nb < 0x80 && !is_tag_name_char(next) && next != '_' && next != ':' && next != '#') {
    out += '&';
    return i + 1;
  }
  const std::size_t semi = s.find(';', i + 1);
  if (semi == std::string_view::npos || semi - i > 32 || semi == i + 1) {
    return std::string_view::npos;
  }
  const std::string_view body = s.substr(i + 1, semi - i - 1);
  std::uint32_t value = 0;
  if (body[0] == '#') {
    const bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
    const std::string_view digits = body.substr(hex ? 2 : 1);
    if (digits.empty() || digits.size() > 6) return std::string_view::npos;
    for (char d : digits) {
      int v = -1;
      if (d >= '0' && d <= '9')
        v = d - '0';
      else if (hex && d >= 'a' && d <= 'f')
        v = d - 'a' + 10;
      else if (hex && d >= 'A' && d <= 'F')
        v = d - 'A' + 10;
      if (v < 0) return std::string_view::npos;
      value = value * (hex ? 16 : 10) + static_cast<std::uint32_t>(v);
    }
    // Printable characters only; libxml2's handling of the others is its own.
    const bool plain = (value >= 0x20 && value < 0x7F) || (value >= 0xA0 && value <= 0xD7FF) ||
                       (value >= 0xE000 && value <= 0xFFFD) ||
                       (value >= 0x10000 && value <= 0x10FFFF);
    if (!plain) return std::string_view::npos;
  } else {
    for (char c : body) {
      if (!is_tag_name_char(c)) return std::string_view::npos;
    }
    const std::string name(body);
    const htmlEntityDesc* e = htmlEntityLookup(reinterpret_cast<const xmlChar*>(name.c_str()));
    if (e == nullptr) return std::string_view::npos;
    value = e->value;
  }
  append_utf8(out, value);
  return semi + 1;
}

std::optional<std::string> strip_simple_html(std::string_view s) {
  struct Open {
    const FastTagInfo* tag;
  };
  std::array<Open, 32> stack{};
  std::size_t depth = 0;
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c != '<' && c != '&') {
      // Text, blank runs included: inside the wrapper <div>, libxml2 keeps blanks between
      // these tags (checked against it over the test corpus and random nestings).
      std::size_t j = i;
      while (j < s.size() && s[j] != '<' && s[j] != '&') {
        const auto b = static_cast<unsigned char>(s[j]);
        if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F) return std::nullopt;
        ++j;
      }
      out.append(s.substr(i, j - i));
      i = j;
      continue;
    }
    if (c == '&') {
      const std::size_t next = fast_reference(s, i, out);
      if (next == std::string_view::npos) return std::nullopt;
      i = next;
      continue;
    }
    // A tag.
    const bool closing = i + 1 < s.size() && s[i + 1] == '/';
    const std::size_t name_start = i + (closing ? 2 : 1);
    std::size_t k = name_start;
    while (k < s.size() && is_tag_name_char(s[k])) ++k;
    const FastTagInfo* tag = find_fast_tag(s.substr(name_start, k - name_start));
    if (tag == nullptr) return std::nullopt;
    const bool is_void = tag->kind == FastTag::kVoidInline || tag->kind == FastTag::kVoidBlock;
    const bool is_block = tag->kind == FastTag::kBlock || tag->kind == FastTag::kVoidBlock;
    if (closing) {
      if (k >= s.size() || s[k] != '>') return std::nullopt;
      if (is_void || depth == 0 || stack[depth - 1].tag != tag) return std::nullopt;
      --depth;
      if (is_block) out += ' ';
      i = k + 1;
      continue;
    }
    bool self_closing = false;
    const std::size_t end = skip_attributes(s, k, self_closing);
    if (end == std::string_view::npos) return std::nullopt;
    if (self_closing && !is_void) return std::nullopt;
    // Start tags that make libxml2 close open elements implicitly (a block inside <p>, <h1>
    // or inline markup, a nested <a>, <p> or <li>) are left to it.
    for (std::size_t d = 0; d < depth; ++d) {
      const FastTagInfo* open = stack[d].tag;
      if (open == tag && (tag->name == "a" || tag->name == "p" || tag->name == "li")) {
        return std::nullopt;
      }
      if (is_block && (open->kind == FastTag::kInline || open->name == "p" ||
                       (open->name.size() == 2 && open->name[0] == 'h'))) {
        return std::nullopt;
      }
    }
    if (tag->name == "li" && depth > 0 && stack[depth - 1].tag->name != "ul" &&
        stack[depth - 1].tag->name != "ol") {
      return std::nullopt;
    }
    if (is_block) out += ' ';
    if (is_void) {
      if (is_block) out += ' ';
    } else {
      if (depth == stack.size()) return std::nullopt;
      stack[depth++] = Open{tag};
    }
    i = end;
  }
  if (depth != 0) return std::nullopt;
  return out;
}

std::string strip_html_once(std::string_view html) {
  if (html.find_first_of("<&") == std::string_view::npos) return std::string(html);
  prepare_libxml_for_this_thread();
  const std::string input = repair_utf8(html);
  if (std::optional<std::string> fast = strip_simple_html(input)) return std::move(*fast);
  constexpr int kOptions = HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                           HTML_PARSE_RECOVER | HTML_PARSE_NOIMPLIED;
  // A leading text node keeps the parser from discarding leading whitespace-only text and
  // from treating the fragment as a head section.
  std::string wrapped = "<div>" + input + "</div>";
  DocPtr doc(
      htmlReadMemory(wrapped.data(), static_cast<int>(wrapped.size()), nullptr, "UTF-8", kOptions));
  if (!doc) return input;
  std::string out;
  collect_text(doc->children, out, 0);
  return out;
}

// True when decoded text still holds something that is unmistakably an HTML tag, such as
// "<p>", "</a>", "<br/>" or "<a href=...>", so that plain prose with "<" stays untouched.
bool looks_like_markup(std::string_view text) {
  static constexpr std::string_view kTags[] = {
      "p",      "br",         "div",   "span", "a",     "b",   "i",    "em",   "strong",
      "img",    "ul",         "ol",    "li",   "h1",    "h2",  "h3",   "h4",   "h5",
      "h6",     "blockquote", "table", "tr",   "td",    "pre", "code", "font", "hr",
      "iframe", "script",     "style", "u",    "small", "sup", "sub"};
  for (std::size_t pos = text.find('<'); pos != std::string_view::npos;
       pos = text.find('<', pos + 1)) {
    std::size_t i = pos + 1;
    if (i < text.size() && text[i] == '/') ++i;
    const std::size_t start = i;
    while (i < text.size() && is_tag_name_char(text[i])) ++i;
    if (i == start || i >= text.size()) continue;
    const char next = text[i];
    if (next != '>' && next != ' ' && next != '/') continue;
    std::string name(text.substr(start, i - start));
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    bool known = false;
    for (auto tag : kTags) known = known || tag == name;
    if (known && text.find('>', i) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

std::size_t first_invalid_utf8(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  std::size_t i = 0;
  while (i < n) {
    // Eight ASCII bytes at a time: most feed text is ASCII.
    while (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, p + i, 8);
      if ((word & 0x8080808080808080ull) != 0) break;
      i += 8;
    }
    if (i >= n) break;
    const unsigned char b = p[i];
    if (b < 0x80) {
      ++i;
      continue;
    }
    // The same rules as utf8proc_iterate: no overlongs, no surrogates, nothing past U+10FFFF.
    auto cont = [&](std::size_t k) { return i + k < n && (p[i + k] & 0xC0) == 0x80; };
    if (b >= 0xC2 && b <= 0xDF) {
      if (!cont(1)) return i;
      i += 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
      if (!cont(1) || !cont(2)) return i;
      const unsigned char b1 = p[i + 1];
      if ((b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 >= 0xA0)) return i;
      i += 3;
    } else if (b >= 0xF0 && b <= 0xF4) {
      if (!cont(1) || !cont(2) || !cont(3)) return i;
      const unsigned char b1 = p[i + 1];
      if ((b == 0xF0 && b1 < 0x90) || (b == 0xF4 && b1 >= 0x90)) return i;
      i += 4;
    } else {
      return i;
    }
  }
  return std::string_view::npos;
}

std::string repair_utf8(std::string_view bytes) {
  const std::size_t bad = first_invalid_utf8(bytes);
  if (bad == std::string_view::npos) return std::string(bytes);
  std::string out;
  out.reserve(bytes.size() + 16);
  out.append(bytes.data(), bad);
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(bytes.data());
  std::size_t i = bad;
  while (i < bytes.size()) {
    if (p[i] < 0x80) {
      std::size_t j = i + 1;
      while (j < bytes.size() && p[j] < 0x80) ++j;
      out.append(bytes.data() + i, j - i);
      i = j;
      continue;
    }
    utf8proc_int32_t cp = 0;
    const auto n = utf8proc_iterate(p + i, static_cast<utf8proc_ssize_t>(bytes.size() - i), &cp);
    if (n > 0) {
      out.append(bytes.data() + i, static_cast<std::size_t>(n));
      i += static_cast<std::size_t>(n);
      continue;
    }
    const unsigned char b = p[i];
    append_utf8(out, windows1252_code_point(b));
    ++i;
  }
  return out;
}

std::string clean_text(std::string_view text) {
  // Repair only when needed: valid text is read in place.
  std::string repaired;
  std::string_view valid = text;
  if (first_invalid_utf8(text) != std::string_view::npos) {
    repaired = repair_utf8(text);
    valid = repaired;
  }
  std::string out;
  out.reserve(valid.size());
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(valid.data());
  std::size_t i = 0;
  bool pending_space = false;
  while (i < valid.size()) {
    if (p[i] < 0x80) {
      // ASCII: printable runs are copied whole; whitespace and controls as below.
      if (p[i] > 0x20 && p[i] < 0x7F) {
        std::size_t j = i + 1;
        while (j < valid.size() && p[j] > 0x20 && p[j] < 0x7F) ++j;
        if (pending_space) out += ' ';
        pending_space = false;
        out.append(valid.data() + i, j - i);
        i = j;
      } else {
        if (is_space(p[i])) pending_space = !out.empty();
        ++i;
      }
      continue;
    }
    utf8proc_int32_t cp = 0;
    auto n = utf8proc_iterate(p + i, static_cast<utf8proc_ssize_t>(valid.size() - i), &cp);
    if (n <= 0) {  // cannot happen after repair_utf8; skip defensively
      ++i;
      continue;
    }
    auto c = static_cast<char32_t>(cp);
    // C1 controls in text are almost always windows-1252 bytes mislabelled as Latin-1
    // ("don\u0092t"); read them as the punctuation that was meant.
    if (c >= 0x80 && c <= 0x9F) c = kCp1252High[c - 0x80];
    if (is_space(c)) {
      pending_space = !out.empty();
    } else if (!is_control(c) && !is_invisible_format(c)) {
      if (pending_space) out += ' ';
      pending_space = false;
      if (c == static_cast<char32_t>(cp))
        out.append(valid.data() + i, static_cast<std::size_t>(n));
      else
        append_utf8(out, c);
    }
    i += static_cast<std::size_t>(n);
  }
  return out;
}

std::string html_to_text(std::string_view html) {
  std::string text = clean_text(strip_html_once(html));
  // Only a fragment that had no real tags but shows tags after decoding was escaped twice;
  // "<code>&lt;br /></code>" is markup that talks about markup and stays as it is.
  if (looks_like_markup(text) && !looks_like_markup(html)) text = clean_text(strip_html_once(text));
  return text;
}

std::string decode_entities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c != '&') {
      out += c;
      ++i;
      continue;
    }
    const std::size_t semi = text.find(';', i + 1);
    if (semi == std::string_view::npos || semi - i > 32) {
      out += c;
      ++i;
      continue;
    }
    const std::string_view body = text.substr(i + 1, semi - i - 1);
    char32_t cp = 0;
    bool ok = false;
    if (body.size() >= 2 && body[0] == '#') {
      const bool hex = body[1] == 'x' || body[1] == 'X';
      const std::string_view digits = body.substr(hex ? 2 : 1);
      ok = !digits.empty() && digits.size() <= 8;
      std::uint32_t value = 0;
      for (char d : digits) {
        int v = -1;
        if (d >= '0' && d <= '9')
          v = d - '0';
        else if (hex && d >= 'a' && d <= 'f')
          v = d - 'a' + 10;
        else if (hex && d >= 'A' && d <= 'F')
          v = d - 'A' + 10;
        if (v < 0) {
          ok = false;
          break;
        }
        value = value * (hex ? 16 : 10) + static_cast<std::uint32_t>(v);
      }
      // Numeric references to 0x80-0x9F mean windows-1252 in practice (as browsers do).
      if (ok && value >= 0x80 && value <= 0x9F) value = kCp1252High[value - 0x80];
      ok = ok && utf8proc_codepoint_valid(static_cast<utf8proc_int32_t>(value)) && value != 0;
      cp = value;
    } else if (!body.empty()) {
      const std::string name(body);
      if (name == "apos") {
        cp = '\'';
        ok = true;
      } else if (const htmlEntityDesc* e =
                     htmlEntityLookup(reinterpret_cast<const xmlChar*>(name.c_str()))) {
        cp = e->value;
        ok = true;
      }
    }
    if (ok) {
      append_utf8(out, cp);
      i = semi + 1;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

std::string truncate_graphemes(std::string_view text, std::size_t max_chars) {
  const std::string valid = repair_utf8(text);
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(valid.data());
  // Byte offset where each grapheme cluster starts.
  std::size_t clusters = 0;
  std::size_t cut_before_last = 0;  // start of cluster number max_chars (1-based)
  utf8proc_int32_t state = 0;
  utf8proc_int32_t prev = -1;
  std::size_t i = 0;
  while (i < valid.size()) {
    utf8proc_int32_t cp = 0;
    const auto n = utf8proc_iterate(p + i, static_cast<utf8proc_ssize_t>(valid.size() - i), &cp);
    if (n <= 0) break;
    const bool boundary = prev < 0 || utf8proc_grapheme_break_stateful(prev, cp, &state);
    if (boundary) {
      ++clusters;
      if (clusters == max_chars) cut_before_last = i;
      if (clusters > max_chars) {
        if (max_chars == 0) return {};
        return valid.substr(0, cut_before_last) + "\u2026";
      }
    }
    prev = cp;
    i += static_cast<std::size_t>(n);
  }
  return valid;
}

}  // namespace newsticker::app
