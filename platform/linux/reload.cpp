#include "reload.h"

#include <cstdlib>
#include <filesystem>
#include <utility>

#include "posix/read_file.h"
#include "posix/signals.h"

namespace newsticker::platform {
namespace {

constexpr const char* kInstalledConfig = "/etc/newsticker/newsticker.toml";
constexpr std::size_t kMaxConfigBytes = 1u << 20;

bool is_file(const std::string& path) {
  std::error_code error;
  return std::filesystem::is_regular_file(path, error);
}

}  // namespace

std::string default_config_file(bool feeds_on_command_line) {
  if (feeds_on_command_line) return {};
  std::string user_dir;
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg != nullptr && xdg[0] == '/') {
    user_dir = xdg;
  } else if (const char* home = std::getenv("HOME"); home != nullptr && home[0] == '/') {
    user_dir = std::string(home) + "/.config";
  }
  if (!user_dir.empty() && is_file(user_dir + "/newsticker/newsticker.toml")) {
    return user_dir + "/newsticker/newsticker.toml";
  }
  if (is_file(kInstalledConfig)) return kInstalledConfig;
  return {};
}

ConfigReloader::ConfigReloader(std::string config_file, std::vector<std::string> feed_overrides,
                               std::string ca_file_override, app::LogSink& log)
    : config_file_(std::move(config_file)),
      feed_overrides_(std::move(feed_overrides)),
      ca_file_override_(std::move(ca_file_override)),
      log_(log) {}

std::optional<ReloadedFeeds> ConfigReloader::poll() {
  if (!take_reload_request()) return std::nullopt;
  if (config_file_.empty()) {
    log_.write(app::LogLevel::kWarning,
               "SIGHUP: no config file to reload (started without --config)");
    return std::nullopt;
  }
  return reload_now();
}

std::optional<ReloadedFeeds> ConfigReloader::reload_now() {
  auto text = read_file(config_file_, kMaxConfigBytes);
  if (!text) {
    log_.write(app::LogLevel::kError,
               "reload: " + text.error().message + "; keeping the running config");
    return std::nullopt;
  }
  auto config = app::parse_config(*text, config_file_);
  if (!config) {
    // The message already is "file:line: why"; one line, so journalctl shows it whole.
    log_.write(app::LogLevel::kError,
               "reload: " + config.error().message + "; keeping the running config");
    return std::nullopt;
  }
  ReloadedFeeds reloaded{std::move(config->feeds), std::move(config->ca_file)};
  // The command line wins over the file, at reload as at start.
  if (!feed_overrides_.empty()) {
    reloaded.feeds.clear();
    for (const std::string& url : feed_overrides_) {
      app::FeedConfig feed;
      feed.url = url;
      reloaded.feeds.push_back(std::move(feed));
    }
  }
  if (!ca_file_override_.empty()) reloaded.global_ca_file = ca_file_override_;
  log_.write(app::LogLevel::kInfo, "reload: " + config_file_ + ": " +
                                       std::to_string(reloaded.feeds.size()) +
                                       " feeds (display settings take effect at the next start)");
  return reloaded;
}

ReloadWorker::ReloadWorker(ConfigReloader& reloader, Apply apply, app::LogSink& log)
    : reloader_(reloader),
      apply_(std::move(apply)),
      log_(log),
      thread_([this](std::stop_token stop) { run(stop); }) {}

void ReloadWorker::request() {
  {
    std::lock_guard lock(mutex_);
    pending_ = true;
  }
  wake_.notify_one();
}

void ReloadWorker::stop() {
  if (thread_.joinable()) {
    thread_.request_stop();
    thread_.join();
  }
}

void ReloadWorker::run(std::stop_token stop) {
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      if (!wake_.wait(lock, stop, [this] { return pending_; })) return;
      pending_ = false;
    }
    // The thread's entry point: nothing escapes it; a failed reload leaves the old config.
    try {
      if (auto reloaded = reloader_.reload_now()) apply_(std::move(*reloaded));
    } catch (const std::exception& error) {
      log_.write(app::LogLevel::kError,
                 std::string("reload failed, keeping the running config: ") + error.what());
    }
  }
}

}  // namespace newsticker::platform
