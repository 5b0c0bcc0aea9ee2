// SystemdNotifier against a datagram socket the test owns (path and abstract names), without
// systemd: the wire format, the watchdog rate limit, and the environment rules of sd_notify(3).
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <string>

#include "systemd/notify.h"

namespace newsticker::platform {
namespace {

using namespace std::chrono_literals;

// The manager's end of the protocol: a bound AF_UNIX datagram socket.
class Manager {
 public:
  explicit Manager(const std::string& name) : fd_(::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) {
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::memcpy(address.sun_path, name.data(), name.size());
    socklen_t size = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + name.size());
    if (name[0] == '@') {
      address.sun_path[0] = '\0';
    } else {
      ::unlink(name.c_str());
      path_ = name;
      size += 1;
    }
    bound_ = ::bind(fd_, reinterpret_cast<sockaddr*>(&address), size) == 0;
    timeval timeout{1, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  }
  ~Manager() {
    ::close(fd_);
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  bool bound() const { return bound_; }
  // The next datagram, or "" after a second of silence.
  std::string receive() {
    char buffer[4096];
    const ssize_t size = ::recv(fd_, buffer, sizeof buffer, 0);
    return size > 0 ? std::string(buffer, static_cast<std::size_t>(size)) : std::string();
  }
  // Whether a datagram is waiting, without blocking.
  bool pending() {
    char byte;
    return ::recv(fd_, &byte, 1, MSG_PEEK | MSG_DONTWAIT) >= 0;
  }

 private:
  int fd_;
  bool bound_ = false;
  std::string path_;
};

class SystemdNotifierTest : public ::testing::Test {
 protected:
  void TearDown() override {
    unsetenv("NOTIFY_SOCKET");
    unsetenv("WATCHDOG_USEC");
    unsetenv("WATCHDOG_PID");
  }
};

TEST_F(SystemdNotifierTest, WithoutNotifySocketEverythingIsANoOp) {
  unsetenv("NOTIFY_SOCKET");
  setenv("WATCHDOG_USEC", "1000000", 1);
  auto notifier = SystemdNotifier::from_environment();
  ASSERT_TRUE(notifier);
  EXPECT_FALSE(notifier->enabled());
  EXPECT_FALSE(notifier->watchdog_timeout());
  EXPECT_TRUE(notifier->ready("x"));
  EXPECT_TRUE(notifier->watchdog_if_due(std::chrono::steady_clock::now()));
}

TEST_F(SystemdNotifierTest, SendsReadyStatusAndStoppingToAPathSocket) {
  const std::string path = testing::TempDir() + "notify-" + std::to_string(getpid()) + ".sock";
  Manager manager(path);
  ASSERT_TRUE(manager.bound());
  setenv("NOTIFY_SOCKET", path.c_str(), 1);
  auto notifier =
      SystemdNotifier::from_environment(SystemdNotifier::Environment::kUnsetEnvironment);
  ASSERT_TRUE(notifier);
  EXPECT_TRUE(notifier->enabled());
  // Unset, so that no child process can speak for us.
  EXPECT_EQ(std::getenv("NOTIFY_SOCKET"), nullptr);

  ASSERT_TRUE(notifier->ready("showing 3 feeds"));
  EXPECT_EQ(manager.receive(), "READY=1\nSTATUS=showing 3 feeds");
  ASSERT_TRUE(notifier->status("two\nlines"));
  EXPECT_EQ(manager.receive(), "STATUS=two lines");  // one assignment, never two
  ASSERT_TRUE(notifier->stopping());
  EXPECT_EQ(manager.receive(), "STOPPING=1");
}

TEST_F(SystemdNotifierTest, AbstractNamespaceSocket) {
  const std::string name = "@newsticker-notify-test-" + std::to_string(getpid());
  Manager manager(name);
  ASSERT_TRUE(manager.bound());
  setenv("NOTIFY_SOCKET", name.c_str(), 1);
  auto notifier = SystemdNotifier::from_environment();
  ASSERT_TRUE(notifier);
  ASSERT_TRUE(notifier->ready());
  EXPECT_EQ(manager.receive(), "READY=1");
}

TEST_F(SystemdNotifierTest, WatchdogPingsAtHalfTheTimeout) {
  const std::string name = "@newsticker-watchdog-test-" + std::to_string(getpid());
  Manager manager(name);
  ASSERT_TRUE(manager.bound());
  setenv("NOTIFY_SOCKET", name.c_str(), 1);
  setenv("WATCHDOG_USEC", "2000000", 1);
  setenv("WATCHDOG_PID", std::to_string(getpid()).c_str(), 1);
  auto notifier = SystemdNotifier::from_environment();
  ASSERT_TRUE(notifier);
  ASSERT_TRUE(notifier->watchdog_timeout());
  EXPECT_EQ(*notifier->watchdog_timeout(), 2s);

  const auto t0 = std::chrono::steady_clock::time_point{} + 100s;
  ASSERT_TRUE(notifier->watchdog_if_due(t0));  // the first call pings at once
  EXPECT_EQ(manager.receive(), "WATCHDOG=1");
  ASSERT_TRUE(notifier->watchdog_if_due(t0 + 999ms));  // too early: nothing sent
  EXPECT_FALSE(manager.pending());
  ASSERT_TRUE(notifier->watchdog_if_due(t0 + 1000ms));
  EXPECT_EQ(manager.receive(), "WATCHDOG=1");
}

TEST_F(SystemdNotifierTest, WatchdogForAnotherProcessIsIgnored) {
  setenv("NOTIFY_SOCKET", "@newsticker-unused", 1);
  setenv("WATCHDOG_USEC", "2000000", 1);
  setenv("WATCHDOG_PID", std::to_string(getpid() + 1).c_str(), 1);
  auto notifier = SystemdNotifier::from_environment();
  ASSERT_TRUE(notifier);
  EXPECT_FALSE(notifier->watchdog_timeout());
}

TEST_F(SystemdNotifierTest, RejectsANonUnixAddress) {
  setenv("NOTIFY_SOCKET", "vsock:2:1234", 1);
  auto notifier = SystemdNotifier::from_environment();
  ASSERT_FALSE(notifier);
  EXPECT_EQ(notifier.error().kind, app::ErrorKind::kInvalidArgument);
}

TEST_F(SystemdNotifierTest, AVanishedManagerIsAnErrorValue) {
  const std::string path = testing::TempDir() + "gone-" + std::to_string(getpid()) + ".sock";
  setenv("NOTIFY_SOCKET", path.c_str(), 1);
  auto notifier = SystemdNotifier::from_environment();
  ASSERT_TRUE(notifier);
  auto sent = notifier->ready();
  ASSERT_FALSE(sent);
  EXPECT_EQ(sent.error().kind, app::ErrorKind::kIo);
}

}  // namespace
}  // namespace newsticker::platform
