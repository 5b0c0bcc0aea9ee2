// SdlDisplay: the Display on SDL2 + SDL2_ttf. Three modes:
//  - kWindow / kFullscreen: a real window (X11, Wayland, or KMSDRM on a Pi without X), with an
//    accelerated renderer and vsync when the platform has one;
//  - kHeadless: no window at all; a software renderer draws into an in-memory surface that
//    capture() writes as PNG. Deterministic: the same frames give the same pixels.
// Main thread only. Create after SdlLibrary, TtfLibrary and ImageLibrary; destroy before them.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/config.h"
#include "ports/display.h"
#include "sdl_handles.h"

namespace newsticker::platform {

enum class SdlMode { kWindow, kFullscreen, kHeadless };

struct SdlDisplayOptions {
  SdlMode mode = SdlMode::kHeadless;
  app::DisplayConfig display;  // size, band height, colours, fonts, fps
  std::string default_font;
  std::string default_bold_font;
};

class SdlDisplay final : public app::Display {
 public:
  // Errors: kInternal with SDL's message (no video device, font missing, ...).
  static app::Result<std::unique_ptr<SdlDisplay>> create(const SdlDisplayOptions& options);

  app::Size size() const override { return size_; }
  int band_height() const override { return band_height_; }
  std::int64_t refresh_period_ns() const override { return refresh_period_ns_; }
  app::Result<app::TextInfo> prepare_text(std::span<const app::TextRun> runs) override;
  void release_text(app::TextId id) override;
  void draw_frame(std::span<const app::DrawCommand> commands) override;

  // Writes the last drawn frame as a PNG. Errors: kIo.
  app::Result<void> capture(const std::string& png_path);
  bool vsync() const { return vsync_; }
  std::size_t texture_count() const { return strips_.size(); }

 private:
  struct Tile {
    TexturePtr texture;
    int x = 0;  // offset within the strip
    int width = 0;
  };
  struct Strip {
    std::vector<Tile> tiles;
    int width = 0;
  };

  SdlDisplay() = default;
  TTF_Font* font_for(app::TextStyle style) const;
  SDL_Color colour_for(app::TextStyle style) const;

  SdlDisplayOptions options_;
  app::Size size_;
  int band_height_ = 0;
  std::int64_t refresh_period_ns_ = 16'666'667;
  bool vsync_ = false;
  bool software_ = false;
  bool background_drawn_ = false;
  Uint32 frame_format_ = SDL_PIXELFORMAT_ARGB8888;  // the pixel format strips are stored in

  // Fonts before the renderer and textures after it in destruction order: textures (strips_) are
  // declared last so they are destroyed first, then the renderer, then the window.
  FontPtr headline_font_;
  FontPtr summary_font_;
  FontPtr badge_font_;
  WindowPtr window_;
  SurfacePtr target_;  // headless: the frame the software renderer draws into
  RendererPtr renderer_;
  app::TextId next_id_ = 1;
  std::unordered_map<app::TextId, Strip> strips_;
};

}  // namespace newsticker::platform
