// Feed parsing: bytes of an RSS or Atom document in, normalised headlines out.
// Pure functions: no I/O, no network, no globals; safe to call from any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/headline.h"
#include "core/result.h"

namespace newsticker::app {

struct ParseOptions {
  // Display name given to each headline's `source`; when empty, the feed's own title is used.
  std::string source_name;
  // Charset from the HTTP Content-Type header, when the bytes were fetched; empty otherwise.
  std::string http_charset;
  // Documents larger than this are refused with kTooLarge before parsing.
  std::size_t max_bytes = 16u << 20;
  // At most this many items are kept (the first ones in document order).
  std::size_t max_items = 1000;
};

// Parses an RSS 0.9x/1.0/2.0, Atom 1.0/0.3 or JSON Feed 1.0/1.1 document (JSON when the first
// non-space byte is '{'). Never resolves external entities, loads a DTD or touches the network.
// Charset: BOM, then options.http_charset, then the XML declaration, then UTF-8 (Latin-1 and
// ASCII labels read as windows-1252; invalid UTF-8 bytes read as windows-1252 one by one).
// Ill-formed XML is read by recovery and flagged with bozo/bozo_message; items whose end tag
// never arrived (truncated documents) are dropped. Text fields are plain, valid UTF-8
// (see feed/feed_text.h); published is UTC (see feed/feed_dates.h). dateline/agency/lede are
// left empty here.
// Errors: kTooLarge (over max_bytes), kNotAFeed (readable but not a feed, e.g. an HTML page, an
// unknown root element or JSON that is not a JSON Feed), kParse (nothing readable).
// Thread-safe: no shared mutable state (libxml2 is initialised once, on first use).
Result<ParsedFeed> parse_feed(std::string_view bytes, const ParseOptions& options = {});

}  // namespace newsticker::app
