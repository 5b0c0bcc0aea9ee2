#!/usr/bin/python3
"""Local news-feed simulator for newsticker tests (HTTPS by default, loopback only).

Python 3.11 standard library only. Binds 127.0.0.1 and never contacts anything else.

Usage:
  feed_simulator.py --pki DIR [--cert NAME] [--port N] [--port-file FILE] [--items N]
                    [--plain-http] [--tls-min V] [--tls-max V] [--ciphers S] [--prebuild-bomb]

  --pki DIR        directory made by make_test_pki.sh; serves DIR/NAME.pem + DIR/NAME.key
  --cert NAME      localhost (default) | untrusted | wronghost | expired | notyet | selfsigned
  --port N         0 (default) = any free port
  --port-file F    the chosen port is written there (tmp + rename) once listening;
                   removed again on clean exit
  --plain-http     no TLS at all
  --tls-max 1.1    TLS 1.0/1.1-only server (cipher string gets @SECLEVEL=0);
                   also 1.2 / 1.3. --tls-min 1.0|1.1|1.2|1.3 (default 1.2, or 1.0 with --tls-max 1.1)

Endpoints (GET and HEAD):
  /rss.xml, /atom.xml        ?items=K&title=Prefix   deterministic generated news
  /feeds/<name>.xml          RSS whose channel and item titles contain <name> (?items, ?title)
  /feeds/<name>.atom         same as Atom
  /fault/<name>              500, 429, 503-retry, drip, stall, truncated, gzip-bomb,
                             redirect-loop, redirect-http, redirect-ok, big, html, empty,
                             not-modified, slow-headers, billion-laughs, xxe
  /_stats                    JSON counters (control endpoints /_stats and /_reset are not counted)
  /_reset                    zero the counters
Feeds: strong ETag, fixed Last-Modified, conditional GET -> 304, Cache-Control: max-age=60,
gzip if the request says Accept-Encoding: gzip.
"""

import argparse
import email.utils
import gzip
import hashlib
import json
import os
import select
import signal
import socket
import ssl
import sys
import threading
import time
import warnings
import zlib
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape, quoteattr

BIND_ADDR = "127.0.0.1"
BASE_TIME = datetime(2026, 1, 1, 12, 0, 0, tzinfo=timezone.utc)
LAST_MODIFIED = BASE_TIME
LAST_MODIFIED_HTTP = email.utils.format_datetime(LAST_MODIFIED, usegmt=True)
HANDSHAKE_TIMEOUT = 10.0
IDLE_TIMEOUT = 60.0
MAX_ITEMS = 10000

HEADLINE_WORDS = [
    "Markets rally as inflation cools",
    "Parliament debates new energy bill",
    "Storm disrupts flights across the north",
    "Researchers report battery breakthrough",
    "Talks resume over border crossing",
    "Central bank holds rates steady",
    "Local team clinches title in final minute",
    "City unveils plan for car-free centre",
    "Trade & tariffs dominate “summit” talks in Zürich",
    "Museum returns artefacts after 80 years",
    "Ceasefire holds for a third day",
    "Café culture: Zürich's quiet revolution",
]

DATELINES = [
    "BAKU/YEREVAN (Reuters) -",
    "LONDON (AP) -",
    "TOKYO —",
    "PARIS (AFP) -",
    "WASHINGTON, Jan 1 (Reuters) -",
    "BERLIN (dpa) -",
    "NEW YORK (AP) —",
    "SÃO PAULO (Reuters) -",
    "NAIROBI (AFP) -",
    "SYDNEY (AAP) -",
    "ZÜRICH (SDA) –",
    "KYIV (Reuters) -",
]


def log(msg):
    sys.stderr.write("[feed-sim] " + msg + "\n")
    sys.stderr.flush()


# --------------------------------------------------------------------------- feed content

class Item:
    __slots__ = ("n", "title", "link", "when", "description")

    def __init__(self, n, prefix, name):
        self.n = n
        self.title = "%s %d: %s" % (prefix, n, HEADLINE_WORDS[(n - 1) % len(HEADLINE_WORDS)])
        self.link = ("https://localhost/news/%s/%d" % (name, n)) if name else ("https://localhost/news/%d" % n)
        self.when = BASE_TIME - timedelta(minutes=10 * n)
        self.description = "%s First sentence of story %d. Second sentence." % (
            DATELINES[(n - 1) % len(DATELINES)], n)


