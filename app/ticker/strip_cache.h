// StripCache: one rasterised strip per headline, made the first time the headline is needed and
// kept while the headline is in the ring or on screen. Main thread only (it calls the Display).
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

#include "ports/display.h"
#include "ticker/crawl.h"

namespace newsticker::app {

class StripCache {
 public:
  // `max_bytes` caps the pixels kept for strips that are off screen (on-screen strips always stay).
  explicit StripCache(Display& display, std::size_t max_bytes = 48u << 20)
      : display_(display), max_bytes_(max_bytes) {}
  ~StripCache();
  StripCache(const StripCache&) = delete;
  StripCache& operator=(const StripCache&) = delete;

  // The strip for `headline`, rasterised on first use. kNoText when the display could not.
  TextInfo get(const Headline& headline);
  // Frees the strips of headlines that are neither in the crawl's list nor on screen, then, while
  // the cache is over its byte cap, the least recently used strips that are not on screen.
  void sweep(const Crawl& crawl);

  std::size_t size() const { return strips_.size(); }
  std::size_t bytes() const { return bytes_; }
  // How many strips were rasterised since start (for tests: each headline once).
  std::size_t rasterised() const { return rasterised_; }

 private:
  Display& display_;
  struct Entry {
    TextInfo info;
    std::size_t bytes = 0;
    std::uint64_t last_used = 0;
  };
  void erase(std::unordered_map<std::string, Entry>::iterator it);

  std::size_t max_bytes_;
  std::unordered_map<std::string, Entry> strips_;
  std::size_t bytes_ = 0;
  std::uint64_t use_counter_ = 0;
  std::size_t rasterised_ = 0;
};

}  // namespace newsticker::app
