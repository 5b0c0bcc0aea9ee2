#include "feed/article.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace newsticker::app {
namespace {

using std::chrono::April;
using std::chrono::February;
using std::chrono::sys_days;
using std::chrono::year;

UtcSeconds day(std::chrono::year_month_day ymd) {
  return UtcSeconds{sys_days{ymd}};
}

// --- The shared sample ----------------------------------------------------------------------

std::optional<std::string> read_sample(const char* name) {
  const char* dir = std::getenv("NEWSTICKER_SHARED_DIR");
  if (dir == nullptr || *dir == '\0') return std::nullopt;
  const std::filesystem::path path = std::filesystem::path(dir) / "samples" / name;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

TEST(ExtractArticleText, SharedSample) {
  const auto text = read_sample("article-page-text.txt");
  if (!text) GTEST_SKIP() << "NEWSTICKER_SHARED_DIR unset or sample absent";
  const auto info = extract_article_text(*text);
  ASSERT_TRUE(info.has_value()) << info.error().message;
  EXPECT_EQ(info->headline, "Putin Calls For End To Violence In Armenia-Azerbaijan Region");
  EXPECT_EQ(info->source, "HuffPost");
  EXPECT_EQ(info->byline, "Annum Masroor");
  EXPECT_EQ(info->date_text, "2/04/2016");
  ASSERT_TRUE(info->date.has_value());
  EXPECT_EQ(*info->date, day(year{2016} / April / 2));  // "on Saturday" decides the order
  EXPECT_EQ(info->dateline, "BAKU/YEREVAN");
  EXPECT_EQ(info->agency, "Reuters");
  EXPECT_TRUE(info->lede.starts_with("Russia made a concerted effort")) << info->lede;
  EXPECT_TRUE(info->lede.ends_with("spreading in South Caucasus.")) << info->lede;
}

// --- Text pages -----------------------------------------------------------------------------

constexpr const char* kBodyParagraph =
    "LONDON (Reuters) - Britain's economy grew faster than expected in the first quarter, "
    "official data showed on Friday. Economists had forecast slower growth.";

std::string page_with_logo_line(std::string_view logo_line,
                                std::string_view body = kBodyParagraph) {
  std::string page = "Economy Beats Forecasts\n\n";
  page += logo_line;
  page += "\n\n";
  page += body;
  page += "\n";
  return page;
}

TEST(ExtractArticleText, DropsBoilerplate) {
  const std::string page =
      "Skip to content\n"
      "You are using an older browser version. Please use a supported version.\n"
      "Advertisement\n"
      "Economy Beats Forecasts\n"
      "Reuters logo Reuters 5/20/2024 Jane Doe\n"
      "CITY SKYLINE \u00A9 John Smith via Getty Images\n"
      "LONDON (Reuters) - Britain's economy grew faster than expected in the first quarter, "
      "official data showed on Friday. Economists had forecast slower growth.\n"
      "More from Reuters\n"
      "Some other story that should be ignored entirely by the extractor. Really it should.\n"
      "image beaconimage beacon\n";
  const auto info = extract_article_text(page);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->headline, "Economy Beats Forecasts");
  EXPECT_EQ(info->source, "Reuters");
  EXPECT_EQ(info->byline, "Jane Doe");
  EXPECT_EQ(info->date_text, "5/20/2024");
  ASSERT_TRUE(info->date.has_value());
  EXPECT_EQ(*info->date, day(year{2024} / std::chrono::May / 20));  // 20 > 12: month/day
  EXPECT_EQ(info->dateline, "LONDON");
  EXPECT_EQ(info->agency, "Reuters");
  EXPECT_EQ(info->lede,
            "Britain's economy grew faster than expected in the first quarter, official data "
            "showed on Friday.");
}

TEST(ExtractArticleText, UnambiguousDayFirstDate) {
  const auto info =
      extract_article_text(page_with_logo_line("HuffPost logo HuffPost 20/04/2016 A B"));
  ASSERT_TRUE(info.has_value());
  ASSERT_TRUE(info->date.has_value());
  EXPECT_EQ(*info->date, day(year{2016} / April / 20));
}

TEST(ExtractArticleText, AmbiguousDateWithoutWeekdayStaysEmpty) {
  const auto info = extract_article_text(page_with_logo_line(
      "HuffPost logo HuffPost 2/04/2016 Annum Masroor",
      "BAKU (Reuters) - Fighting broke out in the disputed region, officials said in a "
      "statement."));
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->date_text, "2/04/2016");
  EXPECT_FALSE(info->date.has_value());
}

