#include "commands.h"

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/config.h"
#include "curl/curl_feed_source.h"
#include "feed/feed_json.h"
#include "feed/parse_feed.h"
#include "fetch/fetch_loop.h"
#include "posix/read_file.h"
#include "posix/signals.h"
#include "posix/stderr_log.h"
#include "ring/headline_ring.h"
#include "reload.h"
#include "render_loop.h"
#include "sdl/sdl_display.h"
#include "systemd/notify.h"

namespace newsticker::platform {
namespace {

using app::Result;

Result<app::Config> load_config(const std::string& path) {
  auto text = read_file(path, 1u << 20);
  if (!text) return app::Unexpected{text.error()};
  return app::parse_config(*text, path);
}

// Where a display is: a desktop session, or a DRM device for KMSDRM on a console.
bool display_available() {
  if (std::getenv("DISPLAY") != nullptr || std::getenv("WAYLAND_DISPLAY") != nullptr) return true;
  return std::filesystem::exists("/dev/dri/card0") || std::filesystem::exists("/dev/dri/card1");
}

std::string utc_iso(const std::optional<app::UtcSeconds>& time) {
  if (!time) return {};
  const auto day = std::chrono::floor<std::chrono::days>(*time);
  const std::chrono::year_month_day date{day};
  const std::chrono::hh_mm_ss clock{*time - day};
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
                static_cast<int>(clock.seconds().count()));
  return text;
}

void dump_ring(const app::HeadlineRing& ring, const std::string& path, app::LogSink& log) {
  std::ofstream out(path, std::ios::trunc);
  for (const app::Headline& headline : ring.snapshot()) {
    nlohmann::json line = {{"title", headline.title},   {"source", headline.source},
                           {"link", headline.link},     {"id", headline.id},
                           {"summary", headline.summary}, {"dateline", headline.dateline},
                           {"agency", headline.agency}, {"lede", headline.lede}};
    line["published"] = headline.published ? nlohmann::json(utc_iso(headline.published)) : nullptr;
    out << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  }
  if (!out) log.write(app::LogLevel::kError, "cannot write " + path);
}

}  // namespace

std::string version_text() { return curl_version_line(); }

int run_check_config(const std::string& file) {
  auto config = load_config(file);
  if (!config) {
    std::fprintf(stderr, "%s\n", config.error().message.c_str());
    return 1;
  }
  std::printf("%s: ok (%zu feeds)\n", file.c_str(), config->feeds.size());
  return 0;
}

