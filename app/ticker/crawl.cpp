#include "ticker/crawl.h"

#include <algorithm>
#include <string_view>

namespace newsticker::app {

std::vector<TextRun> crawl_runs(const Headline& headline) {
  std::vector<TextRun> runs;
  if (!headline.source.empty()) runs.push_back({TextStyle::kSourceBadge, headline.source});
  runs.push_back({TextStyle::kHeadline, headline.title});
  std::string summary;
  if (!headline.dateline.empty() || !headline.agency.empty()) {
    summary = headline.dateline;
    if (!headline.agency.empty()) {
      if (!summary.empty()) summary += ' ';
      summary += "(" + headline.agency + ")";
    }
    summary += " \u2014 ";
    summary += headline.lede;
  } else if (!headline.lede.empty()) {
    summary = headline.lede;
  } else {
    summary = headline.summary;
  }
  if (!summary.empty()) runs.push_back({TextStyle::kSummary, std::move(summary)});
  runs.push_back({TextStyle::kSeparator, "\u25A0"});
  return runs;
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
  // The prefixes keep an id from ever colliding with an equal link or title.
  if (!headline.id.empty()) return fnv1a(fnv1a(kFnvOffset, "id:"), headline.id);
  if (!headline.link.empty()) return fnv1a(fnv1a(kFnvOffset, "link:"), headline.link);
  return fnv1a(fnv1a(fnv1a(fnv1a(kFnvOffset, "title:"), headline.source), "\n"), headline.title);
}

void Crawl::set_headlines(std::vector<Headline> headlines) {
  headlines_ = std::move(headlines);
  keys_.resize(headlines_.size());
  for (std::size_t i = 0; i < headlines_.size(); ++i) keys_[i] = headline_key(headlines_[i]);
  next_index_ = 0;
  if (!appended_any_) return;
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
    // The first strip starts at the left edge, so news shows at once instead of after it crawls in.
    std::int64_t start = strips_.empty() ? offset_ : strips_.back().start + strips_.back().width + gap_px_;
    if (start > view_end) break;
    const std::size_t index = next_index_;
    next_index_ = (next_index_ + 1) % headlines_.size();
    const TextInfo info = prepare(headlines_[index], keys_[index]);
    if (info.id == kNoText || info.width <= 0) continue;
    last_appended_key_ = keys_[index];
    appended_any_ = true;
    strips_.push_back(PlacedStrip{last_appended_key_, info.id, start, info.width});
    tries = 0;
  }
}

void Crawl::draw_commands(std::vector<DrawCommand>& out) const {
  out.clear();
  for (const PlacedStrip& strip : strips_) {
    const std::int64_t x = strip.start - offset_;
    if (x >= band_width_) break;
    out.push_back(DrawCommand{strip.text, static_cast<int>(x)});
  }
}

}  // namespace newsticker::app
