// parse_feed() throughput: the two ~10 MB feeds written by /work/shared/bench/feeds/make_feeds.py
// (directory from NEWSTICKER_BENCH_FEEDS) and a 20,000-item RSS generated in memory. Wall-clock
// time (UseRealTime), as feedparser_time.py and sax_count measure, so the ratios compare alike.
#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>

#include "feed/parse_feed.h"

namespace {

using newsticker::app::ParsedFeed;
using newsticker::app::ParseOptions;
using newsticker::app::Result;

constexpr std::size_t kAllItems = 1'000'000;  // parse every item, as feedparser does

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void run_parse(benchmark::State& state, const std::string& bytes, std::size_t expected_items) {
  ParseOptions options;
  options.max_items = kAllItems;
  options.max_bytes = bytes.size() + 1;
  for (auto _ : state) {
    Result<ParsedFeed> feed = newsticker::app::parse_feed(bytes, options);
    if (!feed.has_value()) {
      state.SkipWithError(("parse_feed failed: " + feed.error().message).c_str());
      return;
    }
    if (feed->items.size() != expected_items) {
      state.SkipWithError(("parsed " + std::to_string(feed->items.size()) + " items, expected " +
                           std::to_string(expected_items))
                              .c_str());
      return;
    }
    benchmark::DoNotOptimize(feed);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(bytes.size()));
  state.counters["MB"] = static_cast<double>(bytes.size()) / 1e6;
}

void BM_ParseFeed(benchmark::State& state, const char* file_name) {
  const char* dir = std::getenv("NEWSTICKER_BENCH_FEEDS");
  if (dir == nullptr || *dir == '\0') {
    state.SkipWithError("NEWSTICKER_BENCH_FEEDS is not set (see tests/bench/run_parse_bench.sh)");
    return;
  }
  const std::string path = std::string(dir) + "/" + file_name;
  const std::optional<std::string> bytes = read_file(path);
  if (!bytes) {
    state.SkipWithError(("cannot read " + path).c_str());
    return;
  }
  // make_feeds.py writes 2,000 items unless told otherwise.
  const char* items = std::getenv("NEWSTICKER_BENCH_FEED_ITEMS");
  run_parse(state, *bytes, items != nullptr ? std::strtoul(items, nullptr, 10) : 2000);
}
BENCHMARK_CAPTURE(BM_ParseFeed, rss_utf8, "rss_utf8.xml")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_ParseFeed, rss_cp1252, "rss_cp1252.xml")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// 20,000 short items (~265 bytes each, ~5.3 MB): per-item overhead rather than text volume.
constexpr std::size_t k20kItems = 20'000;

std::string make_20k_feed() {
  std::string doc =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n"
      "  <title>Generated &amp; large</title>\n  <link>https://bench.example/</link>\n";
  doc.reserve(5'200'000);
  static constexpr const char* kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  for (std::size_t i = 0; i < k20kItems; ++i) {
    const std::string n = std::to_string(i);
    doc += "<item>\n<title>Headline ";
    doc += n;
    doc += " &amp; caf\xc3\xa9</title>\n<link>https://bench.example/a/";
    doc += n;
    doc += "</link>\n<guid>urn:b:";
    doc += n;
    doc += "</guid>\n<pubDate>";
    doc += kDays[i % 7];
    doc += ", 0";
    doc += std::to_string(1 + i % 9);
    doc += " Nov 2026 10:";
    doc += std::to_string(10 + i % 50);
    doc += ":00 GMT</pubDate>\n<description>LONDON (Reuters) - Item ";
    doc += n;
    doc += " said &lt;b&gt;prices&lt;/b&gt; rose.</description>\n</item>\n";
  }
  doc += "</channel>\n</rss>\n";
  return doc;
}

void BM_Parse20kItems(benchmark::State& state) {
  static const std::string doc = make_20k_feed();
  run_parse(state, doc, k20kItems);
}
BENCHMARK(BM_Parse20kItems)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
