#include <gtest/gtest.h>

#include "store/feed_store.h"

namespace newsticker::app {
namespace {

StoredFeed sample() {
  StoredFeed feed;
  feed.url = "https://example.org/rss";
  feed.etag = "\"abc\"";
  feed.last_modified = "Thu, 01 Jan 2026 12:00:00 GMT";
  feed.saved_at = UtcSeconds{std::chrono::seconds{1767268800}};
  for (int i = 0; i < 3; ++i) {
    Headline h;
    h.id = std::to_string(i);
    h.title = "Title " + std::to_string(i) + " – Zürich";
    h.link = "https://example.org/" + std::to_string(i);
    h.source = "Example";
    h.summary = "PARIS (AFP) - Summary.";
    h.dateline = "PARIS";
    h.agency = "AFP";
    h.lede = "Summary.";
    if (i != 1) h.published = UtcSeconds{std::chrono::seconds{1767268800 - i * 60}};
    feed.headlines.push_back(h);
  }
  return feed;
}

TEST(StoreCodec, RoundTrips) {
  const StoredFeed feed = sample();
  auto decoded = decode_stored_feed(encode_stored_feed(feed));
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(decoded->url, feed.url);
  EXPECT_EQ(decoded->etag, feed.etag);
  EXPECT_EQ(decoded->last_modified, feed.last_modified);
  EXPECT_EQ(decoded->saved_at, feed.saved_at);
  ASSERT_EQ(decoded->headlines.size(), 3u);
  EXPECT_EQ(decoded->headlines[0].title, feed.headlines[0].title);
  EXPECT_EQ(decoded->headlines[0].published, feed.headlines[0].published);
  EXPECT_FALSE(decoded->headlines[1].published);
  EXPECT_EQ(decoded->headlines[2].agency, "AFP");
}

TEST(StoreCodec, EveryTruncationIsRejected) {
  const std::string bytes = encode_stored_feed(sample());
  for (std::size_t length = 0; length < bytes.size(); ++length) {
    EXPECT_FALSE(decode_stored_feed(std::string_view(bytes).substr(0, length))) << length;
  }
  EXPECT_FALSE(decode_stored_feed(bytes + " "));
}

TEST(StoreCodec, EveryFlippedByteIsRejected) {
  const std::string bytes = encode_stored_feed(sample());
  for (std::size_t i = 0; i < bytes.size(); i += 7) {
    std::string damaged = bytes;
    damaged[i] = static_cast<char>(damaged[i] ^ 0x20);
    auto decoded = decode_stored_feed(damaged);
    EXPECT_FALSE(decoded) << "byte " << i;
    if (!decoded) {
      EXPECT_EQ(decoded.error().kind, ErrorKind::kParse);
    }
  }
}

TEST(StoreCodec, Crc32MatchesTheStandardCheckValue) {
  EXPECT_EQ(crc32("123456789"), 0xCBF43926u);
}

TEST(StoreCodec, FileNamesDependOnTheUrlOnly) {
  EXPECT_EQ(stored_feed_file_name("https://a/rss"), stored_feed_file_name("https://a/rss"));
  EXPECT_NE(stored_feed_file_name("https://a/rss"), stored_feed_file_name("https://b/rss"));
  EXPECT_EQ(stored_feed_file_name("x").size(), std::string("feed-0123456789abcdef.store").size());
}

}  // namespace
}  // namespace newsticker::app
