#!/usr/bin/env python3
# test_cli_estate.py: moat-cli estate as a nightly CI job and a security lead use it.
#
# Copyright 2026 The Moat authors
# SPDX-License-Identifier: GPL-3.0-or-later

import csv
import io
import json
import os
import shutil
import subprocess
import tempfile
import unittest

CLI = os.environ["MOAT_CLI"]
ESTATE = os.environ["MOAT_ESTATE_DIR"]
SCHEMA = os.environ["MOAT_ESTATE_SCHEMA"]
INVENTORY = os.path.join(ESTATE, "inventory.json")
AS_OF = "2026-12-07"


def run(*args):
    return subprocess.run([CLI, "estate", *args], capture_output=True, text=True, timeout=120)


def validate(schema, value, root=None, where="$"):
    """The JSON Schema keywords docs/estate.schema.json uses, so that the
    output is checked even where python3-jsonschema is not installed."""
    root = root or schema
    errors = []
    if "$ref" in schema:
        name = schema["$ref"].split("/")[-1]
        return validate(root["definitions"][name], value, root, where)
    if "oneOf" in schema:
        matches = [s for s in schema["oneOf"] if not validate(s, value, root, where)]
        return [] if len(matches) == 1 else [f"{where}: matches {len(matches)} of oneOf"]
    types = schema.get("type")
    if types is not None:
        types = types if isinstance(types, list) else [types]
        kinds = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}
        ok = any((t == "integer" and isinstance(value, int) and not isinstance(value, bool)) or
                 (t == "number" and isinstance(value, (int, float)) and not isinstance(value, bool)) or
                 (t in kinds and isinstance(value, kinds[t])) for t in types)
        if not ok:
            return [f"{where}: {value!r} is not {types}"]
    if "const" in schema and value != schema["const"]:
        errors.append(f"{where}: {value!r} is not {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} not in {schema['enum']}")
    if "minimum" in schema and value < schema["minimum"]:
        errors.append(f"{where}: {value} < {schema['minimum']}")
    if "maximum" in schema and value > schema["maximum"]:
        errors.append(f"{where}: {value} > {schema['maximum']}")
    if "pattern" in schema and isinstance(value, str):
        import re
        if not re.search(schema["pattern"], value):
            errors.append(f"{where}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, dict):
        for key in schema.get("required", []):
            if key not in value:
                errors.append(f"{where}: {key} is missing")
        props = schema.get("properties", {})
        for key, item in value.items():
            if key in props:
                errors += validate(props[key], item, root, f"{where}.{key}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{where}: unexpected {key}")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0) or len(value) > schema.get("maxItems", len(value)):
            errors.append(f"{where}: {len(value)} items")
        if schema.get("uniqueItems") and len(set(map(json.dumps, value))) != len(value):
            errors.append(f"{where}: items repeat")
        for i, item in enumerate(value):
            errors += validate(schema.get("items", {}), item, root, f"{where}[{i}]")
    return errors


class EstateTestCase(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="moat-cli-estate-")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def path(self, name):
        return os.path.join(self.dir, name)

    def copy(self, *names):
        for name in names:
            shutil.copy(os.path.join(ESTATE, name), self.path(name))

    def assertInputError(self, result):
        self.assertEqual(result.returncode, 2, result.stderr)
        lines = result.stderr.splitlines()
        self.assertEqual(len(lines), 1, result.stderr)
        self.assertTrue(lines[0].startswith("moat-cli: "), lines[0])
        return lines[0]


class TextTests(EstateTestCase):
    def test_example_estate(self):
        result = run(ESTATE, "--inventory", INVENTORY, "--as-of", AS_OF)
        self.assertEqual(result.returncode, 0, result.stderr)
        out = result.stdout
        self.assertIn("Estate as of 2026-12-07: 8 models; files that could not be read: 0", out)
        self.assertIn("1. Checkout (checkout.moat)", out)
        self.assertIn("8. Marketing website (marketing-site.moat)", out)
        self.assertIn("Highest risk: critical, Card data skimmed by injected script (asset: Cardholder data)", out)
        self.assertIn("Mutual TLS for partners (planned since 2026-08-07)", out)
        self.assertIn("Fraud scoring (Risk team; restricted data, Internal)", out)
        self.assertIn("298 days before the system’s last significant change (2026-09-15)", out)
        self.assertIn("Mean time from a threat’s creation to its mitigation: 49 days (15 threats)", out)

    def test_overdue_days(self):
        out = run(ESTATE, "--as-of", AS_OF, "--overdue-days", "500").stdout
        self.assertNotIn("Proposed or planned for more than", out)
        out = run(ESTATE, "--as-of", AS_OF, "--overdue-days", "30").stdout
        self.assertIn("Bind refresh tokens to the device (planned since 2026-10-06)", out)

    def test_help(self):
        result = subprocess.run([CLI, "--help"], capture_output=True, text=True)
        self.assertIn("estate", result.stdout)
        result = run("--help")
        self.assertEqual(result.returncode, 0)
        for option in ("--inventory", "--overdue-days", "--stale-days", "--json", "--format", "--fail-on"):
            self.assertIn(option, result.stdout)


