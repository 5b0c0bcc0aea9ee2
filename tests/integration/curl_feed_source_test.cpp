// CurlFeedSource against the feed simulator over real TLS (libcurl on Mbed TLS).
#include "curl/curl_feed_source.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "feed/parse_feed.h"
#include "simulator_fixture.h"

namespace newsticker::platform {
namespace {

using namespace std::chrono_literals;
using testing::SimulatorProcess;

class CurlFeedSourceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { static CurlGlobal global; }
  app::FeedRequest request(const SimulatorProcess& sim, const std::string& path) {
    app::FeedRequest request;
    request.url = sim.url(path);
    request.ca_file = testing::pki_dir() + "/ca.pem";
    return request;
  }
};

TEST_F(CurlFeedSourceTest, FetchesAndParsesRssOverVerifiedTls) {
  SimulatorProcess sim;
  ASSERT_TRUE(sim.ready());
  CurlFeedSource source;
  auto fetched = source.fetch(request(sim, "/rss.xml"), {});
  ASSERT_TRUE(fetched) << fetched.error().message;
  EXPECT_EQ(fetched->http_status, 200);
  EXPECT_FALSE(fetched->etag.empty());
  auto parsed = app::parse_feed(fetched->body);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->items.size(), 12u);
  EXPECT_EQ(parsed->items[0].title.rfind("Simulated headline 1", 0), 0u) << parsed->items[0].title;
}

TEST_F(CurlFeedSourceTest, FetchesAtom) {
  SimulatorProcess sim;
  ASSERT_TRUE(sim.ready());
  CurlFeedSource source;
  auto fetched = source.fetch(request(sim, "/atom.xml"), {});
  ASSERT_TRUE(fetched) << fetched.error().message;
  auto parsed = app::parse_feed(fetched->body);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->items.size(), 12u);
}

TEST_F(CurlFeedSourceTest, ConditionalGetGivesNotModified) {
  SimulatorProcess sim;
  ASSERT_TRUE(sim.ready());
  CurlFeedSource source;
  auto first = source.fetch(request(sim, "/rss.xml"), {});
  ASSERT_TRUE(first) << first.error().message;
  auto again = request(sim, "/rss.xml");
  again.etag = first->etag;
  again.last_modified = first->last_modified;
  auto second = source.fetch(again, {});
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_TRUE(second->not_modified);
  EXPECT_EQ(second->http_status, 304);
  EXPECT_TRUE(second->body.empty());
}

TEST_F(CurlFeedSourceTest, RefusesACertificateFromAnUntrustedCa) {
  SimulatorProcess sim("untrusted");
  ASSERT_TRUE(sim.ready());
  CurlFeedSource source;
  auto fetched = source.fetch(request(sim, "/rss.xml"), {});
  ASSERT_FALSE(fetched);
  EXPECT_EQ(fetched.error().kind, app::ErrorKind::kTls) << fetched.error().message;
}

TEST_F(CurlFeedSourceTest, RefusesACertificateForAnotherHost) {
  SimulatorProcess sim("wronghost");
  ASSERT_TRUE(sim.ready());
  CurlFeedSource source;
  auto fetched = source.fetch(request(sim, "/rss.xml"), {});
  ASSERT_FALSE(fetched);
  EXPECT_EQ(fetched.error().kind, app::ErrorKind::kTls) << fetched.error().message;
}

TEST_F(CurlFeedSourceTest, RefusesAnExpiredCertificate) {
  SimulatorProcess sim("expired");
  ASSERT_TRUE(sim.ready());
  CurlFeedSource source;
  auto fetched = source.fetch(request(sim, "/rss.xml"), {});
  ASSERT_FALSE(fetched);
  EXPECT_EQ(fetched.error().kind, app::ErrorKind::kTls) << fetched.error().message;
}

