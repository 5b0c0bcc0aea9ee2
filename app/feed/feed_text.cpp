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

namespace newsticker::app {
namespace {

// windows-1252 bytes 0x80-0x9F; the five undefined ones map to their C1 control code point,
// which clean_text() then drops.
constexpr std::array<char32_t, 32> kCp1252High = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

void append_utf8(std::string& out, char32_t cp) {
  std::array<utf8proc_uint8_t, 4> buf{};
  const auto n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf.data());
  out.append(reinterpret_cast<const char*>(buf.data()), static_cast<std::size_t>(n));
}

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

bool is_control(char32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

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
    "address", "article", "aside",  "blockquote", "br",     "caption", "dd",    "div",
    "dl",      "dt",      "figcaption", "figure", "footer", "h1",      "h2",    "h3",
    "h4",      "h5",      "h6",     "header",     "hr",     "li",      "main",  "nav",
    "ol",      "p",       "pre",    "section",    "table",  "tbody",   "td",    "tfoot",
    "th",      "thead",   "tr",     "ul",         nullptr};

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

// libxml2 must be initialised once before concurrent use from several threads.
void init_libxml_once() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

std::string strip_html_once(std::string_view html) {
  if (html.find_first_of("<&") == std::string_view::npos) return std::string(html);
  init_libxml_once();
  const std::string input = repair_utf8(html);
  constexpr int kOptions = HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                           HTML_PARSE_RECOVER | HTML_PARSE_NOIMPLIED;
  // A leading text node keeps the parser from discarding leading whitespace-only text and
  // from treating the fragment as a head section.
  std::string wrapped = "<div>" + input + "</div>";
  DocPtr doc(htmlReadMemory(wrapped.data(), static_cast<int>(wrapped.size()), nullptr, "UTF-8",
                            kOptions));
  if (!doc) return input;
  std::string out;
  collect_text(doc->children, out, 0);
  return out;
}

bool is_tag_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// True when decoded text still holds something that is unmistakably an HTML tag, such as
// "<p>", "</a>", "<br/>" or "<a href=...>", so that plain prose with "<" stays untouched.
bool looks_like_markup(std::string_view text) {
  static constexpr std::string_view kTags[] = {
      "p",  "br", "div", "span", "a",  "b",  "i",  "em", "strong", "img", "ul", "ol",
      "li", "h1", "h2",  "h3",   "h4", "h5", "h6", "blockquote", "table", "tr", "td",
      "pre", "code", "font", "hr", "iframe", "script", "style", "u", "small", "sup", "sub"};
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

std::string repair_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(bytes.data());
  std::size_t i = 0;
  while (i < bytes.size()) {
    if (p[i] < 0x80) {
      out += static_cast<char>(p[i]);
      ++i;
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
    append_utf8(out, b < 0xA0 ? kCp1252High[b - 0x80] : static_cast<char32_t>(b));
    ++i;
  }
  return out;
}

std::string clean_text(std::string_view text) {
  const std::string valid = repair_utf8(text);
  std::string out;
  out.reserve(valid.size());
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(valid.data());
  std::size_t i = 0;
  bool pending_space = false;
  while (i < valid.size()) {
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
      if (c == static_cast<char32_t>(cp)) out.append(valid, i, static_cast<std::size_t>(n));
      else append_utf8(out, c);
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
        if (d >= '0' && d <= '9') v = d - '0';
        else if (hex && d >= 'a' && d <= 'f') v = d - 'a' + 10;
        else if (hex && d >= 'A' && d <= 'F') v = d - 'A' + 10;
        if (v < 0) { ok = false; break; }
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
      } else if (const htmlEntityDesc* e = htmlEntityLookup(reinterpret_cast<const xmlChar*>(name.c_str()))) {
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
