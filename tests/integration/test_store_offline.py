#!/usr/bin/env python3
"""Offline store, status file and render pacing, end to end with the real binary.

1. A run against the simulator stores the feed and writes status.json.
2. A second run with the server gone shows the stored headlines from the first frame
   (ring dump), reports the connect error and "from_store" in status.json, and is stale.
3. Headless on the real clock (--realtime) with stalled and dripping feeds: no frame gap
   over 50 ms while the faults last.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

from simulator import CA, Simulator

BIN = os.environ["NEWSTICKER_BIN"]



def run(args, timeout=60):
    return subprocess.run([BIN, "--ca-file", CA, "--size", "640x360"] + args,
                          capture_output=True, text=True, timeout=timeout)


def badge_pixels(path):
    from PIL import Image
    image = Image.open(path).convert("RGB")
    width, height = image.size
    band = image.crop((0, height - height // 8, width, height))
    return sum(1 for r, g, b in band.getdata() if r > 120 and g < 60 and b < 80)  # the red badge


def ring_titles(path):
    with open(path) as f:
        return [json.loads(line)["title"] for line in f if line.strip()]


class StoreAndStatus(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="newsticker-store-")
        self.state = os.path.join(self.tmp, "state")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_offline_boot_shows_stored_headlines(self):
        sim = Simulator(self.tmp)
        url = sim.url("/feeds/alpha.xml?items=5")
        try:
            first = run(["--headless", "--frames", "3", "--feed", url, "--state-dir", self.state,
                         "--dump-ring", os.path.join(self.tmp, "ring1.jsonl")])
            self.assertEqual(first.returncode, 0, first.stderr)
        finally:
            sim.close()
        stored = [n for n in os.listdir(self.state) if n.endswith(".store")]
        self.assertEqual(len(stored), 1, os.listdir(self.state))
        online = ring_titles(os.path.join(self.tmp, "ring1.jsonl"))
        self.assertEqual(len(online), 5)
        with open(os.path.join(self.state, "status.json")) as f:
            status = json.load(f)
        self.assertEqual(status["feeds"][0]["http_status"], 200)
        self.assertIsNone(status["feeds"][0]["error"])

        # The server is gone: the stored headlines are in the ring from the first frame on
        # (--realtime does not wait for the first fetch; one frame is drawn).
        ring2 = os.path.join(self.tmp, "ring2.jsonl")
        stored_frames = os.path.join(self.tmp, "stored-frames")
        second = run(["--headless", "--realtime", "--frames", "1", "--feed", url,
                      "--state-dir", self.state, "--dump-ring", ring2, "--capture", stored_frames])
        self.assertEqual(second.returncode, 0, second.stderr)
        # The same boot without a store: its first frame only says it is waiting.
        empty_frames = os.path.join(self.tmp, "empty-frames")
        third = run(["--headless", "--realtime", "--frames", "1", "--feed", url,
                     "--state-dir", os.path.join(self.tmp, "empty-state"), "--capture", empty_frames])
        self.assertEqual(third.returncode, 0, third.stderr)
        with open(os.path.join(stored_frames, "frame-000000.png"), "rb") as f:
            stored_png = f.read()
        with open(os.path.join(empty_frames, "frame-000000.png"), "rb") as f:
            empty_png = f.read()
        self.assertNotEqual(stored_png, empty_png, "the first frame did not show stored headlines")
        # Source badges (the badge colour) appear in the band only when headlines are shown.
        self.assertGreater(badge_pixels(os.path.join(stored_frames, "frame-000000.png")), 50)
        self.assertEqual(badge_pixels(os.path.join(empty_frames, "frame-000000.png")), 0)
        self.assertEqual(sorted(ring_titles(ring2)), sorted(online))
        with open(os.path.join(self.state, "status.json")) as f:
            status = json.load(f)
        feed = status["feeds"][0]
        self.assertTrue(feed["from_store"])
        self.assertIsNotNone(status["stale_as_of"])
        self.assertIsNotNone(feed["last_success"])

    def test_corrupt_store_is_logged_and_ignored(self):
        os.makedirs(self.state)
        for name in ("feed-0000000000000000.store",):
            with open(os.path.join(self.state, name), "w") as f:
                f.write("garbage")
        sim = Simulator(self.tmp)
        try:
            url = sim.url("/feeds/beta.xml?items=3")
            # Corrupt the very file this feed will read: find its name from a first run.
            run(["--headless", "--frames", "1", "--feed", url, "--state-dir", self.state])
            name = [n for n in os.listdir(self.state) if n.endswith(".store") and not n.startswith("feed-0000")][0]
            path = os.path.join(self.state, name)
            with open(path, "rb") as f:
                data = f.read()
            with open(path, "wb") as f:
                f.write(data[: len(data) // 2])  # truncated
            result = run(["--headless", "--frames", "1", "--feed", url, "--state-dir", self.state])
        finally:
            sim.close()
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = [l for l in result.stderr.splitlines() if "stored headlines ignored" in l]
        self.assertEqual(len(lines), 1, result.stderr)
        self.assertIn("parse", lines[0])

    def test_render_loop_not_delayed_by_faults(self):
        # Every simulator fault at once, as feeds of one ticker on the real clock. The quick
        # faults come first (feeds of one host share a fetch thread); the slow ones (drip, stall,
        # 50 MB, gzip bomb) are still running when the frames end.
        faults = ["500", "429", "503-retry", "truncated", "redirect-loop", "redirect-http",
                  "html", "empty", "not-modified", "big?mb=50", "gzip-bomb", "drip", "stall?max=10"]
        expected = {"500": "http", "429": "http", "503-retry": "http", "truncated": "connect",
                    "redirect-loop": "redirect", "redirect-http": "insecure", "html": "not_a_feed",
                    "empty": "parse", "big?mb=50": "too_large", "gzip-bomb": "too_large"}
        sim = Simulator(self.tmp)
        try:
            feeds = []
            for fault in faults:
                feeds += ["--feed", sim.url("/fault/" + fault)]
            feeds += ["--feed", "https://localhost:9/closed-port.xml"]
            result = run(["--headless", "--realtime", "--frames", "180", "--fps", "60",
                          "--state-dir", self.state] + feeds, timeout=60)
        finally:
            sim.close()
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(os.path.join(self.state, "status.json")) as f:
            status = json.load(f)
        print("frames", status["frames_drawn"], "late", status["frames_late"],
              "longest gap ms", status["longest_frame_gap_ms"], file=sys.stderr)
        self.assertEqual(status["frames_drawn"], 180)
        self.assertLess(status["longest_frame_gap_ms"], 50.0)
        seen = 0
        for feed in status["feeds"]:
            name = feed["url"].split("/fault/")[-1]
            if feed["attempts"] == 0:
                continue
            seen += 1
            if name in expected:
                self.assertEqual(feed["error"], expected[name], feed)
            if feed["error"]:
                self.assertIsNotNone(feed["next_attempt"], feed)
        self.assertGreaterEqual(seen, 5, status["feeds"])
        # One log line per failed attempt, naming the feed and the class.
        for line in result.stderr.splitlines():
            if "/fault/500" in line and "http" in line:
                break
        else:
            self.fail(result.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