TEST_F(CurlFeedSourceTest, HttpErrorIsClassified) {
  SimulatorProcess sim;
  ASSERT_TRUE(sim.ready());
  CurlFeedSource source;
  // An error status is an answer (so that Retry-After can be read); FetchLoop classifies it.
  auto fetched = source.fetch(request(sim, "/fault/500"), {});
  ASSERT_TRUE(fetched) << fetched.error().message;
  EXPECT_EQ(fetched->http_status, 500);
  EXPECT_TRUE(fetched->body.empty());
  auto busy = source.fetch(request(sim, "/fault/429"), {});
  ASSERT_TRUE(busy) << busy.error().message;
  EXPECT_EQ(busy->http_status, 429);
  EXPECT_EQ(busy->retry_after, "120");
  auto feed = source.fetch(request(sim, "/rss.xml"), {});
  ASSERT_TRUE(feed) << feed.error().message;
  EXPECT_EQ(feed->max_age, std::chrono::seconds(60));
}

TEST_F(CurlFeedSourceTest, RedirectToPlainHttpIsRefused) {
  SimulatorProcess sim;
  ASSERT_TRUE(sim.ready());
  CurlFeedSource source;
  auto fetched = source.fetch(request(sim, "/fault/redirect-http"), {});
  ASSERT_FALSE(fetched);
  EXPECT_EQ(fetched.error().kind, app::ErrorKind::kInsecure) << fetched.error().message;
}

TEST_F(CurlFeedSourceTest, RedirectLoopStopsAtFive) {
  SimulatorProcess sim;
  ASSERT_TRUE(sim.ready());
  CurlFeedSource source;
  auto fetched = source.fetch(request(sim, "/fault/redirect-loop"), {});
  ASSERT_FALSE(fetched);
  EXPECT_EQ(fetched.error().kind, app::ErrorKind::kRedirect) << fetched.error().message;
}

TEST_F(CurlFeedSourceTest, GzipBombStopsAtTheDecodedSizeCap) {
  SimulatorProcess sim("localhost", {"--prebuild-bomb"});
  ASSERT_TRUE(sim.ready());
  CurlFeedSource source;
  auto req = request(sim, "/fault/gzip-bomb");
  req.max_body_bytes = 4u << 20;
  auto fetched = source.fetch(req, {});
  ASSERT_FALSE(fetched);
  EXPECT_EQ(fetched.error().kind, app::ErrorKind::kTooLarge) << fetched.error().message;
}

TEST_F(CurlFeedSourceTest, PlainHttpIsRefusedUnlessAllowed) {
  CurlFeedSource source;
  app::FeedRequest req;
  req.url = "http://localhost:1/rss.xml";
  auto fetched = source.fetch(req, {});
  ASSERT_FALSE(fetched);
  EXPECT_EQ(fetched.error().kind, app::ErrorKind::kInsecure);
}

TEST_F(CurlFeedSourceTest, ClosedPortIsAConnectError) {
  CurlFeedSource source;
  app::FeedRequest req;
  req.url = "https://localhost:9/rss.xml";  // discard port: nothing listens on loopback
  auto fetched = source.fetch(req, {});
  ASSERT_FALSE(fetched);
  EXPECT_EQ(fetched.error().kind, app::ErrorKind::kConnect) << fetched.error().message;
}

TEST_F(CurlFeedSourceTest, StopInterruptsAStalledTransferPromptly) {
  SimulatorProcess sim;
  ASSERT_TRUE(sim.ready());
  CurlFeedSource source;
  std::stop_source stop;
  std::thread stopper([&] {
    std::this_thread::sleep_for(300ms);
    stop.request_stop();
  });
  const auto before = std::chrono::steady_clock::now();
  auto fetched = source.fetch(request(sim, "/fault/stall"), stop.get_token());
  const auto took = std::chrono::steady_clock::now() - before;
  stopper.join();
  ASSERT_FALSE(fetched);
  EXPECT_EQ(fetched.error().kind, app::ErrorKind::kCancelled);
  EXPECT_LT(took, 300ms + 200ms);
}

}  // namespace
}  // namespace newsticker::platform
