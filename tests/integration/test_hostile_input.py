#!/usr/bin/env python3
"""Hostile input, end to end: each payload is served by the feed simulator over real TLS and
read by the real ticker (`newsticker --headless`). For each: no crash, bounded memory and time,
the ring holds nothing that should not be shown, and the band is never blank."""
import json
import os
import subprocess
import tempfile
import time
import unittest

from PIL import Image

from simulator import CA, Simulator

BIN = os.environ["NEWSTICKER_BIN"]
MAX_RSS_KB = 160 * 1024  # the whole ticker, SDL and fonts included
if os.environ.get("NEWSTICKER_SANITIZE"):
    MAX_RSS_KB *= 10  # sanitizers keep shadow memory (ThreadSanitizer: 5-8x)
INVISIBLE = {chr(c) for c in list(range(0x202A, 0x202F)) + list(range(0x2066, 0x206A))} | {
    "\u200b", "\ufeff", "\u00ad"}



def run_ticker(tmp, url):
    """Runs the ticker for 2 frames; returns (exit code, stderr, ring items, max RSS KB, seconds)."""
    ring = os.path.join(tmp, "ring.jsonl")
    frames = os.path.join(tmp, "frames")
    started = time.monotonic()
    proc = subprocess.Popen(
        [BIN, "--headless", "--feed", url, "--ca-file", CA, "--size", "640x360", "--frames", "2",
         "--capture", frames, "--dump-ring", ring],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = proc.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.monotonic() - started
    items = []
    if os.path.exists(ring):
        with open(ring, encoding="utf-8") as f:  # must be valid UTF-8
            items = [json.loads(line) for line in f]
    band = Image.open(os.path.join(frames, "frame-000001.png")).convert("RGB").crop((0, 315, 640, 360))
    blank = len(band.getcolors(maxcolors=1 << 16)) < 5
    return proc.returncode, stderr, items, usage.ru_maxrss, elapsed, blank


class HostileInput(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="newsticker-hostile-")
        cls.sim = Simulator(cls.tmp, extra=["--prebuild-bomb"])

    @classmethod
    def tearDownClass(cls):
        cls.sim.close()

    def fetch(self, name):
        tmp = tempfile.mkdtemp(dir=self.tmp)
        code, stderr, items, rss_kb, seconds, blank = run_ticker(
            tmp, self.sim.url("/fault/" + name))
        self.assertEqual(code, 0, stderr)
        self.assertLess(rss_kb, MAX_RSS_KB, f"{name}: {rss_kb} KiB")
        self.assertLess(seconds, 30, name)
        self.assertFalse(blank, f"{name}: the band was blank")
        self.assertNotIn("\x1b", stderr)  # logs are safe to print to a terminal
        for item in items:
            for field in ("title", "summary", "lede", "source"):
                text = item[field] or ""
                self.assertFalse(INVISIBLE & set(text), f"{name}: invisible characters in {field}")
                self.assertFalse([c for c in text if ord(c) < 0x20 or 0x7f <= ord(c) < 0xa0],
                                 f"{name}: control characters in {field}: {text!r}")
        return stderr, items

    def test_billion_laughs(self):
        _, items = self.fetch("billion-laughs")
        for item in items:
            self.assertLess(len(item["title"] or ""), 10000)

    def test_external_entity_pointing_at_a_local_file(self):
        _, items = self.fetch("xxe")
        text = json.dumps(items)
        self.assertNotIn("root:", text)

    def test_gzip_bomb(self):
        stderr, items = self.fetch("gzip-bomb")
        self.assertIn("too_large", stderr)
        self.assertEqual(items, [])

    def test_fifty_megabyte_body(self):
        stderr, items = self.fetch("big")
        self.assertIn("too_large", stderr)
        self.assertEqual(items, [])

    def test_hundred_thousand_items(self):
        _, items = self.fetch("many-items")
        self.assertGreater(len(items), 0)
        self.assertLessEqual(len(items), 200)  # the ring's default capacity

    def test_one_megabyte_title(self):
        _, items = self.fetch("huge-title")
        titles = {item["title"] for item in items}
        self.assertIn("Short after long", titles)
        self.assertTrue(all(len(t) <= 300 for t in titles))

    def test_deeply_nested_markup(self):
        # libxml2 stops at a depth of 256 (we never pass XML_PARSE_HUGE); the item whose end tag
        # never arrived is dropped, and nothing else breaks.
        stderr, items = self.fetch("deep-nesting")
        self.assertTrue({item["title"] for item in items} <= {"Deep", "After deep"})
        self.assertIn("deep-nesting", stderr)

    def test_invalid_utf8_everywhere(self):
        _, items = self.fetch("invalid-utf8")
        self.assertEqual(len(items), 1)
        self.assertTrue(items[0]["title"].startswith("Caf\u00e9"), items[0]["title"])

    def test_bidi_overrides_are_removed_and_hebrew_stays(self):
        _, items = self.fetch("bidi")
        title = items[0]["title"]
        self.assertIn("txt.exe", title)
        self.assertIn("\u05e9\u05dc\u05d5\u05dd", title)

    def test_terminal_escape_sequences(self):
        _, items = self.fetch("terminal-escapes")
        for item in items:
            self.assertNotIn("\x1b", item["title"])
            self.assertNotIn("\x07", item["title"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
