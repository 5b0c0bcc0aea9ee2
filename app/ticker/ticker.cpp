#include "ticker/ticker.h"

namespace newsticker::app {

Ticker::Ticker(Display& display, const HeadlineRing& ring, double speed_px_per_s,
               std::chrono::nanoseconds start)
    : display_(display),
      ring_(ring),
      motion_(make_motion(speed_px_per_s, display.refresh_period_ns())),
      start_(start),
      crawl_(display.size().width, std::max(8, display.band_height() / 3)),
      cache_(display) {
  const TextRun waiting[] = {{TextStyle::kStatus, "Waiting for headlines\u2026"}};
  if (auto prepared = display_.prepare_text(waiting)) {
    waiting_ = prepared->id;
    waiting_width_ = prepared->width;
  }
  commands_.reserve(16);
}

Ticker::~Ticker() {
  if (waiting_ != kNoText) display_.release_text(waiting_);
  if (status_ != kNoText) display_.release_text(status_);
}

void Ticker::set_status(std::string_view text) {
  if (text == status_text_) return;
  status_text_ = text;
  if (status_ != kNoText) display_.release_text(status_);
  status_ = kNoText;
  if (text.empty()) return;
  const TextRun runs[] = {{TextStyle::kStatus, std::string(text)}};
  if (auto prepared = display_.prepare_text(runs)) status_ = prepared->id;
}

void Ticker::frame(std::chrono::nanoseconds now) {
  if (ring_.snapshot_if_newer(known_generation_, snapshot_)) {
    crawl_.set_headlines(snapshot_);
    cache_.sweep(crawl_);
  }
  offset_ = crawl_offset_px(now - start_, motion_);
  crawl_.advance(
      offset_, [this](const Headline& headline, HeadlineKey key) { return cache_.get(headline, key); },
      [](TextId) {});
  // Sweeping is cheap but not free: only when a strip whose headline left the ring may have left
  // the band, or when a new strip took the cache over its cap.
  if ((cache_.has_orphans() && crawl_.strips().size() < last_strip_count_) || cache_.over_cap()) {
    cache_.sweep(crawl_);
  }
  last_strip_count_ = crawl_.strips().size();

  crawl_.draw_commands(commands_);
  if (commands_.empty() && waiting_ != kNoText) {
    commands_.push_back(DrawCommand{waiting_, (display_.size().width - waiting_width_) / 2});
  }
  if (status_ != kNoText) commands_.push_back(DrawCommand{status_, 0});
  display_.draw_frame(commands_);
}

}  // namespace newsticker::app
