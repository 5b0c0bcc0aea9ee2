#include "ticker/strip_cache.h"

#include <algorithm>

namespace newsticker::app {

StripCache::~StripCache() {
  for (const auto& [key, entry] : strips_) display_.release_text(entry.info.id);
}

TextInfo StripCache::get(const Headline& headline, HeadlineKey key) {
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
  // A new strip belongs to the current snapshot: it carries the current mark.
  strips_.emplace(key, Entry{*prepared, bytes, ++use_counter_, sweep_counter_, false});
  return *prepared;
}

void StripCache::erase(Map::iterator it) {
  display_.release_text(it->second.info.id);
  bytes_ -= it->second.bytes;
  strips_.erase(it);
}

void StripCache::sweep(const Crawl& crawl) {
  const std::uint64_t mark = ++sweep_counter_;
  for (const HeadlineKey key : crawl.keys()) {
    if (auto it = strips_.find(key); it != strips_.end()) it->second.mark = mark;
  }
  for (auto& [key, entry] : strips_) entry.on_screen = false;
  for (const PlacedStrip& strip : crawl.strips()) {
    if (auto it = strips_.find(strip.key); it != strips_.end()) it->second.on_screen = true;
  }
  orphans_ = 0;
  for (auto it = strips_.begin(); it != strips_.end();) {
    auto next = std::next(it);
    if (it->second.mark != mark) {
      if (it->second.on_screen) {
        ++orphans_;
      } else {
        erase(it);
      }
    }
    it = next;
  }
  while (bytes_ > max_bytes_) {
    auto oldest = strips_.end();
    for (auto it = strips_.begin(); it != strips_.end(); ++it) {
      if (it->second.on_screen) continue;
      if (oldest == strips_.end() || it->second.last_used < oldest->second.last_used) oldest = it;
    }
    if (oldest == strips_.end()) break;
    erase(oldest);
  }
}

}  // namespace newsticker::app
