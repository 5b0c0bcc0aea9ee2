#include "atomic_file.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>

namespace newsticker::platform {
namespace {

using app::ErrorKind;
using app::make_error;

// Closes on scope exit; close errors on the write path are checked explicitly before this.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

app::Unexpected io_error(const std::string& what, const std::string& path, int error) {
  return make_error(ErrorKind::kIo, what + " " + path + ": " + std::strerror(error));
}

std::string parent_of(const std::string& path) {
  const auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

}  // namespace

app::Result<void> write_file_atomically(const std::string& path, std::string_view bytes) {
  const std::string temp = path + ".tmp." + std::to_string(::getpid());
  FileDescriptor fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (fd.get() < 0) return io_error("cannot create", temp, errno);
  auto fail = [&](const char* what) {
    const int error = errno;
    ::unlink(temp.c_str());
    return io_error(what, temp, error);
  };
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd.get(), bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return fail("cannot write");
    written += static_cast<std::size_t>(n);
  }
  // fsync before rename: otherwise a power cut can leave the new name on an empty file.
  if (::fsync(fd.get()) != 0) return fail("cannot fsync");
  if (::close(fd.release()) != 0) return fail("cannot close");
  if (::rename(temp.c_str(), path.c_str()) != 0) return fail("cannot rename to");
  // fsync the directory so that the rename itself survives a power cut.
  const std::string dir = parent_of(path);
  FileDescriptor dir_fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir_fd.get() >= 0) ::fsync(dir_fd.get());
  return {};
}

void remove_stale_temp_files(const std::string& directory) {
  DIR* dir = ::opendir(directory.c_str());
  if (dir == nullptr) return;
  while (const dirent* entry = ::readdir(dir)) {
    const std::string name = entry->d_name;
    const auto mark = name.rfind(".tmp.");
    if (mark == std::string::npos) continue;
    const std::string pid_text = name.substr(mark + 5);
    if (pid_text.empty() || pid_text.size() > 9 ||
        pid_text.find_first_not_of("0123456789") != std::string::npos) {
      continue;
    }
    const pid_t pid = static_cast<pid_t>(std::stol(pid_text));
    // A live writer (another instance, or ourselves) keeps its file.
    if (pid == ::getpid() || (::kill(pid, 0) == 0 || errno == EPERM)) continue;
    ::unlink((directory + "/" + name).c_str());
  }
  ::closedir(dir);
}

app::Result<std::string> read_small_file(const std::string& path, std::size_t max_bytes) {
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) return make_error(ErrorKind::kIo, "missing " + path);
    return io_error("cannot open", path, errno);
  }
  std::string bytes;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return io_error("cannot read", path, errno);
    if (n == 0) break;
    bytes.append(buffer, static_cast<std::size_t>(n));
    if (bytes.size() > max_bytes) {
      return make_error(ErrorKind::kTooLarge,
                        path + " is larger than " + std::to_string(max_bytes) + " bytes");
    }
  }
  return bytes;
}

app::Result<void> make_directories(const std::string& path) {
  if (path.empty()) return make_error(ErrorKind::kIo, "empty directory name");
  std::string partial;
  std::size_t start = 0;
  while (start <= path.size()) {
    const auto slash = path.find('/', start);
    const std::size_t end = slash == std::string::npos ? path.size() : slash;
    partial = path.substr(0, end);
    if (!partial.empty() && ::mkdir(partial.c_str(), 0755) != 0 && errno != EEXIST) {
      return io_error("cannot create", partial, errno);
    }
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
    return make_error(ErrorKind::kIo, path + " is not a directory");
  }
  return {};
}

std::string default_state_dir() {
  if (const char* systemd = std::getenv("STATE_DIRECTORY");
      systemd != nullptr && systemd[0] != '\0') {
    std::string first(systemd);
    return first.substr(0, first.find(':'));  // several StateDirectory= entries are ':'-separated
  }
  if (::geteuid() == 0) return "/var/lib/newsticker";
  if (const char* xdg = std::getenv("XDG_STATE_HOME"); xdg != nullptr && xdg[0] == '/') {
    return std::string(xdg) + "/newsticker";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && home[0] != '\0') {
    return std::string(home) + "/.local/state/newsticker";
  }
  return "/tmp/newsticker-state";
}

}  // namespace newsticker::platform