def make_items(count, prefix, name=None):
    return [Item(n, prefix, name) for n in range(1, count + 1)]


def rfc3339(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def render_rss(channel_title, items):
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        '<rss version="2.0">\n<channel>\n',
        "<title>%s</title>\n" % escape(channel_title),
        "<link>https://localhost/</link>\n",
        "<description>Deterministic news from the newsticker feed simulator</description>\n",
        "<language>en</language>\n",
        "<lastBuildDate>%s</lastBuildDate>\n" % LAST_MODIFIED_HTTP,
        "<ttl>1</ttl>\n",
    ]
    for it in items:
        out.append(
            "<item>\n"
            "<title>%s</title>\n"
            "<link>%s</link>\n"
            '<guid isPermaLink="true">%s</guid>\n'
            "<pubDate>%s</pubDate>\n"
            "<description>%s</description>\n"
            "</item>\n" % (escape(it.title), escape(it.link), escape(it.link),
                           email.utils.format_datetime(it.when, usegmt=True), escape(it.description)))
    out.append("</channel>\n</rss>\n")
    return "".join(out).encode("utf-8")


def render_atom(feed_title, items, feed_id):
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        '<feed xmlns="http://www.w3.org/2005/Atom">\n',
        "<title>%s</title>\n" % escape(feed_title),
        "<id>%s</id>\n" % escape(feed_id),
        "<updated>%s</updated>\n" % rfc3339(LAST_MODIFIED),
        '<link rel="alternate" href="https://localhost/"/>\n',
        "<author><name>newsticker feed simulator</name></author>\n",
    ]
    for it in items:
        out.append(
            "<entry>\n"
            '<title type="text">%s</title>\n'
            '<link rel="alternate" href=%s/>\n'
            "<id>%s</id>\n"
            "<published>%s</published>\n"
            "<updated>%s</updated>\n"
            '<summary type="text">%s</summary>\n'
            "</entry>\n" % (escape(it.title), quoteattr(it.link), escape(it.link),
                            rfc3339(it.when), rfc3339(it.when), escape(it.description)))
    out.append("</feed>\n")
    return "".join(out).encode("utf-8")


HTML_PAGE = b"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Wi-Fi login</title></head>
<body><h1>Welcome</h1><p>Please log in to access the internet.</p>
<form method="post" action="/login"><input name="user"><input type="password" name="pw">
<button>Log in</button></form></body></html>
"""

BILLION_LAUGHS = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ELEMENT lolz (#PCDATA)>
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>Billion laughs</title><link>https://localhost/</link>
<description>entity expansion</description>
<item><title>&lol9;</title><link>https://localhost/news/lol</link><description>&lol9;</description></item>
</channel></rss>
"""

