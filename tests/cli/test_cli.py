#!/usr/bin/env python3
# test_cli.py: moat-cli as a CI job or a person at a terminal uses it.
#
# Copyright 2026 The Moat authors
# SPDX-License-Identifier: GPL-3.0-or-later

import csv
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unittest

CLI = os.environ["MOAT_CLI"]
EXAMPLE = os.environ["MOAT_EXAMPLE"]
SAMPLES = os.environ.get("MOAT_SAMPLES", "")
README = os.environ.get("MOAT_README", "")
COMMANDS = ("import", "export", "info", "diff", "stats")


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
        for command in COMMANDS:
            self.assertIn(command, result.stdout)

    def test_help_for_every_command(self):
        for command in COMMANDS:
            with self.subTest(command=command):
                result = run(command, "--help")
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertIn("Usage:", result.stdout)
                self.assertIn(command, result.stdout)
                self.assertIn("Exit status: 0 success, 1 a check failed, 2 a usage or input error",
                              result.stdout)

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
        self.assertInputError(run("export", self.model, "--format", "markdown", "--table", "threats"))
        self.assertInputError(run("export", self.model, "--format", "csv", "--table", "assets"))

    def png_size(self, path):
        with open(path, "rb") as f:
            head = f.read(24)
        self.assertEqual(head[:8], b"\x89PNG\r\n\x1a\n")
        return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")

    def test_export_a_diagram_as_an_image(self):
        one, two = self.path("one.png"), self.path("two.png")
        self.assertEqual(run("export", self.model, "--format", "png", "--scale", "1", "-o", one).returncode, 0)
        self.assertEqual(run("export", self.model, "--format", "png", "-o", two).returncode, 0)
        w1, h1 = self.png_size(one)
        w2, h2 = self.png_size(two)
        # The default scale is 2: the same diagram, twice the pixels.
        self.assertGreater(w1, 200)
        self.assertAlmostEqual(w2, 2 * w1, delta=2)
        self.assertAlmostEqual(h2, 2 * h1, delta=2)

        svg = self.path("admin.svg")
        result = run("export", self.model, "--format", "svg", "--diagram", "Admin and operations (level 1)", "-o", svg)
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(svg, encoding="utf-8") as f:
            self.assertIn("<svg", f.read(400))

    def test_image_export_says_what_is_wrong(self):
        line = self.assertInputError(run("export", self.model, "--format", "svg", "--diagram", "Nope",
                                         "-o", self.path("x.svg")))
        self.assertIn("“Checkout flow (level 1)”", line)
        self.assertInputError(run("export", self.model, "--format", "png"))
        self.assertInputError(run("export", self.model, "--format", "png", "--scale", "0", "-o", self.path("x.png")))
        self.assertFalse(os.path.exists(self.path("x.png")))

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

    def test_import_of_a_project_file(self):
        line = self.assertInputError(run("import", self.model, "-o", self.path("x.moat")))
        self.assertIn("project file", line)

    def test_foreign_json(self):
        for name, data in (("empty.json", b""), ("array.json", b"[1, 2]"), ("other.json", b'{"name": "x"}'),
                           ("deep.json", b"[" * 100000), ("td-latin1.json", b'{"version": "2.2.0", "x": "\xe9"}'),
                           ("noise.json", os.urandom(4096))):
            with self.subTest(name=name):
                path = self.write(name, data)
                self.assertInputError(run("import", path, "-o", self.path("x.moat")))
                self.assertFalse(os.path.exists(self.path("x.moat")))
                for command in ("stats", "info"):
                    self.assertInputError(run(command, path))
                self.assertInputError(run("export", path, "--format", "markdown"))

    def test_partial_import(self):
        data = json.dumps({"version": "2.2.0", "summary": {"title": "Odd"},
                           "detail": {"diagrams": [{"title": "D", "cells": [
                               {"id": "a", "shape": "actor", "data": {"type": "tm.Actor", "name": "A"}},
                               {"id": "f", "shape": "flow", "data": {"type": "tm.Flow", "name": "f"},
                                "source": {"cell": "a"}, "target": {"cell": "ghost"}},
                               "nonsense"]}]}}).encode()
        result = run("import", self.write("partial.json", data), "-o", self.path("p.moat"))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("detail.diagrams[0].cells[1]", result.stderr)
        self.assertIn("detail.diagrams[0].cells[2]", result.stderr)
        self.assertEqual(json.loads(run("stats", "--json", self.path("p.moat")).stdout)["elements"]["total"], 1)


def sample(*parts):
    return os.path.join(SAMPLES, *parts)


def example_doc():
    with open(EXAMPLE, encoding="utf-8") as f:
        return json.load(f)


def readme_csv_columns():
    """The column names the README documents, per table, in order."""
    with open(README, encoding="utf-8") as f:
        text = f.read()
    section = text.split("### CSV columns", 1)[1].split("\n## ", 1)[0]
    tables = {}
    for name in ("threats", "controls"):
        block = re.search(r"`--table %s`[^\n]*\n\n((?:\|[^\n]*\n)+)" % name, section)
        assert block, f"README documents no {name} columns"
        rows = block.group(1).splitlines()[2:]
        tables[name] = [re.match(r"\| `([^`]+)` \|", row).group(1) for row in rows]
    return tables


def parse_csv(text):
    return list(csv.reader(io.StringIO(text, newline="")))


