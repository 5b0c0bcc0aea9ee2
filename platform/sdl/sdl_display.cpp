#include "sdl_display.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace newsticker::platform {
namespace {

using app::ErrorKind;
using app::make_error;

// Older Raspberry Pi GPUs (VideoCore IV, GLES2) cannot hold textures wider than 2048 px.
constexpr int kMaxTileWidth = 2048;
constexpr Uint32 kPixelFormat = SDL_PIXELFORMAT_ARGB8888;

SDL_Color to_sdl(app::Rgb rgb) {
  return SDL_Color{rgb.r, rgb.g, rgb.b, 255};
}

app::Unexpected sdl_error(const std::string& what) {
  return make_error(ErrorKind::kInternal, what + ": " + SDL_GetError());
}

// Font sizes of the styles, relative to the headline's (the band's proportions since 0.1).
int style_px(app::TextStyle style, int headline_px) {
  switch (style) {
    case app::TextStyle::kSourceBadge:
    case app::TextStyle::kTitleTab:
      return std::max(8, headline_px * 28 / 42);
    case app::TextStyle::kSummary:
    case app::TextStyle::kStatus:
    case app::TextStyle::kClock:
      return std::max(8, headline_px * 30 / 42);
    case app::TextStyle::kHeadline:
    case app::TextStyle::kSeparator:
      return std::max(8, headline_px);
  }
  return headline_px;
}

bool is_boxed(app::TextStyle style) {
  return style == app::TextStyle::kSourceBadge || style == app::TextStyle::kTitleTab;
}

}  // namespace

int default_band_height(app::Size screen, app::Layout layout) {
  const int side = std::min(screen.width, screen.height);
  return std::max(24, layout == app::Layout::kCrawl ? side / 8 : side / 5);
}

