#include "ticker/strip_cache.h"

#include <algorithm>
#include <unordered_set>

namespace newsticker::app {

StripCache::~StripCache() {
  for (const auto& [key, entry] : strips_) display_.release_text(entry.info.id);
}

TextInfo StripCache::get(const Headline& headline) {
  std::string key = headline_key(headline);
  if (auto it = strips_.find(key); it != strips_.end()) {
    it->second.last_used = ++use_counter_;
    return it->second.info;
  }
  const auto runs = crawl_runs(headline);
  Result<TextInfo> prepared = display_.prepare_text(runs);
  if (!prepared) return TextInfo{};
  ++rasterised_;
  const std::size_t bytes = static_cast<std::size_t>(prepared->width) *
                            static_cast<std::size_t>(std::max(1, display_.band_height())) * 4;
  bytes_ += bytes;
  strips_.emplace(std::move(key), Entry{*prepared, bytes, ++use_counter_});
  return *prepared;
}

void StripCache::erase(std::unordered_map<std::string, Entry>::iterator it) {
  display_.release_text(it->second.info.id);
  bytes_ -= it->second.bytes;
  strips_.erase(it);
}

void StripCache::sweep(const Crawl& crawl) {
  std::unordered_set<std::string> in_ring;
  for (const Headline& headline : crawl.headlines()) in_ring.insert(headline_key(headline));
  std::unordered_set<std::string> on_screen;
  for (const PlacedStrip& strip : crawl.strips()) on_screen.insert(strip.key);
  for (auto it = strips_.begin(); it != strips_.end();) {
    auto next = std::next(it);
    if (!in_ring.contains(it->first) && !on_screen.contains(it->first)) erase(it);
    it = next;
  }
  while (bytes_ > max_bytes_) {
    auto oldest = strips_.end();
    for (auto it = strips_.begin(); it != strips_.end(); ++it) {
      if (on_screen.contains(it->first)) continue;
      if (oldest == strips_.end() || it->second.last_used < oldest->second.last_used) oldest = it;
    }
    if (oldest == strips_.end()) break;
    erase(oldest);
  }
}

}  // namespace newsticker::app
