#include "sdl_display.h"

#include <algorithm>

namespace newsticker::platform {
namespace {

using app::ErrorKind;
using app::make_error;

// Older Raspberry Pi GPUs (VideoCore IV, GLES2) cannot hold textures wider than 2048 px.
constexpr int kMaxTileWidth = 2048;
constexpr Uint32 kPixelFormat = SDL_PIXELFORMAT_ARGB8888;

SDL_Color to_sdl(app::Rgb rgb) { return SDL_Color{rgb.r, rgb.g, rgb.b, 255}; }

app::Unexpected sdl_error(const std::string& what) {
  return make_error(ErrorKind::kInternal, what + ": " + SDL_GetError());
}

}  // namespace

app::Result<std::unique_ptr<SdlDisplay>> SdlDisplay::create(const SdlDisplayOptions& options) {
  std::unique_ptr<SdlDisplay> display(new SdlDisplay());
  display->options_ = options;
  const app::DisplayConfig& config = options.display;
  display->size_ = {config.width, config.height};
  display->refresh_period_ns_ = 1'000'000'000LL / std::max(1, config.fps);

  if (options.mode == SdlMode::kHeadless) {
    display->target_.reset(SDL_CreateRGBSurfaceWithFormat(0, config.width, config.height, 32, kPixelFormat));
    if (!display->target_) return sdl_error("cannot create the headless frame");
    display->renderer_.reset(SDL_CreateSoftwareRenderer(display->target_.get()));
    if (!display->renderer_) return sdl_error("cannot create the software renderer");
    display->software_ = true;
    display->frame_format_ = kPixelFormat;
  } else {
    Uint32 flags = SDL_WINDOW_SHOWN;
    if (options.mode == SdlMode::kFullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    display->window_.reset(SDL_CreateWindow("newsticker", SDL_WINDOWPOS_CENTERED,
                                            SDL_WINDOWPOS_CENTERED, config.width, config.height, flags));
    if (!display->window_) return sdl_error("cannot open a window");
    display->renderer_.reset(SDL_CreateRenderer(display->window_.get(), -1,
                                                SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC));
    if (!display->renderer_) {
      display->renderer_.reset(SDL_CreateRenderer(display->window_.get(), -1, SDL_RENDERER_SOFTWARE));
    }
    if (!display->renderer_) return sdl_error("cannot create a renderer");
    SDL_RendererInfo info{};
    SDL_GetRendererInfo(display->renderer_.get(), &info);
    display->vsync_ = (info.flags & SDL_RENDERER_PRESENTVSYNC) != 0;
    display->software_ = (info.flags & SDL_RENDERER_SOFTWARE) != 0;
    int width = 0, height = 0;
    SDL_GetRendererOutputSize(display->renderer_.get(), &width, &height);
    display->size_ = {width, height};
    SDL_DisplayMode mode{};
    if (display->vsync_ &&
        SDL_GetCurrentDisplayMode(SDL_GetWindowDisplayIndex(display->window_.get()), &mode) == 0 &&
        mode.refresh_rate > 0) {
      display->refresh_period_ns_ = 1'000'000'000LL / mode.refresh_rate;
    }
    if (options.mode == SdlMode::kFullscreen) SDL_ShowCursor(SDL_DISABLE);
    const Uint32 window_format = SDL_GetWindowPixelFormat(display->window_.get());
    if (window_format != SDL_PIXELFORMAT_UNKNOWN) display->frame_format_ = window_format;
  }

  display->band_height_ = config.band_height > 0 ? std::min(config.band_height, display->size_.height)
                                                 : std::max(24, display->size_.height / 8);
  const int band = display->band_height_;
  const std::string regular = config.font.empty() ? options.default_font : config.font;
  const std::string bold = config.bold_font.empty() ? options.default_bold_font : config.bold_font;
  display->headline_font_.reset(TTF_OpenFont(regular.c_str(), std::max(8, band * 42 / 100)));
  display->summary_font_.reset(TTF_OpenFont(regular.c_str(), std::max(8, band * 30 / 100)));
  display->badge_font_.reset(TTF_OpenFont(bold.c_str(), std::max(8, band * 28 / 100)));
  if (!display->headline_font_ || !display->summary_font_ || !display->badge_font_) {
    return make_error(ErrorKind::kInternal, "cannot open font " + regular + " / " + bold + ": " +
                                                TTF_GetError());
  }
  return display;
}

TTF_Font* SdlDisplay::font_for(app::TextStyle style) const {
  switch (style) {
    case app::TextStyle::kSourceBadge: return badge_font_.get();
    case app::TextStyle::kSummary: return summary_font_.get();
    case app::TextStyle::kStatus: return summary_font_.get();
    case app::TextStyle::kHeadline:
    case app::TextStyle::kSeparator: return headline_font_.get();
  }
  return headline_font_.get();
}

SDL_Color SdlDisplay::colour_for(app::TextStyle style) const {
  const app::DisplayConfig& c = options_.display;
  switch (style) {
    case app::TextStyle::kSourceBadge: return to_sdl(c.badge_text);
    case app::TextStyle::kSummary: return to_sdl(c.summary);
    case app::TextStyle::kSeparator: return to_sdl(c.separator);
    case app::TextStyle::kStatus:
    case app::TextStyle::kHeadline: return to_sdl(c.headline);
  }
  return to_sdl(c.headline);
}

app::Result<app::TextInfo> SdlDisplay::prepare_text(std::span<const app::TextRun> runs) {
  const int band = band_height_;
  const int pad = std::max(4, band / 6);  // space around each run
  // Rasterise every run once; glyphs are blended onto the opaque band colour below, so frames
  // only copy opaque pixels.
  struct Rendered {
    SurfacePtr surface;
    app::TextStyle style;
    int x = 0;
    int width = 0;
  };
  std::vector<Rendered> rendered;
  int width = 0;
  for (const app::TextRun& run : runs) {
    if (run.text.empty()) continue;
    TTF_Font* font = font_for(run.style);
    SurfacePtr surface(TTF_RenderUTF8_Blended(font, run.text.c_str(), colour_for(run.style)));
    if (!surface) return sdl_error("cannot render text");
    const int box = run.style == app::TextStyle::kSourceBadge ? surface->w + 2 * pad : surface->w;
    rendered.push_back({std::move(surface), run.style, width, box});
    width += box + pad;
  }
  if (rendered.empty()) return make_error(ErrorKind::kInvalidArgument, "nothing to draw");
  width -= pad;

  SurfacePtr strip(SDL_CreateRGBSurfaceWithFormat(0, width, band, 32, kPixelFormat));
  if (!strip) return sdl_error("cannot create a strip surface");
  const app::DisplayConfig& c = options_.display;
  SDL_FillRect(strip.get(), nullptr, SDL_MapRGB(strip->format, c.band.r, c.band.g, c.band.b));
  // All runs share the headline's baseline.
  const int baseline = (band + TTF_FontAscent(headline_font_.get()) + TTF_FontDescent(headline_font_.get())) / 2;
  for (Rendered& run : rendered) {
    TTF_Font* font = font_for(run.style);
    int x = run.x;
    if (run.style == app::TextStyle::kSourceBadge) {
      const int badge_height = TTF_FontHeight(font) + pad / 2;
      SDL_Rect badge{run.x, (band - badge_height) / 2, run.width, badge_height};
      SDL_FillRect(strip.get(), &badge, SDL_MapRGB(strip->format, c.badge.r, c.badge.g, c.badge.b));
      x += pad;
    }
    int y = baseline - TTF_FontAscent(font);
    if (run.style == app::TextStyle::kSourceBadge) y = (band - run.surface->h) / 2;
    SDL_Rect where{x, y, run.surface->w, run.surface->h};
    SDL_SetSurfaceBlendMode(run.surface.get(), SDL_BLENDMODE_BLEND);
    SDL_BlitSurface(run.surface.get(), nullptr, strip.get(), &where);
  }

  Strip result;
  result.width = width;
  for (int x = 0; x < width; x += kMaxTileWidth) {
    const int tile_width = std::min(kMaxTileWidth, width - x);
    SurfacePtr tile(SDL_CreateRGBSurfaceWithFormat(0, tile_width, band, 32, kPixelFormat));
    if (!tile) return sdl_error("cannot create a tile");
    SDL_Rect source{x, 0, tile_width, band};
    SDL_SetSurfaceBlendMode(strip.get(), SDL_BLENDMODE_NONE);
    SDL_BlitSurface(strip.get(), &source, tile.get(), nullptr);
    // The texture is made in the frame's own pixel format, so a frame copies rows (memcpy)
    // instead of converting pixels.
    TexturePtr texture(SDL_CreateTexture(renderer_.get(), frame_format_, SDL_TEXTUREACCESS_STATIC,
                                         tile_width, band));
    if (!texture) return sdl_error("cannot create a texture");
    SurfacePtr converted(SDL_ConvertSurfaceFormat(tile.get(), frame_format_, 0));
    if (!converted || SDL_UpdateTexture(texture.get(), nullptr, converted->pixels, converted->pitch) != 0) {
      return sdl_error("cannot fill a texture");
    }
    SDL_SetTextureBlendMode(texture.get(), SDL_BLENDMODE_NONE);
    result.tiles.push_back(Tile{std::move(texture), x, tile_width});
  }
  const app::TextId id = next_id_++;
  strips_.emplace(id, std::move(result));
  return app::TextInfo{id, width};
}

void SdlDisplay::release_text(app::TextId id) { strips_.erase(id); }

void SdlDisplay::draw_frame(std::span<const app::DrawCommand> commands) {
  SDL_Renderer* renderer = renderer_.get();
  const app::DisplayConfig& c = options_.display;
  const int band_y = size_.height - band_height_;
  // A software renderer keeps its frame between presents, so the area above the band is drawn
  // once; an accelerated one must redraw it every frame.
  if (!software_ || !background_drawn_) {
    SDL_SetRenderDrawColor(renderer, c.background.r, c.background.g, c.background.b, 255);
    SDL_RenderClear(renderer);
    background_drawn_ = true;
  }
  // Strips are opaque and band-high, so only the gaps between them are filled: filling the whole
  // band first would write every pixel twice (a second full-band memset per frame). Commands come
  // left to right; one drawn over an earlier one (the status) starts inside what is covered.
  SDL_SetRenderDrawColor(renderer, c.band.r, c.band.g, c.band.b, 255);
  int covered = 0;  // band pixels [0, covered) are drawn
  auto fill_to = [&](int x) {
    if (x <= covered) return;
    const SDL_Rect gap{covered, band_y, std::min(x, size_.width) - covered, band_height_};
    SDL_RenderFillRect(renderer, &gap);
    covered = std::min(x, size_.width);
  };
  for (const app::DrawCommand& command : commands) {
    auto found = strips_.find(command.text);
    if (found == strips_.end()) continue;
    fill_to(command.x);
    for (const Tile& tile : found->second.tiles) {
      const int x = command.x + tile.x;
      if (x >= size_.width || x + tile.width <= 0) continue;
      // Only the visible part is copied; the software renderer clips anyway, but an accelerated
      // one would upload the whole source rectangle.
      const int left = std::max(0, -x);
      const int right = std::min(tile.width, size_.width - x);
      const SDL_Rect source{left, 0, right - left, band_height_};
      const SDL_Rect where{x + left, band_y, right - left, band_height_};
      SDL_RenderCopy(renderer, tile.texture.get(), &source, &where);
    }
    covered = std::max(covered, std::min(size_.width, command.x + found->second.width));
  }
  fill_to(size_.width);
  SDL_RenderPresent(renderer);
}

app::Result<void> SdlDisplay::capture(const std::string& png_path) {
  SurfacePtr frame;
  SDL_Surface* source = target_.get();
  if (source == nullptr) {
    frame.reset(SDL_CreateRGBSurfaceWithFormat(0, size_.width, size_.height, 32, kPixelFormat));
    if (!frame || SDL_RenderReadPixels(renderer_.get(), nullptr, kPixelFormat, frame->pixels,
                                       frame->pitch) != 0) {
      return make_error(ErrorKind::kIo, std::string("cannot read the frame: ") + SDL_GetError());
    }
    source = frame.get();
  }
  if (IMG_SavePNG(source, png_path.c_str()) != 0) {
    return make_error(ErrorKind::kIo, "cannot write " + png_path + ": " + IMG_GetError());
  }
  return {};
}

}  // namespace newsticker::platform
