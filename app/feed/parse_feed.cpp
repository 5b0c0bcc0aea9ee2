#include "feed/parse_feed.h"

#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/encoding.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <vector>

#include "feed/dateline.h"
#include "feed/feed_dates.h"
#include "feed/feed_text.h"
#include "feed/libxml_setup.h"

namespace newsticker::app {
namespace {

constexpr const char* kNsAtom10 = "http://www.w3.org/2005/Atom";
constexpr const char* kNsAtom03 = "http://purl.org/atom/ns#";
constexpr const char* kNsRss10 = "http://purl.org/rss/1.0/";
constexpr const char* kNsRss090 = "http://my.netscape.com/rdf/simple/0.9/";
constexpr const char* kNsRss11 = "http://purl.org/net/rss1.1#";
constexpr const char* kNsUserland = "http://backend.userland.com/rss2";
constexpr const char* kNsUserland2 = "http://blogs.law.harvard.edu/tech/rss";
constexpr const char* kNsDc = "http://purl.org/dc/elements/1.1/";
constexpr const char* kNsDcTerms = "http://purl.org/dc/terms/";
constexpr const char* kNsContent = "http://purl.org/rss/1.0/modules/content/";
constexpr const char* kNsXhtml = "http://www.w3.org/1999/xhtml";
constexpr const char* kNsItunes = "http://www.itunes.com/dtds/podcast-1.0.dtd";
constexpr const char* kNsMedia = "http://search.yahoo.com/mrss/";
constexpr const char* kNsRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

// Upper bound on text gathered from one element, entity expansions included, so that
// entity tricks that slip past libxml2's own amplification checks still stay bounded.
constexpr std::size_t kMaxFieldBytes = 1u << 20;
// What a screen can show: longer titles and summaries are cut at a grapheme boundary with "…".
constexpr std::size_t kMaxTitleChars = 300;
constexpr std::size_t kMaxSummaryChars = 2000;
// And in bytes: one grapheme can hold any number of combining marks ("a" + 500,000 accents).
constexpr std::size_t kMaxTitleBytes = 2048;
constexpr std::size_t kMaxSummaryBytes = 8192;

// Cuts `text` to `max_chars` graphemes, then to `max_bytes` at a code-point boundary, with "…".
void fit_for_screen(std::string& text, std::size_t max_chars, std::size_t max_bytes) {
  if (text.size() > max_chars) text = truncate_graphemes(text, max_chars);
  if (text.size() <= max_bytes) return;
  static constexpr std::string_view kEllipsis = "\u2026";
  std::size_t cut = max_bytes - kEllipsis.size();
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
  text += kEllipsis;
}
constexpr int kMaxEntityDepth = 8;
constexpr int kMaxTreeDepth = 256;

// Marks nodes whose end tag the parser has seen (xmlNode::_private), so that the partial
// last item of a truncated document can be recognised and dropped.
constexpr char kClosedMarker = 1;

struct DocFree {
  void operator()(xmlDoc* doc) const noexcept { xmlFreeDoc(doc); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocFree>;
struct ParserCtxtFree {
  void operator()(xmlParserCtxt* ctxt) const noexcept { xmlFreeParserCtxt(ctxt); }
};
using ParserCtxtPtr = std::unique_ptr<xmlParserCtxt, ParserCtxtFree>;
struct XmlCharFree {
  void operator()(xmlChar* p) const noexcept { xmlFree(p); }
};
using XmlString = std::unique_ptr<xmlChar, XmlCharFree>;
struct BufferFree {
  void operator()(xmlBuffer* b) const noexcept { xmlBufferFree(b); }
};
using BufferPtr = std::unique_ptr<xmlBuffer, BufferFree>;

const char* cstr(const xmlChar* s) {
  return reinterpret_cast<const char*>(s);
}
const xmlChar* xstr(const char* s) {
  return reinterpret_cast<const xmlChar*>(s);
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view trim(std::string_view s) {
  constexpr std::string_view kWs = " \t\r\n\f\v";
  const auto b = s.find_first_not_of(kWs);
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(kWs);
  return s.substr(b, e - b + 1);
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && lower_ascii(s.substr(0, prefix.size())) == prefix;
}

// ---------------------------------------------------------------------------------------------
// Encodings

enum class Charset { kUtf8, kWindows1252, kOther };

struct Decoded {
  std::string utf8;
  bool lossy = false;  // a declared charset was unknown or had invalid bytes
};

Charset classify_charset(const std::string& name) {
  static const std::set<std::string> kUtf8 = {"utf-8", "utf8", "unicode-1-1-utf-8"};
  // Labels that browsers (and the WHATWG encoding spec) read as windows-1252.
  static const std::set<std::string> kCp1252 = {
      "iso-8859-1", "iso8859-1", "iso_8859-1",   "latin1",         "latin-1",        "l1",
      "us-ascii",   "ascii",     "windows-1252", "cp1252",         "x-cp1252",       "iso-ir-100",
      "ibm819",     "cp819",     "csisolatin1",  "ansi_x3.4-1968", "iso_8859-1:1987"};
  if (kUtf8.count(name) != 0) return Charset::kUtf8;
  if (kCp1252.count(name) != 0) return Charset::kWindows1252;
  return Charset::kOther;
}

// Transcodes with libxml2's converters (built-in UTF-16 etc., iconv for the rest). Bytes that
// cannot be converted become U+FFFD. Returns nullopt when libxml2 knows no such charset.
std::optional<std::string> transcode_with_libxml(std::string_view bytes, const std::string& name,
                                                 bool& lossy) {
  xmlCharEncodingHandler* handler = xmlFindCharEncodingHandler(name.c_str());
  if (handler == nullptr) return std::nullopt;
  std::string out;
  BufferPtr in(xmlBufferCreate());
  BufferPtr conv(xmlBufferCreate());
  if (!in || !conv) {
    xmlCharEncCloseFunc(handler);
    return std::nullopt;
  }
  // The converter is fed a window of the input at a time, refilled from `pos`, so skipping an
  // invalid byte never moves the whole rest of the document (which made a feed full of bad bytes
  // cost quadratic time). After a bad byte the window shrinks to a few bytes and then grows back,
  // so a run of bad bytes costs little and good text still goes in large chunks.
  constexpr std::size_t kLargestWindow = 64u << 10;
  constexpr std::size_t kSmallestWindow = 64;
  std::size_t window = kLargestWindow;
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    const std::size_t length = std::min(window, bytes.size() - pos);
    xmlBufferEmpty(in.get());
    xmlBufferAdd(in.get(), reinterpret_cast<const xmlChar*>(bytes.data() + pos),
                 static_cast<int>(length));
    const int ret = xmlCharEncInFunc(handler, conv.get(), in.get());
    out.append(cstr(xmlBufferContent(conv.get())),
               static_cast<std::size_t>(xmlBufferLength(conv.get())));
    xmlBufferEmpty(conv.get());
    const std::size_t consumed = length - static_cast<std::size_t>(xmlBufferLength(in.get()));
    pos += consumed;
    if (consumed > 0) {
      window = std::min(kLargestWindow, window * 2);
      if (ret != -1 && ret != -2) continue;
    }
    if (ret >= 0 && consumed == 0 && pos + length < bytes.size()) {
      window = std::max(window * 2, kSmallestWindow);  // a character cut by the window's end
      continue;
    }
    if (consumed == 0 || ret == -1 || ret == -2) {
      if (pos >= bytes.size()) break;
      // Skip the offending byte and carry on, as a tolerant reader should.
      ++pos;
      out += "\xEF\xBF\xBD";
      lossy = true;
      window = kSmallestWindow;
    }
  }
  xmlCharEncCloseFunc(handler);
  return out;
}

std::string declared_xml_encoding(std::string_view bytes) {
  std::string_view head = bytes.substr(0, std::min<std::size_t>(bytes.size(), 1024));
  const auto start = head.find("<?xml");
  if (start == std::string_view::npos || !trim(head.substr(0, start)).empty()) return {};
  const auto end = head.find("?>", start);
  if (end == std::string_view::npos) return {};
  const std::string_view decl = head.substr(start, end - start);
  const auto key = decl.find("encoding");
  if (key == std::string_view::npos) return {};
  auto pos = decl.find_first_of("\"'", key);
  if (pos == std::string_view::npos) return {};
  const char quote = decl[pos];
  const auto close = decl.find(quote, pos + 1);
  if (close == std::string_view::npos) return {};
  return lower_ascii(trim(decl.substr(pos + 1, close - pos - 1)));
}

// BOM, then the HTTP charset, then the XML declaration, then UTF-8.
Decoded decode_document(std::string_view bytes, const std::string& http_charset) {
  Decoded result;
  std::string charset;
  auto has_prefix = [&](std::string_view p) { return bytes.substr(0, p.size()) == p; };
  if (has_prefix("\xEF\xBB\xBF")) {
    bytes.remove_prefix(3);
    charset = "utf-8";
  } else if (has_prefix(std::string_view("\x00\x00\xFE\xFF", 4))) {
    charset = "utf-32be";
  } else if (has_prefix(std::string_view("\xFF\xFE\x00\x00", 4))) {
    charset = "utf-32le";
  } else if (has_prefix("\xFE\xFF")) {
    charset = "utf-16be";
  } else if (has_prefix("\xFF\xFE")) {
    charset = "utf-16le";
  } else if (has_prefix(std::string_view("\x00<\x00?", 4))) {
    charset = "utf-16be";
  } else if (has_prefix(std::string_view("<\x00?\x00", 4))) {
    charset = "utf-16le";
  } else if (!trim(http_charset).empty()) {
    charset = lower_ascii(trim(http_charset));
  } else {
    charset = declared_xml_encoding(bytes);
    // A declaration we could read as ASCII cannot be true when it claims a 16/32-bit form.
    if (starts_with_ci(charset, "utf-16") || starts_with_ci(charset, "utf-32") ||
        charset == "ucs-2" || charset == "ucs-4") {
      charset = "utf-8";
    }
  }
  if (charset.empty()) charset = "utf-8";
  switch (classify_charset(charset)) {
    case Charset::kUtf8:
      result.utf8 = repair_utf8(bytes);
      return result;
    case Charset::kWindows1252:
      result.utf8 = windows1252_to_utf8(bytes);
      return result;
    case Charset::kOther:
      break;
  }
  if (auto converted = transcode_with_libxml(bytes, charset, result.lossy)) {
    // Strip a BOM the converter may have passed through.
    if (converted->rfind("\xEF\xBB\xBF", 0) == 0) converted->erase(0, 3);
    result.utf8 = repair_utf8(*converted);
    return result;
  }
  result.lossy = true;
  result.utf8 = repair_utf8(bytes);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Pre-pass over the markup: references libxml2 would reject without a DTD.

struct Prepared {
  std::string text;
  bool changed = false;
  std::string note;
  // Contents of large CDATA sections, lifted out of `text` (see prepare_markup).
  std::vector<std::string> cdata;
};

// Target of the processing instruction that stands in for a lifted CDATA section.
constexpr std::string_view kCdataPi = "nt-cdata";
constexpr std::size_t kMinLiftedCdata = 256;
// libxml2 refuses text nodes above XML_MAX_TEXT_LENGTH; such sections stay with the parser.
constexpr std::size_t kMaxLiftedCdata = 10'000'000;

// CDATA content the parser would take as is, apart from line ends: no character XML forbids.
// Counts the lines it spans (CRLF and lone CR as one) and whether it holds a CR.
bool liftable_cdata(std::string_view content, std::size_t& newlines, bool& has_cr) {
  newlines = 0;
  has_cr = false;
  if (content.size() < kMinLiftedCdata || content.size() >= kMaxLiftedCdata) return false;
  const auto* p = reinterpret_cast<const unsigned char*>(content.data());
  const std::size_t n = content.size();
  auto check = [&](std::size_t k) {
    const unsigned char b = p[k];
    if (b >= 0x20) return true;
    if (b == '\n')
      ++newlines;
    else if (b == '\r') {
      has_cr = true;
      if (k + 1 >= n || p[k + 1] != '\n') ++newlines;
    } else if (b != '\t') {
      return false;
    }
    return true;
  };
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t word;
    std::memcpy(&word, p + i, 8);
    // Non-zero exactly when one of the eight bytes is below 0x20.
    if (((word - 0x2020202020202020ull) & ~word & 0x8080808080808080ull) == 0) continue;
    for (std::size_t k = i; k < i + 8; ++k) {
      if (!check(k)) return false;
    }
  }
  for (; i < n; ++i) {
    if (!check(i)) return false;
  }
  // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not XML characters either.
  for (const void* hit = std::memchr(p, 0xEF, n); hit != nullptr;) {
    const std::size_t k = static_cast<std::size_t>(static_cast<const unsigned char*>(hit) - p);
    if (k + 2 < n && p[k + 1] == 0xBF && (p[k + 2] == 0xBE || p[k + 2] == 0xBF)) return false;
    hit = k + 1 < n ? std::memchr(p + k + 1, 0xEF, n - k - 1) : nullptr;
  }
  return true;
}

// Line ends as an XML parser reports them: CRLF and lone CR become LF.
std::string normalise_line_ends(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t cr = text.find('\r', i);
    if (cr == std::string_view::npos) {
      out.append(text.substr(i));
      break;
    }
    out.append(text.substr(i, cr - i));
    out += '\n';
    i = cr + 1;
    if (i < text.size() && text[i] == '\n') ++i;
  }
  return out;
}

// Names declared with <!ENTITY name ...> in the internal subset; those are left to libxml2.
std::set<std::string> declared_entities(std::string_view doc, std::size_t& body_start) {
  std::set<std::string> names;
  std::size_t pos = 0;
  body_start = 0;
  while ((pos = doc.find('<', pos)) != std::string_view::npos) {
    const std::string_view rest = doc.substr(pos);
    if (rest.substr(0, 2) == "<?") {
      const auto e = doc.find("?>", pos);
      if (e == std::string_view::npos) break;
      pos = e + 2;
    } else if (rest.substr(0, 4) == "<!--") {
      const auto e = doc.find("-->", pos);
      if (e == std::string_view::npos) break;
      pos = e + 3;
    } else if (starts_with_ci(rest, "<!doctype")) {
      const auto gt = doc.find('>', pos);
      const auto bracket = doc.find('[', pos);
      if (bracket != std::string_view::npos && (gt == std::string_view::npos || bracket < gt)) {
        const auto close = doc.find("]", bracket);
        if (close == std::string_view::npos) break;
        const std::string_view subset = doc.substr(bracket, close - bracket);
        std::size_t p = 0;
        while ((p = subset.find("<!ENTITY", p)) != std::string_view::npos) {
          p += 8;
          while (p < subset.size() && std::isspace(static_cast<unsigned char>(subset[p]))) ++p;
          if (p < subset.size() && subset[p] == '%') continue;  // parameter entity
          const auto s = p;
          while (p < subset.size() && !std::isspace(static_cast<unsigned char>(subset[p]))) ++p;
          names.insert(std::string(subset.substr(s, p - s)));
        }
        const auto end = doc.find('>', close);
        if (end == std::string_view::npos) break;
        pos = end + 1;
      } else {
        if (gt == std::string_view::npos) break;
        pos = gt + 1;
      }
    } else {
      body_start = pos;
      return names;
    }
  }
  body_start = pos == std::string_view::npos ? doc.size() : pos;
  return names;
}

bool is_name_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
}
bool is_name_char(char c) {
  return is_name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

// Makes the document acceptable to a DTD-less XML parser without changing its meaning:
//   * a bare '&' (AT&T) becomes &amp; so that it stays literal text;
//   * HTML named entities (&nbsp; &hellip;) that no internal DTD declares become numeric
//     references; unknown names stay literal;
//   * C0 control characters, which XML forbids and which stop libxml2, become spaces.
// CDATA sections and comments are copied untouched. With CdataSections::kLift, large CDATA
// sections are moved into Prepared::cdata and replaced by <?nt-cdata N?> (with as many line
// breaks as the section had, so that error line numbers stay right): libxml2 reads CDATA one
// character at a time, and most of a typical feed's bytes are content:encoded sections.
enum class CdataSections { kKeep, kLift };

Prepared prepare_markup(const std::string& doc, CdataSections cdata_sections) {
  Prepared out;
  out.text.reserve(doc.size() + 64);
  std::size_t body_start = 0;
  const std::set<std::string> declared = declared_entities(doc, body_start);
  out.text.append(doc, 0, body_start);
  std::size_t i = body_start;
  auto note = [&](const char* what) {
    out.changed = true;
    if (out.note.empty()) out.note = what;
  };
  // A document that already holds the placeholder's name keeps its sections in place.
  const bool lift = cdata_sections == CdataSections::kLift &&
                    doc.find(std::string("<?") + std::string(kCdataPi)) == std::string::npos;
  // Bytes that need a closer look: markup, references and C0 controls other than whitespace.
  static constexpr auto kSpecial = [] {
    std::array<bool, 256> table{};
    table['<'] = table['&'] = true;
    for (int b = 0; b < 0x20; ++b) table[b] = b != '\t' && b != '\n' && b != '\r';
    return table;
  }();
  while (i < doc.size()) {
    std::size_t plain = i;
    while (plain < doc.size() && !kSpecial[static_cast<unsigned char>(doc[plain])]) ++plain;
    out.text.append(doc, i, plain - i);
    i = plain;
    if (i >= doc.size()) break;
    const char c = doc[i];
    if (c == '<' && doc.compare(i, 9, "<![CDATA[") == 0) {
      const auto close = doc.find("]]>", i + 9);
      const std::size_t e = close == std::string::npos ? doc.size() : close + 3;
      const std::string_view content =
          std::string_view(doc).substr(i + 9, close == std::string::npos ? 0 : close - i - 9);
      std::size_t newlines = 0;
      bool has_cr = false;
      if (lift && close != std::string::npos && liftable_cdata(content, newlines, has_cr)) {
        out.cdata.push_back(has_cr ? normalise_line_ends(content) : std::string(content));
        out.text += "<?";
        out.text += kCdataPi;
        out.text += ' ';
        out.text += std::to_string(out.cdata.size() - 1);
        out.text.append(newlines, '\n');
        out.text += "?>";
      } else {
        out.text.append(doc, i, e - i);
      }
      i = e;
      continue;
    }
    if (c == '<' && doc.compare(i, 4, "<!--") == 0) {
      auto e = doc.find("-->", i + 4);
      e = e == std::string::npos ? doc.size() : e + 3;
      out.text.append(doc, i, e - i);
      i = e;
      continue;
    }
    if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      note("control character in document");
      out.text += ' ';
      ++i;
      continue;
    }
    if (c != '&') {
      out.text += c;
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    if (j < doc.size() && doc[j] == '#') {
      ++j;
      const bool hex = j < doc.size() && (doc[j] == 'x' || doc[j] == 'X');
      if (hex) ++j;
      const std::size_t digits = j;
      while (j < doc.size() && (hex ? std::isxdigit(static_cast<unsigned char>(doc[j]))
                                    : std::isdigit(static_cast<unsigned char>(doc[j])))) {
        ++j;
      }
      if (j > digits && j < doc.size() && doc[j] == ';' && j - digits <= 8) {
        unsigned long value =
            std::strtoul(doc.substr(digits, j - digits).c_str(), nullptr, hex ? 16 : 10);
        const bool allowed =
            value == 0x9 || value == 0xA || value == 0xD || (value >= 0x20 && value <= 0xD7FF) ||
            (value >= 0xE000 && value <= 0xFFFD) || (value >= 0x10000 && value <= 0x10FFFF);
        if (allowed) {
          // Re-spelt in decimal: "&#X41;" (capital X) is common but not XML.
          out.text += "&#" + std::to_string(value) + ";";
        } else {
          note("invalid character reference");
        }
        i = j + 1;
        continue;
      }
    } else if (j < doc.size() && is_name_start(doc[j])) {
      while (j < doc.size() && is_name_char(doc[j])) ++j;
      if (j < doc.size() && doc[j] == ';') {
        const std::string name = doc.substr(i + 1, j - i - 1);
        // libxml2 2.9 silently drops every entity reference (even &amp;) that follows the
        // first well-formedness error, while character references survive: use those.
        if (name == "amp") {
          out.text += "&#38;";
        } else if (name == "lt") {
          out.text += "&#60;";
        } else if (name == "gt") {
          out.text += "&#62;";
        } else if (name == "quot") {
          out.text += "&#34;";
        } else if (name == "apos") {
          out.text += "&#39;";
        } else if (declared.count(name) != 0) {
          out.text.append(doc, i, j + 1 - i);
        } else if (const htmlEntityDesc* e = htmlEntityLookup(xstr(name.c_str()))) {
          note("undefined entity");
          out.text += "&#" + std::to_string(e->value) + ";";
        } else {
          note("undefined entity");
          out.text += "&#38;";
          out.text.append(doc, i + 1, j - i);
        }
        i = j + 1;
        continue;
      }
    }
    note("bare ampersand");
    out.text += "&#38;";
    ++i;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Tree helpers

bool ns_is(const xmlNode* n, const char* uri) {
  return n->ns != nullptr && n->ns->href != nullptr && std::strcmp(cstr(n->ns->href), uri) == 0;
}

bool local_is(const xmlNode* n, const char* name) {
  return n->type == XML_ELEMENT_NODE && n->name != nullptr && std::strcmp(cstr(n->name), name) == 0;
}

enum class Dialect { kRss, kAtom };

// Core elements of the format: no namespace or the format's own namespace(s).
bool is_core(const xmlNode* n, Dialect dialect) {
  if (n->ns == nullptr || n->ns->href == nullptr) return true;
  if (dialect == Dialect::kAtom) return ns_is(n, kNsAtom10) || ns_is(n, kNsAtom03);
  return ns_is(n, kNsRss10) || ns_is(n, kNsRss090) || ns_is(n, kNsRss11) || ns_is(n, kNsUserland) ||
         ns_is(n, kNsUserland2);
}

const xmlNode* child_core(const xmlNode* parent, const char* name, Dialect dialect) {
  for (const xmlNode* n = parent->children; n != nullptr; n = n->next) {
    if (local_is(n, name) && is_core(n, dialect)) return n;
  }
  return nullptr;
}

const xmlNode* child_ns(const xmlNode* parent, const char* ns, const char* name) {
  for (const xmlNode* n = parent->children; n != nullptr; n = n->next) {
    if (local_is(n, name) && ns_is(n, ns)) return n;
  }
  return nullptr;
}

const xmlNode* child_atom(const xmlNode* parent, const char* name) {
  for (const xmlNode* n = parent->children; n != nullptr; n = n->next) {
    if (local_is(n, name) && (ns_is(n, kNsAtom10) || ns_is(n, kNsAtom03))) return n;
  }
  return nullptr;
}

std::string attr(const xmlNode* n, const char* name) {
  XmlString v(xmlGetProp(n, xstr(name)));
  return v ? std::string(cstr(v.get())) : std::string();
}

bool is_block_tag(const xmlNode* n) {
  static const std::set<std::string> kBlock = {
      "address", "article",    "aside",  "blockquote", "br",    "caption", "dd",    "div", "dl",
      "dt",      "figcaption", "figure", "footer",     "h1",    "h2",      "h3",    "h4",  "h5",
      "h6",      "header",     "hr",     "li",         "main",  "nav",     "ol",    "p",   "pre",
      "section", "table",      "tbody",  "td",         "tfoot", "th",      "thead", "tr",  "ul"};
  return kBlock.count(lower_ascii(cstr(n->name))) != 0;
}

bool is_skip_tag(const xmlNode* n) {
  const std::string name = lower_ascii(cstr(n->name));
  return name == "script" || name == "style" || name == "template";
}

// Text of a node's children: text, CDATA, entity expansions (bounded) and, for inline markup
// children, their text with block-level elements turned into spaces.
void gather_text(const xmlNode* first, std::string& out, int depth, int entity_depth) {
  if (depth > kMaxTreeDepth) return;
  for (const xmlNode* n = first; n != nullptr && out.size() < kMaxFieldBytes; n = n->next) {
    switch (n->type) {
      case XML_TEXT_NODE:
      case XML_CDATA_SECTION_NODE:
        if (n->content != nullptr) out += cstr(n->content);
        break;
      case XML_PI_NODE:
        // A CDATA section that prepare_markup lifted out (parse_xml_feed sets doc->_private).
        if (n->doc != nullptr && n->doc->_private != nullptr && n->content != nullptr &&
            n->name != nullptr && cstr(n->name) == kCdataPi) {
          const auto& lifted = *static_cast<const std::vector<std::string>*>(n->doc->_private);
          const unsigned long index = std::strtoul(cstr(n->content), nullptr, 10);
          if (index < lifted.size()) out += lifted[index];
        }
        break;
      case XML_ENTITY_REF_NODE: {
        const auto* ent = reinterpret_cast<const xmlEntity*>(n->children);
        if (ent != nullptr && ent->type == XML_ENTITY_DECL) {
          if (ent->etype == XML_INTERNAL_GENERAL_ENTITY && entity_depth < kMaxEntityDepth) {
            gather_text(ent->children, out, depth + 1, entity_depth + 1);
          }
        } else if (n->name != nullptr) {
          if (const htmlEntityDesc* e = htmlEntityLookup(n->name)) append_utf8(out, e->value);
        }
        break;
      }
      case XML_ELEMENT_NODE: {
        if (is_skip_tag(n)) break;
        const bool block = is_block_tag(n);
        if (block) out += ' ';
        gather_text(n->children, out, depth + 1, entity_depth);
        if (block) out += ' ';
        break;
      }
      default:
        break;
    }
  }
  if (out.size() > kMaxFieldBytes) out.resize(kMaxFieldBytes);
}

std::string node_text(const xmlNode* n) {
  std::string out;
  if (n != nullptr) gather_text(n->children, out, 0, 0);
  return out;
}

std::string decode_base64(std::string_view text) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    int v = -1;
    if (c >= 'A' && c <= 'Z')
      v = c - 'A';
    else if (c >= 'a' && c <= 'z')
      v = c - 'a' + 26;
    else if (c >= '0' && c <= '9')
      v = c - '0' + 52;
    else if (c == '+' || c == '-')
      v = 62;
    else if (c == '/' || c == '_')
      v = 63;
    else if (c == '=')
      break;
    if (v < 0) continue;  // whitespace and line breaks
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

bool is_html_type(const std::string& type) {
  return type == "html" || type == "text/html";
}

// Atom 1.0 (4.1.3.3): a MIME type that is neither XML nor text/* means base64 content.
bool is_base64_content(const xmlNode* n, const std::string& type) {
  if (lower_ascii(trim(attr(n, "mode"))) == "base64") return true;
  if (type.empty() || type == "text" || type == "html" || type == "xhtml") return false;
  if (type.find('/') == std::string::npos || type.rfind("text/", 0) == 0) return false;
  const bool xml = type.size() >= 4 && (type.compare(type.size() - 4, 4, "+xml") == 0 ||
                                        type.compare(type.size() - 4, 4, "/xml") == 0);
  return !xml;
}

// An Atom text construct (or Atom 0.3 content) as plain text, by its declared type.
std::string text_construct(const xmlNode* n) {
  if (n == nullptr) return {};
  const std::string type = lower_ascii(trim(attr(n, "type")));
  if (is_base64_content(n, type)) {
    const std::string decoded = decode_base64(node_text(n));
    return is_html_type(type) ? html_to_text(decoded) : clean_text(decoded);
  }
  if (type == "xhtml" || type == "application/xhtml+xml") {
    // Inline markup: its text nodes are already decoded, so no second HTML pass.
    return clean_text(node_text(n));
  }
  if (is_html_type(type)) return html_to_text(node_text(n));
  if (type.empty() && attr(n, "mode") == "escaped") return html_to_text(node_text(n));
  return clean_text(node_text(n));
}

// RSS elements carry HTML by convention (titles often hold entities or tags).
std::string rss_text(const xmlNode* n) {
  if (n == nullptr) return {};
  return html_to_text(node_text(n));
}

std::string resolve_link(const xmlDoc* doc, const xmlNode* n, std::string_view href) {
  const std::string ref(trim(href));
  if (ref.empty()) return {};
  XmlString base(xmlNodeGetBase(doc, n));
  if (!base) return ref;
  XmlString resolved(xmlBuildURI(xstr(ref.c_str()), base.get()));
  return resolved ? std::string(cstr(resolved.get())) : ref;
}

// First rel="alternate" (the default) link, preferring HTML pages over other media types.
std::string atom_alternate_link(const xmlDoc* doc, const xmlNode* parent, bool any_namespace) {
  const xmlNode* fallback = nullptr;
  for (const xmlNode* n = parent->children; n != nullptr; n = n->next) {
    if (!local_is(n, "link")) continue;
    if (!any_namespace && !(ns_is(n, kNsAtom10) || ns_is(n, kNsAtom03))) continue;
    const std::string rel = lower_ascii(trim(attr(n, "rel")));
    if (!rel.empty() && rel != "alternate") continue;
    if (attr(n, "href").empty()) continue;
    const std::string type = lower_ascii(trim(attr(n, "type")));
    if (type.empty() || type == "text/html" || type == "application/xhtml+xml") {
      return resolve_link(doc, n, attr(n, "href"));
    }
    if (fallback == nullptr) fallback = n;
  }
  return fallback != nullptr ? resolve_link(doc, fallback, attr(fallback, "href")) : std::string();
}

std::optional<UtcSeconds> first_date(std::initializer_list<const xmlNode*> nodes) {
  for (const xmlNode* n : nodes) {
    if (n == nullptr) continue;
    if (auto d = parse_feed_date(node_text(n))) return d;
  }
  return std::nullopt;
}

bool is_http_url(std::string_view s) {
  return starts_with_ci(s, "http://") || starts_with_ci(s, "https://");
}

const xmlNode* child_ns_ci(const xmlNode* parent, const char* ns, const char* name) {
  for (const xmlNode* n = parent->children; n != nullptr; n = n->next) {
    if (local_is(n, name) && n->ns != nullptr && n->ns->href != nullptr &&
        lower_ascii(cstr(n->ns->href)) == ns) {
      return n;
    }
  }
  return nullptr;
}

// Less common places for an item's text, used only when the usual ones are empty.
std::string secondary_summary(const xmlNode* item, Dialect dialect) {
  if (const xmlNode* n = child_core(item, "fullitem", dialect)) return rss_text(n);
  const xmlNode* body = child_ns(item, kNsXhtml, "body");
  if (body == nullptr) body = child_core(item, "body", dialect);
  if (body != nullptr) return clean_text(node_text(body));
  if (const xmlNode* n = child_ns_ci(item, kNsItunes, "summary")) return clean_text(node_text(n));
  const xmlNode* media = child_ns(item, kNsMedia, "description");
  if (media == nullptr) {
    if (const xmlNode* group = child_ns(item, kNsMedia, "group")) {
      media = child_ns(group, kNsMedia, "description");
    }
  }
  if (media != nullptr) {
    return lower_ascii(attr(media, "type")) == "html" ? html_to_text(node_text(media))
                                                      : clean_text(node_text(media));
  }
  return {};
}

Headline parse_rss_item(const xmlDoc* doc, const xmlNode* item) {
  constexpr Dialect kD = Dialect::kRss;
  Headline h;
  const xmlNode* title = child_core(item, "title", kD);
  if (title == nullptr) title = child_ns(item, kNsDc, "title");
  h.title = rss_text(title);

  const xmlNode* guid = child_core(item, "guid", kD);
  if (guid != nullptr) h.id = std::string(trim(node_text(guid)));
  if (h.id.empty()) {
    if (const xmlNode* id = child_core(item, "id", kD)) h.id = std::string(trim(node_text(id)));
  }
  if (h.id.empty()) {
    // RSS 1.0 names each item by its rdf:about URI.
    XmlString about(xmlGetNsProp(item, xstr("about"), xstr(kNsRdf)));
    if (about) h.id = std::string(trim(cstr(about.get())));
  }

  if (const xmlNode* link = child_core(item, "link", kD)) {
    h.link = resolve_link(doc, link, node_text(link));
  }
  if (h.link.empty()) h.link = atom_alternate_link(doc, item, false);
  if (h.link.empty()) {
    // <link href="..."/> without a namespace: an Atom habit in some RSS feeds.
    for (const xmlNode* n = item->children; n != nullptr && h.link.empty(); n = n->next) {
      if (local_is(n, "link") && is_core(n, kD) && !attr(n, "href").empty()) {
        const std::string rel = lower_ascii(trim(attr(n, "rel")));
        if (rel.empty() || rel == "alternate") h.link = resolve_link(doc, n, attr(n, "href"));
      }
    }
  }
  if (h.link.empty() && guid != nullptr) {
    const std::string value(trim(node_text(guid)));
    const std::string permalink = lower_ascii(trim(attr(guid, "isPermaLink")));
    if (permalink != "false" && is_http_url(value)) h.link = value;
  }

  h.published = first_date({child_core(item, "pubDate", kD), child_ns(item, kNsDc, "date"),
                            child_ns(item, kNsDcTerms, "issued"), child_atom(item, "published"),
                            child_ns(item, kNsDcTerms, "modified"), child_atom(item, "updated"),
                            // Atom-style elements without a namespace, seen in hybrid feeds.
                            child_core(item, "published", kD), child_core(item, "updated", kD)});

  const xmlNode* author = child_ns(item, kNsDc, "creator");
  if (author == nullptr) author = child_core(item, "author", kD);
  h.author = rss_text(author);

  const xmlNode* description = child_core(item, "description", kD);
  if (description == nullptr) description = child_ns(item, kNsDc, "description");
  h.summary = rss_text(description);
  if (h.summary.empty()) h.summary = rss_text(child_ns(item, kNsContent, "encoded"));
  if (h.summary.empty()) h.summary = text_construct(child_atom(item, "summary"));
  if (h.summary.empty()) h.summary = text_construct(child_core(item, "summary", kD));
  if (h.summary.empty()) h.summary = secondary_summary(item, kD);
  return h;
}

Headline parse_atom_entry(const xmlDoc* doc, const xmlNode* entry) {
  constexpr Dialect kD = Dialect::kAtom;
  Headline h;
  h.title = text_construct(child_core(entry, "title", kD));
  if (const xmlNode* id = child_core(entry, "id", kD)) h.id = std::string(trim(node_text(id)));
  h.link = atom_alternate_link(doc, entry, true);
  h.published = first_date({child_core(entry, "published", kD), child_core(entry, "issued", kD),
                            child_ns(entry, kNsDcTerms, "issued"), child_ns(entry, kNsDc, "date"),
                            child_core(entry, "updated", kD), child_core(entry, "modified", kD)});
  if (const xmlNode* author = child_core(entry, "author", kD)) {
    h.author = clean_text(node_text(child_core(author, "name", kD)));
  }
  if (h.author.empty()) h.author = clean_text(node_text(child_ns(entry, kNsDc, "creator")));
  h.summary = text_construct(child_core(entry, "summary", kD));
  if (h.summary.empty()) h.summary = text_construct(child_core(entry, "content", kD));
  if (h.summary.empty()) h.summary = secondary_summary(entry, kD);
  return h;
}

// Elements whose end tag never arrived (a truncated document) are not trusted.
bool was_closed(const xmlNode* n) {
  return n->_private == &kClosedMarker;
}

void on_end_element(void* ctx, const xmlChar* localname, const xmlChar* prefix,
                    const xmlChar* uri) {
  auto* ctxt = static_cast<xmlParserCtxt*>(ctx);
  if (ctxt->node != nullptr) ctxt->node->_private = const_cast<char*>(&kClosedMarker);
  xmlSAX2EndElementNs(ctx, localname, prefix, uri);
}

struct ItemSink {
  const ParseOptions& options;
  bool drop_unclosed = false;
  std::vector<Headline>& items;
  bool dropped = false;

  bool accept(const xmlNode* n) {
    if (items.size() >= options.max_items) return false;
    if (drop_unclosed && !was_closed(n)) {
      dropped = true;
      return false;
    }
    return true;
  }
};

std::string first_error_message(const xmlParserCtxt* ctxt) {
  if (ctxt->lastError.message != nullptr) {
    return std::string(trim(ctxt->lastError.message)) + " (line " +
           std::to_string(ctxt->lastError.line) + ")";
  }
  return "document is not well-formed";
}

bool mentions_html(std::string_view text) {
  const std::string head = lower_ascii(text.substr(0, std::min<std::size_t>(text.size(), 4096)));
  return head.find("<html") != std::string::npos ||
         head.find("<!doctype html") != std::string::npos;
}

Result<ParsedFeed> parse_xml_feed(std::string_view bytes, const ParseOptions& options) {
  prepare_libxml_for_this_thread();
  Decoded decoded = decode_document(bytes, options.http_charset);
  if (const auto decl = decoded.utf8.find("<?xml");
      decl != std::string::npos && decl > 0 &&
      trim(std::string_view(decoded.utf8).substr(0, decl)).empty()) {
    // Whitespace before the declaration is a fatal error for libxml2; common in the wild.
    decoded.utf8.erase(0, decl);
    decoded.lossy = true;
  }
  Prepared prepared = prepare_markup(decoded.utf8, CdataSections::kLift);
  if (trim(prepared.text).empty()) return make_error(ErrorKind::kParse, "empty document");
  if (prepared.text.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    return make_error(ErrorKind::kTooLarge, "document too large for the XML parser");
  }

  ParserCtxtPtr ctxt;
  DocPtr doc;
  auto parse = [&] {
    ctxt.reset(xmlNewParserCtxt());
    if (!ctxt) return;
    ctxt->sax->endElementNs = on_end_element;
    // RECOVER: keep what can be read from broken feeds. NONET: never fetch anything. Without
    // NOENT/DTDLOAD/DTDATTR, external entities and DTDs are never loaded, and libxml2's entity
    // amplification checks stay active. IGNORE_ENC: the text was already transcoded to UTF-8.
    constexpr int kOptions = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOCDATA |
                             XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_IGNORE_ENC;
    doc.reset(xmlCtxtReadMemory(ctxt.get(), prepared.text.data(),
                                static_cast<int>(prepared.text.size()), nullptr, "UTF-8",
                                kOptions));
  };
  parse();
  if (!ctxt) return make_error(ErrorKind::kInternal, "cannot allocate XML parser");
  if (!prepared.cdata.empty()) {
    // A CDATA section outside the root element is an error where a processing instruction is
    // not: when a placeholder landed there (or no root was read), parse the sections as given.
    bool misplaced = doc == nullptr || xmlDocGetRootElement(doc.get()) == nullptr;
    for (const xmlNode* n = doc ? doc->children : nullptr; n != nullptr && !misplaced;
         n = n->next) {
      misplaced = n->type == XML_PI_NODE && n->name != nullptr && cstr(n->name) == kCdataPi;
    }
    if (misplaced) {
      doc.reset();
      prepared = prepare_markup(decoded.utf8, CdataSections::kKeep);
      parse();
      if (!ctxt) return make_error(ErrorKind::kInternal, "cannot allocate XML parser");
    } else {
      doc->_private = &prepared.cdata;
    }
  }
  const bool well_formed = ctxt->wellFormed != 0;
  const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
  if (root == nullptr) {
    if (mentions_html(prepared.text))
      return make_error(ErrorKind::kNotAFeed, "HTML page, not a feed");
    return make_error(ErrorKind::kParse, "no XML document: " + first_error_message(ctxt.get()));
  }

  ParsedFeed feed;
  feed.bozo = !well_formed || prepared.changed || decoded.lossy;
  if (!well_formed)
    feed.bozo_message = first_error_message(ctxt.get());
  else if (prepared.changed)
    feed.bozo_message = prepared.note;
  else if (decoded.lossy)
    feed.bozo_message = "characters not valid in the declared encoding";

  ItemSink sink{options, !well_formed, feed.items};
  const std::string root_name = cstr(root->name);
  // rdf:RDF is accepted with any namespace binding: RSS 0.90/1.0 feeds get the prefix wrong.
  if (root_name == "rss" || root_name == "RDF") {
    const xmlNode* channel = child_core(root, "channel", Dialect::kRss);
    if (channel != nullptr) {
      const xmlNode* title = child_core(channel, "title", Dialect::kRss);
      if (title == nullptr) title = child_ns(channel, kNsDc, "title");
      feed.title = rss_text(title);
      if (const xmlNode* link = child_core(channel, "link", Dialect::kRss)) {
        feed.link = resolve_link(doc.get(), link, node_text(link));
      }
      if (feed.link.empty()) feed.link = atom_alternate_link(doc.get(), channel, false);
      if (const xmlNode* ttl = child_core(channel, "ttl", Dialect::kRss)) {
        const std::string value(trim(node_text(ttl)));
        int minutes = 0;
        const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), minutes);
        if (ec == std::errc() && end == value.data() + value.size() && minutes > 0) {
          feed.ttl_minutes = minutes;
        }
      }
    }
    // RSS 0.9x/2.0 items live in <channel>; RSS 0.90 and 1.0 put them beside it.
    auto collect = [&](const xmlNode* parent) {
      for (const xmlNode* n = parent->children; n != nullptr; n = n->next) {
        if (local_is(n, "item") && is_core(n, Dialect::kRss) && sink.accept(n)) {
          feed.items.push_back(parse_rss_item(doc.get(), n));
        }
      }
    };
    if (channel != nullptr) collect(channel);
    collect(root);
  } else if (root_name == "feed") {
    feed.title = text_construct(child_core(root, "title", Dialect::kAtom));
    feed.link = atom_alternate_link(doc.get(), root, true);
    for (const xmlNode* n = root->children; n != nullptr; n = n->next) {
      if (local_is(n, "entry") && is_core(n, Dialect::kAtom) && sink.accept(n)) {
        feed.items.push_back(parse_atom_entry(doc.get(), n));
      }
    }
  } else {
    return make_error(ErrorKind::kNotAFeed, "root element <" + root_name + "> is not a feed");
  }
  if (sink.dropped && feed.bozo_message.empty()) feed.bozo_message = "truncated item dropped";
  for (Headline& h : feed.items)
    h.source = options.source_name.empty() ? feed.title : options.source_name;
  return feed;
}

// ---------------------------------------------------------------------------------------------
// JSON Feed

using Json = nlohmann::json;

std::string json_string(const Json& obj, const char* key) {
  const auto it = obj.find(key);
  if (it == obj.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<long long>());
  if (it->is_number_unsigned()) return std::to_string(it->get<unsigned long long>());
  if (it->is_number_float()) return it->dump();
  return {};
}

bool is_json_feed_version(std::string_view v) {
  v = trim(v);
  for (std::string_view prefix :
       {"https://jsonfeed.org/version/1", "http://jsonfeed.org/version/1",
        "https://www.jsonfeed.org/version/1", "http://www.jsonfeed.org/version/1"}) {
    if (starts_with_ci(v, prefix)) return true;
  }
  return false;
}

Result<ParsedFeed> parse_json_feed(std::string_view bytes, const ParseOptions& options) {
  const std::string text = repair_utf8(bytes);
  const Json doc = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return make_error(ErrorKind::kParse, "invalid JSON");
  if (!doc.is_object() || !is_json_feed_version(json_string(doc, "version"))) {
    return make_error(ErrorKind::kNotAFeed, "JSON document is not a JSON Feed");
  }
  ParsedFeed feed;
  // JSON Feed text fields are plain text, but stray HTML entities are common in the wild.
  feed.title = clean_text(decode_entities(json_string(doc, "title")));
  feed.link = std::string(trim(json_string(doc, "home_page_url")));
  const auto items = doc.find("items");
  if (items == doc.end() || !items->is_array()) {
    feed.bozo = true;
    feed.bozo_message = "JSON Feed has no items array";
    return feed;
  }
  for (const Json& it : *items) {
    if (!it.is_object()) {
      feed.bozo = true;
      feed.bozo_message = "JSON Feed item is not an object";
      continue;
    }
    if (feed.items.size() >= options.max_items) break;
    Headline h;
    h.title = clean_text(decode_entities(json_string(it, "title")));
    h.link = std::string(trim(json_string(it, "url")));
    if (h.link.empty()) h.link = std::string(trim(json_string(it, "external_url")));
    h.id = std::string(trim(json_string(it, "id")));
    h.published = parse_feed_date(json_string(it, "date_published"));
    if (!h.published) h.published = parse_feed_date(json_string(it, "date_modified"));
    h.summary = clean_text(decode_entities(json_string(it, "summary")));
    if (h.summary.empty()) h.summary = html_to_text(json_string(it, "content_html"));
    if (h.summary.empty()) h.summary = clean_text(decode_entities(json_string(it, "content_text")));
    // JSON Feed 1.1 has "authors" (array), 1.0 "author" (object).
    if (const auto authors = it.find("authors"); authors != it.end() && authors->is_array() &&
                                                 !authors->empty() &&
                                                 authors->front().is_object()) {
      h.author = clean_text(json_string(authors->front(), "name"));
    } else if (const auto a = it.find("author"); a != it.end() && a->is_object()) {
      h.author = clean_text(json_string(*a, "name"));
    }
    h.source = options.source_name.empty() ? feed.title : options.source_name;
    feed.items.push_back(std::move(h));
  }
  return feed;
}

bool looks_like_json(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  const auto pos = bytes.find_first_not_of(" \t\r\n");
  return pos != std::string_view::npos && bytes[pos] == '{';
}

}  // namespace

Result<ParsedFeed> parse_feed(std::string_view bytes, const ParseOptions& options) {
  if (bytes.size() > options.max_bytes) {
    return make_error(ErrorKind::kTooLarge, "document of " + std::to_string(bytes.size()) +
                                                " bytes exceeds the limit of " +
                                                std::to_string(options.max_bytes));
  }
  try {
    Result<ParsedFeed> parsed =
        looks_like_json(bytes) ? parse_json_feed(bytes, options) : parse_xml_feed(bytes, options);
    // Screen limits, then the dateline summary (place, agency, first sentence): both are part
    // of normalising an item. A 1 MB title must not become a 1 MB-wide texture.
    if (parsed) {
      for (Headline& headline : parsed->items) {
        fit_for_screen(headline.title, kMaxTitleChars, kMaxTitleBytes);
        fit_for_screen(headline.summary, kMaxSummaryChars, kMaxSummaryBytes);
        apply_dateline(headline);
      }
    }
    return parsed;
  } catch (const std::bad_alloc&) {
    return make_error(ErrorKind::kInternal, "out of memory while parsing");
  } catch (const std::exception& e) {
    return make_error(ErrorKind::kInternal, std::string("unexpected failure: ") + e.what());
  }
}

}  // namespace newsticker::app