@unittest.skipUnless(os.path.isdir(SAMPLES), "../shared/samples is not there")
class OtherToolsTests(CliTestCase):
    def test_threat_dragon_is_detected_and_reported(self):
        out = self.path("td.moat")
        result = run("import", sample("threat-dragon", "v2-threat-model.json"), "-o", out)
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = result.stderr.splitlines()
        self.assertTrue(lines[0].startswith("Imported from OWASP Threat Dragon: "), lines[0])
        self.assertIn("14 threats", lines[0])
        # One line per value that has no place in Moat, saying where it was.
        self.assertTrue(any(line.startswith("  detail.contributors[0]") for line in lines), result.stderr)
        self.assertTrue(any(line.startswith("  detail.reviewer") for line in lines), result.stderr)
        self.assertTrue(all(line.startswith("  ") and ": " in line for line in lines[1:]), result.stderr)

        stats = json.loads(run("stats", "--json", out).stdout)
        self.assertEqual(stats["threats"]["total"], 14)
        # Each mitigation became a control linked to its threat.
        self.assertEqual(stats["controls"]["total"], 14)

    def test_explicit_format(self):
        td = sample("threat-dragon", "three-tier-web-app.json")
        result = run("import", td, "-o", self.path("a.moat"), "--from", "threat-dragon")
        self.assertEqual(result.returncode, 0, result.stderr)
        line = self.assertInputError(run("import", td, "-o", self.path("b.moat"), "--from", "otm"))
        self.assertIn("three-tier-web-app.json", line)
        self.assertInputError(run("import", td, "-o", self.path("c.moat"), "--from", "moat"))
        for name in ("b.moat", "c.moat"):
            self.assertFalse(os.path.exists(self.path(name)))

    def test_otm_is_detected_and_reported(self):
        out = self.path("otm.moat")
        result = run("import", sample("otm", "mobile-cloud.otm.json"), "-o", out)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertTrue(result.stderr.startswith("Imported from Open Threat Model: "), result.stderr)
        self.assertIn("  mitigations[0].riskReduction = 100: ", result.stderr)
        info = json.loads(run("info", "--json", out).stdout)
        self.assertEqual(info["threats"]["total"], 43)
        self.assertEqual(info["controls"]["total"], 43)

    def test_quiet(self):
        result = run("import", sample("otm", "mobile-cloud.otm.json"), "-o", self.path("q.moat"), "-q")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr, "")

    def test_malformed_threat_dragon_samples(self):
        line = self.assertInputError(run("import", sample("threat-dragon", "malformed-new-model.json"),
                                         "-o", self.path("x.moat")))
        self.assertIn("Threat Dragon 1.x", line)
        line = self.assertInputError(run("import", sample("threat-dragon", "v2-malformed-new-model.json"),
                                         "-o", self.path("x.moat")))
        self.assertIn("not a valid Threat Dragon model", line)
        self.assertIn("detail", line)
        self.assertFalse(os.path.exists(self.path("x.moat")))

    def test_exports_are_valid_against_the_schemas(self):
        try:
            import jsonschema
        except ImportError:
            self.skipTest("python3-jsonschema is not installed")
        schemas = {
            "threat-dragon": sample("threat-dragon", "threat-dragon-v2.schema.json"),
            "otm": sample("otm", "open-threat-model.schema.json"),
        }
        for fmt, path in schemas.items():
            with self.subTest(format=fmt):
                with open(path, encoding="utf-8") as f:
                    schema = json.load(f)
                result = run("export", self.model, "--format", fmt)
                self.assertEqual(result.returncode, 0, result.stderr)
                errors = list(jsonschema.Draft7Validator(schema).iter_errors(json.loads(result.stdout)))
                self.assertEqual(errors, [], [e.message for e in errors[:5]])


class OtherFormatsTests(CliTestCase):
    def round_trip(self, fmt):
        out = self.path(f"model.{fmt}.json")
        result = run("export", self.model, "--format", fmt, "-o", out)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, "")
        back = self.path(f"back-{fmt}.moat")
        result = run("import", out, "-o", back)
        self.assertEqual(result.returncode, 0, result.stderr)
        before, after = (json.loads(run("stats", "--json", m).stdout) for m in (self.model, back))
        # Risk levels depend on assets and controls' links, which these
        # formats cannot all hold (see the export report): counts only.
        for stats in (before, after):
            self.assertEqual(sum(stats["threats"]["by_risk"]["inherent"].values()), stats["threats"]["total"])
            del stats["threats"]["by_risk"]
        return out, result.stderr, before, after

    def test_threat_dragon(self):
        path, report, before, after = self.round_trip("threat-dragon")
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        self.assertTrue(doc["version"].startswith("2."))
        self.assertEqual(len(doc["detail"]["diagrams"]), before["diagrams"])
        self.assertTrue(report.startswith("Imported from OWASP Threat Dragon"), report)
        # Threats on several elements come back as one threat each.
        self.assertEqual(after["threats"], before["threats"])
        self.assertEqual(after["elements"], before["elements"])

    def test_threat_dragon_export_report(self):
        result = run("export", self.model, "--format", "threat-dragon")
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = result.stderr.splitlines()
        self.assertRegex(lines[0], r"^Written for OWASP Threat Dragon: .* values could not be written")
        self.assertTrue(any("technology = Kubernetes" in line for line in lines), result.stderr)
        self.assertTrue(any(line.startswith("  assumption “") for line in lines), result.stderr)
        self.assertEqual(run("export", self.model, "--format", "threat-dragon", "-q").stderr, "")

    def test_otm(self):
        path, report, before, after = self.round_trip("otm")
        with open(path, encoding="utf-8") as f:
            self.assertIn("otmVersion", json.load(f))
        self.assertTrue(report.startswith("Imported from Open Threat Model"), report)
        self.assertEqual(after["threats"], before["threats"])
        self.assertEqual(after["controls"], before["controls"])
        # OTM has no notes: the one note is reported on export, not kept.
        kinds = dict(before["elements"]["by_kind"], note=0)
        self.assertEqual(after["elements"]["by_kind"], kinds)

    def test_export_reads_json_models_too(self):
        for fmt in ("json", "markdown", "csv"):
            with self.subTest(format=fmt):
                from_json = run("export", EXAMPLE, "--format", fmt)
                self.assertEqual(from_json.returncode, 0, from_json.stderr)
                self.assertEqual(from_json.stdout, run("export", self.model, "--format", fmt).stdout)


