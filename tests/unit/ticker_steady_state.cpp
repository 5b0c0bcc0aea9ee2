// The steady-state frame allocates nothing and rasterises nothing: over 600 frames, with strips
// entering and leaving the band, heap allocations (C++ operator new and, outside sanitizer builds,
// C malloc/calloc/realloc, which SDL uses) and glyph rasterisations are both zero.
//
// Its own binary: it replaces the global allocation functions to count them.
#include <SDL.h>
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "fake_display.h"
#include "ring/headline_ring.h"
#include "sdl/sdl_display.h"
#include "ticker/ticker.h"

namespace {

std::atomic<bool> g_counting{false};
std::atomic<long> g_allocations{0};

[[maybe_unused]] void note_allocation() {
  if (g_counting.load(std::memory_order_relaxed)) {
    g_allocations.fetch_add(1, std::memory_order_relaxed);
    if (std::getenv("NEWSTICKER_TRAP_ALLOCATION") != nullptr) __builtin_trap();  // for gdb
  }
}

}  // namespace

#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
// Sanitizers own the allocator (mixing theirs and this one is reported as a mismatch): there the
// frames still run, under the sanitizer, but the counts are skipped.
#define NEWSTICKER_COUNTS_ALLOCATIONS 1
void* operator new(std::size_t size) {
  note_allocation();
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) {
  return ::operator new(size);
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete[](void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
  std::free(p);
}

// C allocations too (SDL, FreeType, HarfBuzz call malloc): glibc's entry points under them.
// operator new above calls malloc too, so a C++ allocation counts twice; zero is zero.
extern "C" {
void* __libc_malloc(std::size_t);
void* __libc_calloc(std::size_t, std::size_t);
void* __libc_realloc(void*, std::size_t);
void* malloc(std::size_t size) {
  note_allocation();
  return __libc_malloc(size);
}
void* calloc(std::size_t count, std::size_t size) {
  note_allocation();
  return __libc_calloc(count, size);
}
void* realloc(void* p, std::size_t size) {
  note_allocation();
  return __libc_realloc(p, size);
}
}
#endif

namespace newsticker {
namespace {

using std::chrono::nanoseconds;

class AllocationCounter {
 public:
  AllocationCounter() {
    g_allocations = 0;
    g_counting = true;
  }
  ~AllocationCounter() { g_counting = false; }
  long stop() {
    g_counting = false;
    return g_allocations.load();
  }
};

// Short items, so that strips enter and leave the band within the 600 measured frames.
std::vector<app::Headline> headlines(bool with_summary = true) {
  std::vector<app::Headline> items;
  const char* titles[] = {"Markets rally as inflation cools for a third month",
                          "Storm closes ports along the northern coast",
                          "Parliament passes the budget after an all-night session"};
  int n = 0;
  for (const char* title : titles) {
    app::Headline headline;
    headline.id = "steady-" + std::to_string(n++);
    headline.title = title;
    headline.source = "Wire";
    if (with_summary) {
      headline.dateline = "LONDON";
      headline.agency = "Reuters";
      headline.lede = "A summary sentence.";
    }
    items.push_back(headline);
  }
  return items;
}

nanoseconds at(long frame) {
  return nanoseconds(frame * 1'000'000'000LL / 60);
}

class SteadyStateLayouts : public ::testing::TestWithParam<app::Layout> {};

TEST_P(SteadyStateLayouts, FakeDisplayNoAllocationNoRasterisationOver600Frames) {
  app::FakeDisplay display;
  app::HeadlineRing ring(10);
  const auto items = headlines();
  ring.insert(items);
  app::TickerOptions options;
  options.layout = GetParam();
  options.flip_hold = std::chrono::seconds(2);  // several flips within the 600 frames
  options.title = "LATEST";
  app::Ticker ticker(display, ring, options, nanoseconds(0));
  // Warm-up: every headline has been on screen once, every buffer has reached its size.
  long frame = 0;
  for (; frame < 1800; ++frame) ticker.frame(at(frame));
  const int prepared = display.prepared;
  const bool crawls = GetParam() != app::Layout::kFlip;  // flip shows cards, not crawl strips
  const auto strips_before = crawls ? ticker.crawl().strips().front().start : 0;
  AllocationCounter counter;
  for (long end = frame + 600; frame < end; ++frame) ticker.frame(at(frame));
  const long allocations = counter.stop();
#ifdef NEWSTICKER_COUNTS_ALLOCATIONS
  EXPECT_EQ(allocations, 0);
#else
  (void)allocations;
#endif
  EXPECT_EQ(display.prepared - prepared, 0);
  // Strips did enter and leave in the measured frames (the case that used to allocate).
  if (crawls) {
    EXPECT_NE(ticker.crawl().strips().front().start, strips_before);
  }
}

std::string layout_name(const ::testing::TestParamInfo<app::Layout>& info) {
  switch (info.param) {
    case app::Layout::kCrawl:
      return "crawl";
    case app::Layout::kTwoLine:
      return "two_line";
    case app::Layout::kFlip:
      return "flip";
  }
  return "unknown";
}

INSTANTIATE_TEST_SUITE_P(AllLayouts, SteadyStateLayouts,
                         ::testing::Values(app::Layout::kCrawl, app::Layout::kTwoLine,
                                           app::Layout::kFlip),
                         layout_name);

class SteadyStateSdl : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
  }
  platform::SdlLibrary sdl_;
  platform::TtfLibrary ttf_;
};

TEST_F(SteadyStateSdl, SdlDisplayNoAllocationNoRasterisationOver600Frames) {
  ASSERT_TRUE(sdl_.ok() && ttf_.ok()) << SDL_GetError();
  platform::SdlDisplayOptions options;
  options.mode = platform::SdlMode::kHeadless;
  options.display.width = 1920;
  options.display.height = 1080;
  options.default_font = NEWSTICKER_DEFAULT_FONT;
  options.default_bold_font = NEWSTICKER_DEFAULT_BOLD_FONT;
  auto display = platform::SdlDisplay::create(options);
  ASSERT_TRUE(display) << display.error().message;
  app::HeadlineRing ring(10);
  const auto items = headlines(false);
  ring.insert(items);
  app::Ticker ticker(**display, ring, 120.0, nanoseconds(0));
  // Warm-up: until every headline was rasterised, then until the last one has crossed the whole
  // band (each texture's first copy makes SDL build its blit map once).
  long frame = 0;
  for (; ticker.cache().rasterised() < items.size(); ++frame) ticker.frame(at(frame));
  for (long end = frame + 3000; frame < end; ++frame) ticker.frame(at(frame));
  const auto rasterised = (*display)->rasterisations();
  const auto strips_before = ticker.crawl().strips().front().start;
  AllocationCounter counter;
  for (long end = frame + 600; frame < end; ++frame) ticker.frame(at(frame));
  const long allocations = counter.stop();
#ifdef NEWSTICKER_COUNTS_ALLOCATIONS
  EXPECT_EQ(allocations, 0);
#else
  (void)allocations;
#endif
  EXPECT_EQ((*display)->rasterisations() - rasterised, 0u);
  EXPECT_NE(ticker.crawl().strips().front().start, strips_before);
#ifndef NEWSTICKER_COUNTS_ALLOCATIONS
  GTEST_SKIP() << "sanitizer build: frames ran, allocations not counted";
#endif
}

}  // namespace
}  // namespace newsticker
