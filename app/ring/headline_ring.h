// HeadlineRing: the fixed-capacity store of headlines shared by the fetch thread (writer) and the
// render thread (reader). The mutex is held only to copy headlines in or out, never during I/O or
// drawing, so the renderer never waits on the network.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <span>
#include <vector>

#include "core/headline.h"

namespace newsticker::app {

class HeadlineRing {
 public:
  // capacity >= 1: the most headlines ever held; inserting into a full ring evicts the oldest.
  explicit HeadlineRing(std::size_t capacity);

  HeadlineRing(const HeadlineRing&) = delete;
  HeadlineRing& operator=(const HeadlineRing&) = delete;

  // Any thread. Inserts the headlines not yet held: a headline is a duplicate when its id, or its
  // link, equals that of one already held (or, with neither, its source and title do). Returns the
  // number inserted; the generation moves when it is not zero.
  std::size_t insert(std::span<const Headline> headlines);

  // Any thread. Changes each time the contents change.
  std::uint64_t generation() const { return generation_.load(std::memory_order_acquire); }

  // Any thread. Copies the contents, newest published first (undated last, in insertion order),
  // into `out` when the generation differs from `known`, and updates `known`. Returns whether it
  // copied. The renderer calls this every frame; it costs one atomic load when nothing changed.
  bool snapshot_if_newer(std::uint64_t& known, std::vector<Headline>& out) const;

  std::vector<Headline> snapshot() const;
  std::size_t size() const;
  std::size_t capacity() const { return capacity_; }

 private:
  bool contains_locked(const Headline& headline) const;

  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::deque<Headline> items_;  // oldest inserted first; size <= capacity_
  std::atomic<std::uint64_t> generation_{0};
};

}  // namespace newsticker::app
