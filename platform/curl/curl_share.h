// CurlShare: a CURLSH that lets the easy handles of all fetch lanes share TLS sessions and the
// DNS cache, so that a lane that reconnects (after a reload, or after the server closed an idle
// connection) resumes the TLS session instead of a full handshake. Connections themselves stay
// in each lane's multi handle: a host always uses the same lane, so keep-alive needs no sharing.
// Thread-safe: libcurl calls lock()/unlock() around every access to the shared data.
#pragma once

#include <curl/curl.h>

#include <array>
#include <mutex>

namespace newsticker::platform {

class CurlShare {
 public:
  CurlShare() : share_(curl_share_init()) {
    if (share_ == nullptr) return;
    curl_share_setopt(share_, CURLSHOPT_LOCKFUNC, &CurlShare::lock);
    curl_share_setopt(share_, CURLSHOPT_UNLOCKFUNC, &CurlShare::unlock);
    curl_share_setopt(share_, CURLSHOPT_USERDATA, this);
    curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
    curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
  }
  // Every easy handle that used it must be gone (or reset) first: the lanes end before this.
  ~CurlShare() {
    if (share_ != nullptr) curl_share_cleanup(share_);
  }
  CurlShare(const CurlShare&) = delete;
  CurlShare& operator=(const CurlShare&) = delete;

  CURLSH* get() const { return share_; }

 private:
  static void lock(CURL*, curl_lock_data data, curl_lock_access, void* user) {
    static_cast<CurlShare*>(user)->mutexes_[index(data)].lock();
  }
  static void unlock(CURL*, curl_lock_data data, void* user) {
    static_cast<CurlShare*>(user)->mutexes_[index(data)].unlock();
  }
  static std::size_t index(curl_lock_data data) {
    const auto i = static_cast<std::size_t>(data);
    return i < kLocks ? i : 0;
  }

  static constexpr std::size_t kLocks = CURL_LOCK_DATA_LAST;
  CURLSH* share_ = nullptr;
  std::array<std::mutex, kLocks> mutexes_;
};

}  // namespace newsticker::platform
