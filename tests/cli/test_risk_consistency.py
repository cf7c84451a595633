#!/usr/bin/env python3
# test_risk_consistency.py: one risk, told the same everywhere.
#
# Copyright 2026 The Moat authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# For the bundled example and a generated model of 300 threats, every
# threat's inherent and residual level as the model API gives it (the
# risk-levels helper) must be what the Markdown and CSV exports, `check
# --json`, `stats --json` and the PDF report (read back with pdftotext)
# say.

import collections
import csv
import html
import io
import json
import os
import random
import re
import shutil
import subprocess
import tempfile
import unittest

CLI = os.environ["MOAT_CLI"]
RISK_LEVELS = os.environ["MOAT_RISK_LEVELS"]
EXAMPLE = os.environ["MOAT_EXAMPLE"]
LABELS = {"Low": "low", "Medium": "medium", "High": "high", "Critical": "critical"}
STRIDE = "STRIDE"
CONTROL_STATUSES = ("proposed", "planned", "in-progress", "implemented", "verified")
THREAT_STATUSES = ("open", "open", "open", "mitigated", "accepted", "transferred", "not-applicable")


def run(*args):
    result = subprocess.run(args, capture_output=True, text=True, timeout=120)
    if result.returncode not in (0, 1):
        raise AssertionError(f"{args} failed: {result.stderr}")
    return result.stdout


