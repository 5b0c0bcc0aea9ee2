// `newsticker parse --json FILE...`: what the ticker reads from each file, one JSON line each.
// A feed gives the feed schema; an article page (HTML, or its text) gives the same schema with
// "kind":"article"; anything else gives an "error" key. Exit status 1 when some file was neither.
#include <iostream>
#include <string_view>

#include "commands.h"
#include "feed/article.h"
#include "feed/feed_json.h"
#include "feed/parse_feed.h"
#include "posix/read_file.h"

namespace newsticker::platform {
namespace {

constexpr std::size_t kMaxInputFileBytes = 64u << 20;

char first_visible_byte(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  const auto at = bytes.find_first_not_of(" \t\r\n");
  return at == std::string_view::npos ? '\0' : bytes[at];
}

// An article page is only taken as one when it has what the ticker would show: a headline and
// a lede. A home page or an error page is still "not a feed".
std::optional<app::ArticleInfo> as_article(std::string_view bytes) {
  const char first = first_visible_byte(bytes);
  if (first == '{' || first == '\0') return std::nullopt;
  auto article = first == '<' ? app::extract_article_html(bytes) : app::extract_article_text(bytes);
  if (!article || article->headline.empty() || article->lede.empty()) return std::nullopt;
  return *article;
}

}  // namespace

int run_parse(const ParseCommand& command) {
  int failures = 0;
  for (const std::string& file : command.files) {
    auto bytes = read_file(file, kMaxInputFileBytes);
    if (!bytes) {
      ++failures;
      std::cout << app::feed_to_json_line(file, app::Unexpected{bytes.error()}) << '\n';
      continue;
    }
    app::Result<app::ParsedFeed> parsed = app::parse_feed(*bytes);
    if (!parsed && (parsed.error().kind == app::ErrorKind::kNotAFeed ||
                    parsed.error().kind == app::ErrorKind::kParse)) {
      if (auto article = as_article(*bytes)) {
        std::cout << app::article_to_json_line(file, *article) << '\n';
        continue;
      }
    }
    if (!parsed) ++failures;
    std::cout << app::feed_to_json_line(file, parsed) << '\n';
  }
  std::cout.flush();
  return failures == 0 ? 0 : 1;
}

}  // namespace newsticker::platform
