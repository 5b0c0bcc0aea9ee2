#include "commands.h"

#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <thread>

#include "core/config.h"
#include "core/version.h"
#include "curl/curl_feed_source.h"
#include "feed/feed_dates.h"
#include "feed/feed_json.h"
#include "feed/parse_feed.h"
#include "fetch/fetch_loop.h"
#include "posix/atomic_file.h"
#include "posix/file_feed_store.h"
#include "posix/read_file.h"
#include "posix/signals.h"
#include "posix/status_writer.h"
#include "posix/stderr_log.h"
#include "reload.h"
#include "render_loop.h"
#include "ring/headline_ring.h"
#include "sdl/sdl_display.h"
#include "status/status_json.h"
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
bool desktop_available() {
  return std::getenv("DISPLAY") != nullptr || std::getenv("WAYLAND_DISPLAY") != nullptr;
}
bool drm_available() {
  return std::filesystem::exists("/dev/dri/card0") || std::filesystem::exists("/dev/dri/card1");
}

void dump_ring(const app::HeadlineRing& ring, const std::string& path, app::LogSink& log) {
  std::ofstream out(path, std::ios::trunc);
  for (const app::Headline& headline : ring.snapshot()) {
    nlohmann::json line = {{"title", headline.title},     {"source", headline.source},
                           {"link", headline.link},       {"id", headline.id},
                           {"summary", headline.summary}, {"dateline", headline.dateline},
                           {"agency", headline.agency},   {"lede", headline.lede}};
    line["published"] =
        headline.published ? nlohmann::json(app::format_utc(*headline.published)) : nullptr;
    out << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  }
  if (!out) log.write(app::LogLevel::kError, "cannot write " + path);
}

}  // namespace

