"""The feed simulator as a child process, for the Python integration tests: starts
tests/sim/feed_simulator.py on a free loopback port with the test PKI, and stops it."""
import json
import os
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.request

PKI = os.environ["NEWSTICKER_PKI_DIR"]
SIMULATOR = os.environ["NEWSTICKER_SIMULATOR"]
CA = os.path.join(PKI, "ca.pem")


class Simulator:
    """`cert` names a certificate of the test PKI; `extra` are more simulator arguments."""

    def __init__(self, tmp=None, cert="localhost", extra=()):
        tmp = tmp or tempfile.mkdtemp(prefix="newsticker-sim-")
        port_file = os.path.join(tmp, "sim-port-%d" % time.monotonic_ns())
        self.proc = subprocess.Popen(
            [sys.executable, SIMULATOR, "--pki", PKI, "--cert", cert, "--port", "0",
             "--port-file", port_file, *extra],
            stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if os.path.exists(port_file):
                with open(port_file) as f:
                    text = f.read().strip()
                if text:
                    self.port = int(text)
                    return
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        self.close()
        raise RuntimeError("the feed simulator did not start")

    def url(self, path):
        return f"https://localhost:{self.port}{path}"

    def stats(self):
        context = ssl.create_default_context(cafile=CA)
        with urllib.request.urlopen(self.url("/_stats"), context=context, timeout=10) as answer:
            return json.load(answer)

    def close(self):
        if self.proc.poll() is None:
            self.proc.terminate()
        self.proc.wait(timeout=10)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
