#include "status_writer.h"

#include "atomic_file.h"

namespace newsticker::platform {

StatusWriter::StatusWriter(std::string path, std::function<std::string()> render, app::LogSink& log,
                           std::chrono::milliseconds period)
    : path_(std::move(path)), render_(std::move(render)), log_(log), period_(period) {
  thread_ = std::jthread([this](std::stop_token stop) { run(stop); });
}

StatusWriter::~StatusWriter() {
  thread_.request_stop();
  if (thread_.joinable()) thread_.join();
}

void StatusWriter::poke() {
  {
    std::lock_guard lock(mutex_);
    poked_ = true;
  }
  wake_.notify_all();
}

void StatusWriter::write_now() {
  const std::string text = render_();
  std::lock_guard lock(write_mutex_);
  auto written = write_file_atomically(path_, text);
  if (!written && !failure_logged_) {
    failure_logged_ = true;
    log_.write(app::LogLevel::kError, "status file: " + written.error().message +
                                          " (the ticker keeps running; logged once)");
  } else if (written && failure_logged_) {
    failure_logged_ = false;
    log_.write(app::LogLevel::kInfo, "status file: writable again");
  }
}

void StatusWriter::run(std::stop_token stop) {
  while (!stop.stop_requested()) {
    // The thread's entry point: nothing escapes it (an allocation failure while rendering the
    // status must not end the ticker); the next period tries again.
    try {
      write_now();
    } catch (const std::exception& error) {
      log_.write(app::LogLevel::kError, std::string("status file: ") + error.what());
    }
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, stop, period_, [this] { return poked_; });
    poked_ = false;
  }
}

}  // namespace newsticker::platform
