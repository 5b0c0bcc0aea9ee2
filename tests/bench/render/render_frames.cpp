// render_frames: N steady-state frames of the real ticker (Ticker + SdlDisplay) at 1920x1080,
// set up like ../shared/bench's programs: offscreen video driver, software renderer, framebuffer
// acceleration off, no vsync, no sleep, a 100 px band moving 2 px per frame (120 px/s on a
// simulated 60 Hz clock). For callgrind (instructions per frame) and peak RSS.
//
// Usage: render_frames [FRAMES=600] [HEADLINES=40]
// Prints frames/s of the frame loop, the strips rasterised, and peak RSS (getrusage).
#include <SDL.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "ring/headline_ring.h"
#include "sdl/sdl_display.h"
#include "ticker/ticker.h"

using namespace newsticker;

namespace {

// Deterministic headlines of news-like length (no text is taken from ../shared/bench).
std::vector<app::Headline> make_headlines(int count) {
  const char* subjects[] = {"Central bank",  "Parliament",       "Storm",         "Markets",
                            "Union leaders", "Health officials", "Rail operator", "Court"};
  const char* verbs[] = {"warns of", "approves", "delays", "rejects", "prepares for", "reports"};
  const char* objects[] = {"new rules on energy prices",  "a record harvest in the south",
                           "talks over the coastal port", "cuts to regional services",
                           "the next round of elections", "a rise in winter admissions"};
  std::vector<app::Headline> items;
  for (int i = 0; i < count; ++i) {
    app::Headline headline;
    headline.id = "bench-" + std::to_string(i);
    headline.source = i % 2 == 0 ? "Wire" : "Daily";
    headline.title = std::string(subjects[i % 8]) + " " + verbs[i % 6] + " " +
                     objects[(i / 3) % 6] + " (" + std::to_string(i) + ")";
    headline.dateline = "GENEVA";
    headline.agency = "Reuters";
    headline.lede = "Officials said on Tuesday the measure would take effect next month.";
    items.push_back(std::move(headline));
  }
  return items;
}

}  // namespace

int main(int argc, char** argv) {
  const long frames = argc > 1 ? std::atol(argv[1]) : 600;
  const int headline_count = argc > 2 ? std::atoi(argv[2]) : 40;
  SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
  SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
  SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
  platform::SdlLibrary sdl;
  platform::TtfLibrary ttf;
  if (!sdl.ok() || !ttf.ok()) {
    std::fprintf(stderr, "SDL: %s\n", SDL_GetError());
    return 1;
  }
  platform::SdlDisplayOptions options;
  options.mode = platform::SdlMode::kWindow;  // a real (offscreen) window, like the anchors
  options.display.width = 1920;
  options.display.height = 1080;
  options.display.band_height = 100;  // the anchors' band
  options.default_font = NEWSTICKER_DEFAULT_FONT;
  options.default_bold_font = NEWSTICKER_DEFAULT_BOLD_FONT;
  auto display = platform::SdlDisplay::create(options);
  if (!display) {
    std::fprintf(stderr, "%s\n", display.error().message.c_str());
    return 1;
  }
  app::HeadlineRing ring(static_cast<std::size_t>(std::max(1, headline_count)));
  ring.insert(make_headlines(headline_count));
  app::Ticker ticker(**display, ring, 120.0, std::chrono::nanoseconds(0));
  const auto started = std::chrono::steady_clock::now();
  for (long frame = 0; frame < frames; ++frame) {
    ticker.frame(std::chrono::nanoseconds(frame * 1'000'000'000LL / 60));
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf(
      "frames=%ld headlines=%d fps=%.0f strips_rasterised=%zu cache_bytes=%zu peak_rss_kib=%ld\n",
      frames, headline_count, seconds > 0 ? frames / seconds : 0.0, ticker.cache().rasterised(),
      ticker.cache().bytes(), usage.ru_maxrss);
  return 0;
}
