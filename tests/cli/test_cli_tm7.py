#!/usr/bin/env python3
# test_cli_tm7.py: moat-cli import of Microsoft Threat Modeling Tool (.tm7) files.
#
# Copyright 2026 The Moat authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import shutil
import subprocess
import tempfile
import unittest

CLI = os.environ["MOAT_CLI"]
FIXTURE = os.environ["MOAT_TM7"]


def run(*args):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=60)


class Tm7ImportTests(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="moat-cli-tm7-")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def path(self, name):
        return os.path.join(self.dir, name)

    def assertInputError(self, result):
        """Exit 2 (not a signal), and exactly one line on stderr."""
        self.assertEqual(result.returncode, 2, result.stderr)
        lines = result.stderr.splitlines()
        self.assertEqual(len(lines), 1, result.stderr)
        self.assertTrue(lines[0].startswith("moat-cli: "), lines[0])
        return lines[0]

    def test_detected_and_reported(self):
        out = self.path("shop.moat")
        result = run("import", FIXTURE, "-o", out)
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = result.stderr.splitlines()
        self.assertTrue(lines[0].startswith(
            "Imported from Microsoft Threat Modeling Tool: 2 diagrams, 19 diagram elements, 6 threats, "
            "1 assumption."),
            lines[0])
        self.assertIn("  MetaInformation.Reviewer = \"Sam Roe\": ", result.stderr)
        self.assertIn("  DrawingSurfaceList[0].Lines[6]: ", result.stderr)
        self.assertEqual(len(lines), 17, result.stderr)

        info = json.loads(run("info", "--json", out).stdout)
        self.assertEqual(info["threats"]["total"], 6)

    def test_explicit_format(self):
        result = run("import", FIXTURE, "-o", self.path("a.moat"), "--from", "tm7", "-q")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr, "")
        # A .tm7 file is no OTM file, and a JSON file no .tm7 file.
        line = self.assertInputError(run("import", FIXTURE, "-o", self.path("b.moat"), "--from", "otm"))
        self.assertIn("web-shop.tm7", line)
        json_file = self.path("model.json")
        with open(json_file, "w") as f:
            f.write('{"otmVersion": "0.1.0", "project": {"name": "x", "id": "x"}}')
        line = self.assertInputError(run("import", json_file, "-o", self.path("c.moat"), "--from", "tm7"))
        self.assertIn("not a valid Microsoft Threat Modeling Tool file", line)
        for name in ("b.moat", "c.moat"):
            self.assertFalse(os.path.exists(self.path(name)))

    def test_malformed(self):
        broken = self.path("broken.tm7")
        with open(FIXTURE, "rb") as f:
            data = f.read()
        with open(broken, "wb") as f:
            f.write(data[: len(data) // 3])
        line = self.assertInputError(run("import", broken, "-o", self.path("x.moat")))
        self.assertIn("broken.tm7", line)
        self.assertIn("not a valid Microsoft Threat Modeling Tool file", line)
        self.assertFalse(os.path.exists(self.path("x.moat")))

        hostile = self.path("hostile.tm7")
        with open(hostile, "w") as f:
            f.write('<?xml version="1.0"?>\n<!DOCTYPE ThreatModel [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
                    '<ThreatModel><DrawingSurfaceList/><MetaInformation><Owner>&x;</Owner></MetaInformation>'
                    '</ThreatModel>\n')
        line = self.assertInputError(run("import", hostile, "-o", self.path("y.moat")))
        self.assertIn("DTD", line)

    def test_drawn(self):
        out = self.path("shop.moat")
        self.assertEqual(run("import", FIXTURE, "-o", out, "-q").returncode, 0)
        for diagram in ("Web Shop", "Back Office"):
            png = self.path(diagram + ".png")
            result = run("export", out, "--format", "png", "-d", diagram, "-o", png)
            self.assertEqual(result.returncode, 0, result.stderr)
            with open(png, "rb") as f:
                self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n")


if __name__ == "__main__":
    unittest.main()
