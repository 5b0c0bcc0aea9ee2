#include "ticker/layout.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <string_view>

namespace newsticker::app {

std::string summary_text(const Headline& headline) {
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
  return summary;
}

namespace {

void add_head(std::vector<TextRun>& runs, const Headline& headline, const StripVariant& variant) {
  if (!headline.source.empty()) runs.push_back({TextStyle::kSourceBadge, headline.source});
  runs.push_back({TextStyle::kHeadline, headline.title});
  if (variant.age_minutes >= 0)
    runs.push_back({TextStyle::kClock, relative_time_label(variant.age_minutes)});
}

}  // namespace

std::vector<TextRun> crawl_strip_runs(const Headline& headline, const StripVariant& variant) {
  std::vector<TextRun> runs;
  add_head(runs, headline, variant);
  std::string summary = summary_text(headline);
  if (!summary.empty()) runs.push_back({TextStyle::kSummary, std::move(summary)});
  runs.push_back({TextStyle::kSeparator, "\u25A0"});
  return runs;
}

std::vector<TextRun> headline_line_runs(const Headline& headline, const StripVariant& variant) {
  std::vector<TextRun> runs;
  add_head(runs, headline, variant);
  runs.push_back({TextStyle::kSeparator, "\u25A0"});
  return runs;
}

std::vector<TextRun> summary_line_runs(const Headline& headline, const StripVariant&) {
  std::string summary = summary_text(headline);
  if (summary.empty()) return {};
  return {TextRun{TextStyle::kSummary, std::move(summary)}};
}

int age_bucket(std::int64_t age_minutes) {
  if (age_minutes < 1) return 0;
  if (age_minutes < 60) return static_cast<int>(age_minutes);
  if (age_minutes < 24 * 60) return static_cast<int>(age_minutes / 60 * 60);
  return static_cast<int>(std::min<std::int64_t>(age_minutes / (24 * 60), 999) * 24 * 60);
}

std::string relative_time_label(int bucket) {
  char text[32];
  if (bucket < 1) return "just now";
  if (bucket < 60)
    std::snprintf(text, sizeof text, "%d min ago", bucket);
  else if (bucket < 24 * 60)
    std::snprintf(text, sizeof text, "%d h ago", bucket / 60);
  else
    std::snprintf(text, sizeof text, "%d d ago", bucket / (24 * 60));
  return text;
}

bool matches_breaking(const Headline& headline, const BreakingConfig& rules) {
  for (const std::string& source : rules.sources) {
    if (headline.source == source) return true;
  }
  const auto lower = [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  };
  for (const std::string& keyword : rules.keywords) {
    if (keyword.empty()) continue;
    const auto found =
        std::search(headline.title.begin(), headline.title.end(), keyword.begin(), keyword.end(),
                    [&](char a, char b) { return lower(a) == lower(b); });
    if (found != headline.title.end()) return true;
  }
  return false;
}

bool schedule_on(const ScheduleConfig& schedule, int local_minute) {
  if (!schedule.enabled) return true;
  if (schedule.on_minute < schedule.off_minute) {
    return local_minute >= schedule.on_minute && local_minute < schedule.off_minute;
  }
  return local_minute >= schedule.on_minute || local_minute < schedule.off_minute;  // overnight
}

int burn_in_shift(std::chrono::nanoseconds t) {
  constexpr int kPattern[] = {0, 1, 2, 1};
  const auto step = std::chrono::duration_cast<std::chrono::minutes>(t).count() / 4;
  return kPattern[static_cast<std::size_t>(((step % 4) + 4) % 4)];
}

void fill_row_gaps(std::vector<DrawCommand>& out, std::size_t first, int y, int height, int width) {
  int covered = 0;
  const std::size_t end = out.size();
  for (std::size_t i = first; i < end; ++i) {
    const DrawCommand command = out[i];  // a copy: push_back may move the vector
    if (command.kind != DrawKind::kCopy) continue;
    if (command.x > covered) {
      out.push_back(DrawCommand{kNoText, covered, y, DrawKind::kFillBand,
                                std::min(command.x, width) - covered, height});
    }
    covered = std::max(covered, std::min(width, command.x + command.width));
    if (covered >= width) return;
  }
  if (covered < width)
    out.push_back(DrawCommand{kNoText, covered, y, DrawKind::kFillBand, width - covered, height});
}

int overflow_shift(std::chrono::nanoseconds since_shown, int overflow_px, double speed_px_per_s) {
  if (overflow_px <= 0 || since_shown <= kScrollDelay) return 0;
  const double seconds = std::chrono::duration<double>(since_shown - kScrollDelay).count();
  return -std::min(overflow_px, static_cast<int>(seconds * speed_px_per_s));
}

int line_x(int margin, int room, int width, TextDirection direction,
           std::chrono::nanoseconds since_shown, double speed_px_per_s) {
  const int shift = overflow_shift(since_shown, width - room, speed_px_per_s);  // <= 0
  if (direction == TextDirection::kLeftToRight) return margin + shift;
  return margin + room - width - shift;
}

int slide_remaining(std::chrono::nanoseconds phase, int height) {
  if (phase >= kSlide || phase.count() < 0) return 0;
  // Ease out: fast start, gentle landing.
  const double p = static_cast<double>(phase.count()) /
                   static_cast<double>(std::chrono::nanoseconds(kSlide).count());
  const double eased = 1.0 - (1.0 - p) * (1.0 - p);
  return static_cast<int>(std::lround((1.0 - eased) * height));
}

double contrast_ratio(Rgb a, Rgb b) {
  const auto channel = [](std::uint8_t value) {
    const double c = value / 255.0;
    return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
  };
  const auto luminance = [&](Rgb colour) {
    return 0.2126 * channel(colour.r) + 0.7152 * channel(colour.g) + 0.0722 * channel(colour.b);
  };
  const double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

}  // namespace newsticker::app
