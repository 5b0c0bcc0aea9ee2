#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "ring/headline_ring.h"

namespace newsticker::app {
namespace {

Headline make(std::string id, std::string title, std::string link = {}) {
  Headline headline;
  headline.id = std::move(id);
  headline.title = std::move(title);
  headline.link = std::move(link);
  return headline;
}

TEST(HeadlineRing, InsertsAndSkipsDuplicatesByIdOrLink) {
  HeadlineRing ring(10);
  std::vector<Headline> batch = {make("a", "A", "https://x/a"), make("b", "B", "https://x/b")};
  EXPECT_EQ(ring.insert(batch), 2u);
  EXPECT_EQ(ring.insert(batch), 0u);
  // Same link under another id is a duplicate; same id with another link too.
  std::vector<Headline> again = {make("c", "A again", "https://x/a"),
                                 make("b", "B moved", "https://x/b2")};
  EXPECT_EQ(ring.insert(again), 0u);
  EXPECT_EQ(ring.size(), 2u);
}

TEST(HeadlineRing, SameNormalisedTitleIsADuplicateAcrossFeeds) {
  HeadlineRing ring(10);
  Headline a = make("", "Storm: flights CANCELLED!");
  a.source = "One";
  Headline b = a;
  Headline c = make("x", "storm  flights, cancelled", "https://two/x");
  c.source = "Two";
  Headline d = make("", "Storm flights resume");
  std::vector<Headline> batch = {a, b, c, d};
  EXPECT_EQ(ring.insert(batch), 2u);
  EXPECT_EQ(normalise_title("  Café: «Zürich» -- news!  "), "café «zürich» news");
}

TEST(HeadlineRing, IdsAreOnlyDuplicatesWithinOneSource) {
  HeadlineRing ring(10);
  Headline a = make("1", "First feed's one");
  a.source = "One";
  Headline b = make("1", "Second feed's one");
  b.source = "Two";
  std::vector<Headline> batch = {a, b};
  EXPECT_EQ(ring.insert(batch), 2u);
}

TEST(HeadlineRing, RoundRobinInterleavesSourcesAndEvictsFromTheBusiest) {
  HeadlineRing ring(6, RingOrder::kRoundRobin);
  std::vector<Headline> busy, quiet;
  for (int i = 0; i < 10; ++i) {
    Headline h = make("b" + std::to_string(i), "Busy " + std::to_string(i));
    h.source = "Busy";
    h.published = UtcSeconds{std::chrono::seconds{10000 + i}};
    busy.insert(busy.begin(), h);  // newest first, as feeds list them
  }
  for (int i = 0; i < 2; ++i) {
    Headline h = make("q" + std::to_string(i), "Quiet " + std::to_string(i));
    h.source = "Quiet";
    h.published = UtcSeconds{std::chrono::seconds{100 + i}};
    quiet.insert(quiet.begin(), h);
  }
  ring.insert(quiet);
  ring.insert(busy);
  auto held = ring.snapshot();
  ASSERT_EQ(held.size(), 6u);
  // The quiet feed keeps both of its items although all busy ones are newer.
  EXPECT_EQ(held[0].title, "Busy 9");
  EXPECT_EQ(held[1].title, "Quiet 1");
  EXPECT_EQ(held[2].title, "Busy 8");
  EXPECT_EQ(held[3].title, "Quiet 0");
  EXPECT_EQ(held[4].title, "Busy 7");
  EXPECT_EQ(held[5].title, "Busy 6");
}

TEST(HeadlineRing, ExpiresDatedItemsOlderThanTheCutoff) {
  HeadlineRing ring(10);
  Headline old_one = make("old", "Old");
  old_one.published = UtcSeconds{std::chrono::seconds{1000}};
  Headline fresh = make("new", "New");
  fresh.published = UtcSeconds{std::chrono::seconds{5000}};
  Headline undated = make("undated", "Undated");
  std::vector<Headline> batch = {old_one, fresh, undated};
  ring.insert(batch);
  const auto generation = ring.generation();
  EXPECT_EQ(ring.expire_older_than(UtcSeconds{std::chrono::seconds{2000}}), 1u);
  EXPECT_NE(ring.generation(), generation);
  EXPECT_EQ(ring.size(), 2u);
  // An expired item may come back (its keys were released).
  std::vector<Headline> again = {old_one};
  EXPECT_EQ(ring.insert(again), 1u);
}

TEST(HeadlineRing, EvictsOldestWhenFull) {
  HeadlineRing ring(3);
  for (int i = 0; i < 5; ++i) {
    std::vector<Headline> one = {make(std::to_string(i), "T" + std::to_string(i))};
    ring.insert(one);
  }
  EXPECT_EQ(ring.size(), 3u);
  auto held = ring.snapshot();
  ASSERT_EQ(held.size(), 3u);
  // Undated: newest inserted first.
  EXPECT_EQ(held[0].id, "4");
  EXPECT_EQ(held[2].id, "2");
}

TEST(HeadlineRing, SnapshotSortsNewestPublishedFirst) {
  HeadlineRing ring(10);
  Headline old_one = make("old", "Old");
  old_one.published = UtcSeconds{std::chrono::seconds{1000}};
  Headline new_one = make("new", "New");
  new_one.published = UtcSeconds{std::chrono::seconds{2000}};
  Headline undated = make("undated", "Undated");
  std::vector<Headline> batch = {undated, old_one, new_one};
  ring.insert(batch);
  auto held = ring.snapshot();
  EXPECT_EQ(held[0].id, "new");
  EXPECT_EQ(held[1].id, "old");
  EXPECT_EQ(held[2].id, "undated");
}

TEST(HeadlineRing, GenerationMovesOnlyOnChange) {
  HeadlineRing ring(4);
  std::uint64_t known = ring.generation();
  std::vector<Headline> out;
  EXPECT_FALSE(ring.snapshot_if_newer(known, out));
  std::vector<Headline> batch = {make("a", "A")};
  ring.insert(batch);
  EXPECT_TRUE(ring.snapshot_if_newer(known, out));
  EXPECT_EQ(out.size(), 1u);
  ring.insert(batch);  // duplicate: no change
  EXPECT_FALSE(ring.snapshot_if_newer(known, out));
}

// Writer and reader at full speed: the reader always sees a consistent ring that never exceeds
// its capacity. Run under the tsan preset this also proves the locking.
TEST(HeadlineRing, ConcurrentWriterAndReaderStayWithinCapacity) {
  constexpr std::size_t kCapacity = 50;
  HeadlineRing ring(kCapacity);
  std::atomic<bool> done{false};
  std::thread writer([&] {
    for (int i = 0; i < 5000; ++i) {
      std::vector<Headline> one = {make(std::to_string(i), "T" + std::to_string(i))};
      ring.insert(one);
    }
    done = true;
  });
  std::uint64_t known = 0;
  std::vector<Headline> out;
  std::size_t snapshots = 0;
  while (!done) {
    if (ring.snapshot_if_newer(known, out)) {
      ++snapshots;
      ASSERT_LE(out.size(), kCapacity);
    }
  }
  writer.join();
  EXPECT_EQ(ring.size(), kCapacity);
  EXPECT_GT(snapshots, 0u);
}

}  // namespace
}  // namespace newsticker::app
