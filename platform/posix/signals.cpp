#include "signals.h"

#include <atomic>
#include <csignal>

namespace newsticker::platform {
namespace {

// The only state a handler touches. Lock-free atomics, because the handler may run on any thread
// (fetch lanes, curl's resolver) while the main thread reads them.
std::atomic<int> g_stop{0};
std::atomic<int> g_reload{0};
static_assert(std::atomic<int>::is_always_lock_free, "signal flags must be lock-free");

extern "C" void on_stop(int) {
  g_stop = 1;
}
extern "C" void on_reload(int) {
  g_reload = 1;
}

}  // namespace

void install_signal_handlers() {
  struct sigaction action {};
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  action.sa_handler = on_stop;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  action.sa_handler = on_reload;
  sigaction(SIGHUP, &action, nullptr);
  // A write to a closed socket must be an error value, not the end of the process.
  action.sa_handler = SIG_IGN;
  sigaction(SIGPIPE, &action, nullptr);
}

bool stop_requested() {
  return g_stop.load() != 0;
}

bool take_reload_request() {
  // exchange, so a SIGHUP arriving between a read and a reset is never lost.
  return g_reload.exchange(0) != 0;
}

}  // namespace newsticker::platform
