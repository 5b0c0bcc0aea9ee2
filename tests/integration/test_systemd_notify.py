#!/usr/bin/env python3
"""systemd integration, without systemd: the test plays the service manager.

It owns an AF_UNIX datagram socket, passes it as NOTIFY_SOCKET (a path, and an abstract '@' name)
with WATCHDOG_USEC, runs `newsticker --headless` paced by the wall clock against the feed
simulator, and checks the notify protocol (sd_notify(3)):
  - READY=1 comes first, once, after the first frame (the headless ticker draws its first frame
    only after the first fetch round, so the simulator has served the feed by then);
  - WATCHDOG=1 keeps coming while it runs, no more often than every WATCHDOG_USEC/2;
  - SIGTERM: STOPPING=1, exit status 0, and the headlines were dumped (threads joined first).
And SIGHUP: a broken config is reported in one line (file:line) and the old feeds keep being
fetched; a good new config is applied (its feed is fetched).
"""
import os
import signal
import socket
import subprocess
import tempfile
import threading
import time
import unittest

BIN = os.environ["NEWSTICKER_BIN"]
from simulator import CA, Simulator


WATCHDOG_USEC = 1_000_000  # pings expected every 0.5 s (half the timeout)



class NotifyListener:
    """The manager's end: records (monotonic time, message) for every datagram."""

    def __init__(self, address):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        bind_to = "\0" + address[1:] if address.startswith("@") else address
        self.sock.bind(bind_to)
        self.sock.settimeout(0.2)
        self.messages = []
        self.lock = threading.Lock()
        self.running = True
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while self.running:
            try:
                data = self.sock.recv(4096)
            except socket.timeout:
                continue
            except OSError:
                return
            with self.lock:
                self.messages.append((time.monotonic(), data.decode()))

    def snapshot(self):
        with self.lock:
            return list(self.messages)

    def wait_for(self, predicate, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(predicate(m) for _, m in self.snapshot()):
                return True
            time.sleep(0.05)
        return False

    def close(self):
        self.running = False
        self.thread.join(timeout=2)
        self.sock.close()


def write_config(path, urls):
    with open(path, "w") as f:
        f.write(f'ca_file = "{CA}"\n[display]\nmode = "headless"\nsize = "320x180"\nfps = 30\n')
        for url in urls:
            f.write(f'[[feed]]\nurl = "{url}"\nrefresh_minutes = 1\n')


class SystemdNotify(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="newsticker-notify-")
        self.sim = Simulator(self.tmp)

    def tearDown(self):
        self.sim.close()

    def start(self, notify_address, config):
        env = dict(os.environ, NOTIFY_SOCKET=notify_address, WATCHDOG_USEC=str(WATCHDOG_USEC),
                   HOME=self.tmp, XDG_CONFIG_HOME=os.path.join(self.tmp, "xdg"))
        self.stderr_path = os.path.join(self.tmp, "stderr.log")
        self.ring_path = os.path.join(self.tmp, "ring.jsonl")
        # --headless without --frames: real-clock pacing, runs until SIGTERM.
        with open(self.stderr_path, "w") as stderr:
            return subprocess.Popen(
                [BIN, "--headless", "--config", config, "--state-dir", os.path.join(self.tmp, "state"),
                 "--dump-ring", self.ring_path],
                env=env, stderr=stderr)

    def log(self):
        with open(self.stderr_path) as f:
            return f.read()

    def stop(self, proc):
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(timeout=20)
        return code, self.log()

    def test_ready_after_first_frame_watchdog_and_clean_stop(self):
        listener = NotifyListener(os.path.join(self.tmp, "notify.sock"))
        config = os.path.join(self.tmp, "newsticker.toml")
        write_config(config, [self.sim.url("/feeds/alpha.xml")])
        proc = self.start(listener.sock.getsockname(), config)
        try:
            self.assertTrue(listener.wait_for(lambda m: "READY=1" in m, 40), "no READY=1")
            # Headless draws its first frame after the first fetch round: the feed was served.
            self.assertGreaterEqual(self.sim.stats()["by_path"].get("/feeds/alpha.xml", 0), 1)
            time.sleep(3.5)
            self.assertIsNone(proc.poll(), "the ticker ended early")
        finally:
            code, stderr = self.stop(proc)
            listener.close()
        messages = listener.snapshot()
        texts = [m for _, m in messages]
        self.assertIn("READY=1", texts[0], texts)
        self.assertEqual(sum("READY=1" in m for m in texts), 1, texts)
        self.assertIn("STATUS=", texts[0])
        pings = [t for t, m in messages if m == "WATCHDOG=1"]
        self.assertGreaterEqual(len(pings), 4, texts)  # 3.5 s at one ping per 0.5 s
        gaps = [b - a for a, b in zip(pings, pings[1:])]
        self.assertGreaterEqual(min(gaps), WATCHDOG_USEC / 2e6 * 0.8, gaps)   # rate-limited
        self.assertLessEqual(max(gaps), WATCHDOG_USEC / 1e6, gaps)           # before the timeout
        self.assertEqual(texts[-1], "STOPPING=1", texts)
        self.assertEqual(code, 0, stderr)
        # The ring is dumped after the fetch threads were joined: a clean, ordered shutdown.
        with open(self.ring_path) as f:
            self.assertTrue(any("alpha" in line for line in f), "ring dump lacks the feed")

    def test_sighup_bad_config_keeps_old_good_config_applies(self):
        listener = NotifyListener("@newsticker-test-%d" % os.getpid())
        config = os.path.join(self.tmp, "newsticker.toml")
        write_config(config, [self.sim.url("/feeds/old.xml")])
        proc = self.start("@newsticker-test-%d" % os.getpid(), config)
        try:
            self.assertTrue(listener.wait_for(lambda m: "READY=1" in m, 40), "no READY=1")
            # A broken file: the error is logged once as file:line and the old feed stays.
            with open(config, "w") as f:
                f.write('[display]\nspeed = "fast"\n[[feed]]\nurl = "https://x.invalid/"\n')
            proc.send_signal(signal.SIGHUP)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and "reload:" not in self.log():
                time.sleep(0.1)
            log = self.log()
            bad_lines = [l for l in log.splitlines() if "reload:" in l]
            self.assertEqual(len(bad_lines), 1, log)
            self.assertIn(config + ":", bad_lines[0])
            self.assertRegex(bad_lines[0], r"newsticker\.toml:\d+")
            self.assertIn("keeping", bad_lines[0])
            self.assertIsNone(proc.poll(), "a bad config must not end the ticker")

            # A good new config: its feed is fetched (a reload makes every feed due at once).
            write_config(config, [self.sim.url("/feeds/fresh.xml")])
            proc.send_signal(signal.SIGHUP)
            deadline = time.monotonic() + 20
            fetched = 0
            while time.monotonic() < deadline and fetched == 0:
                fetched = self.sim.stats()["by_path"].get("/feeds/fresh.xml", 0)
                time.sleep(0.2)
            self.assertGreaterEqual(fetched, 1, self.log())
            self.assertTrue(listener.wait_for(lambda m: m.startswith("STATUS=reloaded"), 5))
        finally:
            code, stderr = self.stop(proc)
            listener.close()
        self.assertEqual(code, 0, stderr)
        with open(self.ring_path) as f:
            ring = f.read()
        self.assertIn("fresh", ring)
        # The old feed ran until the good reload: its headlines were in the ring before it.
        self.assertIn("old", ring)


if __name__ == "__main__":
    unittest.main(verbosity=2)
