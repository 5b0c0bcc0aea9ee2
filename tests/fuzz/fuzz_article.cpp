// libFuzzer target: extract_article_text() and extract_article_html() on the same bytes.
#include <libxml/parser.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "feed/article.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  xmlInitParser();  // as article.h asks, before any parsing
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace newsticker::app;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)extract_article_text(bytes);
  (void)extract_article_html(bytes);
  return 0;
}
