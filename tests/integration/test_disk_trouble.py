#!/usr/bin/env python3
"""Disk trouble: a state directory on a full filesystem, on a read-only one, and deleted while
the ticker runs. Each time: one log line per kind of trouble, the ticker keeps running and keeps
showing headlines, and it exits cleanly. Needs root (it mounts small tmpfs filesystems);
skipped otherwise."""
import json
import os
import subprocess
import tempfile
import time
import unittest

from simulator import CA, Simulator

BIN = os.environ["NEWSTICKER_BIN"]


def can_mount():
    if os.geteuid() != 0:
        return False
    probe = tempfile.mkdtemp(prefix="newsticker-mount-probe-")
    ok = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", probe],
                        capture_output=True).returncode == 0
    if ok:
        subprocess.run(["umount", probe])
    os.rmdir(probe)
    return ok



@unittest.skipUnless(can_mount(), "needs root and tmpfs mounts")
class DiskTrouble(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="newsticker-disk-")
        cls.sim = Simulator(cls.tmp)

    @classmethod
    def tearDownClass(cls):
        cls.sim.close()

    def mount(self, size, options=""):
        where = tempfile.mkdtemp(dir=self.tmp)
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=%s%s" % (size, options), "tmpfs", where],
                       check=True)
        self.addCleanup(lambda: subprocess.run(["umount", "-l", where]))
        return where

    def run_ticker(self, state_dir, seconds, during=None):
        ring = os.path.join(self.tmp, "ring-%d.jsonl" % time.monotonic_ns())
        proc = subprocess.Popen(
            [BIN, "--headless", "--realtime", "--frames", str(seconds * 30), "--fps", "30",
             "--size", "320x180", "--feed", self.sim.url("/rss.xml"), "--ca-file", CA, "--state-dir", state_dir,
             "--dump-ring", ring], stderr=subprocess.PIPE, text=True)
        if during:
            time.sleep(1.5)
            during()
        _, stderr = proc.communicate(timeout=seconds + 60)
        self.assertEqual(proc.returncode, 0, stderr)
        with open(ring) as f:
            items = [json.loads(line) for line in f]
        self.assertEqual(len(items), 12, "headlines are shown whatever the disk does")
        return stderr

    def test_full_filesystem(self):
        state = self.mount("64k")
        fd = os.open(os.path.join(state, "filler"), os.O_WRONLY | os.O_CREAT)
        try:
            while os.write(fd, b"\0" * 4096) > 0:
                pass
        except OSError:  # ENOSPC: the filesystem is full
            pass
        finally:
            os.close(fd)
        stderr = self.run_ticker(state, 2)
        store_lines = [l for l in stderr.splitlines() if "offline store:" in l]
        self.assertEqual(len(store_lines), 1, stderr)
        self.assertIn("logged once", store_lines[0])

    def test_read_only_filesystem(self):
        state = self.mount("1m")
        subprocess.run(["mount", "-o", "remount,ro", state], check=True)
        stderr = self.run_ticker(state, 2)
        trouble = [l for l in stderr.splitlines() if "offline store:" in l or "state directory" in l
                   or "status file:" in l]
        self.assertGreaterEqual(len(trouble), 1, stderr)
        self.assertLessEqual(len(trouble), 3, stderr)  # at most one line per kind of trouble

    def test_state_directory_deleted_while_running(self):
        state = os.path.join(self.tmp, "state-deleted")
        os.makedirs(state)
        stderr = self.run_ticker(state, 12, during=lambda: subprocess.run(["rm", "-rf", state]))
        status_lines = [l for l in stderr.splitlines() if "status file:" in l]
        self.assertLessEqual(len(status_lines), 1, stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
