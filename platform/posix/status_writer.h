// StatusWriter: a small thread that rewrites status.json atomically every `period` and whenever
// poke() is called (after each fetch attempt). It keeps file I/O (fsync) off the render thread.
// A failure (full disk, read-only) is logged once; the ticker keeps running.
// poke() is safe from any thread; the destructor stops and joins, writing one last time.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "ports/log_sink.h"

namespace newsticker::platform {

class StatusWriter {
 public:
  // `render` is called on the writer thread and must be thread-safe.
  StatusWriter(std::string path, std::function<std::string()> render, app::LogSink& log,
               std::chrono::milliseconds period = std::chrono::seconds(10));
  ~StatusWriter();
  StatusWriter(const StatusWriter&) = delete;
  StatusWriter& operator=(const StatusWriter&) = delete;

  void poke();
  // Writes now, on the calling thread (at exit).
  void write_now();

 private:
  void run(std::stop_token stop);

  std::string path_;
  std::function<std::string()> render_;
  app::LogSink& log_;
  std::chrono::milliseconds period_;
  std::mutex mutex_;  // guards poked_ only: poke() never waits for a write (and its fsync)
  std::condition_variable_any wake_;
  bool poked_ = false;
  std::mutex write_mutex_;  // one write at a time (the thread, and write_now() at exit)
  bool failure_logged_ = false;
  std::jthread thread_;  // last
};

}  // namespace newsticker::platform
