#include "ticker/ticker.h"

#include <algorithm>
#include <cstdio>

namespace newsticker::app {
namespace {

using std::chrono::nanoseconds;

RunsFor top_runs(Layout layout) {
  return layout == Layout::kCrawl ? &crawl_strip_runs : &headline_line_runs;
}

int top_height_for(Layout layout, int band) {
  return layout == Layout::kCrawl ? band : band * 58 / 100;
}

TextBox top_box_for(Layout layout, int band) {
  const int top = top_height_for(layout, band);
  return TextBox{top, layout == Layout::kCrawl ? 0 : top * 45 / 100, 0, StripBackground::kBand};
}

}  // namespace

TickerOptions ticker_options(const Config& config, const Display& display) {
  TickerOptions options;
  const DisplayConfig& d = config.display;
  options.layout = d.layout;
  options.speed_px_per_s = d.speed_px_per_s > 0
                               ? d.speed_px_per_s
                               : speed_from_cps(d.speed_cps, display.average_char_width());
  options.title = d.title;
  options.clock = d.clock;
  options.relative_time = d.relative_time;
  options.flip_hold = d.flip_hold;
  options.burn_in_shift = d.burn_in_shift;
  options.breaking = config.breaking;
  options.schedule = config.schedule;
  return options;
}

namespace {
TickerOptions with_speed(double speed_px_per_s) {
  TickerOptions options;
  options.speed_px_per_s = speed_px_per_s;
  return options;
}
}  // namespace

Ticker::Ticker(Display& display, const HeadlineRing& ring, double speed_px_per_s, nanoseconds start)
    : Ticker(display, ring, with_speed(speed_px_per_s), start) {}

Ticker::Ticker(Display& display, const HeadlineRing& ring, TickerOptions options, nanoseconds start)
    : display_(display),
      ring_(ring),
      options_(std::move(options)),
      motion_(make_motion(options_.speed_px_per_s, display.refresh_period_ns())),
      start_(start),
      width_(display.size().width),
      band_(display.band_height()),
      top_height_(top_height_for(options_.layout, band_)),
      bottom_height_(band_ - top_height_),
      top_box_(top_box_for(options_.layout, band_)),
      bottom_box_{std::max(1, band_ - top_height_), top_box_.headline_px, 0,
                  StripBackground::kBand},
      crawl_(width_, std::max(8, top_height_ / 3)),
      cache_(display, top_runs(options_.layout), top_box_),
      summaries_(display, &summary_line_runs, bottom_box_) {
  set_label(waiting_, "Waiting for headlines\u2026", TextStyle::kStatus,
            TextBox{band_, top_box_.headline_px, 0, StripBackground::kBand});
  if (!options_.title.empty()) {
    set_label(title_, options_.title, TextStyle::kTitleTab, top_box_);
    crawl_.set_lead(title_.width + 2);  // + the burn-in shift's largest step
  }
  commands_.reserve(32);
  on_screen_.reserve(64);
}

Ticker::~Ticker() {
  for (TextId id : {waiting_.id, title_.id, clock_.id, status_}) {
    if (id != kNoText) display_.release_text(id);
  }
}

void Ticker::set_label(Label& label, std::string_view text, TextStyle style, const TextBox& box) {
  if (label.id != kNoText) display_.release_text(label.id);
  label = {};
  if (text.empty()) return;
  const TextRun runs[] = {{style, std::string(text)}};
  if (auto prepared = display_.prepare_text(runs, box)) label = {prepared->id, prepared->width};
}

void Ticker::set_status(std::string_view text) {
  if (text == status_text_) return;
  status_text_ = text;
  Label label{status_, status_width_};
  set_label(label, text, TextStyle::kStatus, top_box_);
  status_ = label.id;
  status_width_ = label.width;
}

StripVariant Ticker::variant_for(std::size_t index, const WallTime& wall) const {
  StripVariant variant;
  if (index < breaking_now_.size()) variant.breaking = breaking_now_[index];
  const Headline& headline = crawl_.headlines()[index];
  if (options_.relative_time && wall.known && headline.published) {
    const auto age =
        std::chrono::duration_cast<std::chrono::minutes>(wall.utc - *headline.published);
    variant.age_minutes = age_bucket(std::max<std::int64_t>(0, age.count()));
  }
  return variant;
}

void Ticker::update_snapshot(const WallTime& wall) {
  const bool fresh = ring_.snapshot_if_newer(known_generation_, snapshot_);
  const bool expired = wall.known && wall.utc >= next_breaking_change_;
  if (!fresh && !expired) return;
  // Breaking items first (stable), each until it is older than the configured age.
  const bool any_rules = !options_.breaking.keywords.empty() || !options_.breaking.sources.empty();
  std::vector<Headline> ordered;
  ordered.reserve(snapshot_.size());
  std::vector<bool> breaking(snapshot_.size(), false);
  next_breaking_change_ = UtcSeconds::max();
  for (std::size_t i = 0; any_rules && i < snapshot_.size(); ++i) {
    const Headline& headline = snapshot_[i];
    if (!headline.published || !matches_breaking(headline, options_.breaking)) continue;
    const UtcSeconds until = *headline.published + options_.breaking.max_age;
    // Without a wall clock (tests, captures without one) a dated match counts as fresh.
    if (wall.known && wall.utc >= until) continue;
    breaking[i] = true;
    next_breaking_change_ = std::min(next_breaking_change_, until);
  }
  std::vector<HeadlineKey> now_breaking;
  for (std::size_t i = 0; i < snapshot_.size(); ++i) {
    if (breaking[i]) {
      ordered.push_back(snapshot_[i]);
      now_breaking.push_back(headline_key(snapshot_[i]));
    }
  }
  const std::size_t breaking_count = ordered.size();
  for (std::size_t i = 0; i < snapshot_.size(); ++i) {
    if (!breaking[i]) ordered.push_back(snapshot_[i]);
  }
  std::sort(now_breaking.begin(), now_breaking.end());
  // A breaking item not seen before goes next, instead of waiting for the cycle to come round.
  const bool new_breaking =
      std::any_of(now_breaking.begin(), now_breaking.end(), [&](HeadlineKey key) {
        return !std::binary_search(breaking_keys_.begin(), breaking_keys_.end(), key);
      });
  breaking_keys_ = std::move(now_breaking);
  crawl_.set_headlines(std::move(ordered),
                       new_breaking ? Crawl::Next::kFirst : Crawl::Next::kAfterLast);
  breaking_now_.assign(crawl_.headlines().size(), false);
  direction_.resize(crawl_.headlines().size());
  for (std::size_t i = 0; i < direction_.size(); ++i)
    direction_[i] = base_direction(crawl_.headlines()[i].title);
  std::fill(breaking_now_.begin(),
            breaking_now_.begin() + static_cast<std::ptrdiff_t>(breaking_count), true);
  // The new snapshot may order the headlines differently: find the current one again, so its
  // summary (two-line layout) is never another headline's.
  const auto& keys = crawl_.keys();
  current_index_ =
      static_cast<std::size_t>(std::find(keys.begin(), keys.end(), current_key_) - keys.begin());
  sweep_caches();
}

void Ticker::sweep_caches() {
  on_screen_.clear();
  for (const PlacedStrip& strip : crawl_.strips()) on_screen_.push_back(strip.key);
  for (HeadlineKey key : flip_keys_) {
    if (key != 0) on_screen_.push_back(key);
  }
  if (current_summary_ != 0) on_screen_.push_back(current_summary_);
  cache_.sweep(crawl_.sorted_keys(), on_screen_);
  summaries_.sweep(crawl_.sorted_keys(), on_screen_);
}

void Ticker::frame(nanoseconds now, const WallTime& wall) {
  commands_.clear();
  if (options_.schedule.enabled && wall.known &&
      !schedule_on(options_.schedule, wall.local_minute)) {
    // Outside the hours: a black screen ("off"), or black with the clock ("dim").
    commands_.push_back(DrawCommand{kNoText, 0, 0, DrawKind::kClearScreen, 0, 0});
    commands_.push_back(DrawCommand{kNoText, 0, 0, DrawKind::kFillBlack, width_, band_});
    if (options_.schedule.outside == ScheduleOutside::kDim && options_.clock) {
      update_clock(wall);
      draw_overlays(now, wall);
    }
    display_.draw_frame(commands_);
    return;
  }
  update_snapshot(wall);
  update_clock(wall);
  switch (options_.layout) {
    case Layout::kCrawl:
      draw_crawl(now, wall);
      break;
    case Layout::kTwoLine:
      draw_two_line(now, wall);
      break;
    case Layout::kFlip:
      draw_flip(now, wall);
      break;
  }
  draw_overlays(now, wall);
  display_.draw_frame(commands_);
}

void Ticker::draw_waiting(int row_height) {
  const std::size_t first = commands_.size();
  if (waiting_.id != kNoText) {
    commands_.push_back(DrawCommand{waiting_.id, (width_ - waiting_.width) / 2, 0, DrawKind::kCopy,
                                    waiting_.width, 0});
  }
  fill_row_gaps(commands_, first, 0, row_height, width_);
}

void Ticker::draw_crawl(nanoseconds now, const WallTime& wall) {
  offset_ = crawl_offset_px(now - start_, motion_);
  crawl_.advance(
      offset_,
      [this, &wall](const Headline& headline, HeadlineKey base, HeadlineKey& key) {
        const auto index = static_cast<std::size_t>(&headline - crawl_.headlines().data());
        return cache_.get(headline, base, variant_for(index, wall), &key);
      },
      [](TextId) {});
  // Sweeping is cheap but not free: only when a strip whose headline left the ring may have left
  // the band, or when a new strip took the cache over its cap.
  if ((cache_.has_orphans() && crawl_.strips().size() < last_strip_count_) || cache_.over_cap()) {
    sweep_caches();
  }
  last_strip_count_ = crawl_.strips().size();
  if (crawl_.empty()) {
    draw_waiting(band_);
    return;
  }
  const std::size_t first = commands_.size();
  crawl_.draw_commands(commands_, 0);
  fill_row_gaps(commands_, first, 0, top_height_, width_);
}

void Ticker::draw_two_line(nanoseconds now, const WallTime& wall) {
  draw_crawl(now, wall);
  if (crawl_.empty()) return;
  // The current item: the strip under the reading point, a quarter of the way in.
  const std::int64_t reading_point = offset_ + width_ / 4;
  const PlacedStrip* current = &crawl_.strips().back();
  for (const PlacedStrip& strip : crawl_.strips()) {
    if (strip.start + strip.width > reading_point) {
      current = &strip;
      break;
    }
  }
  if (current->base != current_key_) {
    current_key_ = current->base;
    current_since_ = now;
    const auto& keys = crawl_.keys();
    current_index_ =
        static_cast<std::size_t>(std::find(keys.begin(), keys.end(), current_key_) - keys.begin());
  }
  const std::size_t first = commands_.size();
  if (current_index_ < crawl_.headlines().size()) {
    const TextInfo summary =
        summaries_.get(crawl_.headlines()[current_index_], current_key_, {}, &current_summary_);
    if (summary.id != kNoText) {
      const int margin = std::max(4, band_ / 10);
      const int room = width_ - 2 * margin;
      const int x = line_x(margin, room, summary.width, direction_[current_index_],
                           now - current_since_, options_.speed_px_per_s);
      commands_.push_back(
          DrawCommand{summary.id, x, top_height_, DrawKind::kCopy, summary.width, 0});
    }
    if (summaries_.over_cap()) sweep_caches();
  }
  fill_row_gaps(commands_, first, top_height_, bottom_height_, width_);
}

void Ticker::draw_flip(nanoseconds now, const WallTime& wall) {
  const auto& headlines = crawl_.headlines();
  if (headlines.empty()) {
    draw_waiting(band_);
    return;
  }
  const nanoseconds elapsed = std::max(nanoseconds(0), now - start_);
  const nanoseconds hold = options_.flip_hold;
  const std::int64_t index = elapsed / hold;
  const nanoseconds phase = elapsed % hold;
  const int margin =
      std::max(4, band_ / 10) + (options_.burn_in_shift ? burn_in_shift(elapsed) : 0);
  const int room = width_ - 2 * margin;
  commands_.push_back(DrawCommand{kNoText, 0, 0, DrawKind::kFillBand, width_, band_});
  const int remaining = slide_remaining(phase, band_);
  bool swept = false;
  auto card = [&](std::int64_t item_index, int y, nanoseconds since, int slot) {
    const std::size_t i =
        static_cast<std::size_t>(item_index % static_cast<std::int64_t>(headlines.size()));
    const Headline& headline = headlines[i];
    const HeadlineKey base = crawl_.keys()[i];
    HeadlineKey head_key = 0, summary_key = 0;
    const TextInfo head = cache_.get(headline, base, variant_for(i, wall), &head_key);
    const TextInfo summary = summaries_.get(headline, base, {}, &summary_key);
    if (flip_keys_[slot] != head_key || flip_keys_[slot + 1] != summary_key) {
      flip_keys_[slot] = head_key;
      flip_keys_[slot + 1] = summary_key;
      swept = swept || cache_.over_cap() || summaries_.over_cap();
    }
    if (head.id != kNoText) {
      // The headline line makes room for the clock at its right.
      const int x = line_x(margin, room - clock_reserve(), head.width, direction_[i], since,
                           options_.speed_px_per_s);
      commands_.push_back(DrawCommand{head.id, x, y, DrawKind::kCopy, head.width, 0});
    }
    if (summary.id != kNoText) {
      const int x =
          line_x(margin, room, summary.width, direction_[i], since, options_.speed_px_per_s);
      commands_.push_back(
          DrawCommand{summary.id, x, y + top_height_, DrawKind::kCopy, summary.width, 0});
    }
  };
  card(index, remaining, phase, 0);
  if (remaining > 0 && index > 0) card(index - 1, remaining - band_, phase + hold, 2);
  if (swept) sweep_caches();
}

int Ticker::clock_pad() const {
  return std::max(4, top_height_ / 6);
}

int Ticker::clock_reserve() const {
  return options_.clock && clock_.id != kNoText ? clock_.width + clock_pad() * 3 / 2 + 2 : 0;
}

void Ticker::update_clock(const WallTime& wall) {
  // Once a minute: the only text a steady frame may rasterise when the clock is on.
  if (!options_.clock || !wall.known || wall.local_minute == clock_minute_) return;
  clock_minute_ = wall.local_minute;
  char text[8];
  std::snprintf(text, sizeof text, "%02d:%02d", (clock_minute_ / 60) % 24, clock_minute_ % 60);
  set_label(clock_, text, TextStyle::kClock, top_box_);
}

void Ticker::draw_overlays(nanoseconds now, const WallTime& wall) {
  const int shift = options_.burn_in_shift ? burn_in_shift(now - start_) : 0;
  int x = shift;
  if (title_.id != kNoText) {
    commands_.push_back(DrawCommand{title_.id, x, 0, DrawKind::kCopy, title_.width, 0});
    x += title_.width;
  }
  if (status_ != kNoText)
    commands_.push_back(DrawCommand{status_, x, 0, DrawKind::kCopy, status_width_, 0});
  if (options_.clock && wall.known) {
    if (clock_.id != kNoText) {
      // A band-coloured margin before the clock keeps it apart from the text passing under it.
      const int pad = clock_pad();
      const int x = width_ - clock_.width - pad / 2 - shift;
      commands_.push_back(
          DrawCommand{kNoText, x - pad, 0, DrawKind::kFillBand, width_ - (x - pad), top_height_});
      commands_.push_back(DrawCommand{clock_.id, x, 0, DrawKind::kCopy, clock_.width, 0});
    }
  }
}

}  // namespace newsticker::app
