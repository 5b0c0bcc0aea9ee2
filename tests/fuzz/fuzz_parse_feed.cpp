// libFuzzer target: parse_feed() on arbitrary bytes (RSS 0.9x/1.0/2.0, Atom, JSON Feed, junk).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "feed/parse_feed.h"

namespace {

constexpr std::string_view kCharsets[] = {"", "utf-8", "windows-1252", "iso-8859-1", "utf-16"};
constexpr std::size_t kMaxItems = 50;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace newsticker::app;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  ParseOptions options;
  options.max_items = kMaxItems;
  // Vary the HTTP charset with the input so both the declared and the header path get exercised.
  options.http_charset = std::string(kCharsets[size % std::size(kCharsets)]);
  const Result<ParsedFeed> feed = parse_feed(bytes, options);
  if (feed.has_value() && feed->items.size() > kMaxItems) __builtin_trap();  // max_items ignored
  return 0;
}
