// RAII owners for SDL, SDL_ttf and SDL_image handles, and the library init guards.
#pragma once

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>

#include <memory>

namespace newsticker::platform {

template <auto Fn>
struct SdlFree {
  template <class T>
  void operator()(T* pointer) const noexcept {
    if (pointer != nullptr) Fn(pointer);
  }
};

using WindowPtr = std::unique_ptr<SDL_Window, SdlFree<SDL_DestroyWindow>>;
using RendererPtr = std::unique_ptr<SDL_Renderer, SdlFree<SDL_DestroyRenderer>>;
using TexturePtr = std::unique_ptr<SDL_Texture, SdlFree<SDL_DestroyTexture>>;
using SurfacePtr = std::unique_ptr<SDL_Surface, SdlFree<SDL_FreeSurface>>;
using FontPtr = std::unique_ptr<TTF_Font, SdlFree<TTF_CloseFont>>;

// SDL_Init / SDL_Quit for the video subsystem. Immovable; main creates it before the display.
class SdlLibrary {
 public:
  SdlLibrary() { ok_ = SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) == 0; }
  ~SdlLibrary() {
    if (ok_) SDL_Quit();
  }
  SdlLibrary(const SdlLibrary&) = delete;
  SdlLibrary& operator=(const SdlLibrary&) = delete;
  bool ok() const { return ok_; }

 private:
  bool ok_ = false;
};

class TtfLibrary {
 public:
  TtfLibrary() { ok_ = TTF_Init() == 0; }
  ~TtfLibrary() {
    if (ok_) TTF_Quit();
  }
  TtfLibrary(const TtfLibrary&) = delete;
  TtfLibrary& operator=(const TtfLibrary&) = delete;
  bool ok() const { return ok_; }

 private:
  bool ok_ = false;
};

class ImageLibrary {
 public:
  ImageLibrary() { ok_ = (IMG_Init(IMG_INIT_PNG) & IMG_INIT_PNG) != 0; }
  ~ImageLibrary() {
    if (ok_) IMG_Quit();
  }
  ImageLibrary(const ImageLibrary&) = delete;
  ImageLibrary& operator=(const ImageLibrary&) = delete;
  bool ok() const { return ok_; }

 private:
  bool ok_ = false;
};

}  // namespace newsticker::platform
