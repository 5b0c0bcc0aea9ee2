// Layout helpers: pure functions of time and content that the Ticker composes into frames.
// No drawing, no clock, no allocation unless a function says it returns a string.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/config.h"
#include "core/headline.h"
#include "ports/display.h"
#include "ticker/script_runs.h"
#include "ticker/strip_cache.h"

namespace newsticker::app {

// Runs of the strips each layout is made of.
// crawl: badge, headline, [age], dateline summary, separator.
std::vector<TextRun> crawl_strip_runs(const Headline& headline, const StripVariant& variant);
// two-line top line and flip top line: badge, headline, [age], separator.
std::vector<TextRun> headline_line_runs(const Headline& headline, const StripVariant& variant);
// two-line bottom line and flip bottom line: the dateline summary alone.
std::vector<TextRun> summary_line_runs(const Headline& headline, const StripVariant& variant);
// The dateline summary text: "DATELINE (Agency) — lede", else the lede, else the summary.
std::string summary_text(const Headline& headline);

// Age labels: exact minutes under an hour, then hours, then days; the bucket is the age rounded
// down to the label's unit, so a strip is re-rasterised only when its label changes.
int age_bucket(std::int64_t age_minutes);
std::string relative_time_label(int age_bucket_minutes);  // "just now", "12 min ago", "3 h ago"

// Whether `headline` matches a breaking rule (a keyword in its title, ASCII case-insensitive, or
// one of the sources). Age is checked separately.
bool matches_breaking(const Headline& headline, const BreakingConfig& rules);

// Whether the screen is on at `local_minute` (0..1439) under `schedule`.
bool schedule_on(const ScheduleConfig& schedule, int local_minute);

// Burn-in care: the horizontal shift of static elements (title tab, clock, flip cards) at time
// `t`: 0, 1, 2, 1, 0, ... px, one step every four minutes.
int burn_in_shift(std::chrono::nanoseconds t);

// Appends band fills for the parts of row [y, y + height) that the copy commands
// out[first..] (left to right, as wide as their `width`) leave uncovered across `width` px.
void fill_row_gaps(std::vector<DrawCommand>& out, std::size_t first, int y, int height, int width);

// Flip and two-line: a line too long for the band waits `kScrollDelay`, then moves left at
// `speed_px_per_s` until its end is in view, then stays. Returns the x shift (<= 0).
inline constexpr std::chrono::milliseconds kScrollDelay{1500};
int overflow_shift(std::chrono::nanoseconds since_shown, int overflow_px, double speed_px_per_s);

// Where a line `width` px wide starts in a box [margin, margin + room): left-aligned, or
// right-aligned for right-to-left text; a line too long moves (overflow_shift) so that its start
// shows first and its end last, leftwards for left-to-right text, rightwards for right-to-left.
int line_x(int margin, int room, int width, TextDirection direction,
           std::chrono::nanoseconds since_shown, double speed_px_per_s);

// Flip: the slide between two items lasts kSlide; returns how far (0..height) the new card still
// is below its place at `phase` (time since its hold began); 0 once it has arrived.
inline constexpr std::chrono::milliseconds kSlide{400};
int slide_remaining(std::chrono::nanoseconds phase, int height);

// WCAG 2 contrast ratio of two colours (1..21).
double contrast_ratio(Rgb a, Rgb b);

}  // namespace newsticker::app