TEST(ExtractArticleText, AmbiguousDatePicksTheReadingMatchingTheWeekday) {
  // 4 February 2016 was a Thursday, 2 April 2016 a Saturday.
  const auto info = extract_article_text(page_with_logo_line(
      "HuffPost logo HuffPost 2/04/2016 Annum Masroor",
      "BAKU (Reuters) - Fighting broke out in the disputed region on Thursday, officials said "
      "in a statement."));
  ASSERT_TRUE(info.has_value());
  ASSERT_TRUE(info->date.has_value());
  EXPECT_EQ(*info->date, day(year{2016} / February / 4));
}

TEST(ExtractArticleText, WeekdayMatchingNeitherReadingLeavesDateEmpty) {
  const auto info = extract_article_text(page_with_logo_line(
      "HuffPost logo HuffPost 2/04/2016 Annum Masroor",
      "BAKU (Reuters) - Fighting broke out in the disputed region on Monday, officials said "
      "in a statement."));
  ASSERT_TRUE(info.has_value());
  EXPECT_FALSE(info->date.has_value());
}

TEST(ExtractArticleText, SameDayAndMonthIsUnambiguous) {
  const auto info = extract_article_text(page_with_logo_line("Site logo Site 4/04/2016 A B"));
  ASSERT_TRUE(info.has_value());
  ASSERT_TRUE(info->date.has_value());
  EXPECT_EQ(*info->date, day(year{2016} / April / 4));
}

TEST(ExtractArticleText, LogoLineWithTextualDateAndByPrefix) {
  const auto info = extract_article_text(
      page_with_logo_line("The Guardian logo The Guardian April 2, 2016 By Luke Harding"));
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->source, "The Guardian");
  EXPECT_EQ(info->byline, "Luke Harding");
  EXPECT_EQ(info->date_text, "April 2, 2016");
  ASSERT_TRUE(info->date.has_value());
  EXPECT_EQ(*info->date, day(year{2016} / April / 2));
}

TEST(ExtractArticleText, LogoLineWithRelativeDate) {
  const auto info = extract_article_text(page_with_logo_line("Reuters logo Reuters 2 days ago"));
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->source, "Reuters");
  EXPECT_EQ(info->date_text, "2 days ago");
  EXPECT_FALSE(info->date.has_value());
  EXPECT_EQ(info->byline, "");
}

TEST(ExtractArticleText, LogoWordInsideASentenceIsNotALogoLine) {
  const std::string page =
      "Nike Unveils New Logo\n"
      "Nike unveiled new logo designs at an event in Oregon on Tuesday, the company said.\n";
  const auto info = extract_article_text(page);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->source, "");
  EXPECT_EQ(info->lede,
            "Nike unveiled new logo designs at an event in Oregon on Tuesday, the company said.");
}

TEST(ExtractArticleText, BylineAndDateLines) {
  const std::string page =
      "Economy Beats Forecasts\n"
      "By Jane Doe and John Roe\n"
      "Published: Saturday, April 2, 2016\n" +
      std::string(kBodyParagraph) + "\n";
  const auto info = extract_article_text(page);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->byline, "Jane Doe and John Roe");
  EXPECT_EQ(info->date_text, "Saturday, April 2, 2016");
  ASSERT_TRUE(info->date.has_value());
  EXPECT_EQ(*info->date, day(year{2016} / April / 2));
}

