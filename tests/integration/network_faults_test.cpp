// FetchLoop + CurlFeedSource against the feed simulator over real TLS, one test per fault: the
// error class, the last good headlines kept, and the next attempt scheduled by the policy. The
// loop runs without threads on a manual clock (run_due), so the schedule is exact; the network
// is real. (Suite name starts with FetchLoop so the tsan job runs it.)
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <thread>

#include "curl/curl_feed_source.h"
#include "fetch/fetch_loop.h"
#include "simulator_fixture.h"

namespace newsticker::platform {
namespace {

using namespace std::chrono_literals;
using app::ErrorKind;
using testing::SimulatorProcess;

class FetchLoopNetworkFaults : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { static CurlGlobal global; }

  struct Outcome {
    app::FeedStatus status;
    std::chrono::seconds delay{0};
    std::size_t ring_size = 0;
    bool kept_old = false;
  };

  // One attempt on `path` with a ring that already holds one good headline.
  Outcome attempt(const SimulatorProcess& sim, const std::string& path,
                  std::size_t max_body = 8u << 20, std::string url = {}) {
    app::ManualFetchClock clock;
    CurlOptions curl;
    curl.low_speed_time = 2s;  // drip and stall end in seconds, not the production 20 s
    curl.total_timeout = 20s;
    curl.share = &share_;
    CurlFeedSource source(curl);
    app::HeadlineRing ring(50);
    app::Headline old_one;
    old_one.id = "kept";
    old_one.title = "Last good headline";
    std::vector<app::Headline> kept = {old_one};
    ring.insert(kept);
    app::FeedConfig feed;
    feed.url = url.empty() ? sim.url(path) : url;
    feed.name = "Fault";
    app::FetchLoopOptions options;
    options.clock = &clock;
    options.policy.jitter = 0.0;
    options.max_body_bytes = max_body;
    app::NullLogSink log;
    app::FetchLoop loop({feed}, testing::pki_dir() + "/ca.pem", source, ring, log, options);
    const auto due = loop.run_due();
    Outcome outcome;
    outcome.status = loop.statuses()[0];
    outcome.delay = std::chrono::duration_cast<std::chrono::seconds>(due - clock.now());
    outcome.ring_size = ring.size();
    for (const auto& held : ring.snapshot()) outcome.kept_old |= held.id == "kept";
    return outcome;
  }

  void expect_fault(const Outcome& outcome, ErrorKind kind, std::chrono::seconds delay = 15s) {
    ASSERT_TRUE(outcome.status.error.has_value()) << outcome.status.message;
    EXPECT_EQ(app::error_kind_name(*outcome.status.error), std::string(app::error_kind_name(kind)))
        << outcome.status.message;
    EXPECT_TRUE(outcome.kept_old);
    EXPECT_EQ(outcome.ring_size, 1u);
    EXPECT_EQ(outcome.status.consecutive_failures, 1);
    EXPECT_EQ(outcome.delay, delay);  // first failure: 15 s (jitter off), or Retry-After
    ASSERT_TRUE(outcome.status.next_attempt && outcome.status.last_attempt);
  }

