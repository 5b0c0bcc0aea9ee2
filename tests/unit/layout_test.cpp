// Layout helpers, script runs, theme contrast, speeds and the layouts through the Ticker.
#include "ticker/layout.h"

#include <gtest/gtest.h>

#include <set>

#include "fake_display.h"
#include "ticker/script_runs.h"
#include "ticker/ticker.h"

namespace newsticker::app {
namespace {

using std::chrono::nanoseconds;

std::vector<std::string> visual_pieces(std::string_view text) {
  std::vector<std::string> pieces;
  for (const ScriptRun& run : script_runs(text))
    pieces.emplace_back(text.substr(run.begin, run.end - run.begin));
  return pieces;
}

TEST(ScriptRuns, LatinIsOneLeftToRightRun) {
  const auto runs = script_runs("Markets rally, 3% up");
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].script, Script::kLatin);
  EXPECT_EQ(runs[0].direction, TextDirection::kLeftToRight);
}

TEST(ScriptRuns, ArabicIsRightToLeftWithItsNumberLeftToRight) {
  // "agreed 120 countries": the number is its own left-to-right run, and in a right-to-left
  // paragraph the runs are shown right to left: the later words are on the left.
  const std::string text = "\u0648\u0627\u0641\u0642\u062A 120 \u062F\u0648\u0644\u0629";
  const auto runs = script_runs(text);
  ASSERT_EQ(runs.size(), 3u);
  EXPECT_EQ(runs[0].direction, TextDirection::kRightToLeft);
  EXPECT_EQ(text.substr(runs[0].begin, runs[0].end - runs[0].begin), " \u062F\u0648\u0644\u0629");
  EXPECT_EQ(text.substr(runs[1].begin, runs[1].end - runs[1].begin), "120");
  EXPECT_EQ(runs[1].direction, TextDirection::kLeftToRight);
  EXPECT_EQ(runs[2].script, Script::kArabic);
}

TEST(ScriptRuns, LatinBadgeThenHebrewKeepsLogicalOrderInALeftToRightParagraph) {
  const auto pieces = visual_pieces("BBC: \u05E9\u05DC\u05D5\u05DD");
  ASSERT_EQ(pieces.size(), 2u);
  EXPECT_EQ(pieces[0], "BBC: ");
  EXPECT_EQ(pieces[1], "\u05E9\u05DC\u05D5\u05DD");
}

TEST(ScriptRuns, CjkAndDevanagariAndThaiAreTheirOwnRuns) {
  const auto runs = script_runs(
      "Tokyo \u6771\u4EAC \u0928\u092E\u0938\u094D\u0924\u0947 "
      "\u0E2A\u0E27\u0E31\u0E2A\u0E14\u0E35");
  std::vector<Script> scripts;
  for (const ScriptRun& run : runs) scripts.push_back(run.script);
  EXPECT_EQ(scripts, (std::vector<Script>{Script::kLatin, Script::kCjk, Script::kDevanagari,
                                          Script::kThai}));
}

TEST(ScriptRuns, InvalidUtf8IsCoveredWithoutCrashing) {
  const std::string text = "ok \xFF\xFE end";
  const auto runs = script_runs(text);
  ASSERT_FALSE(runs.empty());
  std::size_t covered = 0;
  for (const ScriptRun& run : runs) covered += run.end - run.begin;
  EXPECT_EQ(covered, text.size());
}

TEST(Theme, DefaultColoursHaveAContrastOfAtLeastSevenToOne) {
  const DisplayConfig d;
  EXPECT_NEAR(contrast_ratio(Rgb{0, 0, 0}, Rgb{255, 255, 255}), 21.0, 0.01);
  EXPECT_GE(contrast_ratio(d.headline, d.band), 7.0);
  EXPECT_GE(contrast_ratio(d.summary, d.band), 7.0);
  EXPECT_GE(contrast_ratio(d.separator, d.band), 7.0);
  EXPECT_GE(contrast_ratio(d.badge_text, d.badge), 7.0);
  EXPECT_GE(contrast_ratio(d.headline, d.highlight), 7.0);
  EXPECT_GE(contrast_ratio(d.summary, d.highlight), 7.0);
}

TEST(Motion, SpeedInCharactersPerSecondFollowsTheFontSize) {
  // 4.5 characters/s: 90 px/s with 20 px characters, 180 px/s with 40 px ones.
  EXPECT_DOUBLE_EQ(speed_from_cps(4.5, 20.0), 90.0);
  EXPECT_DOUBLE_EQ(speed_from_cps(4.5, 40.0), 180.0);
  EXPECT_EQ(make_motion(speed_from_cps(4.5, 20.0), 16'666'667).px_per_refresh, 2);
}

TEST(Layout, AgeLabels) {
  EXPECT_EQ(relative_time_label(age_bucket(0)), "just now");
  EXPECT_EQ(relative_time_label(age_bucket(12)), "12 min ago");
  EXPECT_EQ(relative_time_label(age_bucket(135)), "2 h ago");
  EXPECT_EQ(age_bucket(135), age_bucket(170));  // same label, same strip
  EXPECT_EQ(relative_time_label(age_bucket(3 * 24 * 60 + 5)), "3 d ago");
}

