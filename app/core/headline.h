// Headline: one news item, normalised for a screen. Plain value type; safe to copy between threads.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace newsticker::app {

using UtcSeconds = std::chrono::sys_seconds;

struct Headline {
  std::string id;       // feed-given id (RSS guid, Atom id, JSON id); empty when the feed gave none
  std::string title;    // plain text, no markup, whitespace collapsed
  std::string link;     // absolute URL or empty
  std::string source;   // display name of the feed it came from
  std::string summary;  // plain text of the item's description/summary
  std::optional<UtcSeconds> published;  // published, else updated; UTC; none when absent or invalid

  // Wire-style dateline summary taken from `summary` ("BAKU/YEREVAN (Reuters) - ...").
  std::string dateline;  // "BAKU/YEREVAN"; empty when the summary has no dateline
  std::string agency;    // "Reuters"; empty when none
  std::string lede;      // first sentence after the dateline (or of the summary)

  // Added last so that existing aggregate initialisers keep their meaning.
  std::string author;  // plain text (RSS author / dc:creator, Atom author name, JSON author name)
};

// What a feed document holds: channel-level data plus its items in document order.
struct ParsedFeed {
  std::string title;
  std::string link;
  std::vector<Headline> items;
  // Set when the document was not well-formed but could be read by recovery (feedparser's "bozo").
  bool bozo = false;
  std::string bozo_message;
  // RSS <ttl> in minutes, when present (a lower bound for the refresh interval).
  std::optional<int> ttl_minutes;
};

}  // namespace newsticker::app
