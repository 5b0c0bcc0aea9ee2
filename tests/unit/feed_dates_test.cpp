#include "feed/feed_dates.h"

#include <gtest/gtest.h>

#include <string>

namespace newsticker::app {
namespace {

// Parses and formats back, so expectations read as UTC strings; "none" when nullopt.
std::string utc(std::string_view text) {
  const auto t = parse_feed_date(text);
  return t ? format_utc(*t) : std::string("none");
}

TEST(FeedDates, Rfc822WithWeekdayAndSeconds) {
  EXPECT_EQ(utc("Tue, 10 Jun 2003 04:00:00 GMT"), "2003-06-10T04:00:00Z");
}

TEST(FeedDates, Rfc822WithoutWeekdayOrSeconds) {
  EXPECT_EQ(utc("10 Jun 2003 04:05 GMT"), "2003-06-10T04:05:00Z");
  EXPECT_EQ(utc("1 Jan 2004 00:00:00 +0000"), "2004-01-01T00:00:00Z");
}

TEST(FeedDates, Rfc822TwoDigitYearsFollowRfc2822) {
  EXPECT_EQ(utc("Sat, 01 Jan 49 12:00:00 GMT"), "2049-01-01T12:00:00Z");
  EXPECT_EQ(utc("Fri, 01 Jan 50 12:00:00 GMT"), "1950-01-01T12:00:00Z");
  EXPECT_EQ(utc("Thu, 01 Jan 04 12:00:00 GMT"), "2004-01-01T12:00:00Z");
}

TEST(FeedDates, Rfc822NamedZones) {
  EXPECT_EQ(utc("Tue, 10 Jun 2003 04:00:00 UT"), "2003-06-10T04:00:00Z");
  EXPECT_EQ(utc("Tue, 10 Jun 2003 04:00:00 Z"), "2003-06-10T04:00:00Z");
  EXPECT_EQ(utc("Tue, 10 Jun 2003 04:00:00 EST"), "2003-06-10T09:00:00Z");
  EXPECT_EQ(utc("Tue, 10 Jun 2003 04:00:00 EDT"), "2003-06-10T08:00:00Z");
  EXPECT_EQ(utc("Tue, 10 Jun 2003 04:00:00 CST"), "2003-06-10T10:00:00Z");
  EXPECT_EQ(utc("Tue, 10 Jun 2003 04:00:00 CDT"), "2003-06-10T09:00:00Z");
  EXPECT_EQ(utc("Tue, 10 Jun 2003 04:00:00 MST"), "2003-06-10T11:00:00Z");
  EXPECT_EQ(utc("Tue, 10 Jun 2003 04:00:00 MDT"), "2003-06-10T10:00:00Z");
  EXPECT_EQ(utc("Tue, 10 Jun 2003 04:00:00 PST"), "2003-06-10T12:00:00Z");
  EXPECT_EQ(utc("Tue, 10 Jun 2003 04:00:00 PDT"), "2003-06-10T11:00:00Z");
}

TEST(FeedDates, MilitaryZonesAreUtc) {
  // Documented choice (RFC 2822 4.3): military letters carry no reliable offset.
  EXPECT_EQ(utc("Tue, 10 Jun 2003 04:00:00 A"), "2003-06-10T04:00:00Z");
  EXPECT_EQ(utc("Tue, 10 Jun 2003 04:00:00 Y"), "2003-06-10T04:00:00Z");
}

TEST(FeedDates, Rfc822NumericOffsets) {
  EXPECT_EQ(utc("Tue, 10 Jun 2003 04:00:00 +0200"), "2003-06-10T02:00:00Z");
  EXPECT_EQ(utc("Tue, 10 Jun 2003 04:00:00 -0530"), "2003-06-10T09:30:00Z");
  EXPECT_EQ(utc("Tue, 10 Jun 2003 23:30:00 -01:00"), "2003-06-11T00:30:00Z");
}

TEST(FeedDates, Rfc850AndAsctime) {
  EXPECT_EQ(utc("Sunday, 06-Nov-94 08:49:37 GMT"), "1994-11-06T08:49:37Z");
  EXPECT_EQ(utc("Sun Nov  6 08:49:37 1994"), "1994-11-06T08:49:37Z");
}

TEST(FeedDates, TwelveHourClock) {
  EXPECT_EQ(utc("Sat, Dec 16 2023 02:02:33 PM"), "2023-12-16T14:02:33Z");
  EXPECT_EQ(utc("Sat, Dec 16 2023 12:02:33 AM"), "2023-12-16T00:02:33Z");
  EXPECT_EQ(utc("Sat, Dec 16 2023 13:02:33 PM"), "none");
}

TEST(FeedDates, Iso8601Extended) {
  EXPECT_EQ(utc("2003-12-13T18:30:02Z"), "2003-12-13T18:30:02Z");
  EXPECT_EQ(utc("2003-12-13T18:30:02+01:00"), "2003-12-13T17:30:02Z");
  EXPECT_EQ(utc("2003-12-13T18:30:02.25-05:00"), "2003-12-13T23:30:02Z");
  EXPECT_EQ(utc("2003-12-13 18:30"), "2003-12-13T18:30:00Z");
  EXPECT_EQ(utc("2003-12-13t18:30:02z"), "2003-12-13T18:30:02Z");
}

TEST(FeedDates, Iso8601BasicAndShortOffsets) {
  EXPECT_EQ(utc("20031213T183002Z"), "2003-12-13T18:30:02Z");
  EXPECT_EQ(utc("20031213T1830+0100"), "2003-12-13T17:30:00Z");
  EXPECT_EQ(utc("2003-12-13T18:30:02+01"), "2003-12-13T17:30:02Z");
}

TEST(FeedDates, DateOnlyIsMidnightUtc) {
  EXPECT_EQ(utc("2003-12-13"), "2003-12-13T00:00:00Z");
  EXPECT_EQ(utc("20031213"), "2003-12-13T00:00:00Z");
}

TEST(FeedDates, LeapDayOnlyInLeapYears) {
  EXPECT_EQ(utc("2004-02-29T00:00:00Z"), "2004-02-29T00:00:00Z");
  EXPECT_EQ(utc("2003-02-29T00:00:00Z"), "none");
}

TEST(FeedDates, ImpossibleValuesAreRejected) {
  EXPECT_EQ(utc("2003-13-01T00:00:00Z"), "none");
  EXPECT_EQ(utc("2003-02-30"), "none");
  EXPECT_EQ(utc("2003-01-01T25:00:00Z"), "none");
  EXPECT_EQ(utc("2003-01-01T10:61:00Z"), "none");
  EXPECT_EQ(utc("Tue, 30 Feb 2003 04:00:00 GMT"), "none");
  EXPECT_EQ(utc("Tue, 10 Foo 2003 04:00:00 GMT"), "none");
  EXPECT_EQ(utc("Tue, 10 Jun 2003 25:00:00 GMT"), "none");
}

TEST(FeedDates, BareNumbersAndWordsAreRejected) {
  EXPECT_EQ(utc(""), "none");
  EXPECT_EQ(utc("   "), "none");
  EXPECT_EQ(utc("1700000000"), "none");
  EXPECT_EQ(utc("2003"), "none");
  EXPECT_EQ(utc("12"), "none");
  EXPECT_EQ(utc("yesterday"), "none");
  EXPECT_EQ(utc("now"), "none");
  EXPECT_EQ(utc("Tuesday"), "none");
}

TEST(FeedDates, NoGuessedYear) {
  // Day and month without a year must not be completed with the current year.
  EXPECT_EQ(utc("10 Jun"), "none");
  EXPECT_EQ(utc("Tue, 10 Jun 04:00:00 GMT"), "none");
}

TEST(FeedDates, UnknownZoneNameIsRejected) {
  EXPECT_EQ(utc("Tue, 10 Jun 2003 04:00:00 XYZT"), "none");
}

TEST(FeedDates, FormatUtcPadsFields) {
  const auto t = parse_feed_date("0999-01-02T03:04:05Z");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(format_utc(*t), "0999-01-02T03:04:05Z");
}

}  // namespace
}  // namespace newsticker::app
