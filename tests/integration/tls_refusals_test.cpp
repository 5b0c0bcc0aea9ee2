// Every certificate or protocol a kiosk must refuse, against local TLS servers (the feed
// simulator with the test PKI): each one is an error of class "tls" (or "insecure" for a
// downgrade to http), never headlines.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "curl/curl_feed_source.h"
#include "simulator_fixture.h"

namespace newsticker::platform {
namespace {

using testing::SimulatorProcess;

struct Refusal {
  const char* name;
  const char* cert;
  std::vector<std::string> server_args;
  app::ErrorKind expected;
  const char* path = "/rss.xml";
};

class TlsRefusals : public ::testing::TestWithParam<Refusal> {
 protected:
  static void SetUpTestSuite() { static CurlGlobal global; }
};

TEST_P(TlsRefusals, AreRefusedWithTheRightClass) {
  const Refusal& refusal = GetParam();
  SimulatorProcess sim(refusal.cert, refusal.server_args);
  ASSERT_TRUE(sim.ready());
  CurlFeedSource source;
  app::FeedRequest request;
  request.url = sim.url(refusal.path);
  request.ca_file = testing::pki_dir() + "/ca.pem";
  auto fetched = source.fetch(request, {});
  ASSERT_FALSE(fetched) << refusal.name << " was accepted";
  EXPECT_EQ(fetched.error().kind, refusal.expected)
      << refusal.name << ": " << app::error_kind_name(fetched.error().kind) << ": "
      << fetched.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, TlsRefusals,
    ::testing::Values(Refusal{"expired", "expired", {}, app::ErrorKind::kTls},
                      Refusal{"not_yet_valid", "notyet", {}, app::ErrorKind::kTls},
                      Refusal{"wrong_host", "wronghost", {}, app::ErrorKind::kTls},
                      Refusal{"self_signed", "selfsigned", {}, app::ErrorKind::kTls},
                      Refusal{"untrusted_ca", "untrusted", {}, app::ErrorKind::kTls},
                      Refusal{"tls_1_0_only",
                              "localhost",
                              {"--tls-min", "1.0", "--tls-max", "1.0"},
                              app::ErrorKind::kTls},
                      Refusal{"tls_1_1_only",
                              "localhost",
                              {"--tls-min", "1.0", "--tls-max", "1.1"},
                              app::ErrorKind::kTls},
                      Refusal{"downgrade_redirect_to_http",
                              "localhost",
                              {},
                              app::ErrorKind::kInsecure,
                              "/fault/redirect-http"}),
    [](const ::testing::TestParamInfo<Refusal>& info) { return std::string(info.param.name); });

// The same server with TLS 1.2 is accepted: the refusals above are about the protocol version,
// not a broken server.
TEST(TlsAccepted, Tls12ServerIsAccepted) {
  static CurlGlobal global;
  SimulatorProcess sim("localhost", {"--tls-min", "1.2", "--tls-max", "1.2"});
  ASSERT_TRUE(sim.ready());
  CurlFeedSource source;
  app::FeedRequest request;
  request.url = sim.url("/rss.xml");
  request.ca_file = testing::pki_dir() + "/ca.pem";
  auto fetched = source.fetch(request, {});
  ASSERT_TRUE(fetched) << fetched.error().message;
}

}  // namespace
}  // namespace newsticker::platform
