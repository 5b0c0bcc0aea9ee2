// Google Benchmark: one steady-state frame of the ticker at 1920x1080 (software renderer,
// offscreen driver, framebuffer acceleration off), warm cache. Compare with run_render_bench.sh,
// which counts instructions with callgrind against ../shared/bench's anchors.
#include <SDL.h>
#include <benchmark/benchmark.h>

#include <chrono>
#include <string>

#include "ring/headline_ring.h"
#include "sdl/sdl_display.h"
#include "ticker/ticker.h"

using namespace newsticker;

static void BM_SteadyStateFrame1080p(benchmark::State& state) {
  SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
  SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
  SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
  platform::SdlLibrary sdl;
  platform::TtfLibrary ttf;
  platform::SdlDisplayOptions options;
  options.mode = platform::SdlMode::kWindow;
  options.display.width = 1920;
  options.display.height = 1080;
  options.display.band_height = 100;
  options.default_font = NEWSTICKER_DEFAULT_FONT;
  options.default_bold_font = NEWSTICKER_DEFAULT_BOLD_FONT;
  auto display = platform::SdlDisplay::create(options);
  if (!sdl.ok() || !ttf.ok() || !display) {
    state.SkipWithError("no SDL display");
    return;
  }
  app::HeadlineRing ring(8);
  std::vector<app::Headline> items;
  for (int i = 0; i < 4; ++i) {
    app::Headline headline;
    headline.id = std::to_string(i);
    headline.source = "Wire";
    headline.title =
        "Benchmark headline number " + std::to_string(i) + " about the weather and markets";
    items.push_back(headline);
  }
  ring.insert(items);
  app::Ticker ticker(**display, ring, 120.0, std::chrono::nanoseconds(0));
  long frame = 0;
  for (; frame < 3000; ++frame)
    ticker.frame(std::chrono::nanoseconds(frame * 1'000'000'000LL / 60));
  for (auto _ : state) {
    ticker.frame(std::chrono::nanoseconds(frame * 1'000'000'000LL / 60));
    ++frame;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SteadyStateFrame1080p)->Unit(benchmark::kMicrosecond);
