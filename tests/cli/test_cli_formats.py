#!/usr/bin/env python3
# test_cli_formats.py: moat-cli with Threat Dragon 1.x files and OWASP TM-BOMs
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
EXAMPLE = os.environ["MOAT_EXAMPLE"]
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "threat-dragon")


def run(*args):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=60)


class FormatsTestCase(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="moat-cli-formats-")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def path(self, name):
        return os.path.join(self.dir, name)

    def stats(self, model):
        result = run("stats", "--json", model)
        self.assertEqual(result.returncode, 0, result.stderr)
        return json.loads(result.stdout)

    def assertInputError(self, result):
        self.assertEqual(result.returncode, 2, result.stderr)
        lines = result.stderr.splitlines()
        self.assertEqual(len(lines), 1, result.stderr)
        self.assertTrue(lines[0].startswith("moat-cli: "), lines[0])
        return lines[0]


class ThreatDragonV1Tests(FormatsTestCase):
    def test_detected_imported_and_reported(self):
        out = self.path("v1.moat")
        result = run("import", os.path.join(DATA, "demo-threat-model.json"), "-o", out)
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = result.stderr.splitlines()
        self.assertTrue(lines[0].startswith("Imported from OWASP Threat Dragon 1.x: "), lines[0])
        self.assertIn("14 threats", lines[0])
        # Paths are the 1.x file's own.
        self.assertIn("  detail.diagrams[0].diagramJson.cells[4].privilegeLevel = ", result.stderr)
        stats = self.stats(out)
        self.assertEqual(stats["threats"]["total"], 14)
        self.assertEqual(stats["controls"]["total"], 14)

    def test_explicit_format_names(self):
        v1 = os.path.join(DATA, "v1-model.json")
        for name in ("threat-dragon-1", "threat-dragon"):
            with self.subTest(name=name):
                result = run("import", v1, "-o", self.path(f"{name}.moat"), "--from", name)
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertTrue(result.stderr.startswith("Imported from OWASP Threat Dragon 1.x"), result.stderr)

    def test_not_written(self):
        line = self.assertInputError(run("export", EXAMPLE, "--format", "threat-dragon-1"))
        self.assertIn("threat-dragon-1", line)

    def test_broken_file(self):
        broken = self.path("broken.json")
        with open(broken, "w", encoding="utf-8") as f:
            f.write('{"version": "1.6.1", "summary": {"title": "x"}}')
        line = self.assertInputError(run("import", broken, "-o", self.path("x.moat")))
        self.assertIn("broken.json: This is not a valid Threat Dragon 1.x model: ", line)
        self.assertIn("“detail”", line)
        self.assertFalse(os.path.exists(self.path("x.moat")))

    def test_to_png(self):
        model = self.path("v1.moat")
        self.assertEqual(run("import", os.path.join(DATA, "v1-model.json"), "-o", model, "-q").returncode, 0)
        png = self.path("v1.png")
        result = run("export", model, "--format", "png", "-o", png)
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(png, "rb") as f:
            self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n")


class TmBomTests(FormatsTestCase):
    def test_import(self):
        out = self.path("husky.moat")
        result = run("import", os.path.join(DATA, "huskyai.tmbom.json"), "-o", out)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertTrue(result.stderr.startswith("Imported from OWASP TM-BOM: "), result.stderr)
        self.assertIn("  scope.business_criticality = \"low\": ", result.stderr)
        stats = self.stats(out)
        self.assertEqual(stats["threats"]["total"], 9)
        self.assertEqual(stats["controls"]["total"], 22)
        self.assertEqual(stats["elements"]["by_kind"]["flow"], 23)

    def test_round_trip(self):
        model = self.path("example.moat")
        self.assertEqual(run("import", EXAMPLE, "-o", model, "-q").returncode, 0)
        bom = self.path("example.tmbom.json")
        result = run("export", model, "--format", "tm-bom", "-o", bom)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertTrue(result.stderr.startswith("Written for OWASP TM-BOM: "), result.stderr)
        with open(bom, encoding="utf-8") as f:
            doc = json.load(f)
        self.assertTrue(doc["$schema"].startswith("https://github.com/OWASP/www-project-threat-model-library/"))
        for key in ("version", "scope", "trust_zones", "trust_boundaries", "actors", "components",
                    "data_stores", "data_sets", "data_flows"):
            self.assertIn(key, doc)

        back = self.path("back.moat")
        result = run("import", bom, "-o", back, "--from", "tm-bom")
        self.assertEqual(result.returncode, 0, result.stderr)
        before, after = self.stats(model), self.stats(back)
        self.assertEqual(after["threats"]["total"], before["threats"]["total"])
        self.assertEqual(after["controls"]["total"], before["controls"]["total"])
        self.assertEqual(after["assumptions"], before["assumptions"])

    def test_wrong_format(self):
        line = self.assertInputError(run("import", os.path.join(DATA, "huskyai.tmbom.json"),
                                         "-o", self.path("x.moat"), "--from", "otm"))
        self.assertIn("huskyai.tmbom.json", line)
        line = self.assertInputError(run("import", os.path.join(DATA, "v1-model.json"),
                                         "-o", self.path("x.moat"), "--from", "tm-bom"))
        self.assertIn("not a valid TM-BOM", line)


if __name__ == "__main__":
    unittest.main(verbosity=2)
