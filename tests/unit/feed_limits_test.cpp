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

TEST(FeedLimits, OneGraphemeOfManyCombiningMarksIsCutInBytes) {
  std::string title = "a";
  for (int i = 0; i < 100000; ++i) title += "\xCC\x81";  // U+0301 COMBINING ACUTE ACCENT
  auto parsed = parse_feed(rss_with_title(title + " end"));
  ASSERT_TRUE(parsed) << parsed.error().message;
  const std::string& cut = parsed->items.at(0).title;
  EXPECT_LE(cut.size(), 2048u);
  EXPECT_TRUE(cut.ends_with("\u2026"));
  // Cut at a code-point boundary: every accent is whole.
  const std::string body = cut.substr(1, cut.size() - 1 - 3);
  EXPECT_EQ(body.size() % 2, 0u);
}

}  // namespace
}  // namespace newsticker::app

namespace newsticker::app {
namespace {

// libxml2 prints every error to stderr by default; a feed full of bad bytes would flood the
// journal with millions of lines. The parsers keep it quiet and read errors from the context.
TEST(FeedLimits, ParseErrorsAreNotPrintedToStderr) {
  std::string bad_bytes =
      "<?xml version=\"1.0\" encoding=\"EUC-JP\"?><rss version=\"2.0\"><channel>"
      "<title>T</title><item><title>";
  for (int i = 0; i < 2000; ++i) bad_bytes += "\xFF\xFE";
  bad_bytes += "</title></item></channel></rss>";
  ::testing::internal::CaptureStderr();
  auto first = parse_feed(bad_bytes);
  auto second = parse_feed("<rss version=\"2.0\"><channel><title>T</title><item><title>Open");
  const std::string printed = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(printed, "");
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_TRUE(second->bozo);
  EXPECT_FALSE(second->bozo_message.empty());
}

}  // namespace
}  // namespace newsticker::app
