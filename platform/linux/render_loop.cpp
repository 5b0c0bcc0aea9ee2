#include "render_loop.h"

#include <cstdio>
#include <ctime>
#include <thread>

#include "posix/signals.h"
#include "posix/steady_clock.h"
#include "ticker/ticker.h"

namespace newsticker::platform {

long run_render_loop(SdlDisplay& display, const app::HeadlineRing& ring,
                     const RenderLoopOptions& options, RenderStats& stats, app::LogSink& log,
                     const RenderHooks& hooks) {
  const bool simulated = options.clock == FrameClock::kSimulated;
  app::SimulatedClock simulated_clock;
  SteadyClock steady_clock;
  const app::Clock& clock =
      simulated ? static_cast<const app::Clock&>(simulated_clock) : steady_clock;
  app::TickerOptions ticker_options;
  ticker_options.speed_px_per_s = options.speed_px_per_s;
  app::Ticker ticker(display, ring, options.ticker ? *options.ticker : ticker_options, clock.now());
  // Wall time for the clock, "12 min ago" and the schedule; a simulated run starts at the real
  // time and advances with the simulated clock.
  const auto wall_origin = std::chrono::system_clock::now();
  const auto animation_origin = clock.now();
  auto wall_time = [&](std::chrono::nanoseconds now) {
    const auto wall = wall_origin + std::chrono::duration_cast<std::chrono::system_clock::duration>(
                                        now - animation_origin);
    app::WallTime out;
    out.known = true;
    out.utc = std::chrono::floor<std::chrono::seconds>(wall);
    const std::time_t seconds = std::chrono::system_clock::to_time_t(wall);
    std::tm local{};
    if (localtime_r(&seconds, &local) != nullptr)
      out.local_minute = local.tm_hour * 60 + local.tm_min;
    return out;
  };
  const std::int64_t fps = std::max(1, options.fps);
  log.write(app::LogLevel::kInfo,
            std::string(simulated         ? "headless (simulated clock)"
                        : display.vsync() ? "display with vsync"
                                          : "display") +
                " " + std::to_string(display.size().width) + "x" +
                std::to_string(display.size().height) + ", crawl " +
                std::to_string(static_cast<int>(app::effective_speed(ticker.motion()))) + " px/s");

  long captured = 0;
  const auto wall_start = std::chrono::steady_clock::now();
  auto previous_frame = wall_start;
  const auto late_after = std::chrono::nanoseconds(display.refresh_period_ns() * 3 / 2);
  for (long frame = 0; options.frames == 0 || frame < options.frames; ++frame) {
    if (stop_requested() || (hooks.should_stop && hooks.should_stop())) break;
    SDL_Event event;
    bool quit = false;
    while (SDL_PollEvent(&event) != 0) {
      if (event.type == SDL_QUIT) quit = true;
      if (event.type == SDL_KEYDOWN &&
          (event.key.keysym.sym == SDLK_ESCAPE || event.key.keysym.sym == SDLK_q)) {
        quit = true;
      }
    }
    if (quit) break;
    if (simulated) {
      // Exact frame times: frame * 1e9 / fps, so one simulated second is exactly fps frames.
      simulated_clock.set(std::chrono::nanoseconds(frame * 1'000'000'000LL / fps));
    }
    if (hooks.status_text) ticker.set_status(hooks.status_text());
    const auto frame_time = clock.now();
    ticker.frame(frame_time, wall_time(frame_time));
    stats.frames_drawn.fetch_add(1, std::memory_order_relaxed);
    const auto now = std::chrono::steady_clock::now();
    if (!simulated && frame > 0) {
      const auto gap = now - previous_frame;
      if (gap > late_after) stats.frames_late.fetch_add(1, std::memory_order_relaxed);
      if (gap.count() > stats.longest_gap_ns.load(std::memory_order_relaxed)) {
        stats.longest_gap_ns.store(gap.count(), std::memory_order_relaxed);
      }
    }
    previous_frame = now;
    if (frame == 0 && hooks.after_first_frame) hooks.after_first_frame();
    if (hooks.every_frame) hooks.every_frame();
    if (!options.capture_dir.empty() && frame % options.capture_every == 0) {
      char name[32];
      std::snprintf(name, sizeof name, "frame-%06ld.png", frame);
      if (auto saved = display.capture(options.capture_dir + "/" + name); !saved) {
        log.write(app::LogLevel::kError, saved.error().message);
      } else {
        ++captured;
      }
    }
    if (!display.vsync() && !(simulated && options.frames > 0)) {
      // No vsync (or headless without a frame limit): pace frames by the wall clock.
      std::this_thread::sleep_until(wall_start +
                                    std::chrono::nanoseconds((frame + 1) * 1'000'000'000LL / fps));
    }
  }
  return captured;
}

}  // namespace newsticker::platform
