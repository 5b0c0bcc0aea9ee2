#include "feed/dateline.h"

#include <gtest/gtest.h>

#include <string>

namespace newsticker::app {
namespace {

struct Expected {
  std::string dateline, agency, lede;
};

void expect_summary(std::string_view text, const Expected& want) {
  const DatelineSummary got = extract_dateline(text);
  EXPECT_EQ(got.dateline, want.dateline) << text;
  EXPECT_EQ(got.agency, want.agency) << text;
  EXPECT_EQ(got.lede, want.lede) << text;
}

// --- Dateline forms -------------------------------------------------------------------------

TEST(ExtractDateline, ReutersPlacePairWithHyphen) {
  expect_summary(
      "BAKU/YEREVAN (Reuters) - Russia made a concerted effort to end conflict ... on Saturday, "
      "raising concerns. Next sentence.",
      {"BAKU/YEREVAN", "Reuters",
       "Russia made a concerted effort to end conflict ... on Saturday, raising concerns."});
}

TEST(ExtractDateline, PlaceRegionAgencyEmDash) {
  expect_summary("KYIV, Ukraine (AP) \u2014 Russian forces shelled the city. Officials said more.",
                 {"KYIV, Ukraine", "AP", "Russian forces shelled the city."});
}

TEST(ExtractDateline, PlaceMonthDayAgency) {
  expect_summary("WASHINGTON, Jan 5 (Reuters) - The Senate passed the bill. It now goes on.",
                 {"WASHINGTON, Jan 5", "Reuters", "The Senate passed the bill."});
  expect_summary("LONDON, Jan. 5, 2024 (Reuters) - Shares fell. More.",
                 {"LONDON, Jan. 5, 2024", "Reuters", "Shares fell."});
}

TEST(ExtractDateline, PlaceOnlyInCapitals) {
  expect_summary("NEW YORK \u2014 Stocks rallied on Friday. Bonds fell.",
                 {"NEW YORK", "", "Stocks rallied on Friday."});
  expect_summary("WASHINGTON\u2014The Senate voted. Then it adjourned.",
                 {"WASHINGTON", "", "The Senate voted."});
}

TEST(ExtractDateline, AgencyOnly) {
  expect_summary("(CNN) \u2014 A storm hit the coast. Thousands lost power.",
                 {"", "CNN", "A storm hit the coast."});
  expect_summary("(CNN)\u2014A storm hit the coast.", {"", "CNN", "A storm hit the coast."});
}

TEST(ExtractDateline, EnDashAndDoubleHyphenSeparators) {
  expect_summary("PARIS (AFP) \u2013 France voted. Results later.",
                 {"PARIS", "AFP", "France voted."});
  expect_summary("TOKYO (Bloomberg) -- Japan's yen slid. Traders watched.",
                 {"TOKYO", "Bloomberg", "Japan's yen slid."});
}

TEST(ExtractDateline, TitleCasePlaceWithKnownAgency) {
  expect_summary("Paris (AFP) - France voted. Results later.", {"Paris", "AFP", "France voted."});
  expect_summary("Berlin (dpa) - Die Regierung tagte. Mehr.",
                 {"Berlin", "dpa", "Die Regierung tagte."});
}

TEST(ExtractDateline, PlaceWithDotsAndUnicodeCapitals) {
  expect_summary("ST. LOUIS (AP) \u2014 A judge ruled. More.",
                 {"ST. LOUIS", "AP", "A judge ruled."});
  expect_summary("S\u00C3O PAULO (Reuters) - Brazil's real rose. More.",
                 {"S\u00C3O PAULO", "Reuters", "Brazil's real rose."});
  expect_summary("McALLEN, Texas (AP) \u2014 Agents said so. More.",
                 {"McALLEN, Texas", "AP", "Agents said so."});
}

TEST(ExtractDateline, NonBreakingSpaces) {
  expect_summary("LONDON\u00A0(Reuters)\u00A0-\u00A0Shares fell. More.",
                 {"LONDON", "Reuters", "Shares fell."});
}

TEST(ExtractDateline, BylineLineBeforeDateline) {
  expect_summary("By Jane Doe\nLONDON (Reuters) - Shares fell. More.",
                 {"LONDON", "Reuters", "Shares fell."});
  expect_summary("By Jane Doe and John F. Smith\n\nKYIV, Ukraine (AP) \u2014 Sirens sounded. Next.",
                 {"KYIV, Ukraine", "AP", "Sirens sounded."});
}

TEST(ExtractDateline, InlineBylineBeforeDateline) {
  expect_summary("By Jane Doe LONDON (Reuters) - Shares fell. More.",
                 {"LONDON", "Reuters", "Shares fell."});
}

TEST(ExtractDateline, BylineWithoutDatelineIsSkippedForTheLede) {
  expect_summary("By Jane Doe\nShares fell sharply. More.", {"", "", "Shares fell sharply."});
}

// --- Look-alikes ----------------------------------------------------------------------------

TEST(ExtractDateline, RefusesParenthesesThatAreNoAgency) {
  expect_summary("COVID-19 (coronavirus) - Cases rose again. More.",
                 {"", "", "COVID-19 (coronavirus) - Cases rose again."});
  expect_summary("IBM (NYSE: IBM) - The company reported earnings. More.",
                 {"", "", "IBM (NYSE: IBM) - The company reported earnings."});
  expect_summary("TESLA (TSLA.O) - Shares jumped. More.",
                 {"", "", "TESLA (TSLA.O) - Shares jumped."});
  expect_summary("Apple (AAPL) - Shares jumped. More.", {"", "", "Apple (AAPL) - Shares jumped."});
  expect_summary("LONDON (UPDATE) - Shares jumped. More.",
                 {"", "", "LONDON (UPDATE) - Shares jumped."});
}

TEST(ExtractDateline, RefusesSlugs) {
  expect_summary("BREAKING - Fire at the plant. Crews respond.",
                 {"", "", "BREAKING - Fire at the plant."});
  expect_summary("UPDATE 2-Oil prices rise. Brent up.", {"", "", "UPDATE 2-Oil prices rise."});
  expect_summary("UPDATE 2 - Oil prices rise. Brent up.", {"", "", "UPDATE 2 - Oil prices rise."});
  expect_summary("EXCLUSIVE-Tesla plans a new plant. Sources say.",
                 {"", "", "EXCLUSIVE-Tesla plans a new plant."});
  expect_summary("EXCLUSIVE - Tesla plans a new plant. Sources say.",
                 {"", "", "EXCLUSIVE - Tesla plans a new plant."});
  expect_summary("WATCH: The moment the bridge fell. Video.",
                 {"", "", "WATCH: The moment the bridge fell."});
  expect_summary("LIVE UPDATES \u2014 Election night. More.",
                 {"", "", "LIVE UPDATES \u2014 Election night."});
}

TEST(ExtractDateline, RefusesOrganisationAcronymWithoutAgency) {
  expect_summary("NASA \u2014 The rocket launched. More.",
                 {"", "", "NASA \u2014 The rocket launched."});
}

TEST(ExtractDateline, RefusesTitleCasePlaceWithoutKnownAgency) {
  expect_summary("Paris - France voted. More.", {"", "", "Paris - France voted."});
  expect_summary("Apple Inc (Acme Wire) - Shares rose. More.",
                 {"", "", "Apple Inc (Acme Wire) - Shares rose."});
}

TEST(ExtractDateline, RefusesHyphenInsideWords) {
  expect_summary("Pro-democracy protesters marched. More.",
                 {"", "", "Pro-democracy protesters marched."});
}

TEST(ExtractDateline, RefusesDashFarFromTheStart) {
  const std::string text =
      "The government announced on Tuesday that it would raise taxes on fuel and tobacco next "
      "year \u2014 a move critics called regressive. More.";
  expect_summary(text, {"", "",
                        "The government announced on Tuesday that it would raise taxes on "
                        "fuel and tobacco next year \u2014 a move critics called regressive."});
}

TEST(ExtractDateline, RefusesDatelineOnLaterLine) {
  expect_summary("Markets\nLONDON (Reuters) - Shares fell.",
                 {"", "", "Markets LONDON (Reuters) - Shares fell."});
}

TEST(ExtractDateline, NoDatelineGivesFirstSentence) {
  expect_summary("Stocks rose. Bonds fell.", {"", "", "Stocks rose."});
  expect_summary("", {"", "", ""});
  expect_summary("   \n ", {"", "", ""});
}

TEST(ExtractDateline, DatelineWithNothingAfter) {
  expect_summary("LONDON (Reuters) -", {"LONDON", "Reuters", ""});
}

TEST(ApplyDateline, FillsHeadlineFields) {
  Headline headline;
  headline.summary = "BAKU/YEREVAN (Reuters) - Russia acted. More.";
  apply_dateline(headline);
  EXPECT_EQ(headline.dateline, "BAKU/YEREVAN");
  EXPECT_EQ(headline.agency, "Reuters");
  EXPECT_EQ(headline.lede, "Russia acted.");

  headline.summary.clear();
  apply_dateline(headline);
  EXPECT_TRUE(headline.dateline.empty());
  EXPECT_TRUE(headline.agency.empty());
  EXPECT_TRUE(headline.lede.empty());
}

// --- Sentences ------------------------------------------------------------------------------

TEST(FirstSentence, SimpleTerminators) {
  EXPECT_EQ(first_sentence("One. Two."), "One.");
  EXPECT_EQ(first_sentence("Really? Yes."), "Really?");
  EXPECT_EQ(first_sentence("Wow! Yes."), "Wow!");
  EXPECT_EQ(first_sentence("What?! Yes."), "What?!");
  EXPECT_EQ(first_sentence("No terminator at all"), "No terminator at all");
  EXPECT_EQ(first_sentence("Ends at the end."), "Ends at the end.");
}

TEST(FirstSentence, NeedsSpaceAndCapitalAfter) {
  EXPECT_EQ(first_sentence("See example.com for more. Next."), "See example.com for more.");
  EXPECT_EQ(first_sentence("It rose. and then fell. Next."), "It rose. and then fell.");
  EXPECT_EQ(first_sentence("Sales rose. 2024 was strong."), "Sales rose.");
}

TEST(FirstSentence, CountryAbbreviations) {
  EXPECT_EQ(first_sentence("The U.S. economy grew. Next."), "The U.S. economy grew.");
  EXPECT_EQ(first_sentence("The U.K. Treasury spoke. Next."), "The U.K. Treasury spoke.");
  EXPECT_EQ(first_sentence("He met U.N. officials. Next."), "He met U.N. officials.");
  // At a sentence end before a clear opener, "U.S." does end the sentence.
  EXPECT_EQ(first_sentence("Prices rose in the U.S. The Fed met."), "Prices rose in the U.S.");
}

TEST(FirstSentence, TitleAbbreviations) {
  EXPECT_EQ(first_sentence("Mr. Smith left. Next."), "Mr. Smith left.");
  EXPECT_EQ(first_sentence("Mrs. Smith left. Next."), "Mrs. Smith left.");
  EXPECT_EQ(first_sentence("Ms. Smith left. Next."), "Ms. Smith left.");
  EXPECT_EQ(first_sentence("Dr. Jones said so. Next."), "Dr. Jones said so.");
  EXPECT_EQ(first_sentence("They met on St. Patrick's Day. Next."),
            "They met on St. Patrick's Day.");
  EXPECT_EQ(first_sentence("Gov. Newsom signed it. Next."), "Gov. Newsom signed it.");
  EXPECT_EQ(first_sentence("Sen. Warren objected. Next."), "Sen. Warren objected.");
  EXPECT_EQ(first_sentence("Rep. Ocasio-Cortez spoke. Next."), "Rep. Ocasio-Cortez spoke.");
}

TEST(FirstSentence, NumberAbbreviation) {
  EXPECT_EQ(first_sentence("He is ranked No. 1 in the world. Next."),
            "He is ranked No. 1 in the world.");
  EXPECT_EQ(first_sentence("She said No. Then she left."), "She said No.");
}

TEST(FirstSentence, MonthAbbreviations) {
  for (const char* month :
       {"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"}) {
    const std::string text = std::string("It began on ") + month + ". 5 in Paris. Next.";
    EXPECT_EQ(first_sentence(text), std::string("It began on ") + month + ". 5 in Paris.") << month;
  }
}

TEST(FirstSentence, CompanyAbbreviations) {
  EXPECT_EQ(first_sentence("Apple Inc. Chief Executive Tim Cook spoke. Next."),
            "Apple Inc. Chief Executive Tim Cook spoke.");
  EXPECT_EQ(first_sentence("Microsoft Corp. President Brad Smith spoke. Next."),
            "Microsoft Corp. President Brad Smith spoke.");
  EXPECT_EQ(first_sentence("The deal closed with Acme Inc. The shares rose."),
            "The deal closed with Acme Inc.");
}

TEST(FirstSentence, Initials) {
  EXPECT_EQ(first_sentence("John F. Kennedy was shot in Dallas. Next."),
            "John F. Kennedy was shot in Dallas.");
  EXPECT_EQ(first_sentence("J. R. R. Tolkien wrote it. Next."), "J. R. R. Tolkien wrote it.");
}

TEST(FirstSentence, Decimals) {
  EXPECT_EQ(first_sentence("Growth was 3.5 percent. Next."), "Growth was 3.5 percent.");
  EXPECT_EQ(first_sentence("It cost $1.25 million. Next."), "It cost $1.25 million.");
}

TEST(FirstSentence, Ellipses) {
  EXPECT_EQ(first_sentence("We will ... Russia acted. Next."), "We will ... Russia acted.");
  EXPECT_EQ(first_sentence("Wait... What happened? Next."), "Wait... What happened?");
  EXPECT_EQ(first_sentence("Wait\u2026 What happened? Next."), "Wait\u2026 What happened?");
}

TEST(FirstSentence, ClosingQuotesAndBrackets) {
  EXPECT_EQ(first_sentence("\"We won,\" he said. Next."), "\"We won,\" he said.");
  EXPECT_EQ(first_sentence("He said: \"We won.\" Next."), "He said: \"We won.\"");
  EXPECT_EQ(first_sentence("He said \u201CWe won.\u201D Next."), "He said \u201CWe won.\u201D");
  EXPECT_EQ(first_sentence("It rose (by a lot.) Next."), "It rose (by a lot.)");
  EXPECT_EQ(first_sentence("\"Why?\" he asked. Next."), "\"Why?\" he asked.");
}

TEST(FirstSentence, OpeningQuoteStartsNextSentence) {
  EXPECT_EQ(first_sentence("He left. \"Goodbye,\" he said."), "He left.");
}

TEST(FirstSentence, Cjk) {
  EXPECT_EQ(first_sentence("今天下雨。明天晴天。"), "今天下雨。");
  EXPECT_EQ(first_sentence("本当ですか？はい。"), "本当ですか？");
  EXPECT_EQ(first_sentence("「行こう。」と言った。"), "「行こう。」");
}

TEST(FirstSentence, WhitespaceAndParagraphs) {
  EXPECT_EQ(first_sentence("  One\n two.  Three."), "One two.");
  EXPECT_EQ(first_sentence("Headline line\n\nBody starts here. More."), "Headline line");
}

TEST(FirstSentence, CapsLongSentenceAtWordBoundary) {
  std::string text;
  for (int i = 0; i < 100; ++i) text += "word ";
  text += "end.";
  const std::string lede = first_sentence(text);
  ASSERT_TRUE(lede.ends_with("\u2026"));
  EXPECT_TRUE(lede.starts_with("word word"));
  const std::string body = lede.substr(0, lede.size() - 3);
  EXPECT_LE(body.size() + 1, kMaxLedeChars);
  EXPECT_TRUE(body.ends_with("word"));  // no half word, no trailing space
}

TEST(FirstSentence, CapCountsCodePointsNotBytes) {
  std::string text;
  for (int i = 0; i < 299; ++i) text += "\u00E9";  // 2 bytes each
  text += ".";
  EXPECT_EQ(first_sentence(text), text);  // 300 code points: not cut
  std::string cjk;
  for (int i = 0; i < 400; ++i) cjk += "字";
  const std::string lede = first_sentence(cjk);
  EXPECT_TRUE(lede.ends_with("\u2026"));
  EXPECT_EQ(lede.size(), 299u * 3 + 3);  // no spaces: hard cut at a code point
}

TEST(FirstSentence, InvalidUtf8DoesNotCrash) {
  const std::string text = "Bad \xFF\xFE bytes. Next.";
  EXPECT_EQ(first_sentence(text), "Bad \xFF\xFE bytes.");
  (void)extract_dateline("\xE2\x80 (Reuters) - x");
  (void)extract_dateline("\xC3");
}

}  // namespace
}  // namespace newsticker::app
