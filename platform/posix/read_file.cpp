#include "read_file.h"

#include <fstream>

namespace newsticker::platform {

app::Result<std::string> read_file(const std::string& path, std::size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return app::make_error(app::ErrorKind::kIo, "cannot open " + path);
  std::string bytes;
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    bytes.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (bytes.size() > max_bytes) {
      return app::make_error(app::ErrorKind::kTooLarge,
                             path + " is larger than " + std::to_string(max_bytes) + " bytes");
    }
  }
  if (in.bad()) return app::make_error(app::ErrorKind::kIo, "cannot read " + path);
  return bytes;
}

}  // namespace newsticker::platform
