#!/usr/bin/env python3
# test_cli_feature_check.py: moat-cli feature-check as a merge-request
# template or a team at sprint planning drives it.
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
SAMPLES = os.environ["MOAT_SAMPLES"]
IDS = ["new-data", "sensitive-data", "external-party", "auth-change", "internet-exposure"]


def run(*args, stdin=None, env=None):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=120, input=stdin,
                          env=env)


def answers(yes=()):
    args = []
    for qid in IDS:
        args += ["--yes" if qid in yes else "--no", qid]
    return args


class FeatureCheckTests(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.json = os.path.join(self.dir, "model.moat.json")
        shutil.copy(EXAMPLE, self.json)

    def tearDown(self):
        shutil.rmtree(self.dir)

    def checks(self, path):
        if path.endswith(".moat"):
            out = run("export", path, "--format", "json")
            self.assertEqual(out.returncode, 0, out.stderr)
            model = json.loads(out.stdout)
        else:
            with open(path, encoding="utf-8") as f:
                model = json.load(f)
        return sorted(model["feature_checks"], key=lambda c: (c["checked_at"], c["title"]))

    def project(self):
        path = os.path.join(self.dir, "model.moat")
        out = run("import", EXAMPLE, "-o", path, "-q")
        self.assertEqual(out.returncode, 0, out.stderr)
        return path

    def test_questions_listed_for_templates(self):
        out = run("feature-check", "--questions", "--json")
        self.assertEqual(out.returncode, 0, out.stderr)
        questions = json.loads(out.stdout)["questions"]
        self.assertEqual([q["id"] for q in questions], IDS)
        self.assertTrue(all(q["question"].endswith("?") for q in questions))
        text = run("feature-check", "--questions").stdout
        self.assertIn("auth-change\n  Does it change authentication or authorisation?", text)

    def test_update_recorded_in_json_with_elements_by_name(self):
        before = len(self.checks(self.json))
        out = run("feature-check", self.json, "--title", "PAY-170 Partner payouts",
                  *answers(yes=["external-party", "sensitive-data"]),
                  "--element", "Payment API", "--element", "el-co-vault", "--by", "Dana")
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("Recorded “PAY-170 Partner payouts”: Model update needed for 2 elements", out.stdout)
        # What to change, from the questions answered yes.
        self.assertIn("Add the external entity", out.stdout)
        checks = self.checks(self.json)
        self.assertEqual(len(checks), before + 1)
        check = [c for c in checks if c["title"] == "PAY-170 Partner payouts"][0]
        self.assertEqual(check["outcome"], "update-needed")
        self.assertEqual(check["checked_by"], "Dana")
        self.assertEqual(check["element_ids"], ["el-co-payment", "el-co-vault"])
        self.assertEqual([a[0] for a in check["answers"]], IDS)
        self.assertEqual([a[2] for a in check["answers"]], ["no", "yes", "yes", "no", "no"])
        # The file is still Moat JSON that reads back.
        self.assertEqual(run("info", self.json).returncode, 0)

    def test_answers_file_into_project_file(self):
        path = self.project()
        answers_file = os.path.join(self.dir, "answers.json")
        with open(answers_file, "w", encoding="utf-8") as f:
            json.dump({"title": "PAY-171 Refund export", "answers": {qid: qid == "new-data" for qid in IDS},
                       "outcome": "no-change", "reason": "Exports what the order records already hold",
                       "checked_by": "merge request !42"}, f)
        out = run("feature-check", path, "--answers", answers_file, "--json")
        self.assertEqual(out.returncode, 0, out.stderr)
        result = json.loads(out.stdout)
        self.assertEqual(result["outcome"], "no-change")
        self.assertTrue(result["recorded"])
        check = [c for c in self.checks(path) if c["id"] == result["id"]][0]
        self.assertEqual(check["reason"], "Exports what the order records already hold")
        self.assertEqual(check["checked_by"], "merge request !42")

        # From standard input, flags winning over the file.
        out = run("feature-check", path, "--answers", "-", "--title", "PAY-172 Overridden",
                  stdin=json.dumps({"title": "ignored", "answers": {qid: False for qid in IDS}}))
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("PAY-172 Overridden", [c["title"] for c in self.checks(path)])

    def test_estate_shows_the_last_check(self):
        out = run("feature-check", self.json, "--title", "PAY-173 Dark mode", *answers())
        self.assertEqual(out.returncode, 0, out.stderr)
        estate = json.loads(run("estate", self.json, "--json").stdout)
        last = estate["systems"][0]["last_feature_check"]
        self.assertEqual(last["title"], "PAY-173 Dark mode")
        self.assertEqual(last["outcome"], "no-change")
        self.assertIn("Last feature check: ", run("estate", self.json).stdout)

    def assert_refused(self, path, *args, message):
        with open(path, "rb") as f:
            before = f.read()
        out = run("feature-check", path, *args)
        self.assertEqual(out.returncode, 2, out.stdout)
        self.assertIn(message, out.stderr)
        self.assertEqual(len(out.stderr.strip().splitlines()), 1, out.stderr)
        with open(path, "rb") as f:
            self.assertEqual(f.read(), before, "a refused check changed the file")

    def test_refusals_change_nothing(self):
        self.assert_refused(self.json, "--title", "X", "--yes", "new-data",
                            message="not answered: sensitive-data, external-party, auth-change, internet-exposure")
        self.assert_refused(self.json, "--title", "X", *answers(), "--yes", "colour",
                            message="there is no question “colour”")
        self.assert_refused(self.json, "--title", "X", *answers(), "--yes", "new-data",
                            message="answered both yes and no")
        self.assert_refused(self.json, "--title", "X", *answers(yes=["auth-change"]), "--no-change",
                            message="Say why")
        self.assert_refused(self.json, *answers(), message="feature’s name")
        self.assert_refused(self.json, "--title", "X", *answers(), "--element", "Nowhere",
                            message="no element named “Nowhere”")
        sample = os.path.join(SAMPLES, "threat-dragon", "v2-threat-model.json")
        if not os.path.exists(sample):
            return
        foreign = os.path.join(self.dir, "td.json")
        shutil.copy(sample, foreign)
        self.assert_refused(foreign, "--title", "X", *answers(), message="Moat project file or Moat JSON")

    def test_dry_run_changes_nothing(self):
        path = self.project()
        before = self.checks(path)
        out = run("feature-check", path, "--title", "Try", *answers(yes=["new-data"]), "--dry-run")
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("Would record “Try”: Model update needed", out.stdout)
        self.assertEqual(self.checks(path), before)

    def test_team_questions_must_be_answered(self):
        config = os.path.join(self.dir, "config")
        os.makedirs(os.path.join(config, "moat"))
        with open(os.path.join(config, "moat", "feature-check.json"), "w", encoding="utf-8") as f:
            json.dump({"questions": [{"id": "payments-team", "question": "Does it touch payouts?"}]}, f)
        env = dict(os.environ, XDG_CONFIG_HOME=config)
        out = run("feature-check", self.json, "--title", "X", *answers(), env=env)
        self.assertEqual(out.returncode, 2)
        self.assertIn("not answered: payments-team", out.stderr)
        out = run("feature-check", self.json, "--title", "X", *answers(), "--yes", "payments-team", env=env)
        self.assertEqual(out.returncode, 0, out.stderr)
        check = [c for c in self.checks(self.json) if c["title"] == "X"][0]
        self.assertEqual(check["answers"][-1], ["payments-team", "Does it touch payouts?", "yes"])
        self.assertEqual(check["outcome"], "update-needed")


if __name__ == "__main__":
    unittest.main()