int run_ticker(const RunOptions& options) {
  StderrLog log;
  app::Config config;
  // Without --config: the user's XDG config or the installed /etc/newsticker/newsticker.toml.
  const std::string config_file =
      options.config_file.empty() ? default_config_file(!options.feeds.empty()) : options.config_file;
  if (!config_file.empty()) {
    auto loaded = load_config(config_file);
    if (!loaded) {
      log.write(app::LogLevel::kError, loaded.error().message);
      return 2;
    }
    config = std::move(*loaded);
  }
  // Command-line options override the config file.
  if (!options.feeds.empty()) {
    config.feeds.clear();
    for (const std::string& url : options.feeds) {
      app::FeedConfig feed;
      feed.url = url;
      feed.allow_insecure_http = false;
      config.feeds.push_back(feed);
    }
  }
  if (!options.ca_file.empty()) config.ca_file = options.ca_file;
  if (!options.state_dir.empty()) config.state_dir = options.state_dir;
  if (!options.size.empty()) {
    auto size = app::parse_size(options.size);
    if (!size) {
      log.write(app::LogLevel::kError, size.error().message);
      return 2;
    }
    config.display.width = size->first;
    config.display.height = size->second;
  }
  if (options.fps > 0) config.display.fps = options.fps;
  if (options.speed > 0) config.display.speed_px_per_s = options.speed;

  SdlMode mode = SdlMode::kWindow;
  if (options.headless) {
    mode = SdlMode::kHeadless;
  } else if (options.window) {
    mode = SdlMode::kWindow;
  } else {
    switch (config.display.mode) {
      case app::DisplayMode::kHeadless: mode = SdlMode::kHeadless; break;
      case app::DisplayMode::kWindow: mode = SdlMode::kWindow; break;
      case app::DisplayMode::kFullscreen: mode = SdlMode::kFullscreen; break;
      case app::DisplayMode::kAuto:
        mode = display_available() ? SdlMode::kWindow : SdlMode::kHeadless;
        if (mode == SdlMode::kHeadless) {
          log.write(app::LogLevel::kInfo, "no display found: running headless");
        }
        break;
    }
  }
  if (!options.capture_dir.empty()) {
    std::error_code error;
    std::filesystem::create_directories(options.capture_dir, error);
    if (error) {
      log.write(app::LogLevel::kError, "cannot create " + options.capture_dir + ": " + error.message());
      return 2;
    }
  }

  install_signal_handlers();
  CurlGlobal curl_global;
  if (!curl_global.ok()) {
    log.write(app::LogLevel::kError, "libcurl could not be initialised");
    return 1;
  }
  // Our own handlers decide what SIGINT/SIGTERM do; SDL must not replace them.
  SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
  if (mode == SdlMode::kHeadless) {
    // No video device is needed: frames go to an in-memory surface through the software renderer.
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
  }
  SdlLibrary sdl;
  TtfLibrary ttf;
  ImageLibrary image;
  if (!sdl.ok() || !ttf.ok() || !image.ok()) {
    log.write(app::LogLevel::kError, std::string("SDL could not be initialised: ") + SDL_GetError());
    return 1;
  }

  SdlDisplayOptions display_options;
  display_options.mode = mode;
  display_options.display = config.display;
  display_options.default_font = NEWSTICKER_DEFAULT_FONT;
  display_options.default_bold_font = NEWSTICKER_DEFAULT_BOLD_FONT;
  auto display = SdlDisplay::create(display_options);
  if (!display && mode != SdlMode::kHeadless) {
    log.write(app::LogLevel::kWarning, display.error().message + ": falling back to headless");
    display_options.mode = mode = SdlMode::kHeadless;
    display = SdlDisplay::create(display_options);
  }
  if (!display) {
    log.write(app::LogLevel::kError, display.error().message);
    return 1;
  }

  app::HeadlineRing ring(config.ring_capacity);
  CurlOptions curl_options;
  curl_options.user_agent = config.user_agent;
  CurlFeedSource source(curl_options);
  app::FetchLoop fetch(config.feeds, config.ca_file, source, ring, log);
  fetch.start();
  if (config.feeds.empty()) {
    log.write(app::LogLevel::kWarning, "no feeds configured: pass --feed URL or a config with [[feed]]");
  }

  const bool simulated = mode == SdlMode::kHeadless;
  if (simulated && !config.feeds.empty()) {
    // Headless capture shows fetched news: wait (bounded) until each feed was tried once.
    fetch.wait_first_round(std::chrono::seconds(30));
  }
  RenderLoopOptions loop_options;
  loop_options.clock = simulated ? FrameClock::kSimulated : FrameClock::kReal;
  loop_options.frames = options.frames;
  loop_options.fps = config.display.fps;
  loop_options.speed_px_per_s = config.display.speed_px_per_s;
  loop_options.capture_dir = options.capture_dir;
  loop_options.capture_every = options.capture_every;
  RenderStats stats;
  // systemd (Type=notify): READY=1 once a frame is on screen, WATCHDOG=1 from the render loop so
  // that a hung renderer (not only a dead process) is restarted. Unset afterwards: no child of
  // ours may speak for us.
  auto notifier = SystemdNotifier::from_environment(SystemdNotifier::Environment::kUnsetEnvironment);
  if (!notifier) log.write(app::LogLevel::kWarning, notifier.error().message);
  auto report = [&log](const app::Result<void>& sent) {
    if (!sent) log.write(app::LogLevel::kWarning, sent.error().message);
  };
  ConfigReloader reloader(config_file, options.feeds, options.ca_file, log);
  RenderHooks hooks;
  hooks.after_first_frame = [&] {
    if (notifier) {
      report(notifier->ready("showing " + std::to_string(config.feeds.size()) + " feeds"));
    }
  };
  hooks.every_frame = [&] {
    if (notifier) report(notifier->watchdog_if_due(std::chrono::steady_clock::now()));
    // SIGHUP: a valid new config replaces the feeds; a bad one was logged and the old one runs on.
    if (auto reloaded = reloader.poll()) {
      const std::size_t count = reloaded->feeds.size();
      fetch.reload(std::move(reloaded->feeds), std::move(reloaded->global_ca_file));
      if (notifier) report(notifier->status("reloaded: showing " + std::to_string(count) + " feeds"));
    }
  };
  const long captured = run_render_loop(**display, ring, loop_options, stats, log, hooks);
  if (notifier) report(notifier->stopping());
  if (captured > 0) {
    log.write(app::LogLevel::kInfo, std::to_string(captured) + " frames written to " +
                                        std::filesystem::absolute(options.capture_dir).string());
  }
  fetch.stop();
  if (!options.dump_ring_file.empty()) dump_ring(ring, options.dump_ring_file, log);
  return 0;
}

}  // namespace newsticker::platform
