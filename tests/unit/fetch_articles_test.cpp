// Article summaries: items whose feed gives no summary get one from their article page, opt-in
// per feed, a few pages per refresh, each page fetched once.
#include <gtest/gtest.h>

#include <map>
#include <mutex>

#include "fetch/fetch_loop.h"

namespace newsticker::app {
namespace {

using namespace std::chrono_literals;

constexpr const char* kFeedUrl = "https://wire.example/rss";

std::string feed_without_summaries(int count) {
  std::string xml = "<rss version=\"2.0\"><channel><title>Wire</title>";
  for (int i = 1; i <= count; ++i) {
    const std::string n = std::to_string(i);
    xml += "<item><title>Story " + n + "</title><link>https://wire.example/story/" + n +
           "</link><guid>s" + n + "</guid></item>";
  }
  return xml + "</channel></rss>";
}

std::string article_page(const std::string& n) {
  return "<html><head><title>Story " + n +
         " | Wire</title>"
         "<meta property=\"og:site_name\" content=\"Wire\"></head><body><h1>Story " +
         n +
         "</h1>"
         "<p>GENEVA (Reuters) - Delegates agreed on point " +
         n +
         " after a long night. More later.</p>"
         "</body></html>";
}

class PagesSource final : public FeedSource {
 public:
  Result<FetchedFeed> fetch(const FeedRequest& request, std::stop_token) override {
    std::lock_guard lock(mutex);
    ++requests[request.url];
    FetchedFeed fetched;
    fetched.http_status = 200;
    if (request.url == kFeedUrl) {
      fetched.body = feed_without_summaries(5);
    } else {
      fetched.body = article_page(request.url.substr(request.url.rfind('/') + 1));
    }
    return fetched;
  }
  std::mutex mutex;
  std::map<std::string, int> requests;
};

std::vector<FeedConfig> one_feed(bool article_summaries) {
  FeedConfig feed;
  feed.url = kFeedUrl;
  feed.name = "Wire";
  feed.refresh = 10min;
  feed.article_summaries = article_summaries;
  return {feed};
}

TEST(ArticleSummaries, FillMissingSummariesAFewPagesPerRefreshEachOnce) {
  PagesSource source;
  HeadlineRing ring(20);
  NullLogSink log;
  ManualFetchClock clock;
  FetchLoopOptions options;
  options.clock = &clock;
  options.articles_per_refresh = 3;
  FetchLoop loop(one_feed(true), "", source, ring, log, options);

  clock.set(loop.run_due());  // first refresh: 3 of the 5 pages
  EXPECT_EQ(source.requests.size(), 1u + 3u);
  int with_summary = 0;
  for (const Headline& headline : ring.snapshot()) {
    if (headline.summary.empty()) continue;
    ++with_summary;
    EXPECT_EQ(headline.dateline, "GENEVA");
    EXPECT_EQ(headline.agency, "Reuters");
    EXPECT_EQ(headline.lede.rfind("Delegates agreed on point", 0), 0u) << headline.lede;
  }
  EXPECT_EQ(with_summary, 3);

  loop.run_due();  // second refresh: the other 2 pages; the first 3 are not fetched again
  EXPECT_EQ(source.requests.size(), 1u + 5u);
  for (const auto& [url, count] : source.requests) {
    if (url != kFeedUrl) {
      EXPECT_EQ(count, 1) << url;
    }
  }
}

TEST(ArticleSummaries, OffByDefault) {
  PagesSource source;
  HeadlineRing ring(20);
  NullLogSink log;
  ManualFetchClock clock;
  FetchLoopOptions options;
  options.clock = &clock;
  FetchLoop loop(one_feed(false), "", source, ring, log, options);
  loop.run_due();
  EXPECT_EQ(source.requests.size(), 1u);
  for (const Headline& headline : ring.snapshot()) EXPECT_TRUE(headline.summary.empty());
}

}  // namespace
}  // namespace newsticker::app
