// FeedSource: fetches one feed document. Implemented by platform/curl/curl_feed_source.
// Fetch thread only; one instance per thread (it owns connection state). Returns promptly,
// with ErrorKind::kCancelled, once `stop` is requested, even in the middle of a transfer.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <stop_token>
#include <string>

#include "core/result.h"

namespace newsticker::app {

enum class InsecureHttp { kRefuse, kAllow };

struct FeedRequest {
  std::string url;
  std::string ca_file;  // PEM bundle to trust instead of the system store; empty = system store
  InsecureHttp insecure_http = InsecureHttp::kRefuse;
  std::string etag;  // validators from the last good answer, for a conditional GET
  std::string last_modified;
  std::size_t max_body_bytes = 8u << 20;
  // "sha256//<base64>[;sha256//...]": the server's public key must be one of these. Empty = any
  // key that the CA verification accepts.
  std::string pinned_public_key;
};

struct FetchedFeed {
  long http_status = 0;
  bool not_modified = false;  // a 304: `body` is empty, the last good headlines stand
  std::string body;
  std::string content_type;
  std::string etag;
  std::string last_modified;
  std::string effective_url;
  std::optional<std::chrono::seconds> max_age;  // Cache-Control: max-age, when given
  std::string retry_after;  // raw Retry-After (seconds or an HTTP date), with 429 and 503
};

// A complete HTTP answer is a value, also with an error status (http_status >= 400, empty body),
// so that the caller sees Retry-After; the caller classifies it as kHttp. Errors: kDns,
// kConnect, kTls, kTimeout, kHttp, kTooLarge, kRedirect, kInsecure, kCancelled.
class FeedSource {
 public:
  virtual ~FeedSource() = default;
  virtual Result<FetchedFeed> fetch(const FeedRequest& request, std::stop_token stop) = 0;
};

}  // namespace newsticker::app
