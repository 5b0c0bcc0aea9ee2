#include "ring/headline_ring.h"

#include <algorithm>
#include <cassert>
#include <cctype>
#include <map>

namespace newsticker::app {

std::string normalise_title(std::string_view title) {
  std::string out;
  out.reserve(title.size());
  bool gap = false;
  for (unsigned char c : title) {
    // Bytes >= 0x80 (UTF-8 of non-ASCII letters) are kept as they are.
    if (c < 0x80 && (std::isspace(c) || std::ispunct(c))) {
      gap = !out.empty();
      continue;
    }
    if (gap) out.push_back(' ');
    gap = false;
    out.push_back(static_cast<char>(std::tolower(c)));
  }
  return out;
}

HeadlineRing::HeadlineRing(std::size_t capacity, RingOrder order)
    : capacity_(capacity), order_(order) {
  assert(capacity_ >= 1);
}

std::vector<std::string> HeadlineRing::keys_of(const Headline& headline) const {
  std::vector<std::string> keys;
  // Ids are only unique within a feed ("1", "2" are common), links and titles across feeds.
  if (!headline.id.empty()) keys.push_back("i\x1f" + headline.source + "\x1f" + headline.id);
  if (!headline.link.empty()) keys.push_back("l\x1f" + headline.link);
  std::string title = normalise_title(headline.title);
  if (!title.empty()) keys.push_back("t\x1f" + title);
  return keys;
}

bool HeadlineRing::contains_locked(const Headline& headline) const {
  for (const std::string& key : keys_of(headline)) {
    if (keys_.contains(key)) return true;
  }
  return false;
}

void HeadlineRing::add_keys_locked(const Headline& headline) {
  for (std::string& key : keys_of(headline)) ++keys_[std::move(key)];
  ++per_source_[headline.source];
}

void HeadlineRing::remove_keys_locked(const Headline& headline) {
  for (const std::string& key : keys_of(headline)) {
    auto found = keys_.find(key);
    if (found != keys_.end() && --found->second == 0) keys_.erase(found);
  }
  auto source = per_source_.find(headline.source);
  if (source != per_source_.end() && --source->second == 0) per_source_.erase(source);
}

void HeadlineRing::evict_one_locked() {
  auto victim = items_.begin();
  if (order_ == RingOrder::kRoundRobin && !per_source_.empty()) {
    // The busiest source loses its oldest item; ties go to the source whose oldest item is
    // oldest (the first met below), as the ring is in insertion order.
    std::size_t most = 0;
    for (const auto& [source, count] : per_source_) most = std::max(most, count);
    std::string_view busiest;
    for (const Headline& held : items_) {
      if (per_source_.at(held.source) == most) {
        busiest = held.source;
        break;
      }
    }
    victim = std::find_if(items_.begin(), items_.end(),
                          [&](const Headline& held) { return held.source == busiest; });
  }
  remove_keys_locked(*victim);
  items_.erase(victim);
}

std::size_t HeadlineRing::insert(std::span<const Headline> headlines) {
  std::size_t inserted = 0;
  std::lock_guard lock(mutex_);
  // Feeds list their newest item first; inserting in reverse keeps the newest last (the last
  // to be evicted).
  for (auto it = headlines.rbegin(); it != headlines.rend(); ++it) {
    if (contains_locked(*it)) continue;
    if (items_.size() == capacity_) evict_one_locked();
    items_.push_back(*it);
    add_keys_locked(*it);
    ++inserted;
  }
  if (inserted != 0) generation_.fetch_add(1, std::memory_order_acq_rel);
  return inserted;
}

std::size_t HeadlineRing::expire_older_than(UtcSeconds cutoff) {
  std::lock_guard lock(mutex_);
  const std::size_t before = items_.size();
  for (auto it = items_.begin(); it != items_.end();) {
    if (it->published && *it->published < cutoff) {
      remove_keys_locked(*it);
      it = items_.erase(it);
    } else {
      ++it;
    }
  }
  const std::size_t removed = before - items_.size();
  if (removed != 0) generation_.fetch_add(1, std::memory_order_acq_rel);
  return removed;
}

bool HeadlineRing::snapshot_if_newer(std::uint64_t& known, std::vector<Headline>& out) const {
  if (generation_.load(std::memory_order_acquire) == known) return false;
  {
    std::lock_guard lock(mutex_);
    known = generation_.load(std::memory_order_acquire);
    out.assign(items_.rbegin(), items_.rend());
  }
  // Sorting happens outside the lock: the fetch threads never wait for it.
  std::stable_sort(out.begin(), out.end(), [](const Headline& a, const Headline& b) {
    if (a.published && b.published) return *a.published > *b.published;
    return a.published.has_value() && !b.published.has_value();
  });
  if (order_ == RingOrder::kRoundRobin && !out.empty()) {
    // Sources in the order of their newest headline; then one of each in turn.
    std::vector<std::vector<Headline>> by_source;
    std::map<std::string, std::size_t> index;
    for (Headline& headline : out) {
      auto [found, fresh] = index.emplace(headline.source, by_source.size());
      if (fresh) by_source.emplace_back();
      by_source[found->second].push_back(std::move(headline));
    }
    out.clear();
    for (std::size_t round = 0;; ++round) {
      bool any = false;
      for (auto& group : by_source) {
        if (round < group.size()) {
          out.push_back(std::move(group[round]));
          any = true;
        }
      }
      if (!any) break;
    }
  }
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
