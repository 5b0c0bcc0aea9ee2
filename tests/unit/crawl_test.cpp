#include "ticker/crawl.h"

#include <gtest/gtest.h>

#include "fake_display.h"
#include "ticker/layout.h"
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
  auto prepare = [&](const Headline& h, HeadlineKey, HeadlineKey&) {
    return *display.prepare_text(crawl_runs(h));
  };
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
  auto prepare = [&](const Headline& h, HeadlineKey, HeadlineKey&) {
    return *display.prepare_text(crawl_runs(h));
  };
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
  ASSERT_EQ(display.drawn_texts(), std::vector<std::string>{"Waiting for headlines\u2026"});

  std::vector<Headline> batch = {make("a", "First headline"), make("b", "Second headline")};
  ring.insert(batch);
  const int prepared_before = display.prepared;
  for (int frame = 1; frame <= 600; ++frame)
    ticker.frame(nanoseconds(frame * 1'000'000'000LL / 60));
  ASSERT_FALSE(display.drawn_texts().empty());
  EXPECT_NE(display.drawn_texts()[0], "Waiting for headlines\u2026");
  // Two headlines cycle many times through 600 frames but each is rasterised once.
  EXPECT_EQ(display.prepared - prepared_before, 2);
  EXPECT_EQ(ticker.cache().rasterised(), 2u);
}

// The cache keeps what is on screen and at most its cap of the rest, and frees the strips of
// headlines that left the ring.
TEST(StripCache, StaysUnderItsCapAndFreesWhatLeftTheRing) {
  FakeDisplay display;  // strips are 10 px per byte wide, 60 px high
  const std::size_t cap = 200'000;
  HeadlineRing ring(200);
  std::vector<Headline> batch;
  for (int i = 0; i < 150; ++i)
    batch.push_back(make(std::to_string(i), "Headline number " + std::to_string(i)));
  ring.insert(batch);
  Crawl crawl(800, 20);
  StripCache cache(display, &crawl_strip_runs, TextBox{}, cap);
  std::vector<HeadlineKey> on_screen;
  std::uint64_t generation = 0;
  std::vector<Headline> snapshot;
  ring.snapshot_if_newer(generation, snapshot);
  crawl.set_headlines(snapshot);
  for (std::int64_t offset = 0; offset < 60'000; offset += 40) {
    crawl.advance(
        offset,
        [&](const Headline& h, HeadlineKey base, HeadlineKey& key) {
          return cache.get(h, base, {}, &key);
        },
        [](TextId) {});
    if (cache.over_cap()) {
      on_screen.clear();
      for (const PlacedStrip& strip : crawl.strips()) on_screen.push_back(strip.key);
      cache.sweep(crawl.sorted_keys(), on_screen);
    }
    std::size_t visible = 0;
    for (const PlacedStrip& strip : crawl.strips())
      visible += static_cast<std::size_t>(strip.width) * 60 * 4;
    ASSERT_LE(cache.bytes(), cap + visible);
  }
  EXPECT_GT(cache.rasterised(), 100u);  // most of the ring went by
  // The ring empties: everything not on screen goes.
  crawl.set_headlines({});
  on_screen.clear();
  for (const PlacedStrip& strip : crawl.strips()) on_screen.push_back(strip.key);
  cache.sweep(crawl.sorted_keys(), on_screen);
  EXPECT_EQ(cache.size(), crawl.strips().size());
  EXPECT_TRUE(cache.has_orphans());
  EXPECT_EQ(display.live.size(), cache.size());
}

}  // namespace
}  // namespace newsticker::app