class MarkdownTests(CliTestCase):
    def test_sections(self):
        doc = example_doc()
        result = run("export", self.model, "--format", "markdown")
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = result.stdout.splitlines()
        self.assertEqual(lines[0], "# Acme Pay checkout")
        headings = [line for line in lines if line.startswith("## ")]
        diagrams = sorted(doc["diagrams"], key=lambda d: d["position"])
        self.assertEqual(headings, [f"## Diagram: {d['title']}" for d in diagrams] +
                         ["## Threats", "## Controls", "## Assumptions"])

        def table_after(heading):
            start = lines.index(heading)
            rows = []
            for line in lines[start + 1:]:
                if line.startswith("## "):
                    break
                if line.startswith("| "):
                    rows.append(line)
            return rows[2:]

        threats = table_after("## Threats")
        self.assertEqual(len(threats), len(doc["threats"]))
        for threat in doc["threats"]:
            self.assertEqual(sum(row.startswith(f"| {threat['title']} |") for row in threats), 1, threat["title"])
        self.assertEqual(len(table_after("## Controls")), len(doc["controls"]))
        self.assertEqual(len(table_after("## Assumptions")), len(doc["assumptions"]))
        # Open threats come first.
        statuses = [row.split(" | ")[2] for row in threats]
        self.assertEqual(statuses[: statuses.count("open")], ["open"] * statuses.count("open"))
        self.assertIn("[OPS-230](https://tracker.acme.example/browse/OPS-230)", result.stdout)
        # A threat's references link to their public pages; a control lists the requirements it meets.
        audit = next(row for row in threats if row.startswith("| Audit log altered by an administrator |"))
        self.assertTrue(audit.endswith(
            "| [CWE-284](https://cwe.mitre.org/data/definitions/284.html), "
            "[CAPEC-268](https://capec.mitre.org/data/definitions/268.html), "
            "[OWASP-A09:2021](https://owasp.org/Top10/A09_2021-Security_Logging_and_Monitoring_Failures/) |"), audit)
        signed = next(row for row in table_after("## Controls") if row.startswith("| Append-only, signed audit log |"))
        self.assertTrue(signed.endswith("| asvs:V16.4.2 |"), signed)

    def test_text_cannot_break_the_page(self):
        doc = example_doc()
        doc["threats"][0]["title"] = "Pipes | and *stars* <script>alert(1)</script>\n# not a heading"
        for control in doc["controls"]:
            control["tracker_url"] = "javascript:alert(1)"
        doc["threats"][0]["refs"] = ["CWE-79", "x](http://evil.example) | y"]
        doc["threats"][1]["refs"] = []
        path = self.path("odd.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f)
        result = run("export", path, "--format", "markdown")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNotIn("<script>", result.stdout)
        self.assertNotIn("javascript:", result.stdout)
        row = next(line for line in result.stdout.splitlines() if "Pipes" in line)
        self.assertEqual(len(re.findall(r"(?<!\\)\|", row)), 11, row)
        # A reference that is not one stays text, and cannot open a link or a cell.
        self.assertIn(r"[CWE-79](https://cwe.mitre.org/data/definitions/79.html), x\](http://evil.example) \| y |", row)
        bare = next(line for line in result.stdout.splitlines() if line.startswith(f"| {doc['threats'][1]['title']} |"))
        self.assertTrue(bare.endswith("| — |"), bare)
        self.assertIn(r"Pipes \| and \*stars\* &lt;script&gt;", row)
        self.assertNotIn("\n# not a heading", result.stdout)

    def test_mentions_do_not_ping(self):
        # A description pasted from a review comment, then the Markdown
        # pasted into a merge request: nobody is notified, the text reads
        # the same, and mail addresses stay as they were.
        doc = example_doc()
        doc["threats"][0]["title"] = "Ask @alice and @acme/security-team (ops@acme.example)"
        old_path, new_path = self.path("old.json"), self.path("new.json")
        with open(old_path, "w", encoding="utf-8") as f:
            json.dump(example_doc(), f)
        with open(new_path, "w", encoding="utf-8") as f:
            json.dump(doc, f)
        export = run("export", new_path, "--format", "markdown")
        diff = run("diff", old_path, new_path, "--format", "markdown")
        for result in (export, diff):
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertIsNone(re.search(r"(?<![\w])@[\w-]", result.stdout), result.stdout)
            self.assertIn("@\u200balice", result.stdout)
            self.assertIn("ops@acme", result.stdout.replace("\\", ""))


class CsvTests(CliTestCase):
    def test_threats(self):
        doc = example_doc()
        columns = readme_csv_columns()["threats"]
        result = run("export", self.model, "--format", "csv")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, run("export", self.model, "--format", "csv", "--table", "threats").stdout)
        rows = parse_csv(result.stdout)
        self.assertEqual(rows[0], columns)
        self.assertEqual(len(rows) - 1, len(doc["threats"]))
        self.assertTrue(all(len(row) == len(columns) for row in rows))
        records = {r["Moat ID"]: r for r in csv.DictReader(io.StringIO(result.stdout, newline=""))}
        for threat in doc["threats"]:
            record = records[threat["id"]]
            self.assertEqual(record["Summary"], threat["title"])
            self.assertEqual(record["Description"], threat["description"])
            self.assertEqual(record["Status"], threat["status"])
            self.assertEqual(int(record["Likelihood"]), threat["likelihood"])
            # The impact is the effective one: the threat's own only when set by hand.
            if threat.get("impact_overridden"):
                self.assertEqual(int(record["Impact"]), threat["impact"])
                self.assertEqual(record["Impact From"], "set by hand")
            self.assertIn(record["Inherent Risk"], ("low", "medium", "high", "critical"))
            self.assertIn(record["Residual Risk"], ("low", "medium", "high", "critical"))
            self.assertEqual(len(record["Elements"].split("; ")), len(threat["element_ids"]))
        sql = records["th-sqli"]
        self.assertEqual(sql["Category"], "Elevation of privilege")
        self.assertEqual(sql["Controls"], "Parameterised queries everywhere")
        self.assertEqual(sql["Elements"], "Order service; Order database")
        audit = records["th-audit-tamper"]
        self.assertEqual(audit["References"], "CWE-284; CAPEC-268; OWASP-A09:2021")
        self.assertEqual(rows[0][-1], "References")  # appended: scripts reading by position keep working
        for threat in doc["threats"]:
            self.assertEqual(records[threat["id"]]["References"], "; ".join(threat.get("refs") or []))

    def test_controls(self):
        doc = example_doc()
        columns = readme_csv_columns()["controls"]
        out = self.path("controls.csv")
        result = run("export", self.model, "--format", "csv", "--table", "controls", "-o", out)
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(out, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        self.assertEqual(rows[0], columns)
        self.assertEqual(len(rows) - 1, len(doc["controls"]))
        with open(out, encoding="utf-8", newline="") as f:
            records = {r["Moat ID"]: r for r in csv.DictReader(f)}
        audit = records["ct-audit-append"]
        self.assertEqual(audit["Tracker Key"], "OPS-230")
        self.assertEqual(audit["Status"], "proposed")
        self.assertEqual(audit["Effort"], "medium")
        self.assertEqual(len(audit["Threats"].split("; ")), 2)
        self.assertEqual(audit["Requirements"], "asvs:V16.4.2")
        self.assertEqual(records["ct-console-vpn"]["Requirements"], "asvs:V6.3.3; asvs:V8.2.1")
        self.assertEqual(rows[0][-1], "Requirements")

    def test_awkward_text(self):
        doc = example_doc()
        doc["threats"][0]["description"] = 'Quotes "here", commas, and\nline breaks'
        doc["threats"][1]["title"] = "=HYPERLINK(\"http://evil.example\")"
        doc["threats"][2]["description"] = "- a list item"
        path = self.path("awkward.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f)
        result = run("export", path, "--format", "csv")
        self.assertEqual(result.returncode, 0, result.stderr)
        records = {r["Moat ID"]: r for r in csv.DictReader(io.StringIO(result.stdout, newline=""))}
        self.assertEqual(records[doc["threats"][0]["id"]]["Description"], 'Quotes "here", commas, and\nline breaks')
        self.assertEqual(records[doc["threats"][1]["id"]]["Summary"], "'=HYPERLINK(\"http://evil.example\")")
        self.assertEqual(records[doc["threats"][2]["id"]]["Description"], "- a list item")


class StatsTests(CliTestCase):
    def test_counts(self):
        doc = example_doc()
        result = run("stats", "--json", self.model)
        self.assertEqual(result.returncode, 0, result.stderr)
        stats = json.loads(result.stdout)

        def count(items, key):
            counts = {}
            for item in items:
                counts[item[key]] = counts.get(item[key], 0) + 1
            return counts

        def nonzero(counts):
            return {k: v for k, v in counts.items() if v}

        self.assertEqual(stats["diagrams"], len(doc["diagrams"]))
        self.assertEqual(stats["elements"]["total"], len(doc["elements"]))
        self.assertEqual(nonzero(stats["elements"]["by_kind"]), count(doc["elements"], "kind"))
        self.assertEqual(stats["threats"]["total"], len(doc["threats"]))
        self.assertEqual(nonzero(stats["threats"]["by_status"]), count(doc["threats"], "status"))
        self.assertEqual({c["category"]: c["total"] for c in stats["threats"]["by_category"]},
                         count(doc["threats"], "category"))
        open_threats = [t for t in doc["threats"] if t["status"] == "open"]
        self.assertEqual({c["category"]: c["open"] for c in stats["threats"]["by_category"] if c["open"]},
                         count(open_threats, "category"))
        self.assertEqual([c["category"] for c in stats["threats"]["by_category"]],
                         [c for c in "STRIDE" if c in count(doc["threats"], "category")])
        self.assertEqual(nonzero(stats["controls"]["by_status"]), count(doc["controls"], "status"))
        self.assertEqual(nonzero(stats["assumptions"]["by_status"]), count(doc["assumptions"], "status"))
        # Every status is there, with its count or zero.
        self.assertEqual(set(stats["threats"]["by_status"]),
                         {"open", "mitigated", "accepted", "transferred", "not-applicable"})

    def test_text(self):
        result = run("stats", self.model)
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = result.stdout.splitlines()
        self.assertRegex(lines[0], r"^Diagrams +3$")
        self.assertIn("By category (open):", result.stdout)
        self.assertRegex(result.stdout, r"\n    Elevation of privilege +2 \(1\)\n")
        self.assertRegex(result.stdout, r"\n  trust boundary +\d+\n")

    def test_bad_input(self):
        self.assertInputError(run("stats"))
        self.assertInputError(run("stats", self.path("missing.moat")))
        self.assertInputError(run("stats", "--bogus", self.model))


class ExitCodeDocumentationTests(unittest.TestCase):
    @unittest.skipUnless(os.path.isfile(README), "README.md is not there")
    def test_readme(self):
        with open(README, encoding="utf-8") as f:
            text = f.read()
        section = text.split("## Command line", 1)[1].split("\n## ", 1)[0]
        self.assertRegex(section, r"`0` success")
        self.assertRegex(section, r"`1` a check failed")
        self.assertRegex(section, r"`2` a usage or input error")
        for command in COMMANDS:
            self.assertIn(f"`{command} ", section)


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
            "Risk",
            "  - threat SQL injection in order search gone: it was inherent Medium, residual Medium",
            "",
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
        self.assertEqual(len([e for e in entries if e["kind"] != "risk"]), 5)
        self.assertInputError(run("diff", self.model, newer, "--format", "pdf"))

    def test_no_differences(self):
        result = run("diff", self.model, self.model)
        self.assertEqual(result.stdout, "No differences.\n")


def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True,
                          text=True, check=True).stdout


def pdf_info(path):
    return subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout


class ReportTests(CliTestCase):
    def assertPdf(self, path):
        with open(path, "rb") as f:
            self.assertEqual(f.read(5), b"%PDF-")

    def test_listed_in_help(self):
        self.assertIn("report", run("--help").stdout)
        result = run("report", "--help")
        self.assertEqual(result.returncode, 0, result.stderr)
        for option in ("--output", "--sections", "--paper", "--since"):
            self.assertIn(option, result.stdout)

    def test_full_report(self):
        out = self.path("report.pdf")
        result = run("report", self.model, "-o", out)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr, "")
        self.assertEqual(result.stdout, "")
        self.assertPdf(out)
        if not shutil.which("pdftotext"):
            self.skipTest("poppler-utils is not installed")
        text = pdf_text(out)
        for title in ("Executive summary", "Business context", "Diagrams", "Element catalogue",
                      "Threats", "Control roadmap", "Requirement coverage", "Assumptions",
                      "Change history", "Appendix: rules used"):
            self.assertIn(title, text)
        self.assertIn("A4", pdf_info(out))

    def test_from_json_in_git(self):
        out = self.path("from-json.pdf")
        result = run("report", EXAMPLE, "-o", out, "--sections", "summary")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertPdf(out)

    def test_sections_paper_and_since(self):
        out = self.path("part.pdf")
        result = run("report", self.model, "-o", out, "--sections", "summary,threats,history",
                     "--paper", "letter", "--since", "2020-01-31", "--group-by", "element")
        self.assertEqual(result.returncode, 0, result.stderr)
        if not shutil.which("pdftotext"):
            self.skipTest("poppler-utils is not installed")
        text = pdf_text(out)
        self.assertIn("Executive summary", text)
        self.assertIn("Change history", text)
        self.assertIn("31 January 2020", text)
        self.assertNotIn("Business context", text)
        self.assertNotIn("Control roadmap", text)
        self.assertIn("letter", pdf_info(out))

    def test_coverage(self):
        out = self.path("coverage.pdf")
        result = run("report", self.model, "-o", out, "--sections", "coverage", "--coverage-level", "2")
        self.assertEqual(result.returncode, 0, result.stderr)
        if not shutil.which("pdftotext"):
            self.skipTest("poppler-utils is not installed")
        text = " ".join(pdf_text(out).split())
        self.assertIn("Requirement coverage", text)
        self.assertIn("5.0.0, level 2", text)
        coverage = json.loads(run("coverage", self.model, "--level", "2", "--json").stdout)
        self.assertIn(f"{coverage['met']} of {coverage['applicable']} ({coverage['percent']:.0f}%)", text)
        self.assertIn(coverage["gaps"][0], text)

    def test_bad_input(self):
        out = self.path("never.pdf")
        corrupt = self.path("corrupt.moat")
        with open(corrupt, "wb") as f:
            f.write(b"SQLite format 3\0" + b"\xff" * 200)
        cases = [
            ("report", self.model, "-o", out, "--paper", "a5"),
            ("report", self.model, "-o", out, "--sections", "summary,bogus"),
            ("report", self.model, "-o", out, "--sections", ","),
            ("report", self.model, "-o", out, "--since", "last week"),
            ("report", self.model, "-o", out, "--group-by", "colour"),
            ("report", self.model, "-o", out, "--coverage-level", "9"),
            ("report", self.model, "-o", out, "--coverage-level", "-1"),
            ("report", self.model, "-o", out, "--bogus"),
            ("report", self.model),
            ("report", "-o", out),
            ("report", self.model, self.model, "-o", out),
            ("report", self.path("missing.moat"), "-o", out),
            ("report", corrupt, "-o", out),
            ("report", self.model, "-o", self.path("no/such/dir/out.pdf")),
        ]
        for args in cases:
            with self.subTest(args=args[2:]):
                self.assertInputError(run(*args))
                self.assertFalse(os.path.exists(out))

