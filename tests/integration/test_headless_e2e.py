#!/usr/bin/env python3
"""End to end: feed simulator (HTTPS) -> newsticker --headless -> PNG frames.

Checks that the exact titles the simulator serves reached the ticker's ring, that the band in
the captured PNG holds rendered text, and that two frames one simulated second apart show the
same band shifted by the configured speed. Also: a dead feed is logged in one line, and the band
then says it is waiting instead of staying blank.
"""
import json
import os
import ssl
import subprocess
import tempfile
import unittest
import urllib.request
import xml.etree.ElementTree as ET

from PIL import Image

from simulator import CA, Simulator

BIN = os.environ["NEWSTICKER_BIN"]

WIDTH, HEIGHT, FPS, SPEED = 800, 480, 60, 120
BAND = HEIGHT // 8  # the default band height: an eighth of the screen



def run_ticker(tmp, feed_url, frames, capture_every):
    capture = os.path.join(tmp, "frames")
    ring = os.path.join(tmp, "ring.jsonl")
    result = subprocess.run(
        [BIN, "--headless", "--feed", feed_url, "--ca-file", CA, "--size", f"{WIDTH}x{HEIGHT}",
         "--fps", str(FPS), "--speed", str(SPEED), "--frames", str(frames),
         "--capture", capture, "--capture-every", str(capture_every), "--dump-ring", ring],
        capture_output=True, text=True, timeout=120)
    return result, capture, ring


def band_of(path):
    image = Image.open(path).convert("RGB")
    assert image.size == (WIDTH, HEIGHT), image.size
    return image.crop((0, HEIGHT - BAND, WIDTH, HEIGHT))


class HeadlessEndToEnd(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="newsticker-e2e-")

    def test_feed_reaches_ring_and_band_moves_by_speed(self):
        sim = Simulator(self.tmp)
        try:
            context = ssl.create_default_context(cafile=CA)
            with urllib.request.urlopen(sim.url("/rss.xml"), context=context, timeout=10) as answer:
                expected = [item.findtext("title") for item in ET.fromstring(answer.read()).iter("item")]
            result, capture, ring = run_ticker(self.tmp, sim.url("/rss.xml"), 181, 60)
        finally:
            sim.close()
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(len(expected), 12)

        with open(ring) as f:
            held = [json.loads(line) for line in f]
        self.assertEqual(sorted(h["title"] for h in held), sorted(expected))
        self.assertTrue(all(h["source"] for h in held))

        first = band_of(os.path.join(capture, "frame-000060.png"))
        second = band_of(os.path.join(capture, "frame-000120.png"))
        # The band holds rendered text: many colours (anti-aliased glyphs), much non-background.
        colours = first.getcolors(maxcolors=1 << 16)
        self.assertGreater(len(colours), 20)
        background = max(colours)[1]
        ink = sum(count for count, colour in colours if colour != background)
        self.assertGreater(ink / (WIDTH * BAND), 0.05)
        # One simulated second later the band is the same picture moved left by SPEED pixels.
        self.assertNotEqual(first.tobytes(), second.tobytes())
        moved = second.crop((0, 0, WIDTH - SPEED, BAND)).tobytes()
        self.assertEqual(moved, first.crop((SPEED, 0, WIDTH, BAND)).tobytes())
        self.assertNotEqual(moved, first.crop((SPEED - 2, 0, WIDTH - 2, BAND)).tobytes())
        # The screen above the band does not move.
        top = lambda p: Image.open(p).convert("RGB").crop((0, 0, WIDTH, HEIGHT - BAND)).tobytes()
        self.assertEqual(top(os.path.join(capture, "frame-000060.png")),
                         top(os.path.join(capture, "frame-000120.png")))

    def test_dead_feed_is_one_log_line_and_band_says_waiting(self):
        result, capture, ring = run_ticker(self.tmp, "https://localhost:9/rss.xml", 2, 1)
        self.assertEqual(result.returncode, 0, result.stderr)
        failures = [line for line in result.stderr.splitlines() if "localhost:9" in line]
        self.assertEqual(len(failures), 1, result.stderr)
        self.assertIn("connect", failures[0])
        band = band_of(os.path.join(capture, "frame-000000.png"))
        colours = band.getcolors(maxcolors=1 << 16)
        self.assertGreater(len(colours), 10, "the band must say it is waiting, not be blank")
        with open(ring) as f:
            self.assertEqual(f.read(), "")

    def test_untrusted_certificate_is_refused(self):
        with Simulator(self.tmp, cert="untrusted") as sim:
            result, capture, ring = run_ticker(self.tmp, sim.url("/rss.xml"), 1, 1)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn(": tls:", result.stderr)
        with open(ring) as f:
            self.assertEqual(f.read(), "")


if __name__ == "__main__":
    unittest.main(verbosity=2)
