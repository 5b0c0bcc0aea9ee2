// Article pages: the headline, source, byline, date and wire lede of a news article, read from
// the page's visible text or from its HTML. Pure functions: no I/O, never the network, no
// globals; safe to call from any thread once libxml2 is initialised (call xmlInitParser() on
// the main thread before starting threads, as for the feed parser).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/headline.h"
#include "core/result.h"

namespace newsticker::app {

struct ArticleInfo {
  std::string headline;   // "Putin Calls For End To Violence In Armenia-Azerbaijan Region"
  std::string source;     // publication: "HuffPost"
  std::string byline;     // author(s) without "By ": "Annum Masroor"
  std::string date_text;  // the date as the page shows it: "2/04/2016"; kept even when unreadable
  std::optional<UtcSeconds> date;  // see the date policy below; none rather than a guess
  std::string dateline;            // from the first body paragraph, as extract_dateline() gives it
  std::string agency;
  std::string lede;
};

// Reads the visible text of an article page, one block per line (blank lines optional), e.g.
// what a reader view or a copy of the page gives. Dropped as boilerplate: browser warnings
// ("You are using an older browser..."), tracking text ("image beacon"), photo credits ("...
// © ... via Getty Images"), page chrome ("Advertisement", "Skip to content"), and everything
// from "More from ..." on. Recognised before the body: a logo line "HuffPost logo HuffPost
// 2/04/2016 Annum Masroor" (source, date text, byline), "By NAME" lines, date lines
// ("Published April 2, 2016"); the first other short line is the headline. The body starts at
// the first paragraph of at least 8 words that ends like a sentence or is long; its dateline
// and first sentence give dateline, agency and lede.
//
// Date policy. Read: ISO 8601 ("2016-04-02", "2016-04-02T10:00:00+01:00"), month names ("April
// 2, 2016", "2 Apr 2016", with or without weekday) and numeric day/month/year with "/", "." or
// "-" (two-digit years are 20yy). A numeric date is read as day/month when the first number is
// over 12, as month/day when the second is, and as is when both are equal. When both are 12 or
// less the order is decided only by a weekday named in the article: the reading whose weekday
// is named in the first body paragraph wins if the other's is not; failing that, the same test
// runs on the weekdays named anywhere in the body ("2/04/2016" with "on Saturday": 2 April 2016
// was a Saturday, 4 February a Thursday). Otherwise `date` stays empty (never a guess) and
// date_text is kept. Relative dates ("2 days ago") are never resolved: there is no clock here.
// Dates without a time are midnight UTC. A page published the day after the event it reports
// ("on Saturday", dated Sunday) simply gets no date.
//
// Errors: kTooLarge for input over 8 MiB; kParse when neither a headline nor a body is found.
Result<ArticleInfo> extract_article_text(std::string_view page_text);

// Parses HTML with libxml2's recovering HTML parser (no network, no error output), turns the
// body into text blocks (script, style, nav, footer, aside, form and figure content dropped;
// block elements and <br> split blocks) and reads them as extract_article_text() does. Page
// metadata wins over what the text shows: headline from og:title, else the first <h1>, else
// <title> (with a " | Site" suffix removed when it names og:site_name); source from
// og:site_name; byline from <meta name="author"> (unless it is a URL); date from
// article:published_time. Bytes are taken as UTF-8 unless the page declares a charset.
// Errors: as extract_article_text(), plus kParse when libxml2 returns no document.
Result<ArticleInfo> extract_article_html(std::string_view html);

}  // namespace newsticker::app