std::string version_text() {
  return curl_version_line();
}

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
  const std::string config_file = options.config_file.empty()
                                      ? default_config_file(!options.feeds.empty())
                                      : options.config_file;
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
  if (!options.profile.empty()) {
    const app::DisplayProfile* profile = app::find_profile(options.profile);
    if (profile == nullptr) {
      log.write(app::LogLevel::kError,
                "--profile must be pi-touch, 720p, 1080p, 4k, portrait or spi");
      return 2;
    }
    config.display.width = profile->width;
    config.display.height = profile->height;
  }
  if (!options.layout.empty()) {
    if (options.layout == "crawl")
      config.display.layout = app::Layout::kCrawl;
    else if (options.layout == "two-line")
      config.display.layout = app::Layout::kTwoLine;
    else if (options.layout == "flip")
      config.display.layout = app::Layout::kFlip;
    else {
      log.write(app::LogLevel::kError, "--layout must be crawl, two-line or flip");
      return 2;
    }
  }
  if (options.rotation >= 0) config.display.rotation = options.rotation;
  if (options.speed_cps > 0) {
    config.display.speed_cps = options.speed_cps;
    config.display.speed_px_per_s = 0;
  }
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
      case app::DisplayMode::kHeadless:
        mode = SdlMode::kHeadless;
        break;
      case app::DisplayMode::kWindow:
        mode = SdlMode::kWindow;
        break;
      case app::DisplayMode::kFullscreen:
        mode = SdlMode::kFullscreen;
        break;
      case app::DisplayMode::kAuto:
        // A desktop gets a window; a console with a DRM device (a Pi without X, the service) the
        // whole screen through SDL's kmsdrm back end; anything else runs headless.
        mode = desktop_available() ? SdlMode::kWindow
               : drm_available()   ? SdlMode::kFullscreen
                                   : SdlMode::kHeadless;
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
      log.write(app::LogLevel::kError,
                "cannot create " + options.capture_dir + ": " + error.message());
      return 2;
    }
  }

  install_signal_handlers();
  // systemd (Type=notify): READY=1 once a frame is on screen, WATCHDOG=1 from the render loop so
  // that a hung renderer (not only a dead process) is restarted. Unset at once, before any thread
  // starts (unsetenv races getenv in libcurl's threads): no child of ours may speak for us.
  auto notifier =
      SystemdNotifier::from_environment(SystemdNotifier::Environment::kUnsetEnvironment);
  if (!notifier) log.write(app::LogLevel::kWarning, notifier.error().message);
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
    log.write(app::LogLevel::kError,
              std::string("SDL could not be initialised: ") + SDL_GetError());
    return 1;
  }

  SdlDisplayOptions display_options;
  display_options.mode = mode;
  display_options.display = config.display;
  display_options.default_font = NEWSTICKER_DEFAULT_FONT;
  display_options.default_bold_font = NEWSTICKER_DEFAULT_BOLD_FONT;
  auto display = SdlDisplay::create(display_options);
  // A desktop without a usable display falls back to headless (the simulation still runs). Full
  // screen does not: a kiosk rendering into memory would be a black screen that looks healthy to
  // systemd, so it exits and Restart=on-failure tries again (the display may not be ready yet).
  if (!display && mode == SdlMode::kFullscreen) {
    log.write(app::LogLevel::kError, display.error().message + ": no full-screen display; exiting");
    return 1;
  }
  if (!display && mode == SdlMode::kWindow) {
    log.write(app::LogLevel::kWarning, display.error().message + ": falling back to headless");
    display_options.mode = mode = SdlMode::kHeadless;
    display = SdlDisplay::create(display_options);
  }
  if (!display) {
    log.write(app::LogLevel::kError, display.error().message);
    return 1;
  }

  app::HeadlineRing ring(config.ring_capacity, config.order);
  // The state directory holds the offline store and status.json. Without one (not creatable)
  // the ticker still runs, from the network only.
  const std::string state_dir = config.state_dir.empty() ? default_state_dir() : config.state_dir;
  std::optional<FileFeedStore> store;
  if (auto made = make_directories(state_dir); made) {
    remove_stale_temp_files(state_dir);  // left by a run killed mid-write
    store.emplace(state_dir);
  } else {
    log.write(app::LogLevel::kError, "state directory: " + made.error().message +
                                         " (no offline store and no status file)");
  }
  CurlShare curl_share;  // TLS sessions and DNS shared by the lanes; outlives the fetch loop
  CurlOptions curl_options;
  curl_options.user_agent = config.user_agent;
  curl_options.proxy = config.proxy;
  curl_options.share = &curl_share;
  app::FetchLoopOptions fetch_options;
  fetch_options.store = store ? &*store : nullptr;
  fetch_options.max_age = std::chrono::hours(config.max_age_hours);
  std::atomic<StatusWriter*> status_target{nullptr};
  fetch_options.after_attempt = [&status_target] {
    if (StatusWriter* writer = status_target.load()) writer->poke();
  };
  app::FetchLoop fetch(
      config.feeds, config.ca_file,
      [curl_options] { return std::make_unique<CurlFeedSource>(curl_options); }, ring, log,
      fetch_options);
  // Stored headlines go into the ring before any network request: an offline boot shows news.
  fetch.restore_from_store();
  RenderStats stats;
  const auto started_at = std::chrono::steady_clock::now();
  // Declared after everything its render function reads, so it is destroyed (joined) first.
  std::unique_ptr<StatusWriter> status_writer;  // poked after each attempt through status_target
  if (store) {
    status_writer = std::make_unique<StatusWriter>(
        state_dir + "/status.json",
        [&] {
          app::StatusSnapshot snapshot;
          snapshot.version = app::kVersion;
          snapshot.now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
          snapshot.uptime = std::chrono::duration_cast<std::chrono::seconds>(
              std::chrono::steady_clock::now() - started_at);
          snapshot.frames_drawn = stats.frames_drawn.load(std::memory_order_relaxed);
          snapshot.frames_late = stats.frames_late.load(std::memory_order_relaxed);
          snapshot.longest_frame_gap_ns = stats.longest_gap_ns.load(std::memory_order_relaxed);
          snapshot.ring_items = ring.size();
          snapshot.stale_as_of = fetch.stale_as_of();
          snapshot.feeds = fetch.statuses();
          return app::render_status_json(snapshot);
        },
        log);
    status_target.store(status_writer.get());
  }
  fetch.start();
  if (config.feeds.empty()) {
    log.write(app::LogLevel::kWarning,
              "no feeds configured: pass --feed URL or a config with [[feed]]");
  }

  const bool simulated = mode == SdlMode::kHeadless && !options.realtime;
  if (simulated && !config.feeds.empty()) {
    // Headless capture shows fetched news: wait (bounded) until each feed was tried once.
    fetch.wait_first_round(std::chrono::seconds(30));
  }
  RenderLoopOptions loop_options;
  loop_options.clock = simulated ? FrameClock::kSimulated : FrameClock::kReal;
  loop_options.frames = options.frames;
  loop_options.fps = config.display.fps;
  loop_options.speed_px_per_s = config.display.speed_px_per_s;
  loop_options.ticker = app::ticker_options(config, **display);
  loop_options.capture_dir = options.capture_dir;
  loop_options.capture_every = options.capture_every;
  auto report = [&log](const app::Result<void>& sent) {
    if (!sent) log.write(app::LogLevel::kWarning, sent.error().message);
  };
  ConfigReloader reloader(config_file, options.feeds, options.ca_file, log);
  // SIGHUP is applied off the render thread; the main thread only hears how many feeds run now.
  std::atomic<long> reloaded_feeds{-1};
  ReloadWorker reload_worker(
      reloader,
      [&](ReloadedFeeds reloaded) {
        const auto count = static_cast<long>(reloaded.feeds.size());
        fetch.reload(std::move(reloaded.feeds), std::move(reloaded.global_ca_file));
        reloaded_feeds.store(count);
      },
      log);
  RenderHooks hooks;
  hooks.after_first_frame = [&] {
    if (notifier) {
      report(notifier->ready("showing " + std::to_string(config.feeds.size()) + " feeds"));
    }
  };
  hooks.every_frame = [&] {
    if (notifier) report(notifier->watchdog_if_due(std::chrono::steady_clock::now()));
    // SIGHUP: a valid new config replaces the feeds; a bad one is logged and the old one runs on.
    if (take_reload_request()) {
      if (reloader.has_file()) {
        reload_worker.request();
      } else {
        log.write(app::LogLevel::kWarning,
                  "SIGHUP: no config file to reload (started without --config)");
      }
    }
    if (const long count = reloaded_feeds.exchange(-1); count >= 0 && notifier) {
      report(notifier->status("reloaded: showing " + std::to_string(count) + " feeds"));
    }
  };
  // "as of HH:MM" (local time) while every feed is stale; re-evaluated once a second, not per
  // frame.
  std::string stale_text;
  auto stale_checked = std::chrono::steady_clock::time_point{};
  hooks.status_text = [&]() -> std::string {
    const auto now = std::chrono::steady_clock::now();
    if (now - stale_checked < std::chrono::seconds(1)) return stale_text;
    stale_checked = now;
    stale_text.clear();
    if (auto as_of = fetch.stale_as_of(); as_of && ring.size() > 0) {
      const std::time_t when = std::chrono::system_clock::to_time_t(*as_of);
      std::tm local{};
      char text[32];
      if (::localtime_r(&when, &local) != nullptr &&
          std::strftime(text, sizeof text, "as of %H:%M", &local) > 0) {
        stale_text = text;
      }
    }
    return stale_text;
  };
  const long captured = run_render_loop(**display, ring, loop_options, stats, log, hooks);
  if (notifier) report(notifier->stopping());
  if (captured > 0) {
    log.write(app::LogLevel::kInfo, std::to_string(captured) + " frames written to " +
                                        std::filesystem::absolute(options.capture_dir).string());
  }
  reload_worker.stop();  // before the fetch loop it reloads
  fetch.stop();
  if (loop_options.clock == FrameClock::kReal) {
    log.write(app::LogLevel::kInfo, "frames: " + std::to_string(stats.frames_drawn.load()) +
                                        " drawn, " + std::to_string(stats.frames_late.load()) +
                                        " late, longest gap " +
                                        std::to_string(stats.longest_gap_ns.load() / 1000) + " us");
  }
  if (status_writer) {
    status_target.store(nullptr);
    status_writer->write_now();  // the final figures (frame gaps) for tests and operators
    status_writer.reset();
  }
  if (!options.dump_ring_file.empty()) dump_ring(ring, options.dump_ring_file, log);
  return 0;
}

}  // namespace newsticker::platform
