// StripCache: one rasterised strip per headline, made the first time the headline is needed and
// kept while the headline is in the ring or on screen. Main thread only (it calls the Display).
//
// Looking a strip up is one hash-map find on a 64-bit key: no string work and no allocation, so a
// frame in which a cached strip enters the band stays allocation-free.
#pragma once

#include <cstdint>
#include <unordered_map>

#include "ports/display.h"
#include "ticker/crawl.h"

namespace newsticker::app {

class StripCache {
 public:
  // What one strip costs, for the cap: width x band height x 4 bytes.
  // `max_bytes` caps the pixels kept for strips that are off screen (on-screen strips always stay).
  // 16 MiB holds about 20 long strips of a 1080p band. A bigger ring than that takes minutes to
  // cycle through, so caching its strips buys little: beyond the cap the least recently shown are
  // rasterised again when their turn comes (once per cycle through the ring, never per frame).
  explicit StripCache(Display& display, std::size_t max_bytes = 16u << 20)
      : display_(display), max_bytes_(max_bytes) {
    strips_.reserve(64);
  }
  ~StripCache();
  StripCache(const StripCache&) = delete;
  StripCache& operator=(const StripCache&) = delete;

  // The strip for `headline` (whose key is `key`), rasterised on first use. kNoText when the
  // display could not.
  TextInfo get(const Headline& headline, HeadlineKey key);
  // Frees the strips of headlines that are neither in the crawl's list nor on screen, then, while
  // the cache is over its byte cap, the least recently used strips that are not on screen.
  // Allocates nothing (marks instead of sets), so it may run in any frame.
  void sweep(const Crawl& crawl);
  // Whether some strip is kept only because it is on screen (its headline left the ring): the
  // ticker sweeps again when a strip leaves the band, but only then.
  bool has_orphans() const { return orphans_ > 0; }
  // Over the byte cap: sweep (after a frame that rasterised a new strip).
  bool over_cap() const { return bytes_ > max_bytes_; }

  std::size_t size() const { return strips_.size(); }
  std::size_t bytes() const { return bytes_; }
  std::size_t max_bytes() const { return max_bytes_; }
  // How many strips were rasterised since start (for tests: each headline once).
  std::size_t rasterised() const { return rasterised_; }

 private:
  struct Entry {
    TextInfo info;
    std::size_t bytes = 0;
    std::uint64_t last_used = 0;
    std::uint64_t mark = 0;  // sweep number that last found it in the ring
    bool on_screen = false;  // set by sweep
  };
  using Map = std::unordered_map<HeadlineKey, Entry>;
  void erase(Map::iterator it);

  Display& display_;
  std::size_t max_bytes_;
  Map strips_;
  std::size_t bytes_ = 0;
  std::uint64_t use_counter_ = 0;
  std::uint64_t sweep_counter_ = 0;
  std::size_t orphans_ = 0;
  std::size_t rasterised_ = 0;
};

}  // namespace newsticker::app
