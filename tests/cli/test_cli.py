#!/usr/bin/env python3
# test_cli.py: moat-cli as a CI job or a person at a terminal uses it.
#
# Copyright 2026 The Moat authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unittest

CLI = os.environ["MOAT_CLI"]
EXAMPLE = os.environ["MOAT_EXAMPLE"]


def run(*args, input=None):
    return subprocess.run([CLI, *args], capture_output=True, text=True, input=input, timeout=60)


class CliTestCase(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="moat-cli-test-")
        self.model = os.path.join(self.dir, "example.moat")
        result = run("import", EXAMPLE, "-o", self.model)
        self.assertEqual(result.returncode, 0, result.stderr)

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


class GeneralTests(CliTestCase):
    def test_version(self):
        result = run("--version")
        self.assertEqual(result.returncode, 0)
        self.assertRegex(result.stdout, r"^moat-cli \d+\.\d+\.\d+\n$")

    def test_help_lists_commands(self):
        result = run("--help")
        self.assertEqual(result.returncode, 0)
        for command in ("import", "export", "info", "diff"):
            self.assertIn(command, result.stdout)

    def test_help_for_every_command(self):
        for command in ("import", "export", "info", "diff"):
            with self.subTest(command=command):
                result = run(command, "--help")
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertIn("Usage:", result.stdout)
                self.assertIn(command, result.stdout)

    def test_no_arguments(self):
        result = run()
        self.assertEqual(result.returncode, 2)
        self.assertIn("Commands:", result.stderr)

    def test_unknown_command(self):
        line = self.assertInputError(run("frobnicate"))
        self.assertIn("frobnicate", line)

    def test_bad_flag(self):
        self.assertInputError(run("info", "--bogus", self.model))

    def test_missing_argument(self):
        self.assertInputError(run("info"))
        self.assertInputError(run("diff", self.model))


class ImportExportTests(CliTestCase):
    def test_info_counts(self):
        result = run("info", self.model)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("Acme Pay checkout", result.stdout)
        info = json.loads(run("info", "--json", self.model).stdout)
        self.assertEqual(info["title"], "Acme Pay checkout")
        self.assertGreaterEqual(info["diagrams"], 3)
        self.assertGreaterEqual(info["elements"]["total"], 25)
        self.assertGreaterEqual(info["elements"]["boundary"], 3)
        self.assertGreaterEqual(info["threats"]["total"], 12)
        self.assertGreaterEqual(info["controls"]["total"], 8)
        self.assertGreaterEqual(info["assumptions"]["total"], 5)
        self.assertGreater(info["assets"], 0)
        self.assertGreater(info["threat_actors"], 0)

    def test_export_is_byte_identical_to_the_example(self):
        result = run("export", self.model, "--format", "json")
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(EXAMPLE, encoding="utf-8") as f:
            self.assertEqual(result.stdout, f.read())

    def test_export_to_file(self):
        out = self.path("out.json")
        self.assertEqual(run("export", self.model, "--format", "json", "-o", out).returncode, 0)
        with open(out, encoding="utf-8") as f:
            self.assertEqual(json.load(f)["format"], "moat")

    def test_export_needs_a_known_format(self):
        self.assertInputError(run("export", self.model))
        self.assertInputError(run("export", self.model, "--format", "docx"))

    def test_import_refuses_to_overwrite(self):
        line = self.assertInputError(run("import", EXAMPLE, "-o", self.model))
        self.assertIn("--force", line)
        self.assertEqual(run("import", EXAMPLE, "-o", self.model, "--force").returncode, 0)

    def test_import_needs_output(self):
        self.assertInputError(run("import", EXAMPLE))

    def test_read_commands_leave_the_file_alone(self):
        with open(self.model, "rb") as f:
            before = f.read()
        run("info", self.model)
        run("export", self.model, "--format", "json")
        with open(self.model, "rb") as f:
            self.assertEqual(f.read(), before)
        self.assertFalse(os.path.exists(self.model + "-wal"))


