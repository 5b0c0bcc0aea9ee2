#include "signals.h"

#include <csignal>

namespace newsticker::platform {
namespace {

// Async-signal-safe flags: the only state a handler may touch.
volatile std::sig_atomic_t g_stop = 0;
volatile std::sig_atomic_t g_reload = 0;

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
  return g_stop != 0;
}

bool take_reload_request() {
  if (g_reload == 0) return false;
  g_reload = 0;
  return true;
}

}  // namespace newsticker::platform
