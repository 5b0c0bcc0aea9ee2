// One JSON line per parsed feed, in the schema of shared/tools/feed_oracle.py, so that the
// parser can be compared against the reference implementation. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/headline.h"
#include "core/result.h"
#include "feed/article.h"

namespace newsticker::app {

// {"file":..., "bozo":bool, "feed":{"title","link"}, "items":[{"title","link","id","published",
//  "summary","dateline","agency","lede"}]} on one line, no trailing newline. Empty strings are
// written as null; `published` as "YYYY-MM-DDTHH:MM:SSZ" or null. On error: bozo true, items
// [] and "error": "<kind>: <message>". Never throws; invalid UTF-8 is replaced.
std::string feed_to_json_line(std::string_view file, const Result<ParsedFeed>& result);

// An article page in the same schema, so tools that read feeds read it too: "kind":"article",
// feed.title = the publication, one item (title = headline, summary = lede, published = the
// page's date when it is certain), plus "byline" and "date_text" (the date as the page shows it).
std::string article_to_json_line(std::string_view file, const ArticleInfo& article);

}  // namespace newsticker::app
