// SystemdNotifier: the service side of systemd's notify protocol (sd_notify(3)), written against
// the documented wire format so the ticker needs no libsystemd: each message is one datagram of
// newline-separated KEY=VALUE lines ("READY=1", "WATCHDOG=1", "STOPPING=1", "STATUS=...") sent on
// an AF_UNIX SOCK_DGRAM socket to the path in $NOTIFY_SOCKET. A path starting with '@' is in the
// abstract namespace (the '@' becomes a NUL byte).
//
// Without $NOTIFY_SOCKET (not started by systemd, or a plain Type=simple unit) every call is a
// no-op that succeeds, so callers need no "are we under systemd" checks.
//
// Threads: main thread only (the render loop). Not copyable; owns its socket.
#pragma once

#include <sys/socket.h>
#include <sys/un.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace newsticker::platform {

class SystemdNotifier {
 public:
  // Reads NOTIFY_SOCKET, WATCHDOG_USEC and WATCHDOG_PID. When `unset` is kUnsetEnvironment the
  // variables are removed afterwards (as sd_notify's unset_environment does), so that children
  // never talk to our service manager in our name.
  enum class Environment { kKeep, kUnsetEnvironment };
  static app::Result<SystemdNotifier> from_environment(Environment env = Environment::kKeep);

  SystemdNotifier(SystemdNotifier&& other) noexcept;
  SystemdNotifier& operator=(SystemdNotifier&& other) noexcept;
  SystemdNotifier(const SystemdNotifier&) = delete;
  SystemdNotifier& operator=(const SystemdNotifier&) = delete;
  ~SystemdNotifier();

  // True when a notify socket was given.
  bool enabled() const { return fd_ >= 0; }
  // The watchdog timeout systemd expects pings within (WatchdogSec=), when it is for this process.
  std::optional<std::chrono::microseconds> watchdog_timeout() const { return watchdog_; }

  // Sends one message, e.g. "READY=1\nSTATUS=showing 3 feeds". Errors: kIo when sendmsg fails
  // (the manager went away); the caller logs and carries on.
  app::Result<void> send(std::string_view message);

  app::Result<void> ready(std::string_view status = {});
  app::Result<void> stopping();
  app::Result<void> status(std::string_view text);
  // Sends WATCHDOG=1 when at least half the watchdog timeout has passed since the last ping
  // (the rate sd_watchdog_enabled(3) recommends); otherwise does nothing. Cheap: call it every
  // frame.
  app::Result<void> watchdog_if_due(std::chrono::steady_clock::time_point now);

 private:
  SystemdNotifier() = default;

  int fd_ = -1;
  sockaddr_un address_{};
  socklen_t address_size_ = 0;
  std::optional<std::chrono::microseconds> watchdog_;
  std::optional<std::chrono::steady_clock::time_point> last_ping_;
};

}  // namespace newsticker::platform
