#include "stderr_log.h"

#include <unistd.h>

#include <string>

namespace newsticker::platform {

StderrLog::StderrLog(app::LogLevel threshold)
    : threshold_(threshold), journal_prefix_(isatty(STDERR_FILENO) == 0) {}

void StderrLog::write(app::LogLevel level, std::string_view line) {
  if (static_cast<int>(level) > static_cast<int>(threshold_)) return;
  static constexpr const char* kPrefix[] = {"<3>", "<4>", "<6>", "<7>"};
  static constexpr const char* kWord[] = {"error: ", "warning: ", "", "debug: "};
  const int index = static_cast<int>(level);
  std::string text =
      journal_prefix_ ? std::string(kPrefix[index]) : "newsticker: " + std::string(kWord[index]);
  // One event is one line: a newline inside a message (from a feed, say) must not start a
  // second journal entry.
  for (char c : line) text += (c == '\n' || c == '\r') ? ' ' : c;
  text += '\n';
  std::lock_guard lock(mutex_);
  const char* data = text.data();
  std::size_t left = text.size();
  while (left > 0) {
    const ssize_t written = ::write(STDERR_FILENO, data, left);
    if (written <= 0) return;
    data += written;
    left -= static_cast<std::size_t>(written);
  }
}

}  // namespace newsticker::platform
