#!/usr/bin/env python3
"""deploy/newsticker.service: `systemd-analyze verify` passes, and `systemd-analyze security`
rates it OK (exposure <= 3.0). Both read a temp copy whose ExecStart names the binary just built,
because verify checks that the executable exists.
"""
import os
import re
import shutil
import subprocess
import tempfile
import unittest

BIN = os.environ["NEWSTICKER_BIN"]
SOURCE = os.environ["NEWSTICKER_SOURCE_DIR"]
UNIT = os.path.join(SOURCE, "deploy", "newsticker.service")
MAX_EXPOSURE = 3.0


@unittest.skipUnless(shutil.which("systemd-analyze"), "systemd-analyze missing (package systemd)")
class SystemdUnit(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="newsticker-unit-")
        with open(UNIT) as f:
            text = f.read()
        self.assertIn("ExecStart=/usr/bin/newsticker ", text)
        self.unit = os.path.join(self.tmp, "newsticker.service")
        with open(self.unit, "w") as f:
            f.write(text.replace("/usr/bin/newsticker", os.path.abspath(BIN)))

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_verify(self):
        result = subprocess.run(["systemd-analyze", "verify", self.unit], capture_output=True, text=True)
        # Warnings about the host's own units (a container's systemd) are not ours; only lines
        # naming our unit count.
        ours = [l for l in result.stderr.splitlines() if "newsticker" in l]
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(ours, [], result.stderr)

    def test_security_exposure_ok(self):
        result = subprocess.run(["systemd-analyze", "security", "--offline=yes", "--no-pager", self.unit],
                                capture_output=True, text=True)
        match = re.search(r"Overall exposure level for newsticker\.service: ([0-9.]+) (\w+)", result.stdout)
        self.assertIsNotNone(match, result.stdout + result.stderr)
        exposure, verdict = float(match.group(1)), match.group(2)
        print("systemd-analyze security: exposure %.1f %s" % (exposure, verdict))
        self.assertLessEqual(exposure, MAX_EXPOSURE, result.stdout)
        self.assertEqual(verdict, "OK")

    def test_notify_watchdog_restart_hardening(self):
        with open(UNIT) as f:
            text = f.read()
        for line in ["Type=notify", "Restart=on-failure", "DynamicUser=yes", "ProtectSystem=strict",
                     "ProtectHome=yes", "PrivateTmp=yes", "NoNewPrivileges=yes",
                     "StateDirectory=newsticker", "SupplementaryGroups=video render"]:
            self.assertRegex(text, r"(?m)^%s$" % re.escape(line))
        self.assertRegex(text, r"(?m)^WatchdogSec=\d+s?$")
        self.assertRegex(text, r"(?m)^RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6")


if __name__ == "__main__":
    unittest.main(verbosity=2)
