// libFuzzer target: parse_feed_date() on arbitrary text; checks that every instant it returns
// and format_utc() can print reads back as the same instant.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "feed/feed_dates.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace newsticker::app;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::optional<UtcSeconds> instant = parse_feed_date(text);
  if (!instant) return 0;
  const std::string iso = format_utc(*instant);
  if (iso.empty()) return 0;  // outside years 1..9999
  const std::optional<UtcSeconds> again = parse_feed_date(iso);
  if (!again || *again != *instant) __builtin_trap();  // round trip through ISO 8601 broken
  return 0;
}
