#include "store/feed_store.h"

#include <array>
#include <charconv>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace newsticker::app {
namespace {

constexpr std::string_view kMagic = "newsticker-store 1 ";

std::array<std::uint32_t, 256> make_crc_table() {
  std::array<std::uint32_t, 256> table{};
  for (std::uint32_t n = 0; n < 256; ++n) {
    std::uint32_t c = n;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[n] = c;
  }
  return table;
}

Unexpected corrupt(std::string why) {
  return make_error(ErrorKind::kParse, std::move(why));
}

}  // namespace

std::uint32_t crc32(std::string_view bytes) {
  static const std::array<std::uint32_t, 256> table = make_crc_table();
  std::uint32_t c = 0xFFFFFFFFu;
  for (unsigned char byte : bytes) c = table[(c ^ byte) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

std::string stored_feed_file_name(std::string_view url) {
  std::uint64_t hash = 0xcbf29ce484222325ull;  // FNV-1a 64
  for (unsigned char byte : url) {
    hash ^= byte;
    hash *= 0x100000001b3ull;
  }
  char name[48];
  std::snprintf(name, sizeof name, "feed-%016llx.store", static_cast<unsigned long long>(hash));
  return name;
}

std::string encode_stored_feed(const StoredFeed& feed) {
  nlohmann::json items = nlohmann::json::array();
  for (const Headline& h : feed.headlines) {
    nlohmann::json item = {{"id", h.id},         {"title", h.title},     {"link", h.link},
                           {"source", h.source}, {"summary", h.summary}, {"dateline", h.dateline},
                           {"agency", h.agency}, {"lede", h.lede},       {"author", h.author}};
    item["published"] =
        h.published ? nlohmann::json(h.published->time_since_epoch().count()) : nullptr;
    items.push_back(std::move(item));
  }
  const nlohmann::json root = {{"url", feed.url},
                               {"etag", feed.etag},
                               {"last_modified", feed.last_modified},
                               {"saved_at", feed.saved_at.time_since_epoch().count()},
                               {"headlines", std::move(items)}};
  // Invalid UTF-8 is replaced rather than thrown about: a headline must not stop a save.
  std::string payload = root.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  char header[64];
  std::snprintf(header, sizeof header, "%zu %08x\n", payload.size(), crc32(payload));
  return std::string(kMagic) + header + payload;
}

Result<StoredFeed> decode_stored_feed(std::string_view bytes) {
  if (!bytes.starts_with(kMagic))
    return corrupt("not a newsticker store file (or another version)");
  bytes.remove_prefix(kMagic.size());
  const auto newline = bytes.find('\n');
  if (newline == std::string_view::npos || newline > 40) return corrupt("truncated header");
  const std::string_view header = bytes.substr(0, newline);
  const std::string_view payload = bytes.substr(newline + 1);
  std::size_t length = 0;
  std::uint32_t checksum = 0;
  const auto space = header.find(' ');
  if (space == std::string_view::npos ||
      std::from_chars(header.data(), header.data() + space, length).ptr != header.data() + space ||
      std::from_chars(header.data() + space + 1, header.data() + header.size(), checksum, 16).ptr !=
          header.data() + header.size()) {
    return corrupt("bad header");
  }
  if (payload.size() != length) {
    return corrupt("length " + std::to_string(payload.size()) + " instead of " +
                   std::to_string(length) + " (truncated or padded)");
  }
  if (crc32(payload) != checksum) return corrupt("checksum mismatch");

  const nlohmann::json root = nlohmann::json::parse(payload, nullptr, /*allow_exceptions=*/false);
  if (!root.is_object()) return corrupt("payload is not a JSON object");
  auto text = [](const nlohmann::json& object, const char* key) -> std::string {
    auto found = object.find(key);
    return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
  };
  StoredFeed feed;
  feed.url = text(root, "url");
  feed.etag = text(root, "etag");
  feed.last_modified = text(root, "last_modified");
  auto saved = root.find("saved_at");
  if (saved == root.end() || !saved->is_number_integer()) return corrupt("no saved_at");
  feed.saved_at = UtcSeconds{std::chrono::seconds{saved->get<std::int64_t>()}};
  auto items = root.find("headlines");
  if (items == root.end() || !items->is_array()) return corrupt("no headlines");
  for (const nlohmann::json& item : *items) {
    if (!item.is_object()) return corrupt("a headline is not an object");
    if (feed.headlines.size() == kMaxStoredHeadlines) break;
    Headline h;
    h.id = text(item, "id");
    h.title = text(item, "title");
    h.link = text(item, "link");
    h.source = text(item, "source");
    h.summary = text(item, "summary");
    h.dateline = text(item, "dateline");
    h.agency = text(item, "agency");
    h.lede = text(item, "lede");
    h.author = text(item, "author");
    auto published = item.find("published");
    if (published != item.end() && published->is_number_integer()) {
      h.published = UtcSeconds{std::chrono::seconds{published->get<std::int64_t>()}};
    }
    feed.headlines.push_back(std::move(h));
  }
  return feed;
}

}  // namespace newsticker::app
