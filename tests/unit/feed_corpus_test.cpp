// Runs the parser over the shared corpus (feedparser's test suite and real-world feeds):
// nothing may crash, every string must be valid UTF-8, and well-formed feeds must parse.
#include <gtest/gtest.h>
#include <utf8proc.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "feed/feed_json.h"
#include "feed/parse_feed.h"

#ifndef NEWSTICKER_SHARED_DIR
#define NEWSTICKER_SHARED_DIR "../shared"
#endif

namespace newsticker::app {
namespace {

namespace fs = std::filesystem;

bool valid_utf8(const std::string& s) {
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  utf8proc_ssize_t i = 0;
  const auto n = static_cast<utf8proc_ssize_t>(s.size());
  while (i < n) {
    utf8proc_int32_t cp = 0;
    const auto len = utf8proc_iterate(p + i, n - i, &cp);
    if (len <= 0) return false;
    i += len;
  }
  return true;
}

fs::path corpus_dir() {
  const char* env = std::getenv("NEWSTICKER_SHARED_DIR");
  fs::path dir = env != nullptr && *env != '\0' ? fs::path(env) : fs::path(NEWSTICKER_SHARED_DIR);
  return dir / "corpus";
}

std::vector<fs::path> files_under(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    const std::string name = it->path().filename().string();
    if (name.rfind("LICENSE", 0) == 0 || name.rfind('.', 0) == 0 ||
        it->path().extension() == ".md") {
      continue;
    }
    out.push_back(it->path());
  }
  return out;
}

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(FeedCorpus, EveryFileParsesSafelyAndWellFormedOnesSucceed) {
  const fs::path dir = corpus_dir();
  if (!fs::is_directory(dir)) GTEST_SKIP() << "no corpus at " << dir;
  const auto files = files_under(dir);
  ASSERT_FALSE(files.empty());
  std::size_t wellformed = 0;
  std::size_t wellformed_ok = 0;
  for (const auto& path : files) {
    const std::string bytes = read_all(path);
    const auto result = parse_feed(bytes);
    const std::string line = feed_to_json_line(path.string(), result);
    EXPECT_TRUE(valid_utf8(line)) << path;
    if (result) {
      EXPECT_TRUE(valid_utf8(result->title)) << path;
      for (const auto& h : result->items) {
        EXPECT_TRUE(valid_utf8(h.title) && valid_utf8(h.summary) && valid_utf8(h.link) &&
                    valid_utf8(h.id) && valid_utf8(h.source))
            << path;
      }
    }
    if (path.string().find("feedparser/wellformed") != std::string::npos) {
      ++wellformed;
      if (result) ++wellformed_ok;
    }
  }
  ASSERT_GT(wellformed, 0u);
  EXPECT_GE(wellformed_ok * 10, wellformed * 9)
      << wellformed_ok << " of " << wellformed << " well-formed feeds parsed";
}

}  // namespace
}  // namespace newsticker::app
