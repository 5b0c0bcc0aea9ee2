// CurlFeedSource: FeedSource over libcurl (built on Mbed TLS). HTTPS with certificate and host
// verification always on, TLS 1.2 minimum, at most 5 redirects and never to plain http, bounded
// body size, timeouts, gzip/deflate, conditional GET, optional public-key pinning, proxy.
// An HTTP error status (>= 400) is returned as an answer with its Retry-After (see FeedSource).
//
// Threads: one instance per fetch thread. It keeps one easy handle and one multi handle for its
// life, so connections (keep-alive) and TLS sessions are reused across refreshes of a host.
// fetch() polls the multi handle and is woken at once by a stop request (curl_multi_wakeup).
#pragma once

#include <chrono>
#include <string>

#include "curl_handles.h"
#include "curl_share.h"
#include "ports/feed_source.h"

namespace newsticker::platform {

struct CurlOptions {
  std::string user_agent;  // empty = "newsticker/<version> (+kiosk news ticker)"
  std::chrono::seconds connect_timeout{15};
  std::chrono::seconds total_timeout{60};
  long low_speed_bytes_per_s = 16;          // slower than this ...
  std::chrono::seconds low_speed_time{20};  // ... for this long is a timeout
  std::string proxy;  // empty = libcurl's environment variables (https_proxy, no_proxy, ...)
  // TLS sessions and DNS shared with the other lanes' sources; null = none. Must outlive them.
  const CurlShare* share = nullptr;
};

class CurlFeedSource final : public app::FeedSource {
 public:
  explicit CurlFeedSource(CurlOptions options = {});
  app::Result<app::FetchedFeed> fetch(const app::FeedRequest& request,
                                      std::stop_token stop) override;

 private:
  CurlOptions options_;
  CurlEasyPtr easy_;
  CurlMultiPtr multi_;
};

// "newsticker 0.1.0 (libcurl 7.88.1, mbedTLS/2.28.3, zlib 1.2.13)".
std::string curl_version_line();

}  // namespace newsticker::platform