TEST(Layout, BreakingRulesAndSchedule) {
  Headline headline;
  headline.title = "BREAKING: storm closes ports";
  headline.source = "Wire";
  BreakingConfig rules;
  rules.keywords = {"breaking"};
  EXPECT_TRUE(matches_breaking(headline, rules));
  rules.keywords = {"flood"};
  EXPECT_FALSE(matches_breaking(headline, rules));
  rules.sources = {"Wire"};
  EXPECT_TRUE(matches_breaking(headline, rules));

  ScheduleConfig day{true, 7 * 60, 22 * 60, ScheduleOutside::kOff};
  EXPECT_TRUE(schedule_on(day, 12 * 60));
  EXPECT_FALSE(schedule_on(day, 23 * 60));
  ScheduleConfig night{true, 22 * 60, 6 * 60, ScheduleOutside::kOff};
  EXPECT_TRUE(schedule_on(night, 23 * 60));
  EXPECT_TRUE(schedule_on(night, 5 * 60));
  EXPECT_FALSE(schedule_on(night, 12 * 60));
}

TEST(Layout, BurnInShiftMovesByAtMostTwoPixelsEveryFewMinutes) {
  std::set<int> seen;
  for (int minute = 0; minute < 60; ++minute) {
    const int shift = burn_in_shift(std::chrono::minutes(minute));
    EXPECT_GE(shift, 0);
    EXPECT_LE(shift, 2);
    seen.insert(shift);
    EXPECT_EQ(shift, burn_in_shift(std::chrono::minutes(minute) + std::chrono::seconds(30)));
  }
  EXPECT_EQ(seen.size(), 3u);
}

TEST(Layout, RightToLeftLinesAlignRightAndShowTheirStartFirst) {
  const auto ltr = TextDirection::kLeftToRight, rtl = TextDirection::kRightToLeft;
  EXPECT_EQ(line_x(10, 780, 300, ltr, std::chrono::seconds(9), 100.0), 10);
  EXPECT_EQ(line_x(10, 780, 300, rtl, std::chrono::seconds(9), 100.0), 490);
  // 1000 px in a 780 px box: right to left starts with its right end in view, and moves right
  // until its left end is at the margin.
  EXPECT_EQ(line_x(10, 780, 1000, rtl, nanoseconds(0), 100.0), -210);
  EXPECT_EQ(line_x(10, 780, 1000, rtl, std::chrono::seconds(60), 100.0), 10);
  EXPECT_EQ(line_x(10, 780, 1000, ltr, std::chrono::seconds(60), 100.0), -210);
}

TEST(Layout, SlideAndOverflowAreFunctionsOfTime) {
  EXPECT_EQ(slide_remaining(nanoseconds(0), 100), 100);
  EXPECT_EQ(slide_remaining(kSlide, 100), 0);
  EXPECT_GT(slide_remaining(kSlide / 4, 100), slide_remaining(kSlide / 2, 100));
  EXPECT_EQ(overflow_shift(kScrollDelay, 500, 100.0), 0);
  EXPECT_EQ(overflow_shift(kScrollDelay + std::chrono::seconds(2), 500, 100.0), -200);
  EXPECT_EQ(overflow_shift(kScrollDelay + std::chrono::seconds(60), 500, 100.0), -500);
  EXPECT_EQ(overflow_shift(std::chrono::seconds(60), -10, 100.0), 0);
}

// Every band pixel is drawn each frame, by a strip or a fill, and no fill overlaps a strip.
void expect_band_covered(const FakeDisplay& display) {
  const int width = display.screen.width, band = display.band;
  std::vector<int> drawn(static_cast<std::size_t>(width * band), 0);
  for (const DrawCommand& c : display.last_frame) {
    int w = c.width, h = c.height;
    if (c.kind == DrawKind::kCopy) {
      const Size size = display.sizes.at(c.text);
      w = size.width;
      h = size.height;
    }
    for (int y = std::max(0, c.y); y < std::min(band, c.y + h); ++y) {
      for (int x = std::max(0, c.x); x < std::min(width, c.x + w); ++x)
        ++drawn[static_cast<std::size_t>(y * width + x)];
    }
  }
  for (int y = 0; y < band; ++y) {
    for (int x = 0; x < width; ++x)
      ASSERT_GE(drawn[static_cast<std::size_t>(y * width + x)], 1) << x << "," << y;
  }
}

std::vector<Headline> items(int count) {
  std::vector<Headline> out;
  for (int i = 0; i < count; ++i) {
    Headline headline;
    headline.id = std::to_string(i);
    headline.source = "Src";
    headline.title = "Headline " + std::to_string(i) + " with some words";
    headline.lede = "Summary " + std::to_string(i);
    out.push_back(headline);
  }
  return out;
}

class Layouts : public ::testing::TestWithParam<Layout> {};

