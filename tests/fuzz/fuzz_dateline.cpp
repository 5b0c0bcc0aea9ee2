// libFuzzer target: extract_dateline() and first_sentence() on arbitrary text.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "feed/dateline.h"

namespace {

// Code points counted by lead bytes (stray continuation bytes count as none: a lower bound).
std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace newsticker::app;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const DatelineSummary summary = extract_dateline(text);
  const std::string sentence = first_sentence(text);
  // Documented cap: at most kMaxLedeChars code points (one spare for the "…").
  if (code_points(summary.lede) > kMaxLedeChars + 1) __builtin_trap();
  if (code_points(sentence) > kMaxLedeChars + 1) __builtin_trap();
  return 0;
}
