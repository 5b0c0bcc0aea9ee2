#include "notify.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace newsticker::platform {

using app::ErrorKind;
using app::Result;

Result<SystemdNotifier> SystemdNotifier::from_environment(Environment env) {
  SystemdNotifier notifier;
  const char* socket_path = std::getenv("NOTIFY_SOCKET");
  const char* watchdog_usec = std::getenv("WATCHDOG_USEC");
  const char* watchdog_pid = std::getenv("WATCHDOG_PID");

  // WATCHDOG_PID, when set, names the process the watchdog is meant for: a child that inherited
  // the environment must not ping in its parent's name.
  const bool watchdog_for_us = watchdog_pid == nullptr || std::strtol(watchdog_pid, nullptr, 10) ==
                                                              static_cast<long>(getpid());
  if (watchdog_usec != nullptr && watchdog_for_us) {
    char* end = nullptr;
    const long long usec = std::strtoll(watchdog_usec, &end, 10);
    if (end != watchdog_usec && *end == '\0' && usec > 0) {
      notifier.watchdog_ = std::chrono::microseconds(usec);
    }
  }

  std::string path = socket_path != nullptr ? socket_path : "";
  if (env == Environment::kUnsetEnvironment) {
    unsetenv("NOTIFY_SOCKET");
    unsetenv("WATCHDOG_USEC");
    unsetenv("WATCHDOG_PID");
  }
  if (path.empty()) {
    notifier.watchdog_.reset();  // nobody to ping
    return notifier;
  }
  // systemd only ever passes an absolute path or an abstract name; anything else (vsock
  // addresses are not used for services on a Pi) is a configuration error worth reporting.
  if (path[0] != '/' && path[0] != '@') {
    return app::make_error(ErrorKind::kInvalidArgument,
                           "NOTIFY_SOCKET is not a unix socket: " + path);
  }
  if (path.size() >= sizeof notifier.address_.sun_path) {
    return app::make_error(ErrorKind::kInvalidArgument, "NOTIFY_SOCKET is too long: " + path);
  }
  notifier.address_.sun_family = AF_UNIX;
  std::memcpy(notifier.address_.sun_path, path.data(), path.size());
  if (path[0] == '@') notifier.address_.sun_path[0] = '\0';
  // An abstract name is exactly as long as given (no terminating NUL counted); a path includes
  // its NUL, as sd_notify does.
  notifier.address_size_ = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + path.size() +
                                                  (path[0] == '@' ? 0 : 1));

  // CLOEXEC: the socket must not leak into anything we might exec.
  notifier.fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (notifier.fd_ < 0) {
    return app::make_error(ErrorKind::kIo, std::string("notify socket: ") + std::strerror(errno));
  }
  return notifier;
}

SystemdNotifier::SystemdNotifier(SystemdNotifier&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)),
      address_(other.address_),
      address_size_(other.address_size_),
      watchdog_(other.watchdog_),
      last_ping_(other.last_ping_) {}

SystemdNotifier& SystemdNotifier::operator=(SystemdNotifier&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    address_ = other.address_;
    address_size_ = other.address_size_;
    watchdog_ = other.watchdog_;
    last_ping_ = other.last_ping_;
  }
  return *this;
}

SystemdNotifier::~SystemdNotifier() {
  if (fd_ >= 0) ::close(fd_);
}

Result<void> SystemdNotifier::send(std::string_view message) {
  if (fd_ < 0) return {};
  iovec part{const_cast<char*>(message.data()), message.size()};
  msghdr header{};
  header.msg_name = &address_;
  header.msg_namelen = address_size_;
  header.msg_iov = &part;
  header.msg_iovlen = 1;
  ssize_t sent;
  do {
    // MSG_NOSIGNAL: a vanished manager is an error value, never SIGPIPE.
    sent = ::sendmsg(fd_, &header, MSG_NOSIGNAL);
  } while (sent < 0 && errno == EINTR);
  if (sent < 0) {
    return app::make_error(ErrorKind::kIo, std::string("sd_notify: ") + std::strerror(errno));
  }
  return {};
}

Result<void> SystemdNotifier::ready(std::string_view status) {
  std::string message = "READY=1";
  if (!status.empty()) message.append("\nSTATUS=").append(status);
  return send(message);
}

Result<void> SystemdNotifier::stopping() {
  return send("STOPPING=1");
}

Result<void> SystemdNotifier::status(std::string_view text) {
  std::string message = "STATUS=";
  // STATUS is one line: a newline would start a new assignment.
  for (char c : text) message += (c == '\n') ? ' ' : c;
  return send(message);
}

Result<void> SystemdNotifier::watchdog_if_due(std::chrono::steady_clock::time_point now) {
  if (fd_ < 0 || !watchdog_) return {};
  if (last_ping_ && now - *last_ping_ < *watchdog_ / 2) return {};
  last_ping_ = now;
  return send("WATCHDOG=1");
}

}  // namespace newsticker::platform
