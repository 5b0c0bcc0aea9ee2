// The render loop: the main thread's life while the ticker runs. All SDL calls happen here.
// It draws a frame, captures it when asked, calls the per-frame hooks, and paces itself by vsync,
// or by the wall clock when the display has none. With a simulated clock (headless capture)
// frames are exact multiples of 1/fps and are drawn as fast as possible.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "ports/log_sink.h"
#include "ring/headline_ring.h"
#include "sdl/sdl_display.h"
#include "ticker/ticker.h"

namespace newsticker::platform {

enum class FrameClock { kReal, kSimulated };

struct RenderLoopOptions {
  FrameClock clock = FrameClock::kReal;
  long frames = 0;  // 0 = until stop is requested
  int fps = 60;
  double speed_px_per_s = 120.0;
  // Layout, labels, breaking lane, schedule and the resolved speed (app::ticker_options); when
  // unset, a plain crawl at speed_px_per_s.
  std::optional<app::TickerOptions> ticker;
  std::string capture_dir;  // empty = no capture
  long capture_every = 1;
};

// Read from other threads (status file): atomics.
struct RenderStats {
  std::atomic<std::uint64_t> frames_drawn{0};
  // Frames that came more than 1.5 refresh periods after the previous one (real clock only).
  std::atomic<std::uint64_t> frames_late{0};
  std::atomic<std::int64_t> longest_gap_ns{0};
};

struct RenderHooks {
  std::function<void()> after_first_frame;  // once, after the first frame is presented
  std::function<void()> every_frame;        // after each frame (main thread; keep it cheap)
  std::function<bool()> should_stop;        // polled once per frame, besides SIGTERM/SIGINT
  // Polled once per frame before drawing: the status shown over the band ("as of 14:05" while
  // the headlines are stale), empty = none. Keep it cheap (cache; recompute rarely).
  std::function<std::string()> status_text;
};

// Runs until `options.frames` frames were drawn, a quit event, or a stop signal.
// Returns the number of frames written as PNG.
long run_render_loop(SdlDisplay& display, const app::HeadlineRing& ring,
                     const RenderLoopOptions& options, RenderStats& stats, app::LogSink& log,
                     const RenderHooks& hooks = {});

}  // namespace newsticker::platform
