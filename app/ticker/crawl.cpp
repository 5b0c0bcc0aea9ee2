#include "ticker/crawl.h"

#include <algorithm>

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

std::string headline_key(const Headline& headline) {
  if (!headline.id.empty()) return "id:" + headline.id;
  if (!headline.link.empty()) return "link:" + headline.link;
  return "title:" + headline.source + "\n" + headline.title;
}

void Crawl::set_headlines(std::vector<Headline> headlines) {
  headlines_ = std::move(headlines);
  next_index_ = 0;
  if (last_appended_key_.empty()) return;
  for (std::size_t i = 0; i < headlines_.size(); ++i) {
    if (headline_key(headlines_[i]) == last_appended_key_) {
      next_index_ = (i + 1) % headlines_.size();
      return;
    }
  }
}

void Crawl::advance(std::int64_t offset, const Prepare& prepare, const Release& release) {
  offset_ = std::max(offset_, offset);
  while (!strips_.empty() && strips_.front().start + strips_.front().width <= offset_) {
    release(strips_.front().text);
    strips_.pop_front();
  }
  if (headlines_.empty()) return;
  const std::int64_t view_end = offset_ + band_width_;
  // Each headline is tried at most once per call, so a list of unrenderable headlines can't spin.
  for (std::size_t tries = 0; tries < headlines_.size(); ++tries) {
    // The first strip starts at the left edge, so news shows at once instead of after it crawls in.
    std::int64_t start = strips_.empty() ? offset_ : strips_.back().start + strips_.back().width + gap_px_;
    if (start > view_end) break;
    const Headline& headline = headlines_[next_index_];
    next_index_ = (next_index_ + 1) % headlines_.size();
    const TextInfo info = prepare(headline);
    if (info.id == kNoText || info.width <= 0) continue;
    last_appended_key_ = headline_key(headline);
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
