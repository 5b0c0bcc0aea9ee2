// Golden images: each layout at three display profiles, with Arabic, Hebrew, CJK, mixed-script
// and English (breaking) items, rendered headless through the real SdlDisplay and compared with
// the reference PNGs in tests/golden/ref/ within a small tolerance.
//
// Each case image stacks one band per item (the item alone in the ring, at a fixed time), so an
// image shows every script in its layout. References are written only when
// NEWSTICKER_REGENERATE_GOLDEN=1 (tests/golden/regenerate.sh); a missing reference fails.
#include <SDL.h>
#include <SDL_image.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ring/headline_ring.h"
#include "sdl/sdl_display.h"
#include "ticker/ticker.h"

namespace newsticker {
namespace {

using platform::SurfacePtr;
using std::chrono::nanoseconds;

// A channel differing by more than this counts as a different pixel; at most kMaxDifferent of
// the pixels may differ (anti-aliasing can move by a level between FreeType builds).
constexpr int kChannelTolerance = 24;
constexpr double kMaxDifferent = 0.002;

app::UtcSeconds parse_utc(const std::string& text) {
  // "YYYY-MM-DDTHH:MM:SSZ"
  const int y = std::stoi(text.substr(0, 4)), mo = std::stoi(text.substr(5, 2)),
            d = std::stoi(text.substr(8, 2));
  const int h = std::stoi(text.substr(11, 2)), mi = std::stoi(text.substr(14, 2)),
            s = std::stoi(text.substr(17, 2));
  const std::chrono::sys_days day{std::chrono::year{y} / mo / d};
  return day + std::chrono::hours{h} + std::chrono::minutes{mi} + std::chrono::seconds{s};
}

std::vector<app::Headline> golden_headlines() {
  std::vector<app::Headline> items;
  std::ifstream in(NEWSTICKER_GOLDEN_DIR "/headlines.jsonl");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto json = nlohmann::json::parse(line);
    app::Headline headline;
    headline.id = json.at("id");
    headline.source = json.at("source");
    headline.title = json.at("title");
    headline.dateline = json.at("dateline");
    headline.agency = json.at("agency");
    headline.lede = json.at("lede");
    headline.published = parse_utc(json.at("published"));
    items.push_back(std::move(headline));
  }
  return items;
}

struct Case {
  const char* layout_name;
  app::Layout layout;
  const char* profile;
};

std::string case_name(const Case& c) {
  return std::string(c.layout_name) + "-" + c.profile;
}
// Test names and ctest's list stay stable (gtest would print the struct's bytes, pointers).
void PrintTo(const Case& c, std::ostream* os) {
  *os << case_name(c);
}

// Per layout, the optional elements it shows (so the goldens cover them too).
app::TickerOptions options_for(app::Layout layout) {
  app::TickerOptions options;
  options.layout = layout;
  options.speed_px_per_s = 120;
  options.burn_in_shift = false;
  options.breaking.sources = {"Reuters"};
  options.breaking.max_age = std::chrono::minutes(60);
  switch (layout) {
    case app::Layout::kCrawl:
      options.title = "LATEST";
      break;
    case app::Layout::kTwoLine:
      options.relative_time = true;
      break;
    case app::Layout::kFlip:
      options.relative_time = true;
      options.clock = true;
      break;
  }
  return options;
}

int differing_pixels(SDL_Surface* a, SDL_Surface* b) {
  int different = 0;
  for (int y = 0; y < a->h; ++y) {
    const auto* row_a = static_cast<const Uint8*>(a->pixels) + y * a->pitch;
    const auto* row_b = static_cast<const Uint8*>(b->pixels) + y * b->pitch;
    for (int x = 0; x < a->w; ++x) {
      for (int channel = 0; channel < 3; ++channel) {  // ARGB8888 in memory: B G R A
        if (std::abs(row_a[x * 4 + channel] - row_b[x * 4 + channel]) > kChannelTolerance) {
          ++different;
          break;
        }
      }
    }
  }
  return different;
}

class Golden : public ::testing::TestWithParam<Case> {
 protected:
  static void SetUpTestSuite() {
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
  }
  platform::SdlLibrary sdl_;
  platform::TtfLibrary ttf_;
  platform::ImageLibrary image_;
};

TEST_P(Golden, MatchesReference) {
  ASSERT_TRUE(sdl_.ok() && ttf_.ok() && image_.ok()) << SDL_GetError();
  const Case& c = GetParam();
  const app::DisplayProfile* profile = app::find_profile(c.profile);
  ASSERT_NE(profile, nullptr);
  platform::SdlDisplayOptions display_options;
  display_options.mode = platform::SdlMode::kHeadless;
  display_options.display.width = profile->width;
  display_options.display.height = profile->height;
  display_options.display.layout = c.layout;
  display_options.default_font = NEWSTICKER_DEFAULT_FONT;
  display_options.default_bold_font = NEWSTICKER_DEFAULT_BOLD_FONT;
  auto display = platform::SdlDisplay::create(display_options);
  ASSERT_TRUE(display) << display.error().message;
  const int band = (*display)->band_height();
  const int width = (*display)->size().width;

  const auto items = golden_headlines();
  ASSERT_EQ(items.size(), 5u);
  SurfacePtr sheet(SDL_CreateRGBSurfaceWithFormat(0, width, band * static_cast<int>(items.size()),
                                                  32, SDL_PIXELFORMAT_ARGB8888));
  ASSERT_TRUE(sheet);
  app::WallTime wall;
  wall.known = true;
  wall.utc = parse_utc("2026-01-01T12:00:00Z");
  wall.local_minute = 12 * 60;
  // Flip: after the slide has landed; crawl and two-line: the item at the left edge.
  const nanoseconds at =
      c.layout == app::Layout::kFlip ? nanoseconds(std::chrono::seconds(1)) : nanoseconds(0);
  for (std::size_t i = 0; i < items.size(); ++i) {
    app::HeadlineRing ring(4);
    ring.insert(std::span(&items[i], 1));
    app::Ticker ticker(**display, ring, options_for(c.layout), nanoseconds(0));
    ticker.frame(at, wall);
    auto band_pixels = (*display)->read_band();
    ASSERT_TRUE(band_pixels) << band_pixels.error().message;
    SDL_Rect where{0, band * static_cast<int>(i), width, band};
    SDL_SetSurfaceBlendMode(band_pixels->get(), SDL_BLENDMODE_NONE);
    SDL_BlitSurface(band_pixels->get(), nullptr, sheet.get(), &where);
  }

  const std::string name = case_name(c) + ".png";
  const std::string reference = std::string(NEWSTICKER_GOLDEN_DIR) + "/ref/" + name;
  const char* regenerate = std::getenv("NEWSTICKER_REGENERATE_GOLDEN");
  if (regenerate != nullptr && std::string(regenerate) == "1") {
    // RGB without the (always opaque) alpha channel: smaller files in the repository.
    SurfacePtr rgb(SDL_ConvertSurfaceFormat(sheet.get(), SDL_PIXELFORMAT_RGB24, 0));
    ASSERT_TRUE(rgb);
    ASSERT_EQ(IMG_SavePNG(rgb.get(), reference.c_str()), 0) << IMG_GetError();
    std::printf("wrote %s\n", reference.c_str());
    return;
  }
  SurfacePtr loaded(IMG_Load(reference.c_str()));
  const std::string actual_dir = std::string(NEWSTICKER_GOLDEN_ACTUAL_DIR);
  std::filesystem::create_directories(actual_dir);
  const std::string actual = actual_dir + "/" + name;
  if (!loaded) {
    IMG_SavePNG(sheet.get(), actual.c_str());
    FAIL() << "no reference " << reference << " (run tests/golden/regenerate.sh); this run wrote "
           << actual;
  }
  SurfacePtr expected(SDL_ConvertSurfaceFormat(loaded.get(), SDL_PIXELFORMAT_ARGB8888, 0));
  ASSERT_TRUE(expected);
  ASSERT_EQ(expected->w, sheet->w);
  ASSERT_EQ(expected->h, sheet->h);
  const int different = differing_pixels(expected.get(), sheet.get());
  const double share = static_cast<double>(different) / (sheet->w * sheet->h);
  if (share > kMaxDifferent) IMG_SavePNG(sheet.get(), actual.c_str());
  EXPECT_LE(share, kMaxDifferent) << different << " pixels differ from " << reference
                                  << "; this run wrote " << actual;
}

INSTANTIATE_TEST_SUITE_P(Layouts, Golden,
                         ::testing::Values(Case{"crawl", app::Layout::kCrawl, "pi-touch"},
                                           Case{"crawl", app::Layout::kCrawl, "1080p"},
                                           Case{"crawl", app::Layout::kCrawl, "portrait"},
                                           Case{"two-line", app::Layout::kTwoLine, "pi-touch"},
                                           Case{"two-line", app::Layout::kTwoLine, "1080p"},
                                           Case{"two-line", app::Layout::kTwoLine, "portrait"},
                                           Case{"flip", app::Layout::kFlip, "pi-touch"},
                                           Case{"flip", app::Layout::kFlip, "1080p"},
                                           Case{"flip", app::Layout::kFlip, "portrait"}),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           std::string name = case_name(info.param);
                           for (char& ch : name) {
                             if (ch == '-') ch = '_';
                           }
                           return name;
                         });

