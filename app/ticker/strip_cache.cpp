#include "ticker/strip_cache.h"

#include <algorithm>

namespace newsticker::app {

StripCache::~StripCache() {
  for (const auto& [key, entry] : strips_) display_.release_text(entry.info.id);
}

HeadlineKey StripCache::key_for(HeadlineKey base, const StripVariant& variant) {
  if (!variant.breaking && variant.age_minutes < 0) return base;
  // splitmix64 of the variant, so that variants of one headline never share a key.
  std::uint64_t z =
      (static_cast<std::uint64_t>(variant.age_minutes + 2) << 1) | (variant.breaking ? 1 : 0);
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return base ^ z ^ (z >> 31);
}

TextInfo StripCache::get(const Headline& headline, HeadlineKey base, const StripVariant& variant,
                         HeadlineKey* cache_key) {
  const HeadlineKey key = key_for(base, variant);
  if (cache_key != nullptr) *cache_key = key;
  if (auto it = strips_.find(key); it != strips_.end()) {
    it->second.last_used = ++use_counter_;
    return it->second.info;
  }
  const std::vector<TextRun> runs = runs_(headline, variant);
  TextBox box = box_;
  if (variant.breaking) box.background = StripBackground::kHighlight;
  Result<TextInfo> prepared = display_.prepare_text(runs, box);
  if (!prepared) return TextInfo{};
  ++rasterised_;
  const int height = prepared->height > 0 ? prepared->height : display_.band_height();
  const std::size_t bytes =
      static_cast<std::size_t>(prepared->width) * static_cast<std::size_t>(std::max(1, height)) * 4;
  bytes_ += bytes;
  strips_.emplace(key, Entry{*prepared, base, bytes, ++use_counter_, true});
  return *prepared;
}

void StripCache::erase(Map::iterator it) {
  display_.release_text(it->second.info.id);
  bytes_ -= it->second.bytes;
  strips_.erase(it);
}

void StripCache::sweep(std::span<const HeadlineKey> sorted_ring_keys,
                       std::span<const HeadlineKey> on_screen) {
  for (auto& [key, entry] : strips_) entry.on_screen = false;
  for (const HeadlineKey key : on_screen) {
    if (auto it = strips_.find(key); it != strips_.end()) it->second.on_screen = true;
  }
  orphans_ = 0;
  for (auto it = strips_.begin(); it != strips_.end();) {
    auto next = std::next(it);
    if (!std::binary_search(sorted_ring_keys.begin(), sorted_ring_keys.end(), it->second.base)) {
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