XXE = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE rss [
 <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<rss version="2.0"><channel><title>XXE test</title><link>https://localhost/</link>
<description>external entity</description>
<item><title>&xxe;</title><link>https://localhost/news/xxe</link>
<guid>https://localhost/news/xxe</guid><description>Leaked: &xxe;</description></item>
</channel></rss>
"""

BOMB_SIZE = 1 << 30  # inflated size: 1 GiB
_bomb_lock = threading.Lock()
_bomb = None


def gzip_bomb():
    """~1 MB gzip member that inflates to 1 GiB (an RSS start, then spaces). Built once."""
    global _bomb
    with _bomb_lock:
        if _bomb is None:
            t0 = time.monotonic()
            head = b'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>bomb</title>'
            comp = zlib.compressobj(9, zlib.DEFLATED, 31)  # wbits 31 = gzip container
            parts = [comp.compress(head)]
            chunk = b" " * (1 << 20)
            remaining = BOMB_SIZE - len(head)
            while remaining > 0:
                piece = chunk if remaining >= len(chunk) else chunk[:remaining]
                parts.append(comp.compress(piece))
                remaining -= len(piece)
            parts.append(comp.flush())
            _bomb = b"".join(parts)
            log("gzip bomb built: %d bytes -> %d inflated (%.1fs)" % (len(_bomb), BOMB_SIZE, time.monotonic() - t0))
        return _bomb


# --------------------------------------------------------------------------- stats

class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        with self.lock:
            self.requests = 0
            self.connections = 0
            self.full = 0
            self.resumed = 0
            self.hs_fail = 0
            self.by_path = {}
            self.status = {}
            self.tls_versions = {}

    def connection(self):
        with self.lock:
            self.connections += 1

    def handshake(self, resumed, version):
        with self.lock:
            if resumed:
                self.resumed += 1
            else:
                self.full += 1
            self.tls_versions[version] = self.tls_versions.get(version, 0) + 1

    def handshake_failed(self):
        with self.lock:
            self.hs_fail += 1

    def request(self, path, status):
        with self.lock:
            self.requests += 1
            self.by_path[path] = self.by_path.get(path, 0) + 1
            key = str(status)
            self.status[key] = self.status.get(key, 0) + 1

    def snapshot(self):
        with self.lock:
            return {
                "requests": self.requests,
                "connections": self.connections,
                "full_handshakes": self.full,
                "resumed_handshakes": self.resumed,
                "handshake_failures": self.hs_fail,
                "tls_versions": dict(self.tls_versions),
                "by_path": dict(self.by_path),
                "status_counts": dict(self.status),
            }


# --------------------------------------------------------------------------- server

class SimServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64

    def __init__(self, port, ssl_ctx, opts):
        self.ssl_ctx = ssl_ctx
        self.opts = opts
        self.stats = Stats()
        self._conn_seq = 0
        self._conn_info = {}
        self._info_lock = threading.Lock()
        super().__init__((BIND_ADDR, port), Handler)

    def get_request(self):
        sock, addr = self.socket.accept()
        self.stats.connection()
        if self.ssl_ctx is not None:
            # No I/O here: the handshake runs in the per-connection thread (finish_request).
            sock = self.ssl_ctx.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)
        with self._info_lock:
            self._conn_seq += 1
            self._conn_info[id(sock)] = {"seq": self._conn_seq, "tls": "plain", "resumed": False}
        return sock, addr

    def conn_info(self, sock):
        with self._info_lock:
            return self._conn_info.get(id(sock), {"seq": 0, "tls": "?", "resumed": False})

    def finish_request(self, request, client_address):
        if self.ssl_ctx is not None:
            info = self.conn_info(request)
            try:
                request.settimeout(HANDSHAKE_TIMEOUT)
                request.do_handshake()
            except (ssl.SSLError, OSError) as e:
                self.stats.handshake_failed()
                log("%s:%d c#%d TLS handshake failed: %s" % (client_address[0], client_address[1],
                                                             info["seq"], e))
                return
            resumed = bool(request.session_reused)
            version = request.version() or "?"
            self.stats.handshake(resumed, version)
            info["tls"] = version
            info["resumed"] = resumed
            info["handshaken"] = True
        super().finish_request(request, client_address)

    def shutdown_request(self, request):
        with self._info_lock:
            info = self._conn_info.pop(id(request), None)
        if isinstance(request, ssl.SSLSocket) and info and info.get("handshaken") and not info.get("abort"):
            # Orderly TLS close (close_notify). Without it OpenSSL marks the session
            # not resumable, which defeats TLS 1.2 session-ID resumption.
            try:
                request.settimeout(1.0)
                request.unwrap()
            except (OSError, ssl.SSLError, ValueError):
                pass
        super().shutdown_request(request)

    def handle_error(self, request, client_address):
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, ssl.SSLError, TimeoutError, socket.timeout)):
            log("%s:%d connection error: %r" % (client_address[0], client_address[1], exc))
        else:
            super().handle_error(request, client_address)


class ClientGone(Exception):
    pass


def accepts_gzip(header):
    if not header:
        return False
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        if fields[0].lower() not in ("gzip", "x-gzip"):
            continue
        q = 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        return q > 0
    return False


def etag_matches(if_none_match, tag_core):
    for cand in if_none_match.split(","):
        cand = cand.strip()
        if cand == "*":
            return True
        if cand.startswith("W/"):
            cand = cand[2:]
        cand = cand.strip('"')
        if cand.endswith("-gzip"):
            cand = cand[:-5]
        if cand == tag_core:
            return True
    return False


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "newsticker-feed-sim/1.0"
    timeout = IDLE_TIMEOUT  # idle keep-alive connections are closed after this
    wbufsize = 0            # unbuffered writes (drip/stall/truncated rely on it)

    def version_string(self):
        return self.server_version

    # ---------------------------------------------------------------- plumbing
    def log_request(self, code="-", size="-"):
        pass  # one line per request is written by _dispatch instead

    def log_message(self, fmt, *args):
        log("%s:%d %s" % (self.client_address[0], self.client_address[1], fmt % args))

    def send_response(self, code, message=None):
        self._status = code
        super().send_response(code, message)

    def _write(self, data):
        if self._head or not data:
            return
        try:
            self.wfile.write(data)
        except (ConnectionError, ssl.SSLError, OSError) as e:
            self.close_connection = True
            raise ClientGone(repr(e)) from e
        self._sent += len(data)

    def do_GET(self):
        self._dispatch(head=False)

    def do_HEAD(self):
        self._dispatch(head=True)

    def do_POST(self):
        if urlsplit(self.path).path == "/_reset":
            self._dispatch(head=False)
        else:
            # drain any body so keep-alive stays in sync
            n = int(self.headers.get("Content-Length") or 0)
            if n:
                self.rfile.read(n)
            self._dispatch(head=False, force_status=405)

    def _dispatch(self, head, force_status=None):
        self._head = head
        self._status = None
        self._sent = 0
        t0 = time.monotonic()
        url = urlsplit(self.path)
        path = url.path
        self.query = {k: v[-1] for k, v in parse_qs(url.query).items()}
        note = ""
        try:
            if force_status:
                self.simple(force_status, "method not allowed\n", extra=[("Allow", "GET, HEAD")])
            else:
                self.route(path)
        except ClientGone as e:
            note = " (client gone: %s)" % e
        finally:
            dt = time.monotonic() - t0
            if not path.startswith("/_"):
                self.server.stats.request(path, self._status if self._status is not None else 0)
            info = self.server.conn_info(self.request)
            log('%s:%d c#%d %s%s "%s" %s %dB %.3fs%s' % (
                self.client_address[0], self.client_address[1], info["seq"], info["tls"],
                " resumed" if info["resumed"] else "", self.requestline, self._status, self._sent, dt, note))

    # ---------------------------------------------------------------- helpers
    def int_param(self, name, default, lo, hi):
        try:
            v = int(self.query.get(name, default))
        except ValueError:
            v = default
        return max(lo, min(hi, v))

    def float_param(self, name, default, lo, hi):
        try:
            v = float(self.query.get(name, default))
        except ValueError:
            v = default
        return max(lo, min(hi, v))

    def simple(self, status, text, ctype="text/plain; charset=utf-8", extra=()):
        body = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in extra:
            self.send_header(k, v)
        self.end_headers()
        self._write(body)

    def redirect(self, location, status=302):
        self.simple(status, "redirecting to %s\n" % location, extra=[("Location", location)])

    def serve_feed(self, body, ctype):
        core = hashlib.sha256(body).hexdigest()[:32]
        use_gzip = accepts_gzip(self.headers.get("Accept-Encoding"))
        etag = '"%s%s"' % (core, "-gzip" if use_gzip else "")
        common = [("ETag", etag), ("Last-Modified", LAST_MODIFIED_HTTP),
                  ("Cache-Control", "max-age=60"), ("Vary", "Accept-Encoding")]
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        not_modified = False
        if inm is not None:
            not_modified = etag_matches(inm, core)
        elif ims is not None:
            try:
                when = email.utils.parsedate_to_datetime(ims)
                if when.tzinfo is None:
                    when = when.replace(tzinfo=timezone.utc)
                not_modified = when >= LAST_MODIFIED
            except (TypeError, ValueError, IndexError):
                not_modified = False
        if not_modified:
            self.send_response(304)
            for k, v in common:
                self.send_header(k, v)
            self.end_headers()
            return
        if use_gzip:
            body = gzip.compress(body, compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if use_gzip:
            self.send_header("Content-Encoding", "gzip")
        for k, v in common:
            self.send_header(k, v)
        self.end_headers()
        self._write(body)

    def feed_items(self, default_prefix, name=None):
        count = self.int_param("items", self.server.opts.items, 0, MAX_ITEMS)
        prefix = self.query.get("title", default_prefix)
        return make_items(count, prefix, name)

    # ---------------------------------------------------------------- routing
    def route(self, path):
        if path == "/rss.xml":
            items = self.feed_items("Simulated headline")
            return self.serve_feed(render_rss("Simulated News", items), "application/rss+xml; charset=utf-8")
        if path == "/atom.xml":
            items = self.feed_items("Simulated headline")
            return self.serve_feed(render_atom("Simulated News", items, "urn:newsticker-sim:feed"),
                                   "application/atom+xml; charset=utf-8")
        if path.startswith("/feeds/"):
            leaf = path[len("/feeds/"):]
            for ext, kind in ((".xml", "rss"), (".rss", "rss"), (".atom", "atom")):
                if leaf.endswith(ext):
                    name = leaf[:-len(ext)]
                    break
            else:
                name, kind = "", None
            if kind and name and len(name) <= 64 and all(c.isalnum() or c in "-_" for c in name) and name.isascii():
                items = self.feed_items("Simulated %s headline" % name, name)
                title = "Simulated feed %s" % name
                if kind == "rss":
                    return self.serve_feed(render_rss(title, items), "application/rss+xml; charset=utf-8")
                return self.serve_feed(render_atom(title, items, "urn:newsticker-sim:feed:" + name),
                                       "application/atom+xml; charset=utf-8")
        if path.startswith("/fault/"):
            fn = getattr(self, "fault_" + path[len("/fault/"):].replace("-", "_"), None)
            if fn is not None:
                return fn()
        if path == "/_stats":
            body = json.dumps(self.server.stats.snapshot(), indent=1, sort_keys=True) + "\n"
            return self.simple(200, body, "application/json", extra=[("Cache-Control", "no-store")])
        if path == "/_reset":
            self.server.stats.reset()
            return self.simple(200, '{"ok": true}\n', "application/json", extra=[("Cache-Control", "no-store")])
        if path == "/":
            return self.simple(200, __doc__)
        return self.simple(404, "not found: %s\n" % path)

    # ---------------------------------------------------------------- faults
    def fault_500(self):
        self.simple(500, "internal server error (simulated)\n")

    def fault_429(self):
        self.simple(429, "too many requests (simulated)\n", extra=[("Retry-After", "120")])

    def fault_503_retry(self):
        self.simple(503, "service unavailable (simulated)\n", extra=[("Retry-After", "30")])

    def default_rss(self, items=None):
        n = self.server.opts.items if items is None else items
        return render_rss("Simulated News", make_items(n, "Simulated headline"))

    def fault_drip(self):
        """Valid feed (?items=1) sent at ?rate=1 byte per second."""
        body = self.default_rss(self.int_param("items", 1, 0, MAX_ITEMS))
        delay = 1.0 / self.float_param("rate", 1.0, 0.01, 1e6)
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        for i in range(len(body)):
            self._write(body[i:i + 1])
            if not self._head:
                time.sleep(delay)

    def wait_client_gone(self, limit):
        """Block until the peer closes (EOF/reset) or `limit` seconds pass. True if it went away."""
        sock = self.connection
        deadline = time.monotonic() + limit
        sock.settimeout(1.0)
        try:
            while time.monotonic() < deadline:
                try:
                    if isinstance(sock, ssl.SSLSocket) and sock.pending():
                        data = sock.recv(4096)
                    else:
                        r, _, _ = select.select([sock], [], [], 1.0)
                        if not r:
                            continue
                        data = sock.recv(4096)
                except (socket.timeout, ssl.SSLWantReadError):
                    continue
                except (OSError, ssl.SSLError):
                    return True
                if not data:
                    return True
            return False
        finally:
            self.close_connection = True

    def fault_stall(self):
        """Content-Length of the full feed, half of it sent, then silence (<= ?max=120 s)."""
        body = self.default_rss()
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self._write(body[:len(body) // 2])
        if not self._head:
            gone = self.wait_client_gone(self.float_param("max", 120.0, 0.0, 120.0))
            if not gone:
                log("stall: limit reached, closing")
        self.close_connection = True

    def fault_truncated(self):
        body = self.default_rss()
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self._write(body[:len(body) * 6 // 10])
        self.close_connection = True  # connection is closed with bytes still owed
        self.server.conn_info(self.request)["abort"] = True  # and without TLS close_notify

    def fault_gzip_bomb(self):
        body = gzip_bomb()
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self._write(body)

    def fault_redirect_loop(self):
        n = self.int_param("n", 0, 0, 10 ** 9)
        self.redirect("/fault/redirect-loop?n=%d" % (n + 1))

    def fault_redirect_http(self):
        port = self.int_param("port", self.server.server_address[1], 1, 65535)
        self.redirect("http://localhost:%d/rss.xml" % port)

    def fault_redirect_ok(self):
        self.redirect("/rss.xml")

    def fault_big(self):
        """?mb=50 MiB body: valid RSS start, one item, whitespace padding, closing tags. Streamed."""
        total = self.int_param("mb", 50, 1, 4096) * 1024 * 1024
        head = render_rss("Simulated big feed", make_items(1, "Simulated headline"))
        head = head[:head.rindex(b"</channel>")]
        tail = b"</channel>\n</rss>\n"
        pad = total - len(head) - len(tail)
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        self.send_header("Content-Length", str(total))
        self.end_headers()
        self._write(head)
        chunk = b" " * 65536
        while pad > 0 and not self._head:
            piece = chunk if pad >= len(chunk) else chunk[:pad]
            self._write(piece)
            pad -= len(piece)
        self._write(tail)

    def fault_html(self):
        self.simple(200, HTML_PAGE.decode("utf-8"), "text/html; charset=utf-8")

    def fault_empty(self):
        self.simple(200, "", "application/rss+xml; charset=utf-8")

    def fault_not_modified(self):
        self.send_response(304)
        self.send_header("ETag", '"not-modified"')
        self.send_header("Last-Modified", LAST_MODIFIED_HTTP)
        self.send_header("Cache-Control", "max-age=60")
        self.end_headers()

    def fault_slow_headers(self):
        time.sleep(self.float_param("s", 30.0, 0.0, 600.0))
        self.serve_feed(self.default_rss(), "application/rss+xml; charset=utf-8")

    def fault_billion_laughs(self):
        self.simple(200, BILLION_LAUGHS.decode(), "application/rss+xml; charset=utf-8")

    def fault_xxe(self):
        self.simple(200, XXE.decode(), "application/rss+xml; charset=utf-8")

    # ---- hostile inputs (issue 7): each is a feed built to hurt a parser or a screen.
    def hostile_feed(self, items_xml):
        body = ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
                "<title>Hostile</title><link>https://localhost/</link>").encode() + items_xml + \
            b"</channel></rss>"
        self.serve_feed(body, "application/rss+xml; charset=utf-8")

    def fault_many_items(self):
        count = self.int_param("n", 100000, 1, 1000000)
        self.hostile_feed(b"".join(b"<item><title>Item %d</title><guid>h-%d</guid></item>" % (i, i)
                                   for i in range(count)))

    def fault_huge_title(self):
        self.hostile_feed(b"<item><title>" + b"Long " * (1 << 18) + b"</title><guid>big</guid></item>"
                          b"<item><title>Short after long</title><guid>small</guid></item>")

    def fault_deep_nesting(self):
        depth = self.int_param("depth", 100000, 1, 1000000)
        self.hostile_feed(b"<item><title>Deep</title><guid>deep</guid><description>" +
                          b"<x>" * depth + b"text" + b"</x>" * depth +
                          b"</description></item><item><title>After deep</title><guid>after</guid></item>")

    def fault_invalid_utf8(self):
        self.hostile_feed(b"<item><title>Caf\xe9 \xff\xfe bad \xc3\x28 bytes \xed\xa0\x80 end</title>"
                          b"<guid>u8</guid><description>\x80\x81 summary \xf8\x88\x80\x80\x80</description></item>")

    def fault_bidi(self):
        # U+202E RIGHT-TO-LEFT OVERRIDE meant to show "txt.exe" as "exe.txt", plus isolates,
        # embeddings and a zero-width space; legitimate Hebrew must stay.
        title = "Invoice \u202etxt.exe\u202c \u2066hidden\u2069 \u202bemb\u202c zero\u200bwidth \u05e9\u05dc\u05d5\u05dd"
        self.hostile_feed(("<item><title>%s</title><guid>bidi</guid></item>" % title).encode())

    def fault_terminal_escapes(self):
        self.hostile_feed(b"<item><title>Clear \x1b[2J\x1b[31mred\x1b[0m bell\x07 osc \x1b]0;pwned\x07 end</title>"
                          b"<guid>esc</guid></item>")


# --------------------------------------------------------------------------- main

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    TLS_VERSIONS = {
        "1.0": ssl.TLSVersion.TLSv1,
        "1.1": ssl.TLSVersion.TLSv1_1,
        "1.2": ssl.TLSVersion.TLSv1_2,
        "1.3": ssl.TLSVersion.TLSv1_3,
    }


def make_ssl_context(opts):
    cert = os.path.join(opts.pki, opts.cert + ".pem")
    key = os.path.join(opts.pki, opts.cert + ".key")
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    legacy = opts.tls_max in ("1.0", "1.1")
    tls_min = opts.tls_min or ("1.0" if legacy else "1.2")
    if legacy or tls_min in ("1.0", "1.1"):
        # OpenSSL 3 refuses TLS < 1.2 at security level >= 1 (SHA-1 handshake signatures).
        ctx.set_ciphers(opts.ciphers or "DEFAULT:@SECLEVEL=0")
    elif opts.ciphers:
        ctx.set_ciphers(opts.ciphers)
    with warnings.catch_warnings():  # TLSv1/TLSv1_1 enum members are deprecated
        warnings.simplefilter("ignore", DeprecationWarning)
        ctx.minimum_version = TLS_VERSIONS[tls_min]
        if opts.tls_max:
            ctx.maximum_version = TLS_VERSIONS[opts.tls_max]
    return ctx


def write_port_file(path, port):
    tmp = "%s.tmp.%d" % (path, os.getpid())
    with open(tmp, "w") as f:
        f.write("%d\n" % port)
    os.replace(tmp, path)


def main(argv=None):
    ap = argparse.ArgumentParser(description="newsticker local feed simulator (loopback only)")
    ap.add_argument("--pki", help="PKI directory from make_test_pki.sh (required unless --plain-http)")
    ap.add_argument("--cert", default="localhost", help="certificate name in the PKI dir (default: localhost)")
    ap.add_argument("--port", type=int, default=0, help="port, 0 = any free port (default)")
    ap.add_argument("--port-file", help="write the chosen port here once listening")
    ap.add_argument("--items", type=int, default=12, help="items per generated feed (default 12)")
    ap.add_argument("--plain-http", action="store_true", help="serve plain HTTP, no TLS")
    ap.add_argument("--tls-min", choices=sorted(TLS_VERSIONS), help="minimum TLS version (default 1.2)")
    ap.add_argument("--tls-max", choices=sorted(TLS_VERSIONS), help="maximum TLS version (1.1 = legacy-only server)")
    ap.add_argument("--ciphers", help="OpenSSL cipher string (TLS <= 1.2)")
    ap.add_argument("--prebuild-bomb", action="store_true", help="build the gzip bomb at startup (~3 s)")
    opts = ap.parse_args(argv)
    opts.items = max(0, min(MAX_ITEMS, opts.items))

    ctx = None
    if not opts.plain_http:
        if not opts.pki:
            ap.error("--pki is required unless --plain-http")
        try:
            ctx = make_ssl_context(opts)
        except (OSError, ssl.SSLError, ValueError) as e:
            log("cannot set up TLS: %s" % e)
            return 2

    server = SimServer(opts.port, ctx, opts)
    port = server.server_address[1]

    def on_signal(signum, _frame):
        log("signal %d: shutting down" % signum)
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    if opts.prebuild_bomb:
        gzip_bomb()
    if opts.port_file:
        write_port_file(opts.port_file, port)
    log("listening on %s://%s:%d (cert=%s, tls=%s..%s)" % (
        "http" if ctx is None else "https", BIND_ADDR, port,
        "-" if ctx is None else opts.cert,
        "-" if ctx is None else str(ctx.minimum_version.name),
        "-" if ctx is None else str(ctx.maximum_version.name)))
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()
        if opts.port_file:
            try:
                os.unlink(opts.port_file)
            except OSError:
                pass
    log("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
