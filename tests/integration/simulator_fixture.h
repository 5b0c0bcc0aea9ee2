// SimulatorProcess: runs tests/sim/feed_simulator.py as a child process for one test, on a free
// loopback port, and stops it (SIGTERM, then SIGKILL) when the object goes away.
#pragma once

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace newsticker::testing {

inline std::string pki_dir() {
  const char* dir = std::getenv("NEWSTICKER_PKI_DIR");
  return dir != nullptr ? dir : "";
}

class SimulatorProcess {
 public:
  // `cert` names a certificate of the test PKI (localhost, untrusted, expired, wronghost, ...).
  explicit SimulatorProcess(const std::string& cert = "localhost",
                            std::vector<std::string> extra = {}) {
    namespace fs = std::filesystem;
    port_file_ = (fs::temp_directory_path() / ("newsticker-sim-" + std::to_string(::getpid()) +
                                               "-" + std::to_string(counter()++)))
                     .string();
    fs::remove(port_file_);
    std::vector<std::string> args = {NEWSTICKER_PYTHON, NEWSTICKER_SIMULATOR,
                                     "--pki",           pki_dir(),
                                     "--cert",          cert,
                                     "--port",          "0",
                                     "--port-file",     port_file_};
    args.insert(args.end(), extra.begin(), extra.end());
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, argv[0], nullptr, nullptr, argv.data(), environ) != 0) {
      pid_ = -1;
      return;
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
      std::ifstream in(port_file_);
      if (in >> port_ && port_ > 0) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    port_ = 0;
  }
  ~SimulatorProcess() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      for (int i = 0; i < 300; ++i) {
        if (::waitpid(pid_, nullptr, WNOHANG) == pid_) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  SimulatorProcess(const SimulatorProcess&) = delete;
  SimulatorProcess& operator=(const SimulatorProcess&) = delete;

  bool ready() const { return port_ > 0; }
  int port() const { return port_; }
  std::string url(const std::string& path) const {
    return "https://localhost:" + std::to_string(port_) + path;
  }

 private:
  static int& counter() {
    static int value = 0;
    return value;
  }
  pid_t pid_ = -1;
  int port_ = 0;
  std::string port_file_;
};

}  // namespace newsticker::testing
