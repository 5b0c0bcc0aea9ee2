#include "ticker/crawl.h"

#include <algorithm>
#include <string_view>

#include "ticker/layout.h"

namespace newsticker::app {

std::vector<TextRun> crawl_runs(const Headline& headline) {
  return crawl_strip_runs(headline, {});
}

namespace {

constexpr std::uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
constexpr std::uint64_t kFnvPrime = 0x100000001b3ULL;

std::uint64_t fnv1a(std::uint64_t hash, std::string_view bytes) {
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= kFnvPrime;
  }
  return hash;
}

}  // namespace

HeadlineKey headline_key(const Headline& headline) {
  // The prefixes keep an id from ever colliding with an equal link or title. Ids are unique only
  // within a feed ("1", "2" are common), so the source is part of an id's key, as in the ring.
  if (!headline.id.empty()) {
    return fnv1a(fnv1a(fnv1a(fnv1a(kFnvOffset, "id:"), headline.source), "\n"), headline.id);
  }
  if (!headline.link.empty()) return fnv1a(fnv1a(kFnvOffset, "link:"), headline.link);
  return fnv1a(fnv1a(fnv1a(fnv1a(kFnvOffset, "title:"), headline.source), "\n"), headline.title);
}

void Crawl::set_headlines(std::vector<Headline> headlines, Next next) {
  headlines_ = std::move(headlines);
  keys_.resize(headlines_.size());
  for (std::size_t i = 0; i < headlines_.size(); ++i) keys_[i] = headline_key(headlines_[i]);
  sorted_keys_ = keys_;
  std::sort(sorted_keys_.begin(), sorted_keys_.end());
  next_index_ = 0;
  if (!appended_any_ || next == Next::kFirst) return;
  for (std::size_t i = 0; i < headlines_.size(); ++i) {
    if (keys_[i] == last_appended_key_) {
      next_index_ = (i + 1) % headlines_.size();
      return;
    }
  }
}

void Crawl::advance(std::int64_t offset, const Prepare& prepare, const Release& release) {
  offset_ = std::max(offset_, offset);
  std::size_t gone = 0;
  while (gone < strips_.size() && strips_[gone].start + strips_[gone].width <= offset_) {
    release(strips_[gone].text);
    ++gone;
  }
  if (gone > 0) strips_.erase(strips_.begin(), strips_.begin() + static_cast<std::ptrdiff_t>(gone));
  if (headlines_.empty()) return;
  const std::int64_t view_end = offset_ + band_width_;
  // Each headline is tried at most once per call, so a list of unrenderable headlines can't spin.
  for (std::size_t tries = 0; tries < headlines_.size(); ++tries) {
    // The first strip starts at the left edge (after the lead), so news shows at once instead of
    // after it crawls in.
    std::int64_t start = strips_.empty() ? offset_ + lead_px_
                                         : strips_.back().start + strips_.back().width + gap_px_;
    if (start > view_end) break;
    const std::size_t index = next_index_;
    next_index_ = (next_index_ + 1) % headlines_.size();
    HeadlineKey key = keys_[index];
    const TextInfo info = prepare(headlines_[index], keys_[index], key);
    if (info.id == kNoText || info.width <= 0) continue;
    last_appended_key_ = keys_[index];
    appended_any_ = true;
    strips_.push_back(PlacedStrip{key, keys_[index], info.id, start, info.width});
    tries = 0;
  }
}

void Crawl::draw_commands(std::vector<DrawCommand>& out, int y) const {
  for (const PlacedStrip& strip : strips_) {
    const std::int64_t x = strip.start - offset_;
    if (x >= band_width_) break;
    out.push_back(DrawCommand{strip.text, static_cast<int>(x), y, DrawKind::kCopy, strip.width, 0});
  }
}

}  // namespace newsticker::app
