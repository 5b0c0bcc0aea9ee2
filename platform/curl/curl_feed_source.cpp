#include "curl_feed_source.h"

#include <algorithm>
#include <cctype>
#include <string_view>

#include "core/version.h"
#include "fetch/schedule.h"

namespace newsticker::platform {
namespace {

using app::ErrorKind;
using app::make_error;

struct TransferState {
  std::string body;
  std::size_t max_bytes = 0;
  bool too_large = false;
  std::string last_location;  // of the last redirect answer, to say why a redirect was refused
};

size_t read_header(char* data, size_t size, size_t count, void* user) {
  auto* state = static_cast<TransferState*>(user);
  const std::string_view line(data, size * count);
  constexpr std::string_view kLocation = "location:";
  if (line.size() > kLocation.size() &&
      std::equal(kLocation.begin(), kLocation.end(), line.begin(),
                 [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); })) {
    std::string_view value = line.substr(kLocation.size());
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
      value.remove_prefix(1);
    while (!value.empty() &&
           (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) {
      value.remove_suffix(1);
    }
    state->last_location.assign(value.substr(0, 2048));
  }
  return size * count;
}

size_t write_body(char* data, size_t size, size_t count, void* user) {
  auto* state = static_cast<TransferState*>(user);
  const size_t bytes = size * count;
  // The cap applies to the decoded bytes (curl decompresses before this callback), so a gzip bomb
  // stops here as soon as it inflates past the cap.
  if (state->body.size() + bytes > state->max_bytes) {
    state->too_large = true;
    return 0;
  }
  state->body.append(data, bytes);
  return bytes;
}

std::string header_value(CURL* easy, const char* name) {
  curl_header* header = nullptr;
  if (curl_easy_header(easy, name, 0, CURLH_HEADER, -1, &header) == CURLHE_OK && header) {
    return header->value;
  }
  return {};
}

app::Error classify(CURLcode code, const char* detail, const TransferState& state) {
  std::string message = curl_easy_strerror(code);
  if (detail != nullptr && detail[0] != '\0') message = detail;
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return {ErrorKind::kDns, message};
    case CURLE_COULDNT_CONNECT:
      return {ErrorKind::kConnect, message};
    case CURLE_OPERATION_TIMEDOUT:
      return {ErrorKind::kTimeout, message};
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_USE_SSL_FAILED:
      return {ErrorKind::kTls, message};
    case CURLE_TOO_MANY_REDIRECTS:
      return {ErrorKind::kRedirect, message};
    case CURLE_UNSUPPORTED_PROTOCOL: {
      // Only https is allowed after an https start, so this is a redirect elsewhere.
      if (state.last_location.starts_with("http://")) {
        return {ErrorKind::kInsecure, "refused redirect to plain http: " + state.last_location};
      }
      return {ErrorKind::kRedirect, message};
    }
    case CURLE_FILESIZE_EXCEEDED:
      return {ErrorKind::kTooLarge, message};
    case CURLE_WRITE_ERROR:
      if (state.too_large) {
        return {ErrorKind::kTooLarge,
                "body larger than " + std::to_string(state.max_bytes) + " bytes"};
      }
      return {ErrorKind::kInternal, message};
    default:
      return {ErrorKind::kConnect, message};
  }
}

}  // namespace

CurlFeedSource::CurlFeedSource(CurlOptions options)
    : options_(std::move(options)), easy_(curl_easy_init()), multi_(curl_multi_init()) {
  if (options_.user_agent.empty()) {
    options_.user_agent = std::string("newsticker/") + app::kVersion + " (+kiosk news ticker)";
  }
}

