#include "core/config.h"

#include <gtest/gtest.h>

namespace newsticker::app {
namespace {

TEST(Config, ReadsFeedsDisplayAndColours) {
  auto config = parse_config(R"(
ring_capacity = 300
ca_file = "/etc/ssl/test.pem"

[display]
size = "1920x1080"
speed = 180
fps = 50
mode = "headless"

[colors]
headline = "#fafafa"

[[feed]]
url = "https://example.org/rss.xml"
name = "Example"
refresh_minutes = 10

[[feed]]
url = "http://plain.example/rss"
allow_insecure_http = true
)",
                             "test.toml");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->ring_capacity, 300u);
  EXPECT_EQ(config->ca_file, "/etc/ssl/test.pem");
  EXPECT_EQ(config->display.width, 1920);
  EXPECT_EQ(config->display.height, 1080);
  EXPECT_DOUBLE_EQ(config->display.speed_px_per_s, 180.0);
  EXPECT_EQ(config->display.fps, 50);
  EXPECT_EQ(config->display.mode, DisplayMode::kHeadless);
  EXPECT_EQ(config->display.headline, (Rgb{0xfa, 0xfa, 0xfa}));
  ASSERT_EQ(config->feeds.size(), 2u);
  EXPECT_EQ(config->feeds[0].name, "Example");
  EXPECT_EQ(config->feeds[0].refresh, std::chrono::minutes(10));
  EXPECT_TRUE(config->feeds[1].allow_insecure_http);
}

TEST(Config, EmptyFileGivesDefaults) {
  auto config = parse_config("", "empty.toml");
  ASSERT_TRUE(config);
  EXPECT_TRUE(config->feeds.empty());
  EXPECT_EQ(config->ring_capacity, 200u);
}

struct BadCase {
  const char* text;
  const char* expected;  // part of the message, including file:line
};

class ConfigErrors : public ::testing::TestWithParam<BadCase> {};

TEST_P(ConfigErrors, NameFileAndLine) {
  auto config = parse_config(GetParam().text, "bad.toml");
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().kind, ErrorKind::kConfig);
  EXPECT_NE(config.error().message.find(GetParam().expected), std::string::npos)
      << config.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ConfigErrors,
    ::testing::Values(
        BadCase{"\n\nspeeed = 3\n", "bad.toml:3: unknown key 'speeed'"},
        BadCase{"[display]\nspeed = 5000\n", "bad.toml:2: display.speed must be between"},
        BadCase{"[display]\nspeed = \"fast\"\n", "bad.toml:2: display.speed must be a number"},
        BadCase{"[display]\nsize = \"big\"\n", "bad.toml:2: size must be WIDTHxHEIGHT"},
        BadCase{"[display]\nmode = \"tv\"\n", "bad.toml:2: display.mode must be"},
        BadCase{"[colors]\nheadline = \"white\"\n", "bad.toml:2: colors.headline must be a colour"},
        BadCase{"[[feed]]\nname = \"x\"\n", "bad.toml:1: a [[feed]] needs a url"},
        BadCase{"[[feed]]\nurl = \"ftp://x\"\n", "must start with https://"},
        BadCase{"[[feed]]\nurl = \"http://x/rss\"\n", "allow_insecure_http"},
        BadCase{"[[feed]]\nurl = \"https://x\"\nrefresh_minutes = 0\n",
                "bad.toml:3: feed.refresh_minutes must be between 1"},
        BadCase{"ring_capacity = 0\n", "bad.toml:1: ring_capacity must be between 1"},
        BadCase{"[display\n", "bad.toml:1:"}));

TEST(ParseSize, AcceptsWidthByHeight) {
  auto size = parse_size("800x480");
  ASSERT_TRUE(size);
  EXPECT_EQ(size->first, 800);
  EXPECT_EQ(size->second, 480);
  EXPECT_FALSE(parse_size("800"));
  EXPECT_FALSE(parse_size("10x10"));
  EXPECT_FALSE(parse_size("800x480x3"));
}

}  // namespace
}  // namespace newsticker::app