TEST(ExtractArticleText, IsoDateLine) {
  const std::string page = "Economy Beats Forecasts\n2016-04-02\n" + std::string(kBodyParagraph);
  const auto info = extract_article_text(page);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->date_text, "2016-04-02");
  ASSERT_TRUE(info->date.has_value());
  EXPECT_EQ(*info->date, day(year{2016} / April / 2));
}

TEST(ExtractArticleText, BodyWithoutDateline) {
  const std::string page =
      "Economy Beats Forecasts\n"
      "Britain's economy grew faster than expected in the first quarter. Economists were "
      "surprised.\n";
  const auto info = extract_article_text(page);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->dateline, "");
  EXPECT_EQ(info->agency, "");
  EXPECT_EQ(info->lede, "Britain's economy grew faster than expected in the first quarter.");
}

TEST(ExtractArticleText, PhotoCreditForms) {
  const std::string page =
      "Economy Beats Forecasts\n"
      "(AP Photo/Evan Vucci)\n"
      "Photo: Reuters\n"
      "Traders at work Getty Images\n" +
      std::string(kBodyParagraph);
  const auto info = extract_article_text(page);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->headline, "Economy Beats Forecasts");
  EXPECT_EQ(info->dateline, "LONDON");
}

TEST(ExtractArticleText, CrLfLines) {
  const std::string page = "Economy Beats Forecasts\r\n\r\n" + std::string(kBodyParagraph) + "\r\n";
  const auto info = extract_article_text(page);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->headline, "Economy Beats Forecasts");
  EXPECT_EQ(info->agency, "Reuters");
}

TEST(ExtractArticleText, EmptyOrBoilerplateOnlyIsAnError) {
  auto empty = extract_article_text("");
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().kind, ErrorKind::kParse);
  auto junk = extract_article_text("Advertisement\nimage beacon\nSkip to content\n");
  ASSERT_FALSE(junk.has_value());
  EXPECT_EQ(junk.error().kind, ErrorKind::kParse);
}

TEST(ExtractArticleText, TooLarge) {
  const std::string huge(9u << 20, 'a');
  const auto info = extract_article_text(huge);
  ASSERT_FALSE(info.has_value());
  EXPECT_EQ(info.error().kind, ErrorKind::kTooLarge);
}

// --- HTML pages -----------------------------------------------------------------------------

constexpr const char* kHtmlPage = R"(<!DOCTYPE html>
<html><head>
<title>Putin Calls For End To Violence | HuffPost</title>
<meta property="og:site_name" content="HuffPost">
<meta name="author" content="Annum Masroor">
<meta property="article:published_time" content="2016-04-02T14:30:00+02:00">
<script>var x = "LONDON (Reuters) - not text";</script>
<style>p { color: red }</style>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<div class="warning">You are using an older browser version. Please use a supported version.</div>
<header><h1>Putin Calls For End <em>To</em> Violence</h1></header>
<figure><img src="x.jpg"><figcaption>ATHENA IMAGE &copy; Mikhail Svetlov via Getty Images</figcaption></figure>
<article>
<p>BAKU/YEREVAN (Reuters)&nbsp;-&nbsp;Russia made a concerted effort to end conflict between
Azerbaijan and Armenia on Saturday, raising concerns over violence. Next sentence here.</p>
<p>Nagorno-Karabakh has run its own affairs since 1994, officials in the region said.</p>
</article>
<aside><p>More from Huffington Post: a list of other stories you might want to read.</p></aside>
<footer><p>Copyright 2016 HuffPost. All rights reserved by the company and others.</p></footer>
</body></html>)";