class BadInputTests(CliTestCase):
    def write(self, name, data):
        path = self.path(name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def test_missing_file(self):
        self.assertInputError(run("info", self.path("nope.moat")))

    def test_directory(self):
        self.assertInputError(run("info", self.dir))

    def test_foreign_sqlite(self):
        path = self.path("songs.db")
        db = sqlite3.connect(path)
        db.execute("CREATE TABLE songs (title TEXT)")
        db.commit()
        db.close()
        line = self.assertInputError(run("info", path))
        self.assertIn("another application", line)

    def test_truncated(self):
        with open(self.model, "rb") as f:
            data = f.read()
        self.assertInputError(run("info", self.write("cut.moat", data[: len(data) // 2])))

    def test_random_bytes(self):
        self.assertInputError(run("info", self.write("noise.moat", os.urandom(8192))))

    def test_malformed_json(self):
        self.assertInputError(run("import", self.write("bad.json", b'{"format": "moat", '), "-o", self.path("x.moat")))
        self.assertFalse(os.path.exists(self.path("x.moat")))

    def test_wrong_types(self):
        data = json.dumps({"format": "moat", "format_version": 1, "model": {"id": "m"},
                           "threats": [{"id": "t", "likelihood": "very"}]}).encode()
        line = self.assertInputError(run("import", self.write("types.json", data), "-o", self.path("x.moat")))
        self.assertIn("threats[0].likelihood", line)

    def test_dangling_id(self):
        data = json.dumps({"format": "moat", "format_version": 1, "model": {"id": "m"},
                           "threats": [{"id": "t", "element_ids": ["ghost"]}]}).encode()
        line = self.assertInputError(run("import", self.write("dangling.json", data), "-o", self.path("x.moat")))
        self.assertIn("ghost", line)

    def test_invalid_utf8(self):
        self.assertInputError(run("import", self.write("latin1.json", b'{"format": "moat", "x": "\xe9"}'),
                                  "-o", self.path("x.moat")))

    def test_unknown_import_format(self):
        self.assertInputError(run("import", EXAMPLE, "-o", self.path("x.moat"), "--from", "visio"))


class DiffTests(CliTestCase):
    def test_diff_of_two_known_versions(self):
        with open(EXAMPLE, encoding="utf-8") as f:
            doc = json.load(f)
        for element in doc["elements"]:
            if element["id"] == "el-co-f-order":
                element["encrypted_in_transit"] = True
                element["protocol"] = "HTTPS"
        doc["threats"] = [t for t in doc["threats"] if t["id"] != "th-sqli"]
        doc["controls"].append({"id": "ct-new", "title": "Web application firewall", "threat_ids": ["th-ddos"]})
        for control in doc["controls"]:
            control["threat_ids"] = [t for t in control.get("threat_ids", []) if t != "th-sqli"]
        newer_json = self.path("v2.json")
        with open(newer_json, "w", encoding="utf-8") as f:
            json.dump(doc, f)
        newer = self.path("v2.moat")
        self.assertEqual(run("import", newer_json, "-o", newer).returncode, 0)

        result = run("diff", self.model, newer)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout.splitlines(), [
            "Elements",
            "  ~ Create order: encrypted-in-transit: false → true",
            "  ~ Create order: protocol: HTTP → HTTPS",
            "",
            "Threats",
            "  - SQL injection in order search",
            "",
            "Controls",
            "  + Web application firewall",
            "  ~ Parameterised queries everywhere: threat-ids: SQL injection in order search → ∅",
        ])

        md = run("diff", self.model, newer, "--format", "markdown").stdout
        self.assertIn("#### Threats", md)
        entries = json.loads(run("diff", self.model, newer, "--format", "json").stdout)
        self.assertEqual(len(entries), 5)
        self.assertInputError(run("diff", self.model, newer, "--format", "pdf"))

    def test_no_differences(self):
        result = run("diff", self.model, self.model)
        self.assertEqual(result.stdout, "No differences.\n")


if __name__ == "__main__":
    unittest.main(verbosity=2)
