// Helper for test_store_sigkill.py: `write DIR` rewrites one feed's store file in a loop (each
// generation's headlines all name that generation) until it is killed; `check DIR` loads it and
// exits 0 printing the generation when the file is whole and consistent, 1 when corrupt, 2 when
// inconsistent, 3 when missing.
#include <cstdio>
#include <string>

#include "posix/atomic_file.h"
#include "posix/file_feed_store.h"

using namespace newsticker;

namespace {

constexpr const char* kUrl = "https://kill.example/rss";

long generation_of(const app::StoredFeed& feed) {
  return std::stol(feed.etag.substr(1));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) return 64;
  const std::string mode = argv[1];
  platform::remove_stale_temp_files(argv[2]);
  platform::FileFeedStore store(argv[2]);
  auto loaded = store.load(kUrl);
  if (mode == "check") {
    if (!loaded) {
      std::printf("%s\n", loaded.error().message.c_str());
      return loaded.error().kind == app::ErrorKind::kIo ? 3 : 1;
    }
    const std::string mark = "gen " + std::to_string(generation_of(*loaded)) + " ";
    if (loaded->headlines.size() != 200) return 2;
    for (const auto& headline : loaded->headlines) {
      if (headline.title.rfind(mark, 0) != 0) return 2;
    }
    std::printf("%ld\n", generation_of(*loaded));
    return 0;
  }
  long generation = loaded ? generation_of(*loaded) : 0;
  for (;;) {
    ++generation;
    app::StoredFeed feed;
    feed.url = kUrl;
    feed.etag = "g" + std::to_string(generation);
    feed.saved_at = app::UtcSeconds{std::chrono::seconds{1767268800 + generation}};
    for (int i = 0; i < 200; ++i) {
      app::Headline headline;
      headline.id = std::to_string(i);
      headline.title = "gen " + std::to_string(generation) + " item " + std::to_string(i);
      headline.summary = std::string(400, static_cast<char>('a' + generation % 26));
      feed.headlines.push_back(std::move(headline));
    }
    if (auto saved = store.save(feed); !saved) {
      std::fprintf(stderr, "%s\n", saved.error().message.c_str());
      return 1;
    }
    // Tells the test a whole generation is on disk, so its kill lands in the write loop.
    std::printf("%ld\n", generation);
    std::fflush(stdout);
  }
}