TEST(ExtractArticleHtml, ReadsMetadataAndBody) {
  const auto info = extract_article_html(kHtmlPage);
  ASSERT_TRUE(info.has_value()) << info.error().message;
  EXPECT_EQ(info->headline, "Putin Calls For End To Violence");  // <h1>, as og:title is absent
  EXPECT_EQ(info->source, "HuffPost");
  EXPECT_EQ(info->byline, "Annum Masroor");
  EXPECT_EQ(info->date_text, "2016-04-02T14:30:00+02:00");
  ASSERT_TRUE(info->date.has_value());
  EXPECT_EQ(*info->date,
            day(year{2016} / April / 2) + std::chrono::hours{12} + std::chrono::minutes{30});
  EXPECT_EQ(info->dateline, "BAKU/YEREVAN");
  EXPECT_EQ(info->agency, "Reuters");
  EXPECT_EQ(info->lede,
            "Russia made a concerted effort to end conflict between Azerbaijan and Armenia on "
            "Saturday, raising concerns over violence.");
}

TEST(ExtractArticleHtml, OgTitleWinsAndTitleSuffixIsStripped) {
  const auto og = extract_article_html(
      "<html><head><meta property='og:title' content='The OG Title'><title>T | Site</title></head>"
      "<body><h1>The H1</h1><p>Short body paragraph that is long enough to count as "
      "text.</p></body></html>");
  ASSERT_TRUE(og.has_value());
  EXPECT_EQ(og->headline, "The OG Title");

  const auto title = extract_article_html(
      "<html><head><meta property='og:site_name' content='Site'><title>Only The Title | "
      "Site</title>"
      "</head><body><p>Short body paragraph that is long enough to count as "
      "text.</p></body></html>");
  ASSERT_TRUE(title.has_value());
  EXPECT_EQ(title->headline, "Only The Title");
  EXPECT_EQ(title->source, "Site");
}

TEST(ExtractArticleHtml, Utf8WithoutCharsetDeclaration) {
  const auto info = extract_article_html(
      "<html><body><h1>S\u00C3O PAULO news</h1><p>S\u00C3O PAULO (Reuters) - Brazil\u2019s real "
      "rose sharply against the dollar on Monday. More.</p></body></html>");
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->headline, "S\u00C3O PAULO news");
  EXPECT_EQ(info->dateline, "S\u00C3O PAULO");
  EXPECT_EQ(info->lede, "Brazil\u2019s real rose sharply against the dollar on Monday.");
}

TEST(ExtractArticleHtml, BrSplitsBlocksAndAuthorUrlIsIgnored) {
  const auto info = extract_article_html(
      "<html><head><meta name='author' content='https://example.com/people/x'></head><body>"
      "<div>Storm Hits Coast<br>By Jane Doe<br>MIAMI (AP) \u2014 A hurricane made landfall in "
      "Florida early on Sunday, forecasters said. More.</div></body></html>");
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->headline, "Storm Hits Coast");
  EXPECT_EQ(info->byline, "Jane Doe");
  EXPECT_EQ(info->dateline, "MIAMI");
  EXPECT_EQ(info->agency, "AP");
}

TEST(ExtractArticleHtml, MalformedAndDeeplyNestedMarkupIsSurvived) {
  std::string deep = "<html><body>";
  for (int i = 0; i < 5000; ++i) deep += "<div><span>";
  deep += "<p>Deep headline</p>";
  const auto nested = extract_article_html(deep);  // any result, but no crash
  (void)nested;
  const auto broken =
      extract_article_html("<p>Unclosed <b>bold <i>text that goes on and on for a while here.");
  ASSERT_TRUE(broken.has_value());
  EXPECT_EQ(broken->lede, "Unclosed bold text that goes on and on for a while here.");
}

TEST(ExtractArticleHtml, EmptyDocumentIsAnError) {
  const auto info = extract_article_html("");
  ASSERT_FALSE(info.has_value());
  EXPECT_EQ(info.error().kind, ErrorKind::kParse);
}

}  // namespace
}  // namespace newsticker::app
