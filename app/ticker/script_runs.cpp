#include "ticker/script_runs.h"

#include <algorithm>

namespace newsticker::app {
namespace {

struct Block {
  char32_t first;
  char32_t last;
  Script script;
};

// Sorted by first code point. Blocks not listed (symbols, emoji, punctuation) are kCommon.
constexpr Block kBlocks[] = {
    {0x0041, 0x005A, Script::kLatin},    {0x0061, 0x007A, Script::kLatin},
    {0x00AA, 0x00AA, Script::kLatin},    {0x00BA, 0x00BA, Script::kLatin},
    {0x00C0, 0x00D6, Script::kLatin},    {0x00D8, 0x00F6, Script::kLatin},
    {0x00F8, 0x024F, Script::kLatin},    {0x0370, 0x03FF, Script::kGreek},
    {0x0400, 0x052F, Script::kCyrillic}, {0x0590, 0x05FF, Script::kHebrew},
    {0x0600, 0x06FF, Script::kArabic},   {0x0750, 0x077F, Script::kArabic},
    {0x08A0, 0x08FF, Script::kArabic},   {0x0900, 0x097F, Script::kDevanagari},
    {0x0E00, 0x0E7F, Script::kThai},     {0x1100, 0x11FF, Script::kCjk},
    {0x1E00, 0x1EFF, Script::kLatin},    {0x1F00, 0x1FFF, Script::kGreek},
    {0x2E80, 0x2FDF, Script::kCjk},      {0x3000, 0x303F, Script::kCjk},
    {0x3040, 0x31FF, Script::kCjk},      {0x3200, 0x33FF, Script::kCjk},
    {0x3400, 0x4DBF, Script::kCjk},      {0x4E00, 0x9FFF, Script::kCjk},
    {0xA960, 0xA97F, Script::kCjk},      {0xAC00, 0xD7FF, Script::kCjk},
    {0xF900, 0xFAFF, Script::kCjk},      {0xFB1D, 0xFB4F, Script::kHebrew},
    {0xFB50, 0xFDFF, Script::kArabic},   {0xFE30, 0xFE4F, Script::kCjk},
    {0xFE70, 0xFEFF, Script::kArabic},   {0xFF00, 0xFFEF, Script::kCjk},
    {0x20000, 0x3FFFF, Script::kCjk},
};

bool is_rtl(Script script) {
  return script == Script::kArabic || script == Script::kHebrew;
}

bool is_digit(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 0x0660 && c <= 0x0669) || (c >= 0x06F0 && c <= 0x06F9);
}

// Arabic-Indic digits belong to Arabic faces; ASCII digits to any.
Script digit_script(char32_t c) {
  return c < 0x80 ? Script::kCommon : Script::kArabic;
}

}  // namespace

Script script_of(char32_t c) {
  const auto* block =
      std::upper_bound(std::begin(kBlocks), std::end(kBlocks), c,
                       [](char32_t value, const Block& b) { return value < b.first; });
  if (block == std::begin(kBlocks)) return Script::kCommon;
  --block;
  if (is_digit(c)) return Script::kCommon;
  return c <= block->last ? block->script : Script::kCommon;
}

const char* iso15924_tag(Script script) {
  switch (script) {
    case Script::kCommon:
      return "Zyyy";
    case Script::kLatin:
      return "Latn";
    case Script::kGreek:
      return "Grek";
    case Script::kCyrillic:
      return "Cyrl";
    case Script::kArabic:
      return "Arab";
    case Script::kHebrew:
      return "Hebr";
    case Script::kCjk:
      return "Hani";
    case Script::kDevanagari:
      return "Deva";
    case Script::kThai:
      return "Thai";
  }
  return "Zyyy";
}

char32_t next_code_point(std::string_view s, std::size_t& pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char lead = byte(pos);
  int length = 1;
  char32_t c = lead;
  if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    c = lead & 0x07;
  } else if (lead >= 0xE0) {
    length = 3;
    c = lead & 0x0F;
  } else if (lead >= 0xC2 && lead < 0xE0) {
    length = 2;
    c = lead & 0x1F;
  } else if (lead >= 0x80) {
    ++pos;
    return 0xFFFD;
  }
  if (pos + static_cast<std::size_t>(length) > s.size()) {
    ++pos;
    return 0xFFFD;
  }
  for (int i = 1; i < length; ++i) {
    const unsigned char next = byte(pos + static_cast<std::size_t>(i));
    if ((next & 0xC0) != 0x80) {
      ++pos;
      return 0xFFFD;
    }
    c = (c << 6) | (next & 0x3F);
  }
  pos += static_cast<std::size_t>(length);
  return c;
}

