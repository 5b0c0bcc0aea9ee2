// The offline store: per feed, the last good headlines and the HTTP validators, so that a screen
// that boots without a network shows news at once and its first request can be conditional.
//
// encode_stored_feed / decode_stored_feed are pure. The file format is one header line, then a
// JSON payload:
//   newsticker-store 1 <payload bytes> <CRC-32 of the payload, 8 hex digits>\n{...}
// A file that is truncated, padded, or altered anywhere fails the length or the checksum and is
// rejected as a whole (never half-read). FeedStore is the port; platform/posix/file_feed_store
// implements it with atomic writes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/headline.h"
#include "core/result.h"

namespace newsticker::app {

struct StoredFeed {
  std::string url;
  std::string etag;
  std::string last_modified;
  UtcSeconds saved_at{};  // when this answer was fetched
  std::vector<Headline> headlines;
};

inline constexpr std::size_t kMaxStoredHeadlines = 500;
inline constexpr std::size_t kMaxStoreFileBytes = 16u << 20;

// CRC-32 (IEEE 802.3, as zlib's crc32).
std::uint32_t crc32(std::string_view bytes);

std::string encode_stored_feed(const StoredFeed& feed);
// Errors: kParse with what was wrong (bad header, length, checksum, JSON, field types).
Result<StoredFeed> decode_stored_feed(std::string_view bytes);

// The file name of a feed's store file: "feed-<16 hex digits of FNV-1a 64 of the url>.store".
std::string stored_feed_file_name(std::string_view url);

// Fetch thread only (one writer per feed). Implementations never throw.
class FeedStore {
 public:
  virtual ~FeedStore() = default;
  // Replaces the stored answer of feed.url atomically: afterwards the old or the new one is
  // there, never a mix. Errors: kIo.
  virtual Result<void> save(const StoredFeed& feed) = 0;
  // Errors: kIo when there is none or it cannot be read, kParse when it is corrupt.
  virtual Result<StoredFeed> load(std::string_view url) = 0;
};

}  // namespace newsticker::app
