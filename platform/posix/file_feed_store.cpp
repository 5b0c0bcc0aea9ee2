#include "file_feed_store.h"

#include "atomic_file.h"

namespace newsticker::platform {

std::string FileFeedStore::path_of(std::string_view url) const {
  return directory_ + "/" + app::stored_feed_file_name(url);
}

app::Result<void> FileFeedStore::save(const app::StoredFeed& feed) {
  return write_file_atomically(path_of(feed.url), app::encode_stored_feed(feed));
}

app::Result<app::StoredFeed> FileFeedStore::load(std::string_view url) {
  const std::string path = path_of(url);
  auto bytes = read_small_file(path, app::kMaxStoreFileBytes);
  if (!bytes) {
    if (bytes.error().kind == app::ErrorKind::kTooLarge) {
      return app::make_error(app::ErrorKind::kParse, bytes.error().message);
    }
    return app::Unexpected{bytes.error()};
  }
  auto decoded = app::decode_stored_feed(*bytes);
  if (!decoded)
    return app::make_error(app::ErrorKind::kParse, path + ": " + decoded.error().message);
  return decoded;
}

}  // namespace newsticker::platform
