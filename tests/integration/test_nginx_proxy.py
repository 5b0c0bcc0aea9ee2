#!/usr/bin/env python3
"""The fleet's caching proxy: deploy/nginx-newsticker-cache.conf in front of the feed simulator.

The test runs Debian's nginx itself (never the system service): on loopback, with its own temp
prefix, pid file, logs and cache, built from the shipped config with only the site-specific
lines replaced (listen address, cache path, upstream, CA, and the refresh interval shortened to
a few seconds). Then twenty tickers fetch the same feed through it at once, twice, one refresh
interval apart, and the origin (the simulator's /_stats) must have seen exactly one request per
interval.
"""
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import unittest

BIN = os.environ["NEWSTICKER_BIN"]
from simulator import CA, Simulator

SOURCE = os.environ["NEWSTICKER_SOURCE_DIR"]
SHIPPED = os.path.join(SOURCE, "deploy", "nginx-newsticker-cache.conf")
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

SCREENS = 20
INTERVAL_S = 8  # the test's refresh interval (the shipped config says 5m)
FEED = "/feeds/fleet.xml"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def proxy_config(tmp, listen_port, origin_port):
    """The shipped config, site-specific lines replaced, wrapped in a minimal nginx.conf."""
    with open(SHIPPED) as f:
        site = f.read()

    def sub(pattern, replacement):
        nonlocal site
        site, count = re.subn(pattern, replacement, site, flags=re.M)
        assert count >= 1, pattern

    sub(r"^\s*listen 8080;", "    listen 127.0.0.1:%d;" % listen_port)
    sub(r"^proxy_cache_path /var/cache/nginx/newsticker ", "proxy_cache_path %s/cache " % tmp)
    sub(r"proxy_cache_valid 200 301 302 5m;", "proxy_cache_valid 200 301 302 %ds;" % INTERVAL_S)
    sub(r"proxy_ssl_trusted_certificate \S+;", "proxy_ssl_trusted_certificate %s;" % CA)
    # The publishers' locations become one for the simulator (its certificate is for localhost).
    start = site.index("    location /bbc/")
    end = site.index("    location / {")
    site = site[:start] + (
        "    location /sim/ {\n"
        "        proxy_pass https://127.0.0.1:%d/;\n"
        "        proxy_set_header Host localhost;\n"
        "        proxy_ssl_name localhost;\n"
        "    }\n" % origin_port) + site[end:]
    user = "user root root;\n" if os.geteuid() == 0 else ""
    return (
        "%sworker_processes 1;\npid %s/nginx.pid;\nerror_log %s/error.log warn;\n"
        "events { worker_connections 256; }\n"
        "http {\n access_log %s/access.log;\n client_body_temp_path %s/body;\n"
        " proxy_temp_path %s/proxy;\n fastcgi_temp_path %s/fastcgi;\n uwsgi_temp_path %s/uwsgi;\n"
        " scgi_temp_path %s/scgi;\n%s\n}\n" % ((user,) + (tmp,) * 8 + (site,)))



def origin_requests(sim, path):
    """Requests for `path` that reached the origin (the simulator counts them)."""
    return sim.stats()["by_path"].get(path, 0)


@unittest.skipUnless(os.path.exists(NGINX), "nginx missing (deploy/install-deps.sh installs nginx-light)")
class NginxCachingProxy(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="newsticker-nginx-")
        os.chmod(self.tmp, 0o755)
        self.sim = Simulator(self.tmp)
        self.port = free_port()
        conf = os.path.join(self.tmp, "nginx.conf")
        with open(conf, "w") as f:
            f.write(proxy_config(self.tmp, self.port, self.sim.port))
        check = subprocess.run([NGINX, "-t", "-p", self.tmp, "-c", conf, "-e", self.tmp + "/error.log"],
                               capture_output=True, text=True)
        self.assertEqual(check.returncode, 0, check.stderr)
        self.nginx = subprocess.Popen([NGINX, "-p", self.tmp, "-c", conf, "-e", self.tmp + "/error.log",
                                       "-g", "daemon off;"], stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        else:
            with open(os.path.join(self.tmp, "error.log")) as f:
                self.fail("nginx did not start: " + f.read())

    def tearDown(self):
        self.nginx.terminate()
        self.nginx.wait(timeout=10)
        self.sim.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def fleet_fetch(self, round_name):
        """SCREENS tickers at once, each fetching the feed once through the proxy."""
        config = os.path.join(self.tmp, "screen.toml")
        with open(config, "w") as f:
            f.write('[display]\nmode = "headless"\nsize = "160x90"\n'
                    '[[feed]]\nurl = "http://127.0.0.1:%d/sim%s"\nallow_insecure_http = true\n'
                    % (self.port, FEED))
        procs = []
        for i in range(SCREENS):
            ring = os.path.join(self.tmp, "ring-%s-%d.jsonl" % (round_name, i))
            procs.append((ring, subprocess.Popen(
                [BIN, "--config", config, "--headless", "--frames", "1", "--dump-ring", ring,
                 "--state-dir", os.path.join(self.tmp, "state-%d" % i)],
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)))
        for ring, proc in procs:
            _, err = proc.communicate(timeout=120)
            self.assertEqual(proc.returncode, 0, err)
            with open(ring) as f:
                self.assertIn("fleet", f.read(), err)  # every screen got the headlines

    def test_twenty_screens_cost_one_origin_request_per_interval(self):
        start = time.monotonic()
        self.fleet_fetch("first")
        self.assertEqual(origin_requests(self.sim, FEED), 1)
        # Within the interval, another fleet round is served from the cache.
        self.fleet_fetch("cached")
        if time.monotonic() - start < INTERVAL_S:  # a very slow machine may cross the interval
            self.assertEqual(origin_requests(self.sim, FEED), 1)
        # Next interval: one refresh upstream for all twenty.
        time.sleep(max(0.0, start + INTERVAL_S + 1 - time.monotonic()))
        before = origin_requests(self.sim, FEED)
        self.fleet_fetch("second")
        deadline = time.monotonic() + 5  # the background update may finish just after
        while time.monotonic() < deadline and origin_requests(self.sim, FEED) < before + 1:
            time.sleep(0.1)
        self.assertEqual(origin_requests(self.sim, FEED), before + 1)
        self.assertLessEqual(before, 2)
        with open(os.path.join(self.tmp, "access.log")) as f:
            self.assertEqual(sum(FEED in line for line in f), 3 * SCREENS)


if __name__ == "__main__":
    unittest.main(verbosity=2)
