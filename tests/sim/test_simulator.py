#!/usr/bin/python3
"""Self-test for the feed simulator and the test PKI (stdlib unittest, < 30 s).

Run: /usr/bin/python3 tests/sim/test_simulator.py
"""

import gzip
import http.client
import json
import os
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
PKI_SCRIPT = os.path.join(HERE, "make_test_pki.sh")
SIMULATOR = os.path.join(HERE, "feed_simulator.py")
ATOM_NS = "{http://www.w3.org/2005/Atom}"

TMP = None
PKI = None


class Sim:
    """A simulator subprocess on port 0; the port is read from --port-file."""

    def __init__(self, *args):
        self.dir = tempfile.mkdtemp(prefix="sim-", dir=TMP)
        self.port_file = os.path.join(self.dir, "port")
        self.log_path = os.path.join(self.dir, "stderr.log")
        self.log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [sys.executable, SIMULATOR, "--port", "0", "--port-file", self.port_file] + list(args),
            stdout=subprocess.DEVNULL, stderr=self.log)
        deadline = time.monotonic() + 10
        while not os.path.exists(self.port_file):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("simulator did not start:\n" + self.read_log())
            time.sleep(0.02)
        with open(self.port_file) as f:
            self.port = int(f.read())

    def read_log(self):
        self.log.flush()
        with open(self.log_path, errors="replace") as f:
            return f.read()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        return self.proc.returncode


def client_ctx(max_tls=None):
    ctx = ssl.create_default_context(cafile=os.path.join(PKI, "ca.pem"))
    if max_tls:
        ctx.maximum_version = max_tls
    return ctx


def setUpModule():
    global TMP, PKI
    TMP = tempfile.mkdtemp(prefix="feedsim-test-")
    PKI = os.path.join(TMP, "pki")
    subprocess.run(["bash", PKI_SCRIPT, PKI], check=True)


def tearDownModule():
    if TMP:
        shutil.rmtree(TMP, ignore_errors=True)


class PkiTest(unittest.TestCase):
    def test_files_and_idempotence(self):
        names = ["ca", "localhost", "other-ca", "untrusted", "wronghost", "expired", "notyet", "selfsigned"]
        for n in names:
            for ext in (".pem", ".key"):
                self.assertTrue(os.path.getsize(os.path.join(PKI, n + ext)) > 0, n + ext)
        before = os.stat(os.path.join(PKI, "ca.pem")).st_mtime_ns
        subprocess.run(["bash", PKI_SCRIPT, PKI], check=True)
        self.assertEqual(before, os.stat(os.path.join(PKI, "ca.pem")).st_mtime_ns)

    def test_chain_verification(self):
        ca = os.path.join(PKI, "ca.pem")

        def verify(name, cafile=ca):
            r = subprocess.run(["openssl", "verify", "-CAfile", cafile, os.path.join(PKI, name + ".pem")],
                               capture_output=True, text=True)
            return r.returncode == 0, r.stdout + r.stderr

        self.assertTrue(verify("localhost")[0])
        self.assertTrue(verify("wronghost")[0])
        self.assertFalse(verify("untrusted")[0])
        self.assertTrue(verify("untrusted", os.path.join(PKI, "other-ca.pem"))[0])
        ok, out = verify("expired")
        self.assertFalse(ok)
        self.assertIn("expired", out)
        ok, out = verify("notyet")
        self.assertFalse(ok)
        self.assertIn("not yet valid", out)
        self.assertFalse(verify("selfsigned")[0])


class HttpsSimTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.sim = Sim("--pki", PKI)

    @classmethod
    def tearDownClass(cls):
        port_file = cls.sim.port_file
        rc = cls.sim.stop()
        assert rc == 0, "simulator exit code %r\n%s" % (rc, cls.sim.read_log())
        assert not os.path.exists(port_file), "port file not removed on SIGTERM"

    def conn(self, timeout=10, max_tls=None):
        return http.client.HTTPSConnection("localhost", self.sim.port, timeout=timeout,
                                           context=client_ctx(max_tls))

    def get(self, path, headers=None, timeout=10):
        c = self.conn(timeout)
        try:
            c.request("GET", path, headers=headers or {})
            r = c.getresponse()
            return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
        finally:
            c.close()

    def stats(self, conn=None):
        c = conn or self.conn()
        c.request("GET", "/_stats")
        r = c.getresponse()
        data = json.loads(r.read())
        if conn is None:
            c.close()
        return data

    def test_rss(self):
        status, h, body = self.get("/rss.xml")
        self.assertEqual(status, 200)
        self.assertTrue(h["content-type"].startswith("application/rss+xml"))
        self.assertEqual(h["cache-control"], "max-age=60")
        items = ET.fromstring(body).findall("./channel/item")
        self.assertEqual(len(items), 12)
        self.assertTrue(items[0].findtext("title").startswith("Simulated headline 1: "))
        self.assertEqual(items[2].findtext("link"), "https://localhost/news/3")
        self.assertEqual(items[0].findtext("pubDate"), "Thu, 01 Jan 2026 11:50:00 GMT")
        self.assertEqual(items[0].findtext("description"),
                         "BAKU/YEREVAN (Reuters) - First sentence of story 1. Second sentence.")
        # deterministic
        self.assertEqual(body, self.get("/rss.xml")[2])

    def test_atom(self):
        status, h, body = self.get("/atom.xml")
        self.assertEqual(status, 200)
        entries = ET.fromstring(body).findall(ATOM_NS + "entry")
        self.assertEqual(len(entries), 12)
        self.assertEqual(entries[0].find(ATOM_NS + "link").get("href"), "https://localhost/news/1")
        self.assertEqual(entries[0].findtext(ATOM_NS + "updated"), "2026-01-01T11:50:00Z")

    def test_query_and_named_feeds(self):
        _, _, body = self.get("/rss.xml?items=3&title=Breaking")
        titles = [t.text for t in ET.fromstring(body).findall("./channel/item/title")]
        self.assertEqual(len(titles), 3)
        self.assertTrue(titles[2].startswith("Breaking 3: "))
        _, _, body = self.get("/feeds/sports.xml")
        root = ET.fromstring(body)
        self.assertIn("sports", root.findtext("./channel/title"))
        self.assertTrue(all("sports" in t.text for t in root.findall("./channel/item/title")))

    def test_conditional_get_and_gzip(self):
        status, h, body = self.get("/rss.xml")
        etag = h["etag"]
        self.assertTrue(etag.startswith('"') and not etag.startswith("W/"))
        status, h2, body2 = self.get("/rss.xml", {"If-None-Match": etag})
        self.assertEqual((status, body2), (304, b""))
        status, _, body2 = self.get("/rss.xml", {"If-Modified-Since": h["last-modified"]})
        self.assertEqual((status, body2), (304, b""))
        status, _, _ = self.get("/rss.xml", {"If-None-Match": '"other"'})
        self.assertEqual(status, 200)
        status, hz, bodyz = self.get("/rss.xml", {"Accept-Encoding": "gzip"})
        self.assertEqual(hz.get("content-encoding"), "gzip")
        self.assertEqual(gzip.decompress(bodyz), body)
        self.assertEqual(self.get("/rss.xml", {"Accept-Encoding": "gzip", "If-None-Match": hz["etag"]})[0], 304)

    def test_faults(self):
        status, h, _ = self.get("/fault/429")
        self.assertEqual((status, h["retry-after"]), (429, "120"))
        status, h, _ = self.get("/fault/503-retry")
        self.assertEqual((status, h["retry-after"]), (503, "30"))
        self.assertEqual(self.get("/fault/500")[0], 500)
        self.assertEqual(self.get("/fault/not-modified")[0], 304)
        status, h, body = self.get("/fault/empty")
        self.assertEqual((status, body), (200, b""))
        self.assertTrue(self.get("/fault/html")[1]["content-type"].startswith("text/html"))
        self.assertIn(b'SYSTEM "file:///etc/passwd"', self.get("/fault/xxe")[2])
        status, h, _ = self.get("/fault/redirect-http")
        self.assertEqual((status, h["location"]), (302, "http://localhost:%d/rss.xml" % self.sim.port))
        # urllib follows redirect-ok to the feed
        with urllib.request.urlopen("https://localhost:%d/fault/redirect-ok" % self.sim.port,
                                    context=client_ctx(), timeout=10) as r:
            self.assertEqual(r.status, 200)
            self.assertTrue(r.geturl().endswith("/rss.xml"))
        # urllib gives up on the redirect loop
        with self.assertRaises(urllib.error.HTTPError) as cm:
            urllib.request.urlopen("https://localhost:%d/fault/redirect-loop" % self.sim.port,
                                   context=client_ctx(), timeout=10)
        self.assertEqual(cm.exception.code, 302)
        # truncated: fewer bytes than Content-Length
        c = self.conn()
        c.request("GET", "/fault/truncated")
        r = c.getresponse()
        with self.assertRaises(http.client.IncompleteRead):
            r.read()
        c.close()
        # stall: headers and half the body, then nothing
        c = self.conn(timeout=1.0)
        c.request("GET", "/fault/stall")
        r = c.getresponse()
        self.assertEqual(r.status, 200)
        with self.assertRaises((socket.timeout, TimeoutError)):
            r.read()
        c.close()

    def test_stats_keepalive_and_resumption(self):
        c = self.conn()
        c.request("GET", "/_reset")
        c.getresponse().read()
        for path in ("/rss.xml", "/atom.xml", "/rss.xml", "/fault/500"):
            c.request("GET", path)
            c.getresponse().read()
        s = self.stats(c)
        c.close()
        self.assertEqual(s["requests"], 4)
        self.assertEqual(s["by_path"], {"/rss.xml": 2, "/atom.xml": 1, "/fault/500": 1})
        self.assertEqual(s["status_counts"], {"200": 3, "500": 1})
        self.assertEqual(s["connections"], 0)  # the kept-alive connection predates the reset

        # TLS 1.2 session resumption (what Mbed TLS 2.28 does), one connection each
        ctx = client_ctx(ssl.TLSVersion.TLSv1_2)
        session = None
        reused = []
        for _ in range(3):
            raw = socket.create_connection(("127.0.0.1", self.sim.port), timeout=10)
            with ctx.wrap_socket(raw, server_hostname="localhost", session=session) as tls:
                tls.sendall(b"GET /rss.xml HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                while tls.recv(65536):
                    pass
                reused.append(tls.session_reused)
                session = tls.session
        self.assertEqual(reused, [False, True, True])
        s = self.stats()
        self.assertEqual(s["connections"], 4)  # three above + the /_stats one
        self.assertEqual(s["resumed_handshakes"], 2)
        self.assertEqual(s["full_handshakes"], 2)
        self.assertEqual(s["requests"], 7)


class BadCertTest(unittest.TestCase):
    def expect_refused(self, cert, needle):
        sim = Sim("--pki", PKI, "--cert", cert)
        try:
            with self.assertRaises(urllib.error.URLError) as cm:
                urllib.request.urlopen("https://localhost:%d/rss.xml" % sim.port,
                                       context=client_ctx(), timeout=10)
            reason = cm.exception.reason
            self.assertIsInstance(reason, ssl.SSLCertVerificationError)
            self.assertIn(needle, str(reason))
        finally:
            self.assertEqual(sim.stop(), 0)

    def test_untrusted(self):
        self.expect_refused("untrusted", "unable to get local issuer certificate")

    def test_wronghost(self):
        self.expect_refused("wronghost", "Hostname mismatch")

    def test_expired(self):
        self.expect_refused("expired", "certificate has expired")


class PlainHttpTest(unittest.TestCase):
    def test_plain(self):
        sim = Sim("--plain-http", "--items", "5")
        try:
            with urllib.request.urlopen("http://127.0.0.1:%d/rss.xml" % sim.port, timeout=10) as r:
                self.assertEqual(len(ET.fromstring(r.read()).findall("./channel/item")), 5)
        finally:
            self.assertEqual(sim.stop(), 0)


if __name__ == "__main__":
    unittest.main(verbosity=2)