TextDirection base_direction(std::string_view utf8) {
  for (std::size_t pos = 0; pos < utf8.size();) {
    const Script script = script_of(next_code_point(utf8, pos));
    if (script == Script::kCommon) continue;
    return is_rtl(script) ? TextDirection::kRightToLeft : TextDirection::kLeftToRight;
  }
  return TextDirection::kLeftToRight;
}

std::vector<ScriptRun> script_runs(std::string_view utf8) {
  struct Logical {
    ScriptRun run;
    bool digits = false;  // a number run (weak: its level depends on its neighbours)
    bool strong = false;  // holds a letter
  };
  std::vector<Logical> runs;
  for (std::size_t pos = 0; pos < utf8.size();) {
    const std::size_t begin = pos;
    const char32_t c = next_code_point(utf8, pos);
    const Script script = script_of(c);
    Logical* current = runs.empty() ? nullptr : &runs.back();
    if (is_digit(c)) {
      const bool in_rtl = current != nullptr && current->strong && is_rtl(current->run.script);
      if (current == nullptr || in_rtl) {
        runs.push_back({{begin, pos, digit_script(c), TextDirection::kLeftToRight}, true, false});
      } else {
        current->run.end = pos;
      }
      continue;
    }
    if (script == Script::kCommon) {  // neutral: joins the run before it
      if (current == nullptr) {
        runs.push_back({{begin, pos, Script::kCommon, TextDirection::kLeftToRight}, false, false});
      } else if ((c == ' ' || c == 0xA0) && current->digits && runs.size() >= 2 &&
                 runs[runs.size() - 2].strong && is_rtl(runs[runs.size() - 2].run.script)) {
        // A space after a number inside right-to-left text belongs to the right-to-left text
        // (else it would show on the number's right, gluing it to the next word).
        const Script rtl = runs[runs.size() - 2].run.script;
        runs.push_back({{begin, pos, rtl, TextDirection::kRightToLeft}, false, true});
      } else {
        current->run.end = pos;
      }
      continue;
    }
    const TextDirection direction =
        is_rtl(script) ? TextDirection::kRightToLeft : TextDirection::kLeftToRight;
    if (current != nullptr && !current->strong && !current->digits) {
      // Leading neutrals take the script of the first letter.
      current->run.script = script;
      current->run.direction = direction;
      current->strong = true;
      current->run.end = pos;
    } else if (current != nullptr && current->strong && current->run.script == script) {
      current->run.end = pos;
    } else {
      runs.push_back({{begin, pos, script, direction}, false, true});
    }
  }
  if (runs.empty()) return {};

  // Embedding levels as in the Unicode Bidirectional Algorithm, simplified: the paragraph level
  // comes from the first letter; right-to-left letters are odd; left-to-right letters in a
  // right-to-left paragraph, and numbers inside right-to-left text, are one level higher.
  const bool rtl_paragraph = base_direction(utf8) == TextDirection::kRightToLeft;
  std::vector<int> levels(runs.size());
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const Logical& run = runs[i];
    if (run.strong && run.run.direction == TextDirection::kRightToLeft) {
      levels[i] = 1;
    } else if (run.digits) {
      // A number takes the direction of the letters before it (else of the paragraph).
      bool after_rtl = rtl_paragraph;
      for (std::size_t j = i; j-- > 0;) {
        if (runs[j].strong) {
          after_rtl = runs[j].run.direction == TextDirection::kRightToLeft;
          break;
        }
      }
      levels[i] = (after_rtl || rtl_paragraph) ? 2 : 0;
    } else {
      levels[i] = rtl_paragraph ? 2 : 0;
    }
  }
  // Rule L2: from the highest level down to the lowest odd one, reverse every maximal sequence of
  // runs at that level or above.
  std::vector<ScriptRun> visual;
  visual.reserve(runs.size());
  for (const Logical& run : runs) visual.push_back(run.run);
  const int highest = *std::max_element(levels.begin(), levels.end());
  for (int level = highest; level >= 1; --level) {
    for (std::size_t i = 0; i < visual.size();) {
      if (levels[i] < level) {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < visual.size() && levels[j] >= level) ++j;
      std::reverse(visual.begin() + static_cast<std::ptrdiff_t>(i),
                   visual.begin() + static_cast<std::ptrdiff_t>(j));
      std::reverse(levels.begin() + static_cast<std::ptrdiff_t>(i),
                   levels.begin() + static_cast<std::ptrdiff_t>(j));
      i = j;
    }
  }
  return visual;
}

}  // namespace newsticker::app
