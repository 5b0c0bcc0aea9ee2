// RAII owners for libcurl handles, and the process-wide init guard.
#pragma once

#include <curl/curl.h>

#include <memory>

namespace newsticker::platform {

template <auto Fn>
struct FreeWith {
  template <class T>
  void operator()(T* pointer) const noexcept {
    if (pointer != nullptr) Fn(pointer);
  }
};

using CurlEasyPtr = std::unique_ptr<CURL, FreeWith<curl_easy_cleanup>>;
using CurlMultiPtr = std::unique_ptr<CURLM, FreeWith<curl_multi_cleanup>>;
using CurlSlistPtr = std::unique_ptr<curl_slist, FreeWith<curl_slist_free_all>>;

// curl_global_init / curl_global_cleanup. Created by main before any thread starts; immovable.
class CurlGlobal {
 public:
  CurlGlobal() { ok_ = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; }
  ~CurlGlobal() {
    if (ok_) curl_global_cleanup();
  }
  CurlGlobal(const CurlGlobal&) = delete;
  CurlGlobal& operator=(const CurlGlobal&) = delete;
  bool ok() const { return ok_; }

 private:
  bool ok_ = false;
};

}  // namespace newsticker::platform
