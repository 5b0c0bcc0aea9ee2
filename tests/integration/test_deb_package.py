#!/usr/bin/env python3
"""The Debian package: builds it with cpack from this build tree (into a temp dir) and inspects it
with dpkg-deb --info / --contents / -x: the binary, the systemd unit, the default config as a
conffile, the licence file, and Depends (shared libraries, the fonts, the CA store).
"""
import os
import re
import shutil
import subprocess
import tempfile
import unittest

BIN = os.environ["NEWSTICKER_BIN"]
BUILD_DIR = os.path.dirname(BIN)


def run(*args, **kw):
    return subprocess.run(list(args), check=True, capture_output=True, text=True, **kw).stdout


@unittest.skipUnless(shutil.which("cpack") and shutil.which("dpkg-deb"), "cpack or dpkg-deb missing")
class DebPackage(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="newsticker-deb-")
        run("cpack", "--config", os.path.join(BUILD_DIR, "CPackConfig.cmake"), "-G", "DEB",
            "-B", cls.tmp, timeout=240)
        debs = [f for f in os.listdir(cls.tmp) if f.endswith(".deb")]
        assert len(debs) == 1, debs
        cls.deb = os.path.join(cls.tmp, debs[0])
        cls.info = run("dpkg-deb", "--info", cls.deb)
        cls.contents = run("dpkg-deb", "--contents", cls.deb)
        cls.root = os.path.join(cls.tmp, "root")
        run("dpkg-deb", "-x", cls.deb, cls.root)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def field(self, name):
        match = re.search(r"^ %s: (.*)$" % name, self.info, re.M)
        self.assertIsNotNone(match, self.info)
        return match.group(1)

    def test_control_fields(self):
        self.assertEqual(self.field("Package"), "newsticker")
        arch = run("dpkg", "--print-architecture").strip()
        self.assertEqual(self.field("Architecture"), arch)
        self.assertTrue(os.path.basename(self.deb).startswith("newsticker_"))
        self.assertTrue(os.path.basename(self.deb).endswith("_%s.deb" % arch))

    def test_depends(self):
        depends = [d.strip().split(" ")[0] for d in self.field("Depends").split(",")]
        for needed in ["fonts-dejavu-core", "ca-certificates", "libc6", "libstdc++6",
                       "libsdl2-2.0-0", "libsdl2-ttf-2.0-0", "libsdl2-image-2.0-0", "libxml2",
                       "libmbedtls14", "libmbedx509-1", "libmbedcrypto7", "zlib1g", "libutf8proc2"]:
            self.assertIn(needed, depends)
        # libcurl is linked statically (built on Mbed TLS): Debian's OpenSSL libcurl is not needed.
        self.assertFalse(any(d.startswith("libcurl") for d in depends), depends)

    def test_files(self):
        for path in ["./usr/bin/newsticker", "./usr/lib/systemd/system/newsticker.service",
                     "./etc/newsticker/newsticker.toml", "./usr/share/doc/newsticker/copyright",
                     "./usr/share/doc/newsticker/INSTALL.md",
                     "./usr/share/doc/newsticker/nginx-newsticker-cache.conf"]:
            self.assertRegex(self.contents, r"\s%s\n" % re.escape(path))
        self.assertRegex(self.contents, r"-rwxr-xr-x root/root\s+\d+ \S+ \S+ \./usr/bin/newsticker")

    def test_config_is_a_conffile_and_valid(self):
        self.assertIn("conffiles", self.info)
        conffiles = run("dpkg-deb", "--ctrl-tarfile", self.deb)  # noqa: just that it reads
        del conffiles
        control = os.path.join(self.tmp, "control")
        run("dpkg-deb", "-e", self.deb, control)
        with open(os.path.join(control, "conffiles")) as f:
            self.assertEqual(f.read().split(), ["/etc/newsticker/newsticker.toml"])
        config = os.path.join(self.root, "etc/newsticker/newsticker.toml")
        out = run(BIN, "--check-config", config)
        self.assertIn(": ok", out)
        with open(config) as f:
            text = f.read()
        # Real public news feeds, over HTTPS.
        self.assertGreaterEqual(len(re.findall(r'^url = "https://', text, re.M)), 2)

    def test_binary_is_stripped_and_runs(self):
        binary = os.path.join(self.root, "usr/bin/newsticker")
        self.assertIn("stripped", run("file", binary))
        self.assertNotIn("not stripped", run("file", binary))
        self.assertIn("mbedTLS", run(binary, "--version"))

    def test_licences(self):
        with open(os.path.join(self.root, "usr/share/doc/newsticker/copyright")) as f:
            text = f.read()
        self.assertTrue(text.startswith("Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"))
        for component in ["newsticker", "libcurl", "nlohmann-json", "toml++", "CLI11", "SDL2",
                          "libxml2", "Mbed TLS", "zlib", "utf8proc", "DejaVu"]:
            self.assertIn(component, text)
        self.assertIn("COPYRIGHT AND PERMISSION NOTICE", text)  # curl's licence text itself

    def test_unit_points_at_the_packaged_binary(self):
        with open(os.path.join(self.root, "usr/lib/systemd/system/newsticker.service")) as f:
            unit = f.read()
        self.assertRegex(unit, r"(?m)^ExecStart=/usr/bin/newsticker ")
        self.assertRegex(unit, r"(?m)^Type=notify$")


if __name__ == "__main__":
    unittest.main(verbosity=2)
