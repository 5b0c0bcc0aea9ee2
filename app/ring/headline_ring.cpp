#include "ring/headline_ring.h"

#include <algorithm>
#include <cassert>

namespace newsticker::app {

HeadlineRing::HeadlineRing(std::size_t capacity) : capacity_(capacity) { assert(capacity_ >= 1); }

bool HeadlineRing::contains_locked(const Headline& headline) const {
  return std::any_of(items_.begin(), items_.end(), [&](const Headline& held) {
    if (!headline.id.empty() && headline.id == held.id) return true;
    if (!headline.link.empty() && headline.link == held.link) return true;
    return headline.id.empty() && headline.link.empty() && held.id.empty() &&
           held.link.empty() && headline.title == held.title && headline.source == held.source;
  });
}

std::size_t HeadlineRing::insert(std::span<const Headline> headlines) {
  std::size_t inserted = 0;
  std::lock_guard lock(mutex_);
  // Feeds list their newest item first; inserting in reverse keeps the newest last (the last
  // to be evicted).
  for (auto it = headlines.rbegin(); it != headlines.rend(); ++it) {
    if (contains_locked(*it)) continue;
    if (items_.size() == capacity_) items_.pop_front();
    items_.push_back(*it);
    ++inserted;
  }
  if (inserted != 0) generation_.fetch_add(1, std::memory_order_acq_rel);
  return inserted;
}

bool HeadlineRing::snapshot_if_newer(std::uint64_t& known, std::vector<Headline>& out) const {
  if (generation_.load(std::memory_order_acquire) == known) return false;
  {
    std::lock_guard lock(mutex_);
    known = generation_.load(std::memory_order_acquire);
    out.assign(items_.rbegin(), items_.rend());
  }
  // Sorting happens outside the lock: the fetch thread never waits for it.
  std::stable_sort(out.begin(), out.end(), [](const Headline& a, const Headline& b) {
    if (a.published && b.published) return *a.published > *b.published;
    return a.published.has_value() && !b.published.has_value();
  });
  return true;
}

std::vector<Headline> HeadlineRing::snapshot() const {
  std::uint64_t known = ~std::uint64_t{0};
  std::vector<Headline> out;
  snapshot_if_newer(known, out);
  return out;
}

std::size_t HeadlineRing::size() const {
  std::lock_guard lock(mutex_);
  return items_.size();
}

}  // namespace newsticker::app
