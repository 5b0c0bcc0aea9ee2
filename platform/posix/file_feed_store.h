// FileFeedStore: the offline store (app/store/feed_store.h) as one file per feed in the state
// directory, each replaced atomically (atomic_file.h). Fetch threads only; feeds of different
// lanes write different files, so no lock is needed.
#pragma once

#include <string>

#include "store/feed_store.h"

namespace newsticker::platform {

class FileFeedStore final : public app::FeedStore {
 public:
  explicit FileFeedStore(std::string directory) : directory_(std::move(directory)) {}
  app::Result<void> save(const app::StoredFeed& feed) override;
  app::Result<app::StoredFeed> load(std::string_view url) override;
  std::string path_of(std::string_view url) const;

 private:
  std::string directory_;
};

}  // namespace newsticker::platform