app::Result<std::unique_ptr<SdlDisplay>> SdlDisplay::create(const SdlDisplayOptions& options) {
  std::unique_ptr<SdlDisplay> display(new SdlDisplay());
  display->options_ = options;
  const app::DisplayConfig& config = options.display;
  app::Size output{config.width, config.height};
  display->refresh_period_ns_ = 1'000'000'000LL / std::max(1, config.fps);

  if (options.mode == SdlMode::kHeadless) {
    display->target_.reset(
        SDL_CreateRGBSurfaceWithFormat(0, config.width, config.height, 32, kPixelFormat));
    if (!display->target_) return sdl_error("cannot create the headless frame");
    display->renderer_.reset(SDL_CreateSoftwareRenderer(display->target_.get()));
    if (!display->renderer_) return sdl_error("cannot create the software renderer");
    display->software_ = true;
    display->frame_format_ = kPixelFormat;
  } else {
    Uint32 flags = SDL_WINDOW_SHOWN;
    if (options.mode == SdlMode::kFullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    display->window_.reset(SDL_CreateWindow("newsticker", SDL_WINDOWPOS_CENTERED,
                                            SDL_WINDOWPOS_CENTERED, config.width, config.height,
                                            flags));
    if (!display->window_) return sdl_error("cannot open a window");
    display->renderer_.reset(SDL_CreateRenderer(
        display->window_.get(), -1,
        SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC | SDL_RENDERER_TARGETTEXTURE));
    if (!display->renderer_) {
      display->renderer_.reset(
          SDL_CreateRenderer(display->window_.get(), -1, SDL_RENDERER_SOFTWARE));
    }
    if (!display->renderer_) return sdl_error("cannot create a renderer");
    SDL_RendererInfo info{};
    SDL_GetRendererInfo(display->renderer_.get(), &info);
    display->vsync_ = (info.flags & SDL_RENDERER_PRESENTVSYNC) != 0;
    display->software_ = (info.flags & SDL_RENDERER_SOFTWARE) != 0;
    SDL_GetRendererOutputSize(display->renderer_.get(), &output.width, &output.height);
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

  // A turned screen: the picture is drawn upright into a texture and turned onto the output at
  // present (one extra full-screen copy per frame, only for turned screens).
  const int rotation = ((config.rotation % 360) + 360) % 360;
  display->size_ =
      (rotation == 90 || rotation == 270) ? app::Size{output.height, output.width} : output;
  if (rotation != 0) {
    display->rotated_frame_.reset(
        SDL_CreateTexture(display->renderer_.get(), display->frame_format_,
                          SDL_TEXTUREACCESS_TARGET, display->size_.width, display->size_.height));
    if (!display->rotated_frame_ ||
        SDL_SetRenderTarget(display->renderer_.get(), display->rotated_frame_.get()) != 0) {
      return sdl_error("cannot create the rotated frame");
    }
  }

  display->band_height_ = config.band_height > 0
                              ? std::min(config.band_height, display->size_.height)
                              : default_band_height(display->size_, config.layout);
  display->font_paths_[kRegularFace] = config.font.empty() ? options.default_font : config.font;
  display->font_paths_[kBoldFace] =
      config.bold_font.empty() ? options.default_bold_font : config.bold_font;
  if (!config.fallback_fonts.empty()) {
    display->options_.fallback_fonts.clear();
    for (const std::string& path : config.fallback_fonts) {
      display->options_.fallback_fonts.push_back({path, 0, app::Script::kCommon});
    }
  }
  display->face_missing_.assign(kFirstFallback + display->options_.fallback_fonts.size(), false);
  const int headline_px = std::max(8, display->band_height_ * 42 / 100);
  TTF_Font* regular = display->font(kRegularFace, headline_px);
  if (regular == nullptr || display->font(kBoldFace, headline_px) == nullptr) {
    return make_error(ErrorKind::kInternal, "cannot open font " + display->font_paths_[0] + " / " +
                                                display->font_paths_[1] + ": " + TTF_GetError());
  }
  // A pangram's mean advance: what "characters per second" is measured in.
  constexpr const char* kSample = "The quick brown fox jumps over the lazy dog";
  int sample_width = 0;
  if (TTF_SizeUTF8(regular, kSample, &sample_width, nullptr) == 0) {
    display->average_char_width_ =
        static_cast<double>(sample_width) / static_cast<double>(std::strlen(kSample));
  }
  return display;
}

std::vector<FallbackFont> default_fallback_fonts() {
  const FallbackFont candidates[] = {
      {"/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf", 0, app::Script::kArabic},
      {"/usr/share/fonts/truetype/noto/NotoSansHebrew-Regular.ttf", 0, app::Script::kHebrew},
      // Index 0 of the collection is the Japanese cut; it covers Chinese and Korean text too.
      {"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 0, app::Script::kCjk},
      {"/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf", 0,
       app::Script::kDevanagari},
      {"/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf", 0, app::Script::kThai},
  };
  std::vector<FallbackFont> found;
  for (const FallbackFont& font : candidates) {
    if (std::FILE* file = std::fopen(font.path.c_str(), "rb")) {
      std::fclose(file);
      found.push_back(font);
    }
  }
  return found;
}

TTF_Font* SdlDisplay::font(int face, int px) {
  if (face_missing_[static_cast<std::size_t>(face)]) return nullptr;
  for (OpenFont& open : fonts_) {
    if (open.face == face && open.px == px) return open.font.get();
  }
  FontPtr opened;
  if (face < kFirstFallback) {
    opened.reset(TTF_OpenFont(font_paths_[face].c_str(), px));
  } else {
    const FallbackFont& fallback =
        options_.fallback_fonts[static_cast<std::size_t>(face - kFirstFallback)];
    opened.reset(TTF_OpenFontIndex(fallback.path.c_str(), px, fallback.index));
  }
  if (!opened) {
    face_missing_[static_cast<std::size_t>(face)] = true;
    return nullptr;
  }
  fonts_.push_back({face, px, std::move(opened)});
  return fonts_.back().font.get();
}

TTF_Font* SdlDisplay::face_for_run(int primary, int px, std::string_view text, app::Script script) {
  const auto covers = [&](TTF_Font* candidate) {
    if (candidate == nullptr) return false;
    for (std::size_t pos = 0; pos < text.size();) {
      const char32_t c = app::next_code_point(text, pos);
      if (c <= 0x20 || c == 0x200C || c == 0x200D) continue;  // spaces and joiners need no glyph
      if (!TTF_GlyphIsProvided32(candidate, c)) return false;
    }
    return true;
  };
  const std::vector<FallbackFont>& faces = options_.fallback_fonts;
  // A face made for the script shapes it better than a Latin face with a few of its glyphs
  // (DejaVu has Arabic and Hebrew letters; Noto has the full joining and mark positioning).
  if (script != app::Script::kCommon && script != app::Script::kLatin) {
    for (std::size_t i = 0; i < faces.size(); ++i) {
      if (faces[i].script != script) continue;
      TTF_Font* candidate = font(kFirstFallback + static_cast<int>(i), px);
      if (covers(candidate)) return candidate;
    }
  }
  TTF_Font* first = font(primary, px);
  if (covers(first)) return first;
  for (std::size_t i = 0; i < faces.size(); ++i) {
    if (faces[i].script == script && script != app::Script::kCommon) continue;  // tried above
    TTF_Font* candidate = font(kFirstFallback + static_cast<int>(i), px);
    if (covers(candidate)) return candidate;
  }
  return first;  // no face has them all: the primary's missing-glyph boxes, at least visible
}

SDL_Color SdlDisplay::colour_for(app::TextStyle style) const {
  const app::DisplayConfig& c = options_.display;
  switch (style) {
    case app::TextStyle::kSourceBadge:
    case app::TextStyle::kTitleTab:
      return to_sdl(c.badge_text);
    case app::TextStyle::kSummary:
      return to_sdl(c.summary);
    case app::TextStyle::kSeparator:
      return to_sdl(c.separator);
    case app::TextStyle::kStatus:
    case app::TextStyle::kClock:
    case app::TextStyle::kHeadline:
      return to_sdl(c.headline);
  }
  return to_sdl(c.headline);
}

app::Result<app::TextInfo> SdlDisplay::prepare_text(std::span<const app::TextRun> runs,
                                                    const app::TextBox& box) {
  const int height = box.height > 0 ? box.height : band_height_;
  const int headline_px = box.headline_px > 0 ? box.headline_px : std::max(8, height * 42 / 100);
  const int pad = std::max(4, headline_px * 100 / 42 / 6);  // space around each run
  // One piece per script run: its own face, script and direction for HarfBuzz, placed left to
  // right in visual order on the run's baseline.
  struct Piece {
    SurfacePtr surface;
    int x = 0;       // within the run
    int ascent = 0;  // of the piece's face
  };
  struct Rendered {
    std::vector<Piece> pieces;
    app::TextStyle style;
    int x = 0;
    int width = 0;  // the run's box (a badge includes its padding)
  };
  std::vector<Rendered> rendered;
  int width = 0;
  for (const app::TextRun& run : runs) {
    if (run.text.empty()) continue;
    Rendered out{{}, run.style, width, 0};
    const int primary = is_boxed(run.style) ? kBoldFace : kRegularFace;
    const int px = style_px(run.style, headline_px);
    int text_width = 0;
    for (const app::ScriptRun& script_run : app::script_runs(run.text)) {
      piece_text_.assign(run.text, script_run.begin, script_run.end - script_run.begin);
      TTF_Font* face = face_for_run(primary, px, piece_text_, script_run.script);
      if (face == nullptr) return sdl_error("no font for text");
      // Fonts are shared by all strings, so script and direction are set for every piece.
      TTF_SetFontDirection(face, script_run.direction == app::TextDirection::kRightToLeft
                                     ? TTF_DIRECTION_RTL
                                     : TTF_DIRECTION_LTR);
      TTF_SetFontScriptName(face, app::iso15924_tag(script_run.script));
      SurfacePtr surface(TTF_RenderUTF8_Blended(face, piece_text_.c_str(), colour_for(run.style)));
      ++rasterisations_;
      if (!surface) return sdl_error("cannot render text");
      const int piece_width = surface->w;
      out.pieces.push_back({std::move(surface), text_width, TTF_FontAscent(face)});
      text_width += piece_width;
    }
    if (out.pieces.empty()) continue;
    out.width = is_boxed(run.style) ? text_width + 2 * pad : text_width;
    width += out.width + pad;
    rendered.push_back(std::move(out));
  }
  if (rendered.empty()) return make_error(ErrorKind::kInvalidArgument, "nothing to draw");
  width -= pad;
  if (box.max_width > 0) width = std::min(width, box.max_width);

  SurfacePtr strip(SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, kPixelFormat));
  if (!strip) return sdl_error("cannot create a strip surface");
  const app::DisplayConfig& c = options_.display;
  const app::Rgb background =
      box.background == app::StripBackground::kHighlight ? c.highlight : c.band;
  SDL_FillRect(strip.get(), nullptr,
               SDL_MapRGB(strip->format, background.r, background.g, background.b));
  // All runs share one baseline: the one that centres the largest style present.
  bool has_headline = false;
  for (const Rendered& run : rendered) has_headline |= run.style == app::TextStyle::kHeadline;
  TTF_Font* reference = font(
      kRegularFace, has_headline ? headline_px : style_px(rendered.front().style, headline_px));
  const int baseline = (height + TTF_FontAscent(reference) + TTF_FontDescent(reference)) / 2;
  for (Rendered& run : rendered) {
    int x = run.x;
    int run_baseline = baseline;
    if (is_boxed(run.style)) {
      // The badge's text is centred in the badge, which is centred in the strip.
      TTF_Font* bold = font(kBoldFace, style_px(run.style, headline_px));
      const int badge_height = TTF_FontHeight(bold) + pad / 2;
      SDL_Rect badge{run.x, (height - badge_height) / 2, run.width, badge_height};
      SDL_FillRect(strip.get(), &badge, SDL_MapRGB(strip->format, c.badge.r, c.badge.g, c.badge.b));
      x += pad;
      run_baseline = (height - TTF_FontHeight(bold)) / 2 + TTF_FontAscent(bold);
    }
    for (Piece& piece : run.pieces) {
      SDL_Rect where{x + piece.x, run_baseline - piece.ascent, piece.surface->w, piece.surface->h};
      SDL_SetSurfaceBlendMode(piece.surface.get(), SDL_BLENDMODE_BLEND);
      SDL_BlitSurface(piece.surface.get(), nullptr, strip.get(), &where);
    }
  }

  Strip result;
  result.width = width;
  result.height = height;
  for (int x = 0; x < width; x += kMaxTileWidth) {
    const int tile_width = std::min(kMaxTileWidth, width - x);
    SurfacePtr tile(SDL_CreateRGBSurfaceWithFormat(0, tile_width, height, 32, frame_format_));
    if (!tile) return sdl_error("cannot create a tile");
    SDL_Rect source{x, 0, tile_width, height};
    SDL_SetSurfaceBlendMode(strip.get(), SDL_BLENDMODE_NONE);
    SDL_BlitSurface(strip.get(), &source, tile.get(), nullptr);
    // The texture is made in the frame's own pixel format, so a frame copies rows (memcpy)
    // instead of converting pixels.
    TexturePtr texture(SDL_CreateTexture(renderer_.get(), frame_format_, SDL_TEXTUREACCESS_STATIC,
                                         tile_width, height));
    if (!texture || SDL_UpdateTexture(texture.get(), nullptr, tile->pixels, tile->pitch) != 0) {
      return sdl_error("cannot create a texture");
    }
    SDL_SetTextureBlendMode(texture.get(), SDL_BLENDMODE_NONE);
    result.tiles.push_back(Tile{std::move(texture), x, tile_width});
  }
  const app::TextId id = next_id_++;
  strips_.emplace(id, std::move(result));
  return app::TextInfo{id, width, height};
}

void SdlDisplay::release_text(app::TextId id) {
  strips_.erase(id);
}

void SdlDisplay::draw_frame(std::span<const app::DrawCommand> commands) {
  SDL_Renderer* renderer = renderer_.get();
  const app::DisplayConfig& c = options_.display;
  const int band_y = size_.height - band_height_;
  const SDL_Rect band{0, band_y, size_.width, band_height_};
  const bool clear_screen =
      !commands.empty() && commands.front().kind == app::DrawKind::kClearScreen;
  SDL_RenderSetClipRect(renderer, nullptr);
  if (clear_screen) {
    SDL_SetRenderDrawColor(renderer, 0, 0, 0, 255);
    SDL_RenderClear(renderer);
    background_drawn_ = false;  // the next normal frame redraws the screen above the band
  } else if (!software_ || !background_drawn_ || rotated_frame_) {
    // A software renderer keeps its frame between presents, so the area above the band is drawn
    // once; an accelerated one must redraw it every frame.
    SDL_SetRenderDrawColor(renderer, c.background.r, c.background.g, c.background.b, 255);
    SDL_RenderClear(renderer);
    background_drawn_ = true;
  }
  // The app covers every band pixel with strips and fills; nothing draws outside the band.
  SDL_RenderSetClipRect(renderer, &band);
  for (const app::DrawCommand& command : commands) {
    switch (command.kind) {
      case app::DrawKind::kClearScreen:
        break;
      case app::DrawKind::kFillBand:
      case app::DrawKind::kFillBlack: {
        const app::Rgb colour = command.kind == app::DrawKind::kFillBand ? c.band : app::Rgb{};
        SDL_SetRenderDrawColor(renderer, colour.r, colour.g, colour.b, 255);
        const SDL_Rect area{command.x, band_y + command.y, command.width, command.height};
        SDL_RenderFillRect(renderer, &area);
        break;
      }
      case app::DrawKind::kCopy: {
        auto found = strips_.find(command.text);
        if (found == strips_.end()) break;
        const Strip& strip = found->second;
        for (const Tile& tile : strip.tiles) {
          const int x = command.x + tile.x;
          if (x >= size_.width || x + tile.width <= 0) continue;
          // Only the visible columns are named; an accelerated renderer would otherwise
          // process the whole source rectangle.
          const int left = std::max(0, -x);
          const int right = std::min(tile.width, size_.width - x);
          const SDL_Rect source{left, 0, right - left, strip.height};
          const SDL_Rect where{x + left, band_y + command.y, right - left, strip.height};
          SDL_RenderCopy(renderer, tile.texture.get(), &source, &where);
        }
        break;
      }
    }
  }
  if (rotated_frame_) copy_to_output();
  SDL_RenderPresent(renderer);
  if (rotated_frame_) SDL_SetRenderTarget(renderer, rotated_frame_.get());
}

void SdlDisplay::copy_to_output() {
  SDL_Renderer* renderer = renderer_.get();
  SDL_SetRenderTarget(renderer, nullptr);
  SDL_RenderSetClipRect(renderer, nullptr);
  int out_w = 0, out_h = 0;
  SDL_GetRendererOutputSize(renderer, &out_w, &out_h);
  // The picture's centre goes to the output's centre, then turns about it.
  const SDL_Rect where{(out_w - size_.width) / 2, (out_h - size_.height) / 2, size_.width,
                       size_.height};
  const int rotation = ((options_.display.rotation % 360) + 360) % 360;
  SDL_RenderCopyEx(renderer, rotated_frame_.get(), nullptr, &where, rotation, nullptr,
                   SDL_FLIP_NONE);
}

app::Result<SurfacePtr> SdlDisplay::read_band() const {
  SurfacePtr band(SDL_CreateRGBSurfaceWithFormat(0, size_.width, band_height_, 32, kPixelFormat));
  if (!band)
    return make_error(ErrorKind::kIo, std::string("cannot read the band: ") + SDL_GetError());
  if (target_ && !rotated_frame_) {
    SDL_Rect area{0, size_.height - band_height_, size_.width, band_height_};
    SDL_SetSurfaceBlendMode(target_.get(), SDL_BLENDMODE_NONE);
    SDL_BlitSurface(target_.get(), &area, band.get(), nullptr);
    return band;
  }
  return make_error(ErrorKind::kIo, "read_band: only for an unrotated headless display");
}

app::Result<void> SdlDisplay::capture(const std::string& png_path, CaptureArea area) {
  SurfacePtr frame;
  SDL_Surface* source = target_.get();
  if (source == nullptr) {
    int out_w = 0, out_h = 0;
    SDL_GetRendererOutputSize(renderer_.get(), &out_w, &out_h);
    frame.reset(SDL_CreateRGBSurfaceWithFormat(0, out_w, out_h, 32, kPixelFormat));
    if (!frame || SDL_RenderReadPixels(renderer_.get(), nullptr, kPixelFormat, frame->pixels,
                                       frame->pitch) != 0) {
      return make_error(ErrorKind::kIo, std::string("cannot read the frame: ") + SDL_GetError());
    }
    source = frame.get();
  }
  SurfacePtr cropped;
  if (area == CaptureArea::kBand && !rotated_frame_) {
    cropped.reset(SDL_CreateRGBSurfaceWithFormat(0, size_.width, band_height_, 32, kPixelFormat));
    if (!cropped) return make_error(ErrorKind::kIo, std::string("cannot crop: ") + SDL_GetError());
    SDL_Rect band{0, size_.height - band_height_, size_.width, band_height_};
    SDL_SetSurfaceBlendMode(source, SDL_BLENDMODE_NONE);
    SDL_BlitSurface(source, &band, cropped.get(), nullptr);
    source = cropped.get();
  }
  if (IMG_SavePNG(source, png_path.c_str()) != 0) {
    return make_error(ErrorKind::kIo, "cannot write " + png_path + ": " + IMG_GetError());
  }
  return {};
}

}  // namespace newsticker::platform
