// Where the config comes from, and reading it again on SIGHUP.
//
// ConfigReloader is polled by the main thread once per frame: when a SIGHUP arrived it reads the
// config file again and returns the new feeds, with the command line's overrides (--feed,
// --ca-file) applied exactly as at start. A bad new file is logged in one line (file:line: why)
// and nothing is returned, so the caller keeps running the old config.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "core/config.h"
#include "ports/log_sink.h"

namespace newsticker::platform {

// The config the ticker reads when --config is not given: the user's XDG config on a desktop
// ($XDG_CONFIG_HOME or ~/.config, then newsticker/newsticker.toml), else the installed
// /etc/newsticker/newsticker.toml; the first that exists. Empty when none does, or when feeds
// were given with --feed (a quick look on the command line must not pick up a system config).
std::string default_config_file(bool feeds_on_command_line);

struct ReloadedFeeds {
  std::vector<app::FeedConfig> feeds;
  std::string global_ca_file;
};

class ConfigReloader {
 public:
  // `config_file` may be empty (nothing to reload: SIGHUP is then only logged).
  ConfigReloader(std::string config_file, std::vector<std::string> feed_overrides,
                 std::string ca_file_override, app::LogSink& log);

  // Main thread, once per frame. Consumes a pending SIGHUP; returns the feeds to apply when the
  // file was read and is valid.
  std::optional<ReloadedFeeds> poll();
  // Reads the file now, regardless of signals (poll() calls it; tests may too).
  std::optional<ReloadedFeeds> reload_now();
  bool has_file() const { return !config_file_.empty(); }

 private:
  std::string config_file_;
  std::vector<std::string> feed_overrides_;
  std::string ca_file_override_;
  app::LogSink& log_;
};

// ReloadWorker: applies reloads on a thread of its own. Reading the file and replacing the fetch
// lanes (which joins them while they may be parsing or writing the store) must never hold up a
// frame, so the main thread only calls request(), which sets a flag. The worker calls
// reloader.reload_now() and, when the file is valid, `apply` (on the worker thread).
// Call stop() before stopping what `apply` touches; the destructor stops too.
class ReloadWorker {
 public:
  using Apply = std::function<void(ReloadedFeeds)>;
  ReloadWorker(ConfigReloader& reloader, Apply apply, app::LogSink& log);
  ~ReloadWorker() { stop(); }
  ReloadWorker(const ReloadWorker&) = delete;
  ReloadWorker& operator=(const ReloadWorker&) = delete;

  void request();  // any thread; cheap
  void stop();     // requests stop and joins; idempotent

 private:
  void run(std::stop_token stop);

  ConfigReloader& reloader_;
  Apply apply_;
  app::LogSink& log_;
  std::mutex mutex_;
  std::condition_variable_any wake_;
  bool pending_ = false;
  std::jthread thread_;  // last: started once the members above exist
};

}  // namespace newsticker::platform