def generate(path, n_threats=300, seed=7):
    """A model whose threats cover every likelihood, impact source,
    category, status and control status, deterministically."""
    rng = random.Random(seed)
    stamp = "2026-11-20T09:00:00Z"
    assets = []
    for a in range(12):
        assets.append({
            "id": f"as-{a}", "name": f"Asset {a}", "created": stamp, "modified": stamp,
            "impact_confidentiality": rng.randint(1, 5),
            "impact_integrity": rng.randint(1, 5),
            "impact_availability": rng.randint(1, 5),
        })
    elements = []
    for e in range(40):
        linked = rng.sample(assets, rng.randint(0, 3))
        elements.append({
            "id": f"el-{e}", "diagram_id": "dg-main", "name": f"Service {e}",
            "kind": "store" if e % 4 == 0 else "process", "created": stamp, "modified": stamp,
            "x": (e % 8) * 200.0, "y": (e // 8) * 150.0, "width": 120.0, "height": 80.0,
            "asset_ids": [asset["id"] for asset in linked],
        })
    threats = []
    for t in range(n_threats):
        threats.append({
            "id": f"th-{t}", "title": f"Generated threat {t:03d} on service {t % 40}",
            "created": stamp, "modified": stamp,
            "category": STRIDE[t % len(STRIDE)],
            "status": THREAT_STATUSES[rng.randrange(len(THREAT_STATUSES))],
            "likelihood": rng.randint(1, 5), "impact": rng.randint(1, 5),
            "impact_overridden": rng.random() < 0.2,
            "element_ids": [f"el-{t % 40}"],
        })
    controls = []
    for c in range(120):
        controls.append({
            "id": f"ct-{c}", "title": f"Generated control {c:03d}", "created": stamp, "modified": stamp,
            "status": CONTROL_STATUSES[c % len(CONTROL_STATUSES)],
            "threat_ids": [f"th-{i}" for i in rng.sample(range(n_threats), rng.randint(1, 4))],
        })
    model = {
        "format": "moat", "format_version": 1,
        "model": {"id": "md-generated", "title": "Generated estate", "created": stamp, "modified": stamp},
        "diagrams": [{"id": "dg-main", "title": "Main", "position": 0, "created": stamp, "modified": stamp}],
        "assets": assets, "elements": elements, "threats": threats, "controls": controls,
    }
    with open(path, "w", encoding="utf-8") as f:
        json.dump(model, f)


def markdown_levels(text):
    """Title → (inherent, residual) from the Markdown export's threat table."""
    section = text.split("\n## Threats\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and not line.startswith("| ---")]
    header = [cell.strip() for cell in rows[0].strip("|").split(" | ")]
    title_at, inherent_at, residual_at = (header.index(name) for name in
                                          ("Threat", "Inherent risk", "Residual risk"))
    levels = {}
    for row in rows[1:]:
        cells = [cell.strip() for cell in row.strip("|").split(" | ")]
        levels[cells[title_at]] = tuple(LABELS[cells[i].split(" (")[0]] for i in (inherent_at, residual_at))
    return levels


def pdf_words(path):
    """Every word of the PDF as (page, x, y, text), from pdftotext -bbox."""
    boxes = subprocess.run(["pdftotext", "-bbox", path, "-"], capture_output=True, text=True,
                           check=True).stdout
    words, page = [], 0
    for line in boxes.splitlines():
        if "<page " in line:
            page += 1
        match = re.search(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">(.*)</word>', line)
        if match:
            words.append((page, float(match.group(1)), float(match.group(2)), html.unescape(match.group(3))))
    return words


def table_headers(words):
    """The header rows of the threat tables on one page, top to bottom, as
    (y, x of Ref, x of Risk, x of Status)."""
    headers = []
    for y, x, text in words:
        if text != "Ref":
            continue
        same_line = {t: wx for wy, wx, t in words if abs(wy - y) < 1}
        if "Risk" in same_line and "Status" in same_line:
            headers.append((y, x, same_line["Risk"], same_line["Status"]))
    return headers


def row_levels(risk_words):
    """(inherent, residual) from the words of one Risk cell."""
    named = {}
    for basis in ("Inherent", "Residual"):
        if basis in risk_words:
            following = risk_words[risk_words.index(basis) + 1:]
            named[basis] = next((LABELS[w] for w in following if w in LABELS), None)
    return named.get("Inherent"), named.get("Residual")


def pdf_levels(path, titles):
    """Title → (inherent, residual) from the report's threat tables: the
    words of the Risk column of each row, the row found by its title."""
    by_page = collections.defaultdict(list)
    for page, x, y, text in pdf_words(path):
        by_page[page].append((y, x, text))
    levels = {}
    for words in by_page.values():
        words.sort()
        headers = table_headers(words)
        refs = []
        for y, x, text in words:
            above = [h for h in headers if h[0] + 1 < y]
            if above and abs(x - above[-1][1]) < 2 and re.fullmatch(r"T\d+", text):
                refs.append((y, above[-1]))
        for i, (top, (_, ref_x, risk_x, status_x)) in enumerate(refs):
            bottom = refs[i + 1][0] if i + 1 < len(refs) else float("inf")
            later = [h[0] for h in headers if h[0] > top]
            bottom = min([bottom] + later)
            row = [(y, x, text) for y, x, text in words if top - 1 <= y < bottom - 1]
            # Without spaces: a title wrapped at its hyphen comes back as "per- action".
            threat_text = "".join(text for y, x, text in row if ref_x + 20 < x < risk_x - 2)
            risk = [text for y, x, text in row if risk_x - 2 <= x < status_x - 2]
            title = max((t for t in titles if threat_text.startswith(t.replace(" ", ""))),
                        key=len, default=None)
            if title is not None:
                levels[title] = row_levels(risk)
    return levels


class RiskConsistencyTests(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="moat-risk-test-")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def check_model(self, source):
        api = json.loads(run(RISK_LEVELS, source))
        self.assertGreater(len(api), 0)
        expected = {tid: (t["inherent"], t["residual"]) for tid, t in api.items()}
        by_title = {t["title"]: (t["inherent"], t["residual"]) for t in api.values()}
        self.assertEqual(len(by_title), len(api), "the titles must tell the threats apart")

        with self.subTest(output="markdown"):
            markdown = markdown_levels(run(CLI, "export", "--format", "markdown", source))
            self.assertEqual(markdown, by_title)

        with self.subTest(output="csv"):
            rows = csv.DictReader(io.StringIO(run(CLI, "export", "--format", "csv", source)))
            from_csv = {row["Moat ID"]: (row["Inherent Risk"], row["Residual Risk"]) for row in rows}
            self.assertEqual(from_csv, expected)

        with self.subTest(output="check --json"):
            for basis in ("residual", "inherent"):
                report = json.loads(run(CLI, "check", "--json", "--basis", basis, source))
                self.assertEqual(report["basis"], basis)
                from_check = {t["id"]: (t["inherent_risk"], t["residual_risk"]) for t in report["threats"]}
                self.assertEqual(from_check, expected)

        with self.subTest(output="stats --json"):
            by_risk = json.loads(run(CLI, "stats", "--json", source))["threats"]["by_risk"]
            for index, basis in enumerate(("inherent", "residual")):
                counted = collections.Counter(levels[index] for levels in expected.values())
                self.assertEqual({level: n for level, n in by_risk[basis].items() if n},
                                 dict(counted), basis)

        with self.subTest(output="pdf"):
            if shutil.which("pdftotext") is None:
                self.skipTest("poppler-utils is not installed")
            pdf = os.path.join(self.dir, "report.pdf")
            run(CLI, "report", "--sections", "threats", "-o", pdf, source)
            self.assertEqual(pdf_levels(pdf, by_title), by_title)
        return expected

    def test_example(self):
        levels = self.check_model(EXAMPLE)
        self.assertNotEqual(*zip(*levels.values()), "the example has controls that lower a level")

    def test_generated_300_threats(self):
        source = os.path.join(self.dir, "generated.json")
        generate(source)
        levels = self.check_model(source)
        self.assertEqual(len(levels), 300)
        inherent = {pair[0] for pair in levels.values()}
        self.assertEqual(inherent, set(LABELS.values()), "every level occurs")
        self.assertTrue(any(i != r for i, r in levels.values()), "controls lower some levels")


if __name__ == "__main__":
    unittest.main(verbosity=2)
