// Reading a whole file with a size cap: config files, feed files given on the command line.
#pragma once

#include <cstddef>
#include <string>

#include "core/result.h"

namespace newsticker::platform {

// Errors: kIo (cannot open or read), kTooLarge (more than max_bytes).
app::Result<std::string> read_file(const std::string& path, std::size_t max_bytes);

}  // namespace newsticker::platform
