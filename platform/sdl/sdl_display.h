// SdlDisplay: the Display on SDL2 + SDL2_ttf. Three modes:
//  - kWindow / kFullscreen: a real window (X11, Wayland, or KMSDRM on a Pi without X), with an
//    accelerated renderer and vsync when the platform has one;
//  - kHeadless: no window at all; a software renderer draws into an in-memory surface that
//    capture() writes as PNG. Deterministic: the same frames give the same pixels.
// Main thread only. Create after SdlLibrary, TtfLibrary and ImageLibrary; destroy before them.
//
// Text: each string is split into script runs (app/ticker/script_runs.h); each run is shaped by
// HarfBuzz (through SDL2_ttf) with its own script and direction, in the first face of a fallback
// chain that has all its glyphs. Strips are composited once onto their opaque background, cut
// into tiles of at most 2048 px, and stored in the frame's own pixel format, so a frame only
// copies rows.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/config.h"
#include "ports/display.h"
#include "sdl_handles.h"
#include "ticker/script_runs.h"

namespace newsticker::platform {

enum class SdlMode { kWindow, kFullscreen, kHeadless };

// A face tried, after the configured one, for text the configured face has no glyphs for.
struct FallbackFont {
  std::string path;
  int index = 0;                              // face index in a .ttc collection
  app::Script script = app::Script::kCommon;  // the script it is tried first for
};

// Debian's Noto faces for Arabic, Hebrew, CJK, Devanagari and Thai (fonts-noto-core,
// fonts-noto-cjk; see fonts/README.md), those of them that are installed.
std::vector<FallbackFont> default_fallback_fonts();

// The default band height for a screen: an eighth (crawl) or a fifth (two lines) of its shorter
// side, so fonts follow the screen and a portrait screen does not get a giant band.
int default_band_height(app::Size screen, app::Layout layout);

struct SdlDisplayOptions {
  SdlMode mode = SdlMode::kHeadless;
  app::DisplayConfig display;  // size, band height, colours, fonts, fps, rotation
  std::string default_font;
  std::string default_bold_font;
  std::vector<FallbackFont> fallback_fonts = default_fallback_fonts();
};

class SdlDisplay final : public app::Display {
 public:
  // Errors: kInternal with SDL's message (no video device, font missing, ...).
  static app::Result<std::unique_ptr<SdlDisplay>> create(const SdlDisplayOptions& options);

  // The picture's size: the output's, turned by the rotation.
  app::Size size() const override { return size_; }
  int band_height() const override { return band_height_; }
  std::int64_t refresh_period_ns() const override { return refresh_period_ns_; }
  double average_char_width() const override { return average_char_width_; }
  using app::Display::prepare_text;
  app::Result<app::TextInfo> prepare_text(std::span<const app::TextRun> runs,
                                          const app::TextBox& box) override;
  void release_text(app::TextId id) override;
  void draw_frame(std::span<const app::DrawCommand> commands) override;

  // Writes the last drawn frame as a PNG; `band_only` crops it to the band (golden images).
  // Errors: kIo.
  enum class CaptureArea { kScreen, kBand };
  app::Result<void> capture(const std::string& png_path, CaptureArea area = CaptureArea::kScreen);
  // A copy of the band as last drawn (golden images). Errors: kIo.
  app::Result<SurfacePtr> read_band() const;
  bool vsync() const { return vsync_; }
  std::size_t texture_count() const { return strips_.size(); }
  // Glyph rasterisations (TTF_Render calls) since creation: tests check that frames do none.
  std::uint64_t rasterisations() const { return rasterisations_; }

 private:
  struct Tile {
    TexturePtr texture;
    int x = 0;  // offset within the strip
    int width = 0;
  };
  struct Strip {
    std::vector<Tile> tiles;
    int width = 0;
    int height = 0;
  };
  struct OpenFont {
    int face = 0;  // 0 regular, 1 bold, 2 + i the i-th fallback
    int px = 0;
    FontPtr font;
  };
  static constexpr int kRegularFace = 0;
  static constexpr int kBoldFace = 1;
  static constexpr int kFirstFallback = 2;

  SdlDisplay() = default;
  // The font of `face` at `px`, opened on first use (nullptr when it can't be opened).
  TTF_Font* font(int face, int px);
  SDL_Color colour_for(app::TextStyle style) const;
  // The face for one script run: the fallbacks meant for its script, then the primary face,
  // then any other fallback; the first that has a glyph for every character. Fallbacks open
  // lazily, so a Latin-only ticker never loads the CJK face.
  TTF_Font* face_for_run(int primary, int px, std::string_view text, app::Script script);
  void copy_to_output();

  SdlDisplayOptions options_;
  app::Size size_;
  int band_height_ = 0;
  std::int64_t refresh_period_ns_ = 16'666'667;
  bool vsync_ = false;
  bool software_ = false;
  bool background_drawn_ = false;
  Uint32 frame_format_ = SDL_PIXELFORMAT_ARGB8888;  // the pixel format strips are stored in
  std::string font_paths_[2];                       // regular, bold
  std::vector<bool> face_missing_;                  // by face: could not be opened, not retried
  std::uint64_t rasterisations_ = 0;
  double average_char_width_ = 0.0;
  std::string piece_text_;  // scratch for prepare_text

  // Destruction order (reverse of declaration): strips' textures, then the rotated frame, then
  // the renderer, then the window; fonts last.
  std::vector<OpenFont> fonts_;
  WindowPtr window_;
  SurfacePtr target_;  // headless: the frame the software renderer draws into
  RendererPtr renderer_;
  TexturePtr rotated_frame_;  // rotation != 0: the picture, turned onto the output at present
  app::TextId next_id_ = 1;
  std::unordered_map<app::TextId, Strip> strips_;
};

}  // namespace newsticker::platform
