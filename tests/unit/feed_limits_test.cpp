// Screen limits applied while normalising: a hostile feed cannot make a title the width of a
// city block.
#include <gtest/gtest.h>

#include "feed/parse_feed.h"

namespace newsticker::app {
namespace {

std::string rss_with_title(const std::string& title, const std::string& description = "") {
  return "<rss version=\"2.0\"><channel><title>T</title><item><title>" + title +
         "</title><description>" + description +
         "</description><guid>1</guid></item></channel></rss>";
}

std::size_t code_points(const std::string& text) {
  std::size_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80;
  return count;
}

TEST(FeedLimits, LongTitleIsCutWithAnEllipsisAtAGraphemeBoundary) {
  std::string title;
  for (int i = 0; i < 20000; ++i) title += "e\xCC\x81 ";  // e + combining acute: one grapheme
  auto parsed = parse_feed(rss_with_title(title));
  ASSERT_TRUE(parsed) << parsed.error().message;
  const std::string& cut = parsed->items.at(0).title;
  EXPECT_LE(cut.size(), 300u * 3 + 3);
  EXPECT_TRUE(cut.ends_with("\u2026")) << cut.substr(cut.size() - 10);
  // Never a lone combining mark: every "e" keeps its accent.
  const std::string body = cut.substr(0, cut.size() - 3);
  EXPECT_EQ(body.find("e "), std::string::npos);
}

TEST(FeedLimits, LongSummaryIsCutAndTheLedeStaysShort) {
  std::string description = "LONDON (Reuters) - ";
  for (int i = 0; i < 5000; ++i) description += "word ";
  auto parsed = parse_feed(rss_with_title("Short", description));
  ASSERT_TRUE(parsed) << parsed.error().message;
  const Headline& headline = parsed->items.at(0);
  EXPECT_LE(code_points(headline.summary), 2000u);
  EXPECT_LE(code_points(headline.lede), 301u);
  EXPECT_EQ(headline.dateline, "LONDON");
}

}  // namespace
}  // namespace newsticker::app
