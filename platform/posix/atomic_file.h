// Atomic replacement of a small file: write a temporary file in the same directory, fsync it,
// rename it over the target, fsync the directory. A reader (or the next boot after a power cut or
// SIGKILL) sees the old content or the new one, never a mix. Any thread.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace newsticker::platform {

// Errors: kIo with the path and strerror (ENOSPC, EROFS, EACCES ...). The temporary file is
// removed on failure.
app::Result<void> write_file_atomically(const std::string& path, std::string_view bytes);

// Removes "*.tmp.<pid>" files left in `directory` by a writer that was killed mid-write (their
// process is gone). Call once at start, before any writer of this process runs.
void remove_stale_temp_files(const std::string& directory);

// Reads at most max_bytes. Errors: kIo (missing: message starts with "missing"), kTooLarge.
app::Result<std::string> read_small_file(const std::string& path, std::size_t max_bytes);

// Creates the directory and its parents (mode 0755). Errors: kIo.
app::Result<void> make_directories(const std::string& path);

// The state directory when neither --state-dir nor state_dir is given: $STATE_DIRECTORY (set by
// systemd's StateDirectory=, the first entry), else /var/lib/newsticker when running as root,
// else $XDG_STATE_HOME/newsticker, else ~/.local/state/newsticker.
std::string default_state_dir();

}  // namespace newsticker::platform
