// libFuzzer target: parse_config() on arbitrary TOML text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace newsticker::app;
  const std::string_view toml(reinterpret_cast<const char*>(data), size);
  const Result<Config> config = parse_config(toml, "fuzz.toml");
  if (config.has_value() && config->ring_capacity > kMaxRingCapacity) __builtin_trap();
  return 0;
}
