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

// Parses an RSS 0.9x/1.0/2.0 or Atom 1.0 document. Never resolves external entities or touches
// the network. Errors: kTooLarge (over max_bytes), kNotAFeed (well-formed but not a feed, e.g.
// HTML), kParse (nothing readable).
Result<ParsedFeed> parse_feed(std::string_view bytes, const ParseOptions& options = {});

}  // namespace newsticker::app