app::Result<app::FetchedFeed> CurlFeedSource::fetch(const app::FeedRequest& request,
                                                    std::stop_token stop) {
  if (!easy_ || !multi_)
    return make_error(ErrorKind::kInternal, "libcurl could not be initialised");
  const bool plain_http = request.url.starts_with("http://");
  if (plain_http && request.insecure_http != app::InsecureHttp::kAllow) {
    return make_error(ErrorKind::kInsecure,
                      "plain http:// refused (set allow_insecure_http = true for this feed)");
  }
  if (!plain_http && !request.url.starts_with("https://")) {
    return make_error(ErrorKind::kInvalidArgument, "not an http(s) URL: " + request.url);
  }

  CURL* easy = easy_.get();
  // Reset clears per-request options but keeps the connection and TLS session caches.
  curl_easy_reset(easy);
  // Cancelling must not wait for a DNS lookup in progress (the threaded resolver would be joined,
  // 5 s per server and attempt when DNS is unreachable): detach it instead.
  curl_easy_setopt(easy, CURLOPT_QUICK_EXIT, 1L);
  TransferState state;
  state.max_bytes = request.max_body_bytes;
  char error_buffer[CURL_ERROR_SIZE] = {};

  curl_easy_setopt(easy, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  // Plain http only when the feed allows it; redirects never go from https to http.
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, plain_http ? "http,https" : "https");
  curl_easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS_STR, plain_http ? "http,https" : "https");
  curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(easy, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(easy, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
  if (!request.ca_file.empty()) curl_easy_setopt(easy, CURLOPT_CAINFO, request.ca_file.c_str());
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT,
                   static_cast<long>(options_.connect_timeout.count()));
  curl_easy_setopt(easy, CURLOPT_TIMEOUT, static_cast<long>(options_.total_timeout.count()));
  curl_easy_setopt(easy, CURLOPT_LOW_SPEED_LIMIT, options_.low_speed_bytes_per_s);
  curl_easy_setopt(easy, CURLOPT_LOW_SPEED_TIME,
                   static_cast<long>(options_.low_speed_time.count()));
  curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE,
                   static_cast<curl_off_t>(request.max_body_bytes));
  curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");  // every encoding this libcurl decodes
  curl_easy_setopt(easy, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, write_body);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &state);
  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, read_header);
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, &state);
  // Reset clears the share too; set it again on every request.
  if (options_.share != nullptr && options_.share->get() != nullptr) {
    curl_easy_setopt(easy, CURLOPT_SHARE, options_.share->get());
  }
  if (!options_.proxy.empty()) curl_easy_setopt(easy, CURLOPT_PROXY, options_.proxy.c_str());
  if (!request.pinned_public_key.empty()) {
    curl_easy_setopt(easy, CURLOPT_PINNEDPUBLICKEY, request.pinned_public_key.c_str());
  }

  CurlSlistPtr headers;
  auto add_header = [&headers](const std::string& line) {
    curl_slist* grown = curl_slist_append(headers.get(), line.c_str());
    if (grown != nullptr) {
      (void)headers.release();
      headers.reset(grown);
    }
  };
  if (!request.etag.empty()) add_header("If-None-Match: " + request.etag);
  if (!request.last_modified.empty()) add_header("If-Modified-Since: " + request.last_modified);
  add_header(
      "Accept: application/rss+xml, application/atom+xml, application/feed+json, "
      "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5");
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers.get());

  // The transfer runs in the multi handle so a stop request can interrupt the wait at once.
  CURLM* multi = multi_.get();
  curl_multi_add_handle(multi, easy);
  std::stop_callback wake_on_stop(stop, [multi] { curl_multi_wakeup(multi); });
  CURLcode result = CURLE_OK;
  bool done = false;
  while (!done) {
    if (stop.stop_requested()) {
      curl_multi_remove_handle(multi, easy);
      return make_error(ErrorKind::kCancelled, "stopped");
    }
    int running = 0;
    if (curl_multi_perform(multi, &running) != CURLM_OK) {
      result = CURLE_FAILED_INIT;
      break;
    }
    int queued = 0;
    while (CURLMsg* message = curl_multi_info_read(multi, &queued)) {
      if (message->msg == CURLMSG_DONE) {
        result = message->data.result;
        done = true;
      }
    }
    if (!done) curl_multi_poll(multi, nullptr, 0, 1000, nullptr);
  }
  curl_multi_remove_handle(multi, easy);

  if (result != CURLE_OK) return app::Unexpected{classify(result, error_buffer, state)};

  app::FetchedFeed fetched;
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &fetched.http_status);
  char* content_type = nullptr;
  curl_easy_getinfo(easy, CURLINFO_CONTENT_TYPE, &content_type);
  if (content_type != nullptr) fetched.content_type = content_type;
  char* effective_url = nullptr;
  curl_easy_getinfo(easy, CURLINFO_EFFECTIVE_URL, &effective_url);
  if (effective_url != nullptr) fetched.effective_url = effective_url;
  fetched.etag = header_value(easy, "ETag");
  fetched.last_modified = header_value(easy, "Last-Modified");
  fetched.max_age = app::parse_max_age(header_value(easy, "Cache-Control"));
  fetched.retry_after = header_value(easy, "Retry-After").substr(0, 128);

  if (fetched.http_status == 304) {
    fetched.not_modified = true;
    return fetched;
  }
  if (fetched.http_status >= 400) return fetched;  // an answer: the caller reads Retry-After
  if (fetched.http_status < 200) {
    return make_error(ErrorKind::kHttp, "HTTP " + std::to_string(fetched.http_status));
  }
  if (fetched.http_status >= 300) {
    return make_error(ErrorKind::kRedirect,
                      "HTTP " + std::to_string(fetched.http_status) + " without a usable Location");
  }
  fetched.body = std::move(state.body);
  return fetched;
}

std::string curl_version_line() {
  const curl_version_info_data* info = curl_version_info(CURLVERSION_NOW);
  std::string line = std::string("newsticker ") + app::kVersion + " (libcurl " + info->version;
  if (info->ssl_version != nullptr) line += std::string(", ") + info->ssl_version;
  if (info->libz_version != nullptr) line += std::string(", zlib ") + info->libz_version;
  line += ")";
  return line;
}

}  // namespace newsticker::platform
