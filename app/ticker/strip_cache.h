// StripCache: one rasterised strip per headline (and variant), made the first time it is needed
// and kept while the headline is in the ring or the strip is on screen. Main thread only (it
// calls the Display).
//
// Looking a strip up is one hash-map find on a 64-bit key: no string work and no allocation, so
// a frame in which a cached strip enters the band stays allocation-free.
#pragma once

#include <cstdint>
#include <span>
#include <unordered_map>
#include <vector>

#include "core/headline.h"
#include "ports/display.h"
#include "ticker/crawl.h"

namespace newsticker::app {

// What besides the headline a strip shows: highlighted as breaking, and its age label.
struct StripVariant {
  bool breaking = false;
  int age_minutes = -1;  // rounded to the label's unit (age_bucket); -1 = no label
};

// The runs a strip is drawn from.
using RunsFor = std::vector<TextRun> (*)(const Headline&, const StripVariant&);

class StripCache {
 public:
  // `max_bytes` caps the pixels kept for strips that are off screen (on-screen strips always
  // stay). 16 MiB holds about 20 long strips of a 1080p band. A bigger ring takes minutes to
  // cycle through, so caching all of it buys little: beyond the cap the least recently shown
  // are rasterised again when their turn comes (once per cycle through the ring, never per
  // frame).
  StripCache(Display& display, RunsFor runs, TextBox box, std::size_t max_bytes = 16u << 20)
      : display_(display), runs_(runs), box_(box), max_bytes_(max_bytes) {
    strips_.reserve(64);
  }
  ~StripCache();
  StripCache(const StripCache&) = delete;
  StripCache& operator=(const StripCache&) = delete;

  // The key a strip of `headline` (key `base`) in `variant` is cached under.
  static HeadlineKey key_for(HeadlineKey base, const StripVariant& variant);

  // The strip for `headline` (whose headline_key is `base`) in `variant`, rasterised on first
  // use; kNoText when the display could not. `cache_key` receives key_for(base, variant).
  TextInfo get(const Headline& headline, HeadlineKey base, const StripVariant& variant,
               HeadlineKey* cache_key = nullptr);
  // Frees the strips of headlines that are not in `sorted_ring_keys` (headline keys, sorted)
  // unless their cache key is in `on_screen`; then, while over the byte cap, the least recently
  // used strips not on screen. Allocates nothing, so it may run in any frame.
  void sweep(std::span<const HeadlineKey> sorted_ring_keys, std::span<const HeadlineKey> on_screen);
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
    HeadlineKey base = 0;
    std::size_t bytes = 0;
    std::uint64_t last_used = 0;
    bool on_screen = false;  // set by sweep
  };
  using Map = std::unordered_map<HeadlineKey, Entry>;
  void erase(Map::iterator it);

  Display& display_;
  RunsFor runs_;
  TextBox box_;
  std::size_t max_bytes_;
  Map strips_;
  std::size_t bytes_ = 0;
  std::uint64_t use_counter_ = 0;
  std::size_t orphans_ = 0;
  std::size_t rasterised_ = 0;
};

}  // namespace newsticker::app
