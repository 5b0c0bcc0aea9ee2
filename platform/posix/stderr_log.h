// StderrLog: LogSink writing one line per event to stderr. When stderr is not a terminal (under
// systemd) each line starts with the sd-daemon priority prefix ("<3>" error ... "<7>" debug),
// which journald turns into the entry's level; on a terminal it prints a plain level word. Never
// colour codes. Thread-safe: a line is written with one write() call.
#pragma once

#include <mutex>

#include "ports/log_sink.h"

namespace newsticker::platform {

class StderrLog final : public app::LogSink {
 public:
  explicit StderrLog(app::LogLevel threshold = app::LogLevel::kInfo);
  void write(app::LogLevel level, std::string_view line) override;

 private:
  app::LogLevel threshold_;
  bool journal_prefix_;
  std::mutex mutex_;
};

}  // namespace newsticker::platform