class GateTests(EstateTestCase):
    def test_fail_on(self):
        # Two open critical residual risks (three inherent), none above critical.
        self.assertEqual(run(ESTATE, "--fail-on", "critical").returncode, 1)
        self.assertEqual(run(ESTATE).returncode, 0)
        result = run(ESTATE, "--fail-on", "high", "--json")
        self.assertEqual(result.returncode, 1)
        self.assertEqual(json.loads(result.stdout)["problems"], 12)
        result = run(ESTATE, "--fail-on", "critical", "--basis", "inherent", "--json")
        self.assertEqual(json.loads(result.stdout)["problems"], 3)

    def test_passing_estate(self):
        self.copy("marketing-site.moat", "identity.moat")
        self.assertEqual(run(self.dir, "--fail-on", "critical").returncode, 0)
        result = run(self.dir, "--fail-on", "high")
        self.assertEqual(result.returncode, 1)
        self.assertIn("Fails --fail-on high (residual): 1 open threat at high or above", result.stdout)

    def test_unreadable_file_fails_the_gate_only(self):
        self.copy("marketing-site.moat")
        with open(self.path("broken.moat"), "w") as f:
            f.write("not a database")
        result = run(self.dir)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("broken.moat: ", result.stdout)
        self.assertEqual(run(self.dir, "--fail-on", "critical").returncode, 1)

    def test_bad_input(self):
        self.assertInputError(run())
        self.assertInputError(run(self.path("missing")))
        self.assertInputError(run(ESTATE, "--fail-on", "severe"))
        self.assertInputError(run(ESTATE, "--basis", "worst"))
        self.assertInputError(run(ESTATE, "--format", "xml"))
        self.assertInputError(run(ESTATE, "--format", "pdf"))
        self.assertInputError(run(ESTATE, "--as-of", "yesterday"))
        self.assertInputError(run(ESTATE, "--overdue-days", "-1"))
        with open(self.path("inventory.json"), "w") as f:
            f.write('{ "systems": [ { "name": "A", "exposure": "everyone" } ] }')
        line = self.assertInputError(run(ESTATE, "--inventory", self.path("inventory.json")))
        self.assertIn("exposure", line)


class FormatTests(EstateTestCase):
    def test_json_matches_the_schema(self):
        with open(SCHEMA, encoding="utf-8") as f:
            schema = json.load(f)
        self.copy("checkout.moat", "hr-system.moat")
        with open(self.path("broken.moat.json"), "w") as f:
            f.write("{")
        for args in ([ESTATE, "--inventory", INVENTORY, "--fail-on", "high"], [self.dir], [ESTATE, "--as-of", AS_OF]):
            with self.subTest(args=args):
                result = run(*args, "--json")
                self.assertIn(result.returncode, (0, 1), result.stderr)
                data = json.loads(result.stdout)
                self.assertEqual(validate(schema, data), [])
                try:
                    import jsonschema
                except ImportError:
                    continue
                errors = list(jsonschema.Draft7Validator(schema).iter_errors(data))
                self.assertEqual(errors, [], [e.message for e in errors[:5]])

    def test_json_values(self):
        data = json.loads(run(ESTATE, "--inventory", INVENTORY, "--as-of", AS_OF, "--json").stdout)
        self.assertEqual(data["summary"]["models"], 8)
        self.assertEqual(data["summary"]["open"]["residual"], {"critical": 2, "high": 10, "medium": 2, "low": 0})
        first = data["systems"][0]
        self.assertEqual((first["rank"], first["title"], first["path"]), (1, "Checkout", "checkout.moat"))
        self.assertEqual(first["highest_risk"]["asset"], "Cardholder data")
        self.assertEqual(first["sensitive_data"], ["pii", "payment"])
        self.assertEqual(data["systems"][1]["last_review"], None)
        self.assertEqual(sum(map(sum, data["heat_map"]["residual"])), 14)
        self.assertEqual(len(data["top_risks"]), 10)
        self.assertEqual(data["trends"]["months"][2],
                         {"month": "2026-03", "threats_opened": 3, "threats_closed": 4, "controls_done": 4,
                          "open_critical_high": 10})
        self.assertEqual([a["name"] for a in data["needs_attention"] if not a["model"]],
                         ["Fraud scoring", "Support desk integration"])

    def test_csv(self):
        self.copy("checkout.moat", "identity.moat")
        with open(self.path("broken.moat"), "w") as f:
            f.write("x")
        result = run(self.dir, "--format", "csv", "-o", self.path("estate.csv"))
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(self.path("estate.csv"), newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        self.assertEqual([r["title"] for r in rows], ["Checkout", "Identity service", "broken.moat"])
        self.assertEqual((rows[0]["rank"], rows[0]["open_critical"], rows[0]["highest_risk_asset"]),
                         ("1", "1", "Cardholder data"))
        self.assertEqual(rows[2]["rank"], "")
        self.assertNotEqual(rows[2]["error"], "")

    def test_markdown(self):
        out = run(ESTATE, "--inventory", INVENTORY, "--format", "markdown").stdout
        self.assertIn("## Systems by business risk", out)
        self.assertIn("| 1 | Checkout | Payments team | 1 | 1 | critical: Card data skimmed by injected script", out)
        self.assertIn("## Needs attention", out)

    def test_pdf(self):
        if not shutil.which("pdftotext"):
            self.skipTest("pdftotext is not installed")
        pdf = self.path("estate.pdf")
        result = run(ESTATE, "--inventory", INVENTORY, "--as-of", AS_OF, "--format", "pdf", "-o", pdf)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, "")
        text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True).stdout
        pages = text.split("\f")
        self.assertTrue(2 <= len([p for p in pages if p.strip()]) <= 4, len(pages))
        for heading in ("Estate risk report", "Residual likelihood × impact", "Systems by business risk",
                        "Highest risks across systems", "Trends over twelve months", "Threats",
                        "Open high and critical", "Controls completed", "Systems needing attention"):
            self.assertIn(heading, text)
        self.assertIn("8 systems are modelled", text)
        self.assertIn("Card data skimmed by injected script", text)
        self.assertIn("Fraud scoring", text)
        self.assertIn("49 days", text)


if __name__ == "__main__":
    unittest.main(verbosity=2)