  CurlShare share_;
};

TEST_F(FetchLoopNetworkFaults, Http500) {
  SimulatorProcess sim;
  ASSERT_TRUE(sim.ready());
  auto outcome = attempt(sim, "/fault/500");
  expect_fault(outcome, ErrorKind::kHttp);
  EXPECT_EQ(outcome.status.http_status, 500);
}

TEST_F(FetchLoopNetworkFaults, Http429HonoursRetryAfter) {
  SimulatorProcess sim;
  ASSERT_TRUE(sim.ready());
  expect_fault(attempt(sim, "/fault/429"), ErrorKind::kHttp, 120s);
}

TEST_F(FetchLoopNetworkFaults, Http503HonoursRetryAfter) {
  SimulatorProcess sim;
  ASSERT_TRUE(sim.ready());
  expect_fault(attempt(sim, "/fault/503-retry"), ErrorKind::kHttp, 30s);
}

TEST_F(FetchLoopNetworkFaults, DripIsATimeout) {
  SimulatorProcess sim;
  ASSERT_TRUE(sim.ready());
  expect_fault(attempt(sim, "/fault/drip"), ErrorKind::kTimeout);
}

TEST_F(FetchLoopNetworkFaults, StallIsATimeout) {
  SimulatorProcess sim;
  ASSERT_TRUE(sim.ready());
  expect_fault(attempt(sim, "/fault/stall?max=10"), ErrorKind::kTimeout);
}

TEST_F(FetchLoopNetworkFaults, TruncatedBodyIsAConnectionError) {
  SimulatorProcess sim;
  ASSERT_TRUE(sim.ready());
  expect_fault(attempt(sim, "/fault/truncated"), ErrorKind::kConnect);
}

TEST_F(FetchLoopNetworkFaults, GzipBombStopsAtTheDecodedCap) {
  SimulatorProcess sim("localhost", {"--prebuild-bomb"});
  ASSERT_TRUE(sim.ready());
  expect_fault(attempt(sim, "/fault/gzip-bomb", 4u << 20), ErrorKind::kTooLarge);
}

TEST_F(FetchLoopNetworkFaults, RedirectLoop) {
  SimulatorProcess sim;
  ASSERT_TRUE(sim.ready());
  expect_fault(attempt(sim, "/fault/redirect-loop"), ErrorKind::kRedirect);
}

TEST_F(FetchLoopNetworkFaults, RedirectToHttpIsInsecure) {
  SimulatorProcess sim;
  ASSERT_TRUE(sim.ready());
  expect_fault(attempt(sim, "/fault/redirect-http"), ErrorKind::kInsecure);
}

TEST_F(FetchLoopNetworkFaults, CertificateForAnotherHost) {
  SimulatorProcess sim("wronghost");
  ASSERT_TRUE(sim.ready());
  expect_fault(attempt(sim, "/rss.xml"), ErrorKind::kTls);
}

TEST_F(FetchLoopNetworkFaults, ExpiredCertificate) {
  SimulatorProcess sim("expired");
  ASSERT_TRUE(sim.ready());
  expect_fault(attempt(sim, "/rss.xml"), ErrorKind::kTls);
}

TEST_F(FetchLoopNetworkFaults, UntrustedCa) {
  SimulatorProcess sim("untrusted");
  ASSERT_TRUE(sim.ready());
  expect_fault(attempt(sim, "/rss.xml"), ErrorKind::kTls);
}

TEST_F(FetchLoopNetworkFaults, PinnedKeyMismatchIsTls) {
  SimulatorProcess sim;
  ASSERT_TRUE(sim.ready());
  // The right CA, the wrong pin.
  app::ManualFetchClock clock;
  CurlFeedSource source;
  app::HeadlineRing ring(10);
  app::FeedConfig feed;
  feed.url = sim.url("/rss.xml");
  feed.pinned_public_key = "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
  app::FetchLoopOptions options;
  options.clock = &clock;
  app::NullLogSink log;
  app::FetchLoop loop({feed}, testing::pki_dir() + "/ca.pem", source, ring, log, options);
  loop.run_due();
  ASSERT_TRUE(loop.statuses()[0].error);
  EXPECT_EQ(*loop.statuses()[0].error, ErrorKind::kTls) << loop.statuses()[0].message;
  EXPECT_EQ(ring.size(), 0u);
}

TEST_F(FetchLoopNetworkFaults, ClosedPort) {
  SimulatorProcess sim;
  ASSERT_TRUE(sim.ready());
  expect_fault(attempt(sim, "", 8u << 20, "https://localhost:9/rss.xml"), ErrorKind::kConnect);
}

TEST_F(FetchLoopNetworkFaults, ConfiguredProxyIsUsed) {
  SimulatorProcess sim;
  ASSERT_TRUE(sim.ready());
  CurlOptions curl;
  curl.proxy = "http://127.0.0.1:9";  // nothing listens: the request must fail at the proxy
  CurlFeedSource source(curl);
  app::FeedRequest request;
  request.url = sim.url("/rss.xml");
  request.ca_file = testing::pki_dir() + "/ca.pem";
  auto fetched = source.fetch(request, {});
  ASSERT_FALSE(fetched);
  EXPECT_EQ(fetched.error().kind, ErrorKind::kConnect) << fetched.error().message;
}

TEST_F(FetchLoopNetworkFaults, FiftyMegabyteBodyIsTooLarge) {
  SimulatorProcess sim;
  ASSERT_TRUE(sim.ready());
  expect_fault(attempt(sim, "/fault/big?mb=50"), ErrorKind::kTooLarge);
}

TEST_F(FetchLoopNetworkFaults, HtmlPageIsNotAFeed) {
  SimulatorProcess sim;
  ASSERT_TRUE(sim.ready());
  expect_fault(attempt(sim, "/fault/html"), ErrorKind::kNotAFeed);
}

TEST_F(FetchLoopNetworkFaults, Empty200IsAParseError) {
  SimulatorProcess sim;
  ASSERT_TRUE(sim.ready());
  expect_fault(attempt(sim, "/fault/empty"), ErrorKind::kParse);
}

// N refreshes of an unchanged feed: one 200, then N-1 answers of 304 with no body, all on one
// TLS handshake (keep-alive); a second source sharing the TLS session cache resumes it.
TEST_F(FetchLoopNetworkFaults, UnchangedFeedGives304sOnOneHandshake) {
  SimulatorProcess sim;
  ASSERT_TRUE(sim.ready());
  constexpr int kRefreshes = 5;
  app::ManualFetchClock clock;
  CurlOptions curl;
  curl.share = &share_;
  CurlFeedSource source(curl);
  app::HeadlineRing ring(50);
  app::FeedConfig feed;
  feed.url = sim.url("/rss.xml");
  app::FetchLoopOptions options;
  options.clock = &clock;
  options.policy.jitter = 0.0;
  app::NullLogSink log;
  app::FetchLoop loop({feed}, testing::pki_dir() + "/ca.pem", source, ring, log, options);
  for (int i = 0; i < kRefreshes; ++i) {
    const auto due = loop.run_due();
    const auto status = loop.statuses()[0];
    ASSERT_FALSE(status.error) << status.message;
    EXPECT_EQ(status.not_modified, i > 0);
    EXPECT_EQ(status.http_status, i == 0 ? 200 : 304);
    if (i > 0) {
      EXPECT_EQ(status.bytes_received, 0u);
    }
    EXPECT_EQ(due - clock.now(),
              std::chrono::nanoseconds(300s));  // max-age 60 and ttl 1 min < 5 min
    clock.set(due);
  }
  EXPECT_EQ(ring.size(), 12u);
  CurlFeedSource stats_source(curl);
  app::FeedRequest request;
  request.url = sim.url("/_stats");
  request.ca_file = testing::pki_dir() + "/ca.pem";
  auto stats = stats_source.fetch(request, {});
  ASSERT_TRUE(stats) << stats.error().message;
  std::printf("simulator stats: %s\n", stats->body.c_str());
  EXPECT_NE(stats->body.find("\"full_handshakes\": 1,"), std::string::npos) << stats->body;
  EXPECT_NE(stats->body.find("\"304\": " + std::to_string(kRefreshes - 1)), std::string::npos)
      << stats->body;
  EXPECT_NE(stats->body.find("\"resumed_handshakes\": 1,"), std::string::npos) << stats->body;
}

}  // namespace
}  // namespace newsticker::platform
