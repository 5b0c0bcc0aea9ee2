// Text for a screen: feed strings (which may carry HTML, entities, control characters and
// broken UTF-8) turned into one line of plain, valid UTF-8. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace newsticker::app {

// Replaces every byte sequence that is not valid UTF-8 with its windows-1252 reading, byte by
// byte (feeds that claim UTF-8 but hold Latin-1 are common). The result is valid UTF-8.
std::string repair_utf8(std::string_view bytes);

// Offset of the first byte where `bytes` stops being valid UTF-8 (the rules repair_utf8 uses:
// no overlongs, surrogates or code points past U+10FFFF), or npos when all of it is valid.
std::size_t first_invalid_utf8(std::string_view bytes);

// Appends code point `cp` as UTF-8.
void append_utf8(std::string& out, char32_t cp);
// The code point of a windows-1252 byte; the five bytes windows-1252 leaves undefined give their
// C1 control code point (which clean_text() drops).
char32_t windows1252_code_point(unsigned char byte);
// Decodes windows-1252 bytes (the reading browsers give latin1 and us-ascii labels too).
std::string windows1252_to_utf8(std::string_view bytes);

// Plain text as given (no markup interpretation): valid UTF-8, control characters and invisible
// format characters (bidi overrides/isolates, U+200B, U+FEFF, U+00AD) removed, every run of
// Unicode whitespace collapsed to one ASCII space, trimmed. ZWJ/ZWNJ are kept (they shape
// emoji and Indic scripts).
std::string clean_text(std::string_view text);

// HTML fragment to plain text: tags removed (block-level tags become a space), contents of
// <script>/<style>/<template> dropped, XML and HTML 4 named/numeric entities decoded, then
// clean_text(). Markup that was escaped twice (still visible as "<p>" after one decode) is
// stripped once more, but only when it clearly is markup.
std::string html_to_text(std::string_view html);

// Decodes XML/HTML character references (&amp; &nbsp; &#8217; &#x2019; ...) and leaves unknown
// ones and bare '&' literal. Does not touch tags.
std::string decode_entities(std::string_view text);

// Cuts `text` to at most `max_chars` grapheme clusters, at a grapheme boundary; when cut, the
// last kept cluster is replaced by "…" so the result still counts at most `max_chars`.
std::string truncate_graphemes(std::string_view text, std::size_t max_chars);

}  // namespace newsticker::app
