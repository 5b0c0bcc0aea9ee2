// HeadlineRing: the fixed-capacity store of headlines shared by the fetch threads (writers) and the
// render thread (reader). The mutex is held only to copy headlines in or out, never during I/O or
// drawing, so the renderer never waits on the network.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/config.h"
#include "core/headline.h"

namespace newsticker::app {

// A title for duplicate detection: case-folded (ASCII), runs of whitespace and ASCII punctuation
// collapsed to one space, trimmed. "Storm: Flights  CANCELLED!" -> "storm flights cancelled".
std::string normalise_title(std::string_view title);

class HeadlineRing {
 public:
  // capacity >= 1: the most headlines ever held; inserting into a full ring evicts the oldest
  // inserted (kNewest) or the oldest of the source that holds the most (kRoundRobin, so that one
  // busy feed cannot crowd the others out).
  explicit HeadlineRing(std::size_t capacity, RingOrder order = RingOrder::kNewest);

  HeadlineRing(const HeadlineRing&) = delete;
  HeadlineRing& operator=(const HeadlineRing&) = delete;

  // Any thread. Inserts the headlines not yet held. A headline is a duplicate of one held (from
  // any feed) when its id (within the same source), its link, or its normalised title is equal.
  // Returns the number inserted; the generation moves when it is not zero.
  std::size_t insert(std::span<const Headline> headlines);

  // Any thread. Drops headlines published before `cutoff` (undated ones stay). Returns how many.
  std::size_t expire_older_than(UtcSeconds cutoff);

  // Any thread. Changes each time the contents change.
  std::uint64_t generation() const { return generation_.load(std::memory_order_acquire); }

  // Any thread. Copies the contents into `out` when the generation differs from `known`, and
  // updates `known`; returns whether it copied. Order: newest published first (undated last, newest
  // inserted first); with kRoundRobin, one headline of each source in turn, each source's in that
  // order. The renderer calls this every frame; it costs one atomic load when nothing changed.
  bool snapshot_if_newer(std::uint64_t& known, std::vector<Headline>& out) const;

  std::vector<Headline> snapshot() const;
  std::size_t size() const;
  std::size_t capacity() const { return capacity_; }

 private:
  std::vector<std::string> keys_of(const Headline& headline) const;
  bool contains_locked(const Headline& headline) const;
  void add_keys_locked(const Headline& headline);
  void remove_keys_locked(const Headline& headline);
  void evict_one_locked();

  const std::size_t capacity_;
  const RingOrder order_;
  mutable std::mutex mutex_;
  std::deque<Headline> items_;                 // oldest inserted first; size <= capacity_
  std::unordered_map<std::string, int> keys_;  // duplicate keys of the items held, counted
  // Items held per source, kept up to date on insert and removal, so that round-robin eviction
  // finds the busiest source without a pass that allocates under the lock.
  std::unordered_map<std::string, std::size_t> per_source_;
  std::atomic<std::uint64_t> generation_{0};
};

}  // namespace newsticker::app
