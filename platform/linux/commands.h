// The program's commands, wired from platform pieces. main() only parses the command line.
#pragma once

#include <string>
#include <vector>

namespace newsticker::platform {

struct RunOptions {
  std::string config_file;
  std::vector<std::string> feeds;
  std::string ca_file;
  std::string state_dir;
  std::string size;
  bool headless = false;
  bool window = false;
  long frames = 0;
  int fps = 0;             // 0 = from the config
  double speed = 0.0;      // 0 = from the config
  double speed_cps = 0.0;  // 0 = from the config
  std::string profile;     // a display profile (pi-touch, 720p, ...); empty = from the config
  std::string layout;      // crawl, two-line, flip; empty = from the config
  int rotation = -1;       // 0, 90, 180, 270; -1 = from the config
  std::string capture_dir;
  long capture_every = 1;
  std::string dump_ring_file;
  bool realtime = false;  // headless on the real clock, paced by the wall clock (frame-gap tests)
};

struct ParseCommand {
  bool json = true;
  std::vector<std::string> files;
};

std::string version_text();
int run_ticker(const RunOptions& options);
int run_parse(const ParseCommand& command);
int run_check_config(const std::string& file);

}  // namespace newsticker::platform
