// Splitting a string into runs of one script and one direction, in the order they appear on
// screen, so that each run can be shaped by HarfBuzz with its own script, direction and face
// (a Latin source badge before an Arabic headline, digits inside Hebrew). Pure logic, own
// Unicode block table: enough for news headlines, not a full Unicode Bidirectional Algorithm
// (no explicit embeddings, no mirrored brackets).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace newsticker::app {

enum class Script : std::uint8_t {
  kCommon,  // digits, spaces, punctuation, symbols: any face will do
  kLatin,
  kGreek,
  kCyrillic,
  kArabic,
  kHebrew,
  kCjk,  // Han, kana, Hangul, CJK punctuation and full-width forms
  kDevanagari,
  kThai,
};

enum class TextDirection : std::uint8_t { kLeftToRight, kRightToLeft };

struct ScriptRun {
  std::size_t begin = 0;  // byte range in the UTF-8 string
  std::size_t end = 0;
  Script script = Script::kCommon;
  TextDirection direction = TextDirection::kLeftToRight;
};

// The script of one code point (by Unicode block).
Script script_of(char32_t code_point);
// The ISO 15924 tag HarfBuzz wants ("Latn", "Arab", ...); "Zyyy" for kCommon.
const char* iso15924_tag(Script script);
// The direction of the first strong character; left to right when there is none.
TextDirection base_direction(std::string_view utf8);
// Decodes one code point at `pos` and advances it; invalid bytes give U+FFFD.
char32_t next_code_point(std::string_view utf8, std::size_t& pos);

// The runs of `utf8`, in visual order (left to right on screen). Spaces and punctuation join the
// run before them; digits inside right-to-left text form their own left-to-right run (numbers
// read left to right in Arabic and Hebrew too).
std::vector<ScriptRun> script_runs(std::string_view utf8);

}  // namespace newsticker::app
