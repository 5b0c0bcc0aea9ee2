// LogSink: one line per event, for journald or a terminal. Implementations must be callable from
// any thread (the fetch thread and the main thread both log).
#pragma once

#include <string_view>

namespace newsticker::app {

enum class LogLevel { kError, kWarning, kInfo, kDebug };

class LogSink {
 public:
  virtual ~LogSink() = default;
  virtual void write(LogLevel level, std::string_view line) = 0;
};

// Discards everything; for tests that don't look at logs.
class NullLogSink final : public LogSink {
 public:
  void write(LogLevel, std::string_view) override {}
};

}  // namespace newsticker::app
