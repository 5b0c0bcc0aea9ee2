// newsticker's entry point: parses the command line, then hands over to the run functions.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "commands.h"

int main(int argc, char** argv) {
  using namespace newsticker::platform;
  CLI::App cli{"newsticker: a kiosk news ticker (RSS, Atom and JSON Feed over HTTPS)",
               "newsticker"};
  cli.set_version_flag(
      "--version", [] { return version_text(); },
      "Print the version of newsticker, libcurl and the TLS library");

  // A later option wins (so a wrapper script's defaults can be overridden), except --feed,
  // which collects every URL.
  cli.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  RunOptions run;
  cli.add_option("--config", run.config_file, "TOML config file")->check(CLI::ExistingFile);
  cli.add_option("--feed", run.feeds, "Feed URL (repeatable; replaces the config's feeds)")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cli.add_option("--ca-file", run.ca_file,
                 "PEM file of CA certificates to trust instead of the system store")
      ->check(CLI::ExistingFile);
  cli.add_option("--state-dir", run.state_dir, "Directory for status and stored headlines");
  cli.add_option("--size", run.size, "Display size WIDTHxHEIGHT, e.g. 1920x1080");
  auto* headless = cli.add_flag("--headless", run.headless,
                                "No window: render with the software renderer into memory");
  cli.add_flag("--window", run.window, "A desktop window (the simulation)")->excludes(headless);
  cli.add_option("--frames", run.frames, "Stop after N frames (0 = run until SIGTERM)")
      ->check(CLI::NonNegativeNumber);
  cli.add_option("--fps", run.fps, "Frame rate of headless capture (simulated clock)")
      ->check(CLI::Range(1, 240));
  cli.add_option("--speed", run.speed, "Crawl speed in px/s")->check(CLI::Range(10.0, 2000.0));
  cli.add_option("--speed-cps", run.speed_cps, "Crawl speed in average characters per second")
      ->check(CLI::Range(0.5, 50.0));
  cli.add_option("--profile", run.profile,
                 "Display profile: pi-touch, 720p, 1080p, 4k, portrait, spi")
      ->check(CLI::IsMember({"pi-touch", "720p", "1080p", "4k", "portrait", "spi"}));
  cli.add_option("--layout", run.layout, "crawl, two-line or flip")
      ->check(CLI::IsMember({"crawl", "two-line", "flip"}));
  cli.add_option("--rotation", run.rotation, "Turn the picture by 0, 90, 180 or 270 degrees")
      ->check(CLI::IsMember({0, 90, 180, 270}));
  cli.add_option("--capture", run.capture_dir, "Write frames as PNG into this directory");
  cli.add_option("--capture-every", run.capture_every, "Capture every K-th frame")
      ->check(CLI::PositiveNumber);
  cli.add_option("--dump-ring", run.dump_ring_file,
                 "At exit, write the ring's headlines as JSON lines");
  cli.add_flag("--realtime", run.realtime,
               "Headless on the real clock, paced by the wall clock (no wait for the first fetch)");
  std::string check_config;
  cli.add_option("--check-config", check_config, "Check a config file and exit (0 = valid)");

  ParseCommand parse;
  CLI::App* parse_cli =
      cli.add_subcommand("parse", "Parse feed files and print what the ticker reads");
  parse_cli->add_flag("--json", parse.json, "One JSON line per file (the default)");
  parse_cli->add_option("files", parse.files, "Feed files")->required();

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return cli.exit(error);
  }
  if (*parse_cli) return run_parse(parse);
  if (!check_config.empty()) return run_check_config(check_config);
  return run_ticker(run);
}
