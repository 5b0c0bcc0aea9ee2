// Feed date strings to UTC instants. Pure functions; thread-safe; no locale, no clock.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/headline.h"

namespace newsticker::app {

// Parses the date formats seen in feeds and returns the instant in UTC:
//   * RFC 822 / RFC 2822, with or without weekday and seconds ("Tue, 10 Jun 2003 04:00:00 GMT");
//     two-digit years follow RFC 2822 (00-49 -> 20xx, 50-99 -> 19xx), three-digit years add
//     1900; zones UT GMT Z EST EDT CST CDT MST MDT PST PDT (and AST ADT), numeric +hhmm / +hh:mm.
//     Military single-letter zones other than Z are taken as UTC, as RFC 2822 4.3 says they
//     carry no reliable information. A missing zone means UTC.
//   * RFC 850 ("Sunday, 06-Nov-94 08:49:37 GMT") and asctime ("Sun Nov  6 08:49:37 1994").
//   * ISO 8601 / RFC 3339, extended and basic ("2003-12-13T18:30:02.25+01:00",
//     "20031213T183002Z"), space instead of T, offsets Z / +hh:mm / +hhmm / +hh, no offset = UTC;
//     a date alone ("2003-12-13" or "20031213") is midnight UTC.
// Returns nullopt for anything else: impossible values (month 13, Feb 30, hour 25), bare
// numbers other than an 8-digit date, words, unknown zone names. Never guesses a year or "now".
std::optional<UtcSeconds> parse_feed_date(std::string_view text);

// "YYYY-MM-DDTHH:MM:SSZ" for years 1..9999; empty otherwise.
std::string format_utc(UtcSeconds instant);

}  // namespace newsticker::app
