// Wire-style datelines and ledes: "BAKU/YEREVAN (Reuters) - Russia made ... Saturday. Next."
// gives dateline "BAKU/YEREVAN", agency "Reuters" and the lede "Russia made ... Saturday."
// Pure functions: no I/O, no globals, no locale; safe to call from any thread. Input is plain
// UTF-8 text (no markup); invalid UTF-8 is tolerated byte by byte but not repaired.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/headline.h"

namespace newsticker::app {

// Ledes longer than this many code points are cut at a word boundary and end in "…"; a ticker
// line has no room for a paragraph.
inline constexpr std::size_t kMaxLedeChars = 300;

struct DatelineSummary {
  // Everything before the agency, whitespace collapsed: "BAKU/YEREVAN", "KYIV, Ukraine",
  // "WASHINGTON, Jan 5". Empty when the text has no dateline (or only "(CNN) —").
  std::string dateline;
  // The agency in parentheses without them: "Reuters", "AP", "CNN". Empty when none.
  std::string agency;
  // First sentence after the dateline separator, or of the whole text when there is no
  // dateline; whitespace collapsed, at most kMaxLedeChars code points.
  std::string lede;
};

// Reads a wire dateline at the start of a plain-text summary. Accepted forms, each followed by
// a separator "-", "--", "–" or "—":
//   PLACE (AGENCY)               BAKU/YEREVAN (Reuters) -
//   PLACE, Region (AGENCY)       KYIV, Ukraine (AP) —
//   PLACE, Month Day (AGENCY)    WASHINGTON, Jan 5 (Reuters) -
//   PLACE                        NEW YORK —        (no agency: place must be in capitals)
//   (AGENCY)                     (CNN) —
//   Place (AGENCY)               Paris (AFP) -     (title-case place only with a known agency)
// A leading "By NAME" byline (its own line, or inline right before a dateline) is skipped.
// The dateline must sit on the first line within the first 120 bytes; a plain "-" counts only
// with whitespace after it (and whitespace or ")" before it), so "UPDATE 2-" and "EXCLUSIVE-"
// are not separators. Look-alikes are refused: slugs ("BREAKING -", "WATCH:", "LIVE —"),
// parentheses that are no agency ("COVID-19 (coronavirus) -", "IBM (NYSE: IBM) -",
// "TESLA (TSLA.O) -") and well-known acronyms that are no place ("NASA —"). When refused or
// absent, dateline and agency are empty and lede is the first sentence of the text.
DatelineSummary extract_dateline(std::string_view plain_text_summary);

// The first sentence of `text`, whitespace collapsed and capped at kMaxLedeChars code points.
// A sentence ends at ".", "!" or "?" (plus any closing quotes/brackets) followed by whitespace
// and an uppercase letter, digit or opening quote/bracket, or by the end of the text; at CJK
// "。！？" directly; and at a blank line. Not an end: decimals ("3.5"), ellipses ("...", "…"),
// initials ("John F. Kennedy"), titles ("Mr.", "Dr.", "St.", "Gov.", "Sen.", "No. 5"), and the
// abbreviations "U.S.", "U.K.", "Jan."…"Dec.", "Inc.", "Corp." unless the next word is a
// common sentence opener ("in the U.S. The company" does end after "U.S.").
std::string first_sentence(std::string_view text);

// Fills headline.dateline, .agency and .lede from headline.summary (all empty when the summary
// is empty).
void apply_dateline(Headline& headline);

}  // namespace newsticker::app
