// Soak: a simulated week of the fetch loop against the feed simulator over real TLS, cycling
// through its faults, on a manual clock (no waiting). Asserts what a screen left alone for months
// needs: resident memory flat after warm-up (< 1 MiB growth), the same number of open file
// descriptors and threads, and a ring that never exceeds its capacity.
//
// NEWSTICKER_SOAK_CYCLES sets the number of fetches (default 10000, about a minute).
#include <dirent.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "curl/curl_feed_source.h"
#include "fetch/fetch_loop.h"
#include "posix/file_feed_store.h"
#include "simulator_fixture.h"

namespace newsticker::platform {
namespace {

using namespace std::chrono_literals;
using testing::SimulatorProcess;

long resident_kib() {
  std::ifstream statm("/proc/self/statm");
  long size = 0, resident = 0;
  statm >> size >> resident;
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

int open_fds() {
  int count = 0;
  if (DIR* dir = opendir("/proc/self/fd")) {
    while (readdir(dir) != nullptr) ++count;
    closedir(dir);
  }
  return count;
}

int threads() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("Threads:", 0) == 0) return std::atoi(line.c_str() + 8);
  }
  return -1;
}

long soak_cycles() {
  const char* value = std::getenv("NEWSTICKER_SOAK_CYCLES");
  return value != nullptr ? std::atol(value) : 10000;
}

TEST(Soak, SimulatedWeekOfFetchesStaysFlat) {
  static CurlGlobal global;
  SimulatorProcess sim;
  ASSERT_TRUE(sim.ready());
  const std::string state =
      (std::filesystem::temp_directory_path() / ("newsticker-soak-" + std::to_string(::getpid())))
          .string();
  std::filesystem::create_directories(state);

  // Good feeds that change (new titles each cycle come from ?title=), faults that fail fast.
  const std::vector<std::string> paths = {
      "/feeds/world.xml",    "/feeds/business.atom", "/fault/500",        "/fault/429",
      "/fault/html",         "/fault/empty",         "/fault/truncated",  "/fault/redirect-loop",
      "/fault/not-modified", "/fault/redirect-http", "/rss.xml?items=50", "/fault/billion-laughs"};
  std::vector<app::FeedConfig> feeds;
  for (const std::string& path : paths) {
    app::FeedConfig feed;
    feed.url = sim.url(path);
    feed.name = path;
    // Ten minutes: with backoff on the failing ones, 10,000 fetches span more than a week.
    feed.refresh = 10min;
    feeds.push_back(feed);
  }
  app::FeedConfig closed;
  closed.url = "https://localhost:9/closed";
  closed.name = "closed port";
  closed.refresh = 10min;
  feeds.push_back(closed);

  constexpr std::size_t kCapacity = 100;
  app::HeadlineRing ring(kCapacity);
  app::NullLogSink log;
  app::ManualFetchClock clock;
  FileFeedStore store(state);
  CurlFeedSource source;
  app::FetchLoopOptions options;
  options.clock = &clock;
  options.store = &store;
  options.jitter_seed = 42;
  app::FetchLoop loop(feeds, testing::pki_dir() + "/ca.pem", source, ring, log, options);
  loop.restore_from_store();

  auto attempts = [&] {
    std::uint64_t total = 0;
    for (const auto& status : loop.statuses()) total += status.attempts;
    return total;
  };
  const long cycles = soak_cycles();
  const long warm_up = std::min<long>(cycles / 10, 500);
  long warm_rss = 0;
  int warm_fds = 0, warm_threads = 0;
  std::size_t most_held = 0;
  int most_fds = 0;
  while (attempts() < static_cast<std::uint64_t>(cycles)) {
    const auto next_due = loop.run_due();
    most_held = std::max(most_held, ring.size());
    most_fds = std::max(most_fds, open_fds());
    ASSERT_LE(ring.size(), kCapacity);
    if (warm_rss == 0 && attempts() >= static_cast<std::uint64_t>(warm_up)) {
      warm_rss = resident_kib();
      warm_fds = open_fds();
      warm_threads = threads();
    }
    clock.set(std::max(next_due, clock.now() + 1s));
  }
  const auto simulated = std::chrono::duration_cast<std::chrono::hours>(clock.now());
  const long end_rss = resident_kib();
  RecordProperty("cycles", static_cast<int>(attempts()));
  RecordProperty("simulated_hours", static_cast<int>(simulated.count()));
  RecordProperty("rss_growth_kib", static_cast<int>(end_rss - warm_rss));
  std::printf(
      "soak: %llu fetches over %lld simulated hours; RSS %ld KiB after warm-up, %ld KiB at "
      "the end; fds %d -> %d (most %d); threads %d -> %d; ring max %zu/%zu\n",
      static_cast<unsigned long long>(attempts()), static_cast<long long>(simulated.count()),
      warm_rss, end_rss, warm_fds, open_fds(), most_fds, warm_threads, threads(), most_held,
      kCapacity);
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  // A sanitizer's quarantine holds freed memory on purpose; resident size says nothing here.
#else
  EXPECT_LT(end_rss - warm_rss, 1024) << "resident memory grew by more than 1 MiB";
#endif
  // Keep-alive connections come and go, so the count moves by one or two between any two
  // moments; a leak would grow with every one of the thousands of fetches.
  EXPECT_LE(open_fds(), warm_fds + 2);
  EXPECT_LE(most_fds, warm_fds + 8) << "descriptors pile up during the run";
  EXPECT_EQ(threads(), warm_threads);
  EXPECT_GT(most_held, 0u);
  std::filesystem::remove_all(state);
}

}  // namespace
}  // namespace newsticker::platform