TEST_P(Layouts, CoverTheBandEveryFrameAndRasteriseEachLineOnce) {
  FakeDisplay display;
  display.band = 96;
  HeadlineRing ring(10);
  TickerOptions options;
  options.layout = GetParam();
  options.flip_hold = std::chrono::seconds(3);
  Ticker ticker(display, ring, options, nanoseconds(0));
  ticker.frame(nanoseconds(0));
  expect_band_covered(display);
  EXPECT_EQ(display.drawn_texts(), std::vector<std::string>{"Waiting for headlines\u2026"});
  const auto batch = items(3);
  ring.insert(batch);
  const int before = display.prepared;
  for (int frame = 1; frame <= 1200; ++frame) {
    ticker.frame(nanoseconds(frame * 1'000'000'000LL / 60));
    if (frame % 7 == 0) expect_band_covered(display);
  }
  // Three headlines cycle through 20 s; each line of each is rasterised once.
  const int lines_per_item = GetParam() == Layout::kCrawl ? 1 : 2;
  EXPECT_EQ(display.prepared - before, 3 * lines_per_item);
}

INSTANTIATE_TEST_SUITE_P(All, Layouts,
                         ::testing::Values(Layout::kCrawl, Layout::kTwoLine, Layout::kFlip));

TEST(Flip, ShowsOneItemPerHoldAndSlidesIn) {
  FakeDisplay display;
  display.band = 96;
  HeadlineRing ring(10);
  ring.insert(items(3));
  TickerOptions options;
  options.layout = Layout::kFlip;
  options.flip_hold = std::chrono::seconds(5);
  Ticker ticker(display, ring, options, nanoseconds(0));
  ticker.frame(std::chrono::seconds(2));
  auto texts = display.drawn_texts();
  ASSERT_EQ(texts.size(), 2u);  // headline line, summary line
  const std::string first = texts[0];
  ticker.frame(std::chrono::seconds(7));
  EXPECT_NE(display.drawn_texts()[0], first);
  // Mid-slide both cards are drawn, the new one below its place.
  ticker.frame(std::chrono::seconds(10) + kSlide / 2);
  EXPECT_EQ(display.drawn_texts().size(), 4u);
}

TEST(Breaking, MatchingItemsGoFirstHighlightedUntilTooOld) {
  FakeDisplay display;
  HeadlineRing ring(10);
  auto batch = items(3);
  const UtcSeconds noon =
      std::chrono::sys_days{std::chrono::year{2026} / 1 / 1} + std::chrono::hours{12};
  for (auto& headline : batch) headline.published = noon - std::chrono::minutes(10);
  batch[2].title = "Breaking: storm";
  ring.insert(batch);
  TickerOptions options;
  options.breaking.keywords = {"breaking"};
  options.breaking.max_age = std::chrono::minutes(30);
  Ticker ticker(display, ring, options, nanoseconds(0));
  WallTime wall{true, noon, 12 * 60};
  ticker.frame(nanoseconds(0), wall);
  ASSERT_FALSE(display.drawn_texts().empty());
  EXPECT_NE(display.drawn_texts()[0].find("Breaking: storm"), std::string::npos);
  EXPECT_EQ(display.boxes.at(display.last_frame[0].text).background, StripBackground::kHighlight);
}

TEST(Schedule, OutsideHoursTheScreenIsBlack) {
  FakeDisplay display;
  HeadlineRing ring(10);
  ring.insert(items(2));
  TickerOptions options;
  options.schedule = ScheduleConfig{true, 7 * 60, 22 * 60, ScheduleOutside::kOff};
  Ticker ticker(display, ring, options, nanoseconds(0));
  ticker.frame(nanoseconds(0), WallTime{true, {}, 23 * 60});
  ASSERT_FALSE(display.last_frame.empty());
  EXPECT_EQ(display.last_frame[0].kind, DrawKind::kClearScreen);
  EXPECT_TRUE(display.drawn_texts().empty());
  ticker.frame(nanoseconds(0), WallTime{true, {}, 12 * 60});
  EXPECT_FALSE(display.drawn_texts().empty());
}

TEST(Overlays, TitleTabStatusAndClock) {
  FakeDisplay display;
  HeadlineRing ring(10);
  ring.insert(items(2));
  TickerOptions options;
  options.title = "LATEST";
  options.clock = true;
  Ticker ticker(display, ring, options, nanoseconds(0));
  ticker.set_status("as of 14:05");
  ticker.frame(nanoseconds(0), WallTime{true, {}, 9 * 60 + 5});
  const auto texts = display.drawn_texts();
  ASSERT_GE(texts.size(), 4u);
  EXPECT_EQ(texts[texts.size() - 3], "LATEST");
  EXPECT_EQ(texts[texts.size() - 2], "as of 14:05");
  EXPECT_EQ(texts.back(), "09:05");
  // The first strip starts after the title tab, not under it.
  EXPECT_GE(ticker.crawl().strips().front().start, 60);
}

}  // namespace
}  // namespace newsticker::app
