#include "ticker/crawl.h"

#include <gtest/gtest.h>

#include "fake_display.h"
#include "ticker/motion.h"
#include "ticker/ticker.h"

namespace newsticker::app {
namespace {

using std::chrono::nanoseconds;

Headline make(std::string id, std::string title) {
  Headline headline;
  headline.id = std::move(id);
  headline.title = std::move(title);
  headline.source = "Src";
  return headline;
}

TEST(Motion, RoundsSpeedToWholePixelsPerRefresh) {
  Motion motion = make_motion(130.0, 1'000'000'000 / 60);
  EXPECT_EQ(motion.px_per_refresh, 2);
  EXPECT_NEAR(effective_speed(motion), 120.0, 0.01);
  EXPECT_EQ(make_motion(5.0, 1'000'000'000 / 60).px_per_refresh, 1);
}

// At 60 Hz every frame moves by the same whole number of pixels, and after dropped frames the
// position is where time says it should be.
TEST(Motion, ConstantStepPerRefreshAndCatchUpAfterDrops) {
  const std::int64_t period = 16'666'667;  // what a 60 Hz display reports, rounded
  const Motion motion = make_motion(120.0, period);
  std::int64_t previous = crawl_offset_px(nanoseconds(0), motion);
  for (std::int64_t frame = 1; frame <= 600; ++frame) {
    // Exact refresh times plus presentation jitter of up to +-3 ms.
    const std::int64_t jitter = (frame % 7 - 3) * 1'000'000;
    const std::int64_t now = frame * 1'000'000'000 / 60 + jitter;
    const std::int64_t offset = crawl_offset_px(nanoseconds(now), motion);
    ASSERT_EQ(offset - previous, 2) << "frame " << frame;
    previous = offset;
  }
  // Five frames dropped: the next frame is 6 refreshes later and 12 px further.
  const std::int64_t after_drop = crawl_offset_px(nanoseconds(606 * 1'000'000'000LL / 60), motion);
  EXPECT_EQ(after_drop - previous, 12);
  EXPECT_EQ(crawl_offset_px(nanoseconds(1'000'000'000), motion), 120);
}

TEST(CrawlRuns, BadgeHeadlineDatelineSummaryAndSeparator) {
  Headline headline = make("1", "Title");
  headline.dateline = "BAKU/YEREVAN";
  headline.agency = "Reuters";
  headline.lede = "Russia made a concerted effort.";
  auto runs = crawl_runs(headline);
  ASSERT_EQ(runs.size(), 4u);
  EXPECT_EQ(runs[0].style, TextStyle::kSourceBadge);
  EXPECT_EQ(runs[1].text, "Title");
  EXPECT_EQ(runs[2].style, TextStyle::kSummary);
  EXPECT_EQ(runs[2].text, "BAKU/YEREVAN (Reuters) \u2014 Russia made a concerted effort.");
  EXPECT_EQ(runs[3].style, TextStyle::kSeparator);
}

TEST(Crawl, StripsKeepTheirPlaceWhenTheSnapshotChanges) {
  FakeDisplay display;
  Crawl crawl(800, 20);
  crawl.set_headlines({make("a", "AAAAAAAAAA"), make("b", "BBBBBBBBBB")});
  auto prepare = [&](const Headline& h, HeadlineKey) { return *display.prepare_text(crawl_runs(h)); };
  auto release = [&](TextId id) { display.release_text(id); };
  crawl.advance(0, prepare, release);
  ASSERT_FALSE(crawl.empty());
  const auto first_start = crawl.strips().front().start;
  const auto count = crawl.strips().size();
  std::vector<DrawCommand> before;
  crawl.draw_commands(before);
  // A new snapshot arrives: nothing on screen moves.
  crawl.set_headlines({make("c", "CCCC"), make("a", "AAAAAAAAAA"), make("b", "BBBBBBBBBB")});
  crawl.advance(0, prepare, release);
  std::vector<DrawCommand> after;
  crawl.draw_commands(after);
  EXPECT_EQ(crawl.strips().front().start, first_start);
  ASSERT_GE(after.size(), before.size());
  for (std::size_t i = 0; i < before.size(); ++i) EXPECT_EQ(after[i].x, before[i].x);
  EXPECT_GE(crawl.strips().size(), count);
}

TEST(Crawl, FillsTheBandAndDropsStripsThatLeft) {
  FakeDisplay display;
  Crawl crawl(800, 20);
  crawl.set_headlines({make("a", "AAAAAAAAAAAAAAAAAAAA"), make("b", "BB")});
  auto prepare = [&](const Headline& h, HeadlineKey) { return *display.prepare_text(crawl_runs(h)); };
  auto release = [&](TextId id) { display.release_text(id); };
  for (std::int64_t offset = 0; offset < 5000; offset += 7) {
    crawl.advance(offset, prepare, release);
    // The band is always covered up to its right edge.
    const auto& last = crawl.strips().back();
    ASSERT_GE(last.start + last.width + 20, offset + 800);
    ASSERT_GT(crawl.strips().front().start + crawl.strips().front().width, offset);
  }
  EXPECT_LE(display.live.size(), crawl.strips().size());
}

TEST(Ticker, ShowsWaitingUntilHeadlinesArriveThenRasterisesEachOnce) {
  FakeDisplay display;
  HeadlineRing ring(10);
  Ticker ticker(display, ring, 120.0, nanoseconds(0));
  ticker.frame(nanoseconds(0));
  ASSERT_EQ(display.last_frame.size(), 1u);
  EXPECT_EQ(display.live.at(display.last_frame[0].text), "Waiting for headlines\u2026");

  std::vector<Headline> batch = {make("a", "First headline"), make("b", "Second headline")};
  ring.insert(batch);
  const int prepared_before = display.prepared;
  for (int frame = 1; frame <= 600; ++frame) ticker.frame(nanoseconds(frame * 1'000'000'000LL / 60));
  ASSERT_FALSE(display.last_frame.empty());
  EXPECT_NE(display.live.at(display.last_frame[0].text), "Waiting for headlines\u2026");
  // Two headlines cycle many times through 600 frames but each is rasterised once.
  EXPECT_EQ(display.prepared - prepared_before, 2);
  EXPECT_EQ(ticker.cache().rasterised(), 2u);
}

}  // namespace
}  // namespace newsticker::app
