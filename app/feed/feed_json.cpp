#include "feed/feed_json.h"

#include <nlohmann/json.hpp>

#include "feed/feed_dates.h"

namespace newsticker::app {
namespace {

using Json = nlohmann::ordered_json;

Json string_or_null(const std::string& s) {
  return s.empty() ? Json(nullptr) : Json(s);
}

}  // namespace

std::string feed_to_json_line(std::string_view file, const Result<ParsedFeed>& result) {
  try {
    Json line;
    line["file"] = std::string(file);
    if (!result) {
      line["bozo"] = true;
      line["feed"] = Json{{"title", nullptr}, {"link", nullptr}};
      line["items"] = Json::array();
      line["error"] =
          std::string(error_kind_name(result.error().kind)) + ": " + result.error().message;
    } else {
      const ParsedFeed& feed = *result;
      line["bozo"] = feed.bozo;
      line["feed"] =
          Json{{"title", string_or_null(feed.title)}, {"link", string_or_null(feed.link)}};
      Json items = Json::array();
      for (const Headline& h : feed.items) {
        Json item;
        item["title"] = string_or_null(h.title);
        item["link"] = string_or_null(h.link);
        item["id"] = string_or_null(h.id);
        item["published"] = h.published ? string_or_null(format_utc(*h.published)) : Json(nullptr);
        item["summary"] = string_or_null(h.summary);
        item["dateline"] = string_or_null(h.dateline);
        item["agency"] = string_or_null(h.agency);
        item["lede"] = string_or_null(h.lede);
        items.push_back(std::move(item));
      }
      line["items"] = std::move(items);
      if (feed.bozo && !feed.bozo_message.empty()) line["bozo_exception"] = feed.bozo_message;
    }
    return line.dump(-1, ' ', false, Json::error_handler_t::replace);
  } catch (...) {
    // Only allocation failure can get here; still emit a parseable line.
    return std::string(
               R"({"file":null,"bozo":true,"feed":{"title":null,"link":null},"items":[],"error":"internal: )") +
           "serialisation failed\"}";
  }
}

std::string article_to_json_line(std::string_view file, const ArticleInfo& article) {
  try {
    Json item;
    item["title"] = string_or_null(article.headline);
    item["link"] = nullptr;
    item["id"] = nullptr;
    item["published"] = article.date ? string_or_null(format_utc(*article.date)) : Json(nullptr);
    item["summary"] = string_or_null(article.lede);
    item["dateline"] = string_or_null(article.dateline);
    item["agency"] = string_or_null(article.agency);
    item["lede"] = string_or_null(article.lede);
    item["byline"] = string_or_null(article.byline);
    item["date_text"] = string_or_null(article.date_text);
    Json line;
    line["file"] = std::string(file);
    line["kind"] = "article";
    line["bozo"] = false;
    line["feed"] = Json{{"title", string_or_null(article.source)}, {"link", nullptr}};
    line["items"] = Json::array({std::move(item)});
    return line.dump(-1, ' ', false, Json::error_handler_t::replace);
  } catch (...) {
    return std::string(
               R"({"file":null,"bozo":true,"feed":{"title":null,"link":null},"items":[],"error":"internal: )") +
           "serialisation failed\"}";
  }
}

}  // namespace newsticker::app