class RuleTests(CliTestCase):
    """suggest and check, with the person's own rules in a private config directory."""

    LEVELS = ("low", "medium", "high", "critical")

    def setUp(self):
        super().setUp()
        self.config = self.path("config")
        with open(EXAMPLE, encoding="utf-8") as f:
            self.example = json.load(f)

    def rules(self, *args, user_rules=None):
        if user_rules is not None:
            os.makedirs(os.path.join(self.config, "moat"), exist_ok=True)
            with open(os.path.join(self.config, "moat", "rules.json"), "w", encoding="utf-8") as f:
                f.write(user_rules)
        env = dict(os.environ, XDG_CONFIG_HOME=self.config)
        return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=60, env=env)

    def edited(self, edit):
        """The example, changed by @edit, as a JSON model file."""
        model = json.loads(json.dumps(self.example))
        edit(model)
        path = self.path("edited.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(model, f)
        return path

    def suggestions(self, *args, **kwargs):
        result = self.rules("suggest", "--json", *args, **kwargs)
        self.assertEqual(result.returncode, 0, result.stderr)
        return json.loads(result.stdout)

    def test_suggest_text_and_json_agree(self):
        text = self.rules("suggest", self.model)
        self.assertEqual(text.returncode, 0, text.stderr)
        data = self.suggestions(self.model)
        self.assertEqual(data["rule_sets"], self.example["model"]["rule_sets"])
        self.assertGreater(len(data["suggestions"]), 0)
        self.assertIn(f"{len(data['suggestions'])} suggestions", text.stdout)
        seen = set()
        for s in data["suggestions"]:
            self.assertIn(s["rule_set"], data["rule_sets"])
            self.assertIn(s["risk"], self.LEVELS)
            self.assertTrue(1 <= s["likelihood"] <= 5 and 1 <= s["impact"] <= 5)
            self.assertTrue(s["title"] and s["category"] and s["suggested_controls"])
            self.assertNotIn("{name}", s["title"])
            self.assertNotIn((s["rule_id"], s["element_id"]), seen)
            seen.add((s["rule_id"], s["element_id"]))
            self.assertIn(f"[{s['rule_id']}]", text.stdout)

    def test_suggest_leaves_out_accepted_and_dismissed(self):
        before = self.suggestions(self.model)["suggestions"]
        dismissed, accepted = before[0], before[1]

        def edit(model):
            model["dismissals"].append({"id": "dm-test", "rule_id": dismissed["rule_id"],
                                        "element_id": dismissed["element_id"], "reason": "Not here"})
            threat = dict(model["threats"][0], id="th-test", rule_id=accepted["rule_id"],
                          element_ids=[accepted["element_id"]])
            model["threats"].append(threat)

        after = self.suggestions(self.edited(edit))["suggestions"]
        keys = {(s["rule_id"], s["element_id"]) for s in after}
        self.assertEqual(len(after), len(before) - 2)
        self.assertNotIn((dismissed["rule_id"], dismissed["element_id"]), keys)
        self.assertNotIn((accepted["rule_id"], accepted["element_id"]), keys)

    def test_suggest_rule_sets(self):
        data = self.suggestions(self.model, "--rule-sets", "linddun")
        self.assertEqual(data["rule_sets"], ["linddun"])
        self.assertTrue(data["suggestions"])
        self.assertEqual({s["rule_set"] for s in data["suggestions"]}, {"linddun"})
        line = self.assertInputError(self.rules("suggest", self.model, "--rule-sets", "stride,owasp"))
        self.assertIn("owasp", line)

    def test_suggest_user_rules(self):
        rule = {"id": "acme.no-sbom", "title": "No SBOM for {name}", "category": "T",
                "suggested_controls": ["Publish an SBOM", "Sign releases"],
                "applies_to": ["process"], "when": {"property": "technology", "contains": "java"}}
        data = self.suggestions(self.model, user_rules=json.dumps({"version": 1, "rules": [rule]}))
        mine = [s for s in data["suggestions"] if s["rule_id"] == "acme.no-sbom"]
        self.assertEqual([s["element"] for s in mine], ["Order service"])
        self.assertEqual(mine[0]["rule_set"], "custom")

    def test_suggest_broken_user_rules_keep_builtin(self):
        broken = '{"rules": [\n  {"id": "acme.x", "title": "X", "category": "T",\n   "applies_to": ["cloud"]}\n]}\n'
        result = self.rules("suggest", "--json", self.model, user_rules=broken)
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = result.stderr.splitlines()
        self.assertEqual(len(lines), 1, result.stderr)
        self.assertIn("warning", lines[0])
        self.assertIn("rules.json:2: rule “acme.x”", lines[0])
        data = json.loads(result.stdout)
        self.assertIn("stride", {s["rule_set"] for s in data["suggestions"]})

    def test_suggest_bad_input(self):
        self.assertInputError(self.rules("suggest", self.path("missing.moat")))
        self.assertInputError(self.rules("suggest"))

    def check(self, *args):
        result = self.rules("check", *args)
        self.assertIn(result.returncode, (0, 1), result.stderr)
        return result

    def test_check_fail_on(self):
        counts = []
        for level in self.LEVELS:
            result = self.check(self.model, "--fail-on", level)
            listed = [l for l in result.stdout.splitlines() if l.startswith("  ")]
            counts.append(len(listed))
            self.assertEqual(result.returncode, 1 if listed else 0, result.stdout)
            for line in listed:
                self.assertIn(line.split()[0], self.LEVELS[self.LEVELS.index(level):])
        self.assertEqual(counts, sorted(counts, reverse=True))
        self.assertGreater(counts[0], 0)

        def close_all(model):
            for threat in model["threats"]:
                threat["status"] = "mitigated"

        result = self.check(self.edited(close_all), "--fail-on", "low")
        self.assertEqual(result.returncode, 0, result.stdout)
        self.assertIn("No problems found", result.stdout)

    def test_check_require_review(self):
        # The example ships reviewed.
        result = self.check(self.model, "--require-review")
        self.assertEqual(result.returncode, 0, result.stdout)
        self.assertIn("No problems found", result.stdout)

        def none_reviewed(model):
            for element in model["elements"]:
                element["reviewed"] = False

        result = self.check(self.edited(none_reviewed), "--require-review")
        self.assertEqual(result.returncode, 1)
        self.assertIn("no threat review", result.stdout)

        def all_reviewed(model):
            for element in model["elements"]:
                element["reviewed"] = True

        self.assertEqual(self.check(self.edited(all_reviewed), "--require-review").returncode, 0)

        def flagged(model):
            all_reviewed(model)
            model["threats"][0]["needs_review"] = True
            model["threats"][0]["review_reason"] = "The vendor changed"

        result = self.check(self.edited(flagged), "--require-review")
        self.assertEqual(result.returncode, 1)
        self.assertIn("The vendor changed", result.stdout)

        def element_gone(model):
            all_reviewed(model)
            model["threats"][0]["rule_id"] = "stride.process.spoofing"
            model["threats"][0]["element_ids"] = []

        result = self.check(self.edited(element_gone), "--require-review")
        self.assertEqual(result.returncode, 1)
        self.assertIn(self.example["threats"][0]["title"], result.stdout)
        self.assertIn("gone", result.stdout)

    def test_check_require_review_names_diagrams(self):
        """Two elements of one name are told apart by their diagram, in
        text and JSON; a review a change undid says whose it was."""
        diagrams = {d["id"]: d["title"] for d in self.example["diagrams"]}

        def two_unreviewed(model):
            for element in model["elements"]:
                if element["id"] == "el-co-orders":
                    element["reviewed"] = False
                if element["id"] == "el-ad-audit":
                    element.update(name="Order service", reviewed=False, reviewed_by=None, reviewed_at=None)

        path = self.edited(two_unreviewed)
        result = self.check(path, "--require-review")
        self.assertEqual(result.returncode, 1)
        lines = [l.strip() for l in result.stdout.splitlines() if l.startswith("  ")]
        self.assertIn(f"Order service (data store) on “{diagrams['dg-admin']}”", lines)
        changed = [l for l in lines if l.startswith(f"Order service (process) on “{diagrams['dg-checkout']}”: ")]
        self.assertEqual(len(changed), 1, lines)
        self.assertRegex(changed[0], r": Changed since Priya Raman reviewed it on .*2026$")
        self.assertIn("2 elements have no threat review", result.stdout)

        result = self.check(path, "--require-review", "--json")
        self.assertEqual(result.returncode, 1)
        data = json.loads(result.stdout)
        self.assertEqual(data["problems"], 2)
        found = {(e["id"], e["name"], e["kind"], e["diagram"]["id"], e["diagram"]["title"])
                 for e in data["unreviewed_elements"]}
        self.assertEqual(found, {
            ("el-co-orders", "Order service", "process", "dg-checkout", diagrams["dg-checkout"]),
            ("el-ad-audit", "Order service", "store", "dg-admin", diagrams["dg-admin"]),
        })
        self.assertTrue(any(diagrams["dg-admin"] in line for line in data["review"]))

    def test_readme_ci_recipe_passes_on_the_example(self):
        if not os.path.isfile(README):
            self.skipTest("README.md is not there")
        with open(README, encoding="utf-8") as f:
            recipe = re.search(r"- moat-cli (check threat-model\.moat\.json [^\n]*)", f.read())
        self.assertIsNotNone(recipe, "the README has no CI check step")
        args = recipe.group(1).split()
        self.assertIn("--require-review", args)
        args[args.index("threat-model.moat.json")] = EXAMPLE
        result = self.rules(*args)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

        # ... and the same gate catches an element nobody reviewed.
        def unreviewed(model):
            model["elements"][0]["reviewed"] = False

        args[args.index(EXAMPLE)] = self.edited(unreviewed)
        self.assertEqual(self.rules(*args).returncode, 1)

    def test_check_bad_input(self):
        line = self.assertInputError(self.rules("check", self.model, "--fail-on", "severe"))
        self.assertIn("severe", line)
        self.assertInputError(self.rules("check", self.path("missing.moat"), "--fail-on", "low"))
        self.assertInputError(self.rules("check"))


ACME_CATALOGUE = """{
  "id": "acme",
  "title": "Acme standard",
  "levels": [1, 2],
  "requirements": [
    {"id": "AC.1", "level": 1, "title": "Single sign-on"},
    {"id": "AC.2", "level": 2, "title": "Hardware keys"}
  ]
}
"""


class KnowledgeTests(CliTestCase):
    """coverage and rules, with the person's own files in a private config directory."""

    def setUp(self):
        super().setUp()
        self.config = self.path("config")
        with open(EXAMPLE, encoding="utf-8") as f:
            self.example = json.load(f)

    def cli(self, *args, catalogues=None, user_rules=None):
        for name, text in (catalogues or {}).items():
            os.makedirs(os.path.join(self.config, "moat", "catalogues"), exist_ok=True)
            with open(os.path.join(self.config, "moat", "catalogues", name), "w", encoding="utf-8") as f:
                f.write(text)
        if user_rules is not None:
            os.makedirs(os.path.join(self.config, "moat"), exist_ok=True)
            with open(os.path.join(self.config, "moat", "rules.json"), "w", encoding="utf-8") as f:
                f.write(user_rules)
        env = dict(os.environ, XDG_CONFIG_HOME=self.config)
        return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=60, env=env)

    def edited(self, edit):
        model = json.loads(json.dumps(self.example))
        edit(model)
        path = self.path("edited.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(model, f)
        return path

    def coverage_json(self, *args, **kwargs):
        result = self.cli("coverage", *args, "--json", **kwargs)
        self.assertEqual(result.returncode, 0, result.stderr)
        return json.loads(result.stdout)

    def test_coverage_example(self):
        data = self.coverage_json(self.model, "--level", "2")
        self.assertEqual(data["catalogue"], "asvs")
        self.assertEqual(data["release"], "5.0.0")
        self.assertEqual(data["requirements"], 253)  # ASVS 5.0.0: 70 at level 1, 183 at level 2
        self.assertEqual(len(data["items"]), 253)
        self.assertEqual((data["verified"], data["implemented"], data["planned"], data["met"]), (2, 2, 5, 4))
        applicable = [item for item in data["items"] if item["applies"]]
        self.assertEqual(data["applicable"], len(applicable))
        self.assertEqual(data["none"], len(applicable) - 9)
        self.assertAlmostEqual(data["percent"], 100.0 * 4 / len(applicable))
        self.assertEqual(data["gaps"][:3], ["V12.3.1", "V12.3.3", "V6.3.3"])
        items = {item["id"]: item for item in data["items"]}
        self.assertEqual(items["V1.2.4"]["status"], "verified")
        self.assertEqual(items["V1.2.4"]["controls"], ["ct-param-sql"])
        self.assertEqual(sorted(items["V12.3.1"]["open_threats"]), ["th-fraud-sniff", "th-order-tamper"])
        self.assertFalse(items["V17.1.1"]["applies"])

        text = self.cli("coverage", self.model, "--level", "2")
        self.assertEqual(text.returncode, 0, text.stderr)
        self.assertIn("OWASP Application Security Verification Standard 5.0.0, level 2", text.stdout)
        self.assertIn(f"Applicable: {len(applicable)} of 253 requirements", text.stdout)
        self.assertRegex(text.stdout, r"\n  V12\.3\.1 +high +Encrypt every connection")

        markdown = self.cli("coverage", self.model, "--level", "2", "--format", "markdown")
        self.assertEqual(markdown.returncode, 0, markdown.stderr)
        self.assertIn("| Verified | 2 |", markdown.stdout)
        self.assertIn("CC BY-SA 4.0", markdown.stdout)

    def test_coverage_levels(self):
        one = self.coverage_json(self.model)
        three = self.coverage_json(self.model, "--level", "3")
        self.assertEqual(one["requirements"], 70)
        self.assertEqual(three["requirements"], 345)
        # Parameterised queries (V1.2.4) and vault encryption (V11.3.2) are level 1;
        # the vault keys' HSM requirement (V13.3.3) is level 3.
        self.assertEqual(one["verified"], 2)
        self.assertEqual(three["verified"], 3)

    def test_fail_under(self):
        percent = self.coverage_json(self.model, "--level", "2")["percent"]
        below = f"{percent - 0.5:.1f}"
        above = f"{percent + 0.5:.1f}"
        self.assertEqual(self.cli("coverage", self.model, "--level", "2", "--fail-under", below).returncode, 0)
        failed = self.cli("coverage", self.model, "--level", "2", "--fail-under", above)
        self.assertEqual(failed.returncode, 1)
        self.assertIn(f"under {above}%", failed.stderr)
        self.assertEqual(self.cli("coverage", self.model, "--fail-under", "0").returncode, 0)

        def everything_verified(model):
            model["elements"] = []
            model["threats"] = []
            model["assumptions"] = []
            for control in model["controls"]:
                control["status"] = "verified"
                control["threat_ids"] = []

        full = self.edited(everything_verified)
        self.assertEqual(self.coverage_json(full, "--level", "2")["percent"], 100.0)
        self.assertEqual(self.cli("coverage", full, "--level", "2", "--fail-under", "100").returncode, 0)

    def test_coverage_bad_input(self):
        for args, word in ((("--fail-under", "most"), "most"), (("--fail-under", "101"), "101"),
                           (("--level", "4"), "level 4"), (("--catalogue", "pci"), "pci"),
                           (("--format", "pdf"), "pdf")):
            with self.subTest(args=args):
                line = self.assertInputError(self.cli("coverage", self.model, *args))
                self.assertIn(word, line)
        self.assertInputError(self.cli("coverage", self.path("missing.moat")))

    def test_user_catalogue(self):
        def acme(model):
            model["model"]["catalogues"] = ["acme"]
            model["controls"][0]["requirements"] = ["acme:AC.1"]
            model["controls"][0]["status"] = "implemented"

        path = self.edited(acme)
        broken = ACME_CATALOGUE.replace('"acme"', '"broken"').replace('"level": 2', '"level": 3')
        result = self.cli("coverage", path, "--level", "2", "--json",
                          catalogues={"acme.json": ACME_CATALOGUE, "broken.json": broken})
        self.assertEqual(result.returncode, 0, result.stderr)
        data = json.loads(result.stdout)
        self.assertEqual(data["catalogue"], "acme")
        self.assertEqual((data["requirements"], data["applicable"], data["met"]), (2, 2, 1))
        self.assertEqual(data["percent"], 50.0)
        # The broken file is one warning line that says where.
        warnings = result.stderr.splitlines()
        self.assertEqual(len(warnings), 1, result.stderr)
        self.assertRegex(warnings[0], r"broken\.json:7: requirement .AC\.2.: .level.")

    def test_rules_list(self):
        result = self.cli("rules", "list", "--json", catalogues={"acme.json": ACME_CATALOGUE},
                          user_rules='{"rules": [{"id": "bad"}]}')
        self.assertEqual(result.returncode, 0, result.stderr)
        data = json.loads(result.stdout)
        self.assertEqual(len(data["rules"]), 80)
        for rule in data["rules"]:
            self.assertTrue(any(ref.startswith("CWE-") for ref in rule["refs"]), rule["id"])
            self.assertTrue(rule["requirements"], rule["id"])
        self.assertEqual([c["id"] for c in data["catalogues"]], ["asvs", "acme"])
        self.assertEqual([c["builtin"] for c in data["catalogues"]], [True, False])
        self.assertEqual(len(data["errors"]), 1)
        self.assertIn("rules.json", data["errors"][0])

        text = self.cli("rules", "list")
        self.assertEqual(text.returncode, 0, text.stderr)
        self.assertRegex(text.stdout, r"web\.xss +context +CWE-79 CAPEC-63 OWASP-A03:2021")
        self.assertIn("asvs ", text.stdout)

    def test_rules_folder(self):
        """Rule files in $XDG_CONFIG_HOME/moat/rules/ load one by one: a broken one is
        listed with its file, line and column and costs no other file."""
        folder = os.path.join(self.config, "moat", "rules")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "acme.json"), "w", encoding="utf-8") as f:
            f.write('{"set": "acme", "rules": [{"id": "acme.p", "title": "P", "category": "E",'
                    ' "applies_to": ["process"]}]}')
        with open(os.path.join(folder, "broken.json"), "w", encoding="utf-8") as f:
            f.write('{"rules": [\n{"id": "b.one", "title": "T", "category": "S"},\n{"id": "b.two" "title": "T"}]}')
        result = self.cli("rules", "list", "--json")
        self.assertEqual(result.returncode, 0, result.stderr)
        data = json.loads(result.stdout)
        acme = [rule for rule in data["rules"] if rule["id"] == "acme.p"]
        self.assertEqual(len(acme), 1)
        self.assertEqual((acme[0]["set"], acme[0]["origin"]), ("acme", os.path.join(folder, "acme.json")))
        self.assertFalse([rule for rule in data["rules"] if rule["id"].startswith("b.")])
        self.assertEqual(len(data["errors"]), 1)
        self.assertRegex(data["errors"][0], r"rules/broken\.json:3:\d+: ")

    def test_rules_check(self):
        good = self.path("good.json")
        with open(good, "w", encoding="utf-8") as f:
            f.write('{"set": "acme", "rules": [{"id": "acme.a", "title": "A", "category": "S",'
                    ' "applies_to": ["process"], "refs": ["CWE-79"], "requirements": ["asvs:V6.3.1"]}]}')
        result = self.cli("rules", "check", good)
        self.assertEqual(result.returncode, 0, result.stdout)
        self.assertIn("no problems found", result.stdout)

        unknown = self.path("unknown.json")
        with open(unknown, "w", encoding="utf-8") as f:
            f.write('{"set": "acme", "rules": [{"id": "acme.a", "title": "A", "category": "S",'
                    ' "applies_to": ["process"], "refs": ["CWE-99999"], "requirements": ["asvs:V99.1"]}]}')
        result = self.cli("rules", "check", unknown)
        self.assertEqual(result.returncode, 1)
        self.assertIn("CWE-99999", result.stdout)
        self.assertIn("asvs:V99.1", result.stdout)

        broken = self.path("broken.json")
        with open(broken, "w", encoding="utf-8") as f:
            f.write('{"rules": [\n{"id": "acme.a", "title": "A", "category": "S",\n "applies_to": ["cloud"]}]}')
        result = self.cli("rules", "check", broken)
        self.assertEqual(result.returncode, 1)
        self.assertIn("broken.json:2: rule “acme.a”: “applies_to”", result.stdout)

        catalogue = self.path("acme.json")
        with open(catalogue, "w", encoding="utf-8") as f:
            f.write(ACME_CATALOGUE)
        result = self.cli("rules", "check", catalogue)
        self.assertEqual(result.returncode, 0, result.stdout)
        self.assertIn("2 requirements", result.stdout)
        with open(catalogue, "w", encoding="utf-8") as f:
            f.write(ACME_CATALOGUE.replace('"level": 2', '"level": 5'))
        result = self.cli("rules", "check", catalogue)
        self.assertEqual(result.returncode, 1)
        self.assertIn("acme.json:7: requirement “AC.2”", result.stdout)

        self.assertInputError(self.cli("rules", "check", self.path("missing.json")))
        self.assertInputError(self.cli("rules", "check"))
        self.assertInputError(self.cli("rules", "frobnicate"))


if __name__ == "__main__":
    unittest.main(verbosity=2)
