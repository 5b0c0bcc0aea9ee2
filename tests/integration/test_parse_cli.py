#!/usr/bin/env python3
"""`newsticker parse --json`: the schema other tools rely on, for a feed, an article page and
something that is neither."""
import json
import os
import subprocess
import tempfile
import unittest

BIN = os.environ["NEWSTICKER_BIN"]
SHARED = os.environ.get("NEWSTICKER_SHARED_DIR", "")

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Wire</title><link>https://wire.example/</link>
<item><title>Talks &amp; tariffs</title><link>https://wire.example/1</link><guid>w-1</guid>
<pubDate>Sat, 02 Apr 2016 10:00:00 +0200</pubDate>
<description>&lt;p&gt;BAKU/YEREVAN (Reuters) - Russia made a concerted effort to end the conflict. More follows.&lt;/p&gt;</description>
</item></channel></rss>"""

HOME_PAGE = "<!doctype html><html><head><title>Home</title></head><body><nav>Menu</nav></body></html>"


def parse(*paths):
    result = subprocess.run([BIN, "parse", "--json", *paths], capture_output=True, text=True, timeout=60)
    return result.returncode, [json.loads(line) for line in result.stdout.splitlines()]


class ParseCli(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="newsticker-parse-")

    def write(self, name, text):
        path = os.path.join(self.tmp, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def test_feed_record(self):
        code, records = parse(self.write("feed.xml", RSS))
        self.assertEqual(code, 0)
        record = records[0]
        self.assertEqual(set(record), {"file", "bozo", "feed", "items"})
        self.assertEqual(record["feed"], {"title": "Wire", "link": "https://wire.example/"})
        item = record["items"][0]
        self.assertEqual(item["title"], "Talks & tariffs")
        self.assertEqual(item["id"], "w-1")
        self.assertEqual(item["published"], "2016-04-02T08:00:00Z")
        self.assertEqual(item["dateline"], "BAKU/YEREVAN")
        self.assertEqual(item["agency"], "Reuters")
        self.assertEqual(item["lede"], "Russia made a concerted effort to end the conflict.")

    def test_not_a_feed_is_an_error_with_no_items(self):
        code, records = parse(self.write("home.html", HOME_PAGE))
        self.assertEqual(code, 1)
        self.assertEqual(records[0]["items"], [])
        self.assertTrue(records[0]["error"].startswith("not_a_feed:"), records[0]["error"])

    def test_article_page_sample(self):
        sample = os.path.join(SHARED, "samples", "article-page-text.txt")
        if not os.path.exists(sample):
            self.skipTest("no shared samples")
        code, records = parse(sample)
        self.assertEqual(code, 0)
        record = records[0]
        self.assertEqual(record["kind"], "article")
        self.assertEqual(record["feed"]["title"], "HuffPost")
        item = record["items"][0]
        self.assertEqual(item["title"], "Putin Calls For End To Violence In Armenia-Azerbaijan Region")
        self.assertEqual(item["byline"], "Annum Masroor")
        self.assertEqual(item["dateline"], "BAKU/YEREVAN")
        self.assertEqual(item["agency"], "Reuters")
        self.assertTrue(item["lede"].startswith("Russia made a concerted effort"))
        # 2/04/2016 is ambiguous; the text says the fighting broke out "on Saturday": 2 April 2016.
        self.assertEqual(item["published"], "2016-04-02T00:00:00Z")


if __name__ == "__main__":
    unittest.main(verbosity=2)
