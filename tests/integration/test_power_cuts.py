#!/usr/bin/env python3
"""Power cuts: the real ticker is killed with SIGKILL at random points while it writes its
offline store and status file, and while it reloads its config (SIGHUP), 200 times. After each
cut it is started again, and it must start, show headlines, and find nothing corrupt.

NEWSTICKER_POWER_CUTS sets the number of cuts (default 200)."""
import json
import os
import random
import signal
import subprocess
import tempfile
import time
import unittest

from simulator import CA, Simulator

BIN = os.environ["NEWSTICKER_BIN"]
CUTS = int(os.environ.get("NEWSTICKER_POWER_CUTS", "200"))


class PowerCuts(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="newsticker-power-")
        self.sim = Simulator(self.tmp)
        self.base = self.sim.url("")

    def tearDown(self):
        self.sim.close()

    def write_config(self, path, names):
        feeds = "".join('[[feed]]\nurl = "%s/feeds/%s.xml"\nname = "%s"\n' % (self.base, n, n)
                        for n in names)
        with open(path + ".tmp", "w") as f:
            f.write('ca_file = "%s"\n%s' % (CA, feeds))
        os.replace(path + ".tmp", path)

    def test_killed_anywhere_it_restarts_with_headlines_and_nothing_corrupt(self):
        rng = random.Random(7)
        state = os.path.join(self.tmp, "state")
        config = os.path.join(self.tmp, "newsticker.toml")
        feed_sets = [["world", "business", "science"], ["world", "sport"], ["culture", "science"]]
        self.write_config(config, feed_sets[0])
        reload_cuts = 0
        for cut in range(CUTS):
            ticker = subprocess.Popen(
                [BIN, "--headless", "--realtime", "--fps", "30", "--size", "320x180",
                 "--config", config, "--state-dir", state],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if cut % 2 == 1:
                # A reload in flight: new feeds, SIGHUP, and the cut shortly after.
                time.sleep(rng.uniform(0.05, 0.25))
                self.write_config(config, feed_sets[rng.randrange(len(feed_sets))])
                ticker.send_signal(signal.SIGHUP)
                reload_cuts += 1
            time.sleep(rng.uniform(0.0, 0.3))
            ticker.send_signal(signal.SIGKILL)
            ticker.wait(timeout=10)

            # Restart: it must come up, show headlines, and report nothing corrupt.
            ring = os.path.join(self.tmp, "ring.jsonl")
            check = subprocess.run(
                [BIN, "--headless", "--frames", "1", "--size", "320x180", "--config", config,
                 "--state-dir", state, "--dump-ring", ring],
                capture_output=True, text=True, timeout=60)
            self.assertEqual(check.returncode, 0, "cut %d: %s" % (cut, check.stderr))
            self.assertNotIn("ignored", check.stderr, "cut %d: a store file was corrupt" % cut)
            self.assertNotIn("corrupt", check.stderr.lower(), "cut %d" % cut)
            with open(ring) as f:
                held = [json.loads(line) for line in f]
            self.assertGreater(len(held), 0, "cut %d: no headlines after restart" % cut)
            status = os.path.join(state, "status.json")
            if os.path.exists(status):
                with open(status) as f:
                    json.load(f)  # never a half-written status file
        leftovers = [n for n in os.listdir(state) if ".tmp" in n]
        self.assertEqual(leftovers, [], "temporary files are cleaned at start")
        print("%d power cuts (%d during a reload): every restart showed headlines" % (CUTS, reload_cuts))


if __name__ == "__main__":
    unittest.main(verbosity=2)
