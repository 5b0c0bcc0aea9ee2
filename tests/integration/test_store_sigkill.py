#!/usr/bin/env python3
"""SIGKILL while the offline store is written, 100 times: every restart loads the old or the new
store, never a corrupt one, and generations never go backwards. Killed writers' temporary files
are cleaned up at the next start."""
import os
import random
import shutil
import signal
import subprocess
import tempfile
import time
import unittest

HELPER = os.environ["NEWSTICKER_STORE_KILL_HELPER"]
ROUNDS = 100


class StoreSurvivesSigkill(unittest.TestCase):
    def test_old_or_new_never_corrupt(self):
        state = tempfile.mkdtemp(prefix="newsticker-kill-")
        rng = random.Random(4)
        last = 0
        changed = 0
        for round_ in range(ROUNDS):
            writer = subprocess.Popen([HELPER, "write", state], stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE)
            writer.stdout.readline()  # one generation written by this run; kill during the next
            time.sleep(rng.uniform(0.0, 0.02))
            writer.send_signal(signal.SIGKILL)
            writer.wait()
            error = writer.stderr.read()
            writer.stdout.close()
            writer.stderr.close()
            self.assertEqual(writer.returncode, -signal.SIGKILL, error)
            check = subprocess.run([HELPER, "check", state], capture_output=True, text=True, timeout=10)
            if check.returncode == 3 and last == 0:
                continue  # killed before the very first write finished
            self.assertEqual(check.returncode, 0, f"round {round_}: {check.stdout}{check.stderr}")
            generation = int(check.stdout)
            self.assertGreaterEqual(generation, last, f"round {round_}")
            changed += generation != last
            last = generation
        temps = [n for n in os.listdir(state) if ".tmp." in n]
        self.assertLessEqual(len(temps), 1, temps)  # the last kill's, removed at the next start
        self.assertEqual(changed, ROUNDS)  # every run wrote at least one generation
        shutil.rmtree(state, ignore_errors=True)
        print(f"{ROUNDS} kills, last generation {last}, {changed} rounds saw a newer store")


if __name__ == "__main__":
    unittest.main(verbosity=2)
