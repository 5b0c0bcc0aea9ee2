// Signal handling for the render loop: SIGINT and SIGTERM ask the ticker to stop; SIGHUP asks it
// to reload. The handlers only set flags; the main thread polls them once per frame.
#pragma once

namespace newsticker::platform {

// Installs the handlers (sigaction, SA_RESTART). Main thread, before other threads start.
void install_signal_handlers();
bool stop_requested();
// Returns true once per SIGHUP received.
bool take_reload_request();

}  // namespace newsticker::platform