// On the real display at a simulated 60 Hz, every frame is the previous one moved left by the
// same whole number of pixels, and after dropped frames the picture is where time says.
TEST_F(Golden, CrawlMovesTheSameWholePixelsEveryFrameOnScreen) {
  ASSERT_TRUE(sdl_.ok() && ttf_.ok()) << SDL_GetError();
  platform::SdlDisplayOptions display_options;
  display_options.display.width = 800;
  display_options.display.height = 480;
  display_options.default_font = NEWSTICKER_DEFAULT_FONT;
  display_options.default_bold_font = NEWSTICKER_DEFAULT_BOLD_FONT;
  auto display = platform::SdlDisplay::create(display_options);
  ASSERT_TRUE(display);
  app::HeadlineRing ring(10);
  ring.insert(golden_headlines());
  app::Ticker ticker(**display, ring, 120.0, nanoseconds(0));
  const int step = static_cast<int>(ticker.motion().px_per_refresh);
  ASSERT_EQ(step, 2);
  auto band_at = [&](long frame) {
    ticker.frame(nanoseconds(frame * 1'000'000'000LL / 60));
    return std::move(*(*display)->read_band());
  };
  // Columns [shift, width) of `before` equal columns [0, width - shift) of `after`.
  auto moved_by = [](SDL_Surface* before, SDL_Surface* after, int shift) {
    for (int y = 0; y < before->h; ++y) {
      const auto* a = static_cast<const Uint8*>(before->pixels) + y * before->pitch + shift * 4;
      const auto* b = static_cast<const Uint8*>(after->pixels) + y * after->pitch;
      if (std::memcmp(a, b, static_cast<std::size_t>(before->w - shift) * 4) != 0) return false;
    }
    return true;
  };
  SurfacePtr previous = band_at(60);
  for (long frame = 61; frame <= 180; ++frame) {
    SurfacePtr current = band_at(frame);
    ASSERT_TRUE(moved_by(previous.get(), current.get(), step)) << "frame " << frame;
    previous = std::move(current);
  }
  // Five frames dropped: the next one is six refreshes on.
  SurfacePtr after_drop = band_at(186);
  EXPECT_TRUE(moved_by(previous.get(), after_drop.get(), 6 * step));
  EXPECT_FALSE(moved_by(previous.get(), after_drop.get(), 5 * step));
}

// A turned screen: the picture is drawn upright (portrait here) and turned onto the output.
TEST_F(Golden, RotationTurnsThePicture) {
  ASSERT_TRUE(sdl_.ok() && ttf_.ok() && image_.ok()) << SDL_GetError();
  platform::SdlDisplayOptions display_options;
  display_options.display.width = 1280;
  display_options.display.height = 720;
  display_options.display.rotation = 90;
  display_options.default_font = NEWSTICKER_DEFAULT_FONT;
  display_options.default_bold_font = NEWSTICKER_DEFAULT_BOLD_FONT;
  auto display = platform::SdlDisplay::create(display_options);
  ASSERT_TRUE(display) << display.error().message;
  EXPECT_EQ((*display)->size().width, 720);
  EXPECT_EQ((*display)->size().height, 1280);
  app::HeadlineRing ring(10);
  app::Ticker ticker(**display, ring, 120.0, nanoseconds(0));
  ticker.frame(nanoseconds(0));
  const std::string path = std::string(NEWSTICKER_GOLDEN_ACTUAL_DIR) + "/rotated.png";
  std::filesystem::create_directories(NEWSTICKER_GOLDEN_ACTUAL_DIR);
  ASSERT_TRUE((*display)->capture(path));
  SurfacePtr loaded(IMG_Load(path.c_str()));
  ASSERT_TRUE(loaded);
  SurfacePtr frame(SDL_ConvertSurfaceFormat(loaded.get(), SDL_PIXELFORMAT_ARGB8888, 0));
  EXPECT_EQ(frame->w, 1280);
  EXPECT_EQ(frame->h, 720);
  // Turned clockwise, the band (the portrait picture's bottom) is the output's left edge.
  const auto pixel = [&](int x, int y) {
    return static_cast<const Uint32*>(frame->pixels)[y * frame->pitch / 4 + x] & 0xFFFFFF;
  };
  const app::DisplayConfig colours;
  const Uint32 band = (colours.band.r << 16) | (colours.band.g << 8) | colours.band.b;
  const Uint32 background =
      (colours.background.r << 16) | (colours.background.g << 8) | colours.background.b;
  EXPECT_EQ(pixel(2, 2), band);
  EXPECT_EQ(pixel(1270, 2), background);
}

// Same input, same build: the same pixels, frame after frame.
TEST_F(Golden, SameInputSamePixels) {
  ASSERT_TRUE(sdl_.ok() && ttf_.ok()) << SDL_GetError();
  const auto items = golden_headlines();
  std::vector<std::vector<Uint8>> runs;
  for (int run = 0; run < 2; ++run) {
    platform::SdlDisplayOptions display_options;
    display_options.display.width = 800;
    display_options.display.height = 480;
    display_options.default_font = NEWSTICKER_DEFAULT_FONT;
    display_options.default_bold_font = NEWSTICKER_DEFAULT_BOLD_FONT;
    auto display = platform::SdlDisplay::create(display_options);
    ASSERT_TRUE(display);
    app::HeadlineRing ring(10);
    ring.insert(items);
    app::Ticker ticker(**display, ring, 120.0, nanoseconds(0));
    for (int frame = 0; frame <= 90; ++frame)
      ticker.frame(nanoseconds(frame * 1'000'000'000LL / 60));
    auto band = (*display)->read_band();
    ASSERT_TRUE(band);
    const auto* pixels = static_cast<const Uint8*>((*band)->pixels);
    runs.emplace_back(pixels, pixels + (*band)->pitch * (*band)->h);
  }
  EXPECT_EQ(runs[0], runs[1]);
}

}  // namespace
}  // namespace newsticker
