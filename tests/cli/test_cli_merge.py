#!/usr/bin/env python3
# test_cli_merge.py: moat-cli merge, alone and as git's merge driver.
#
# Copyright 2026 The Moat authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import unittest

CLI = os.environ["MOAT_CLI"]
EXAMPLE = os.environ["MOAT_EXAMPLE"]
GIT = shutil.which("git")


def run(*args, cwd=None):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=60, cwd=cwd)


def element(model, element_id):
    return next(e for e in model["elements"] if e["id"] == element_id)


def edit_project(path, element_id, field, value, author, time):
    """Changes one field of a project file as the app would: the row and a
    line of the change log, in one transaction."""
    db = sqlite3.connect(path)
    with db:
        old = db.execute(f"SELECT {field} FROM element WHERE id = ?", (element_id,)).fetchone()[0]
        db.execute(f"UPDATE element SET {field} = ?, modified = ? WHERE id = ?",
                   (value, time, element_id))
        action = db.execute("SELECT COALESCE(MAX(action), 0) + 1 FROM changelog").fetchone()[0]
        db.execute("INSERT INTO changelog (action, time, author, label, object_id, object_kind,"
                   " field, old_value, new_value) VALUES (?, ?, ?, 'Edit', ?, 'element', ?, ?, ?)",
                   (action, time, author, element_id, field, old, value))
    db.close()


def remove_element(model, element_id):
    """Deletes an element as the app does: with its flows, and from every
    list that names it."""
    gone = {element_id}
    while True:
        more = {e["id"] for e in model["elements"]
                if e.get("source_id") in gone or e.get("target_id") in gone} - gone
        if not more:
            break
        gone |= more
    model["elements"] = [e for e in model["elements"] if e["id"] not in gone]
    for kind in ("threats", "assumptions"):
        for item in model.get(kind) or []:
            item["element_ids"] = [i for i in item.get("element_ids") or [] if i not in gone]
    model["dismissals"] = [d for d in model.get("dismissals") or [] if d.get("element_id") not in gone]


def log_of(path):
    db = sqlite3.connect(path)
    rows = db.execute("SELECT action, author, object_id, field, new_value FROM changelog"
                      " ORDER BY seq").fetchall()
    db.close()
    return rows


class MergeTestCase(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="moat-merge-test-")
        with open(EXAMPLE, encoding="utf-8") as f:
            self.base = json.load(f)
        first, second = self.base["elements"][0], self.base["elements"][1]
        self.first, self.second = first["id"], second["id"]

    def tearDown(self):
        shutil.rmtree(self.dir)

    def path(self, name):
        return os.path.join(self.dir, name)

    def write_json(self, name, model):
        with open(self.path(name), "w", encoding="utf-8") as f:
            json.dump(model, f, indent=2)
        return self.path(name)

    def versions(self, edit_ours, edit_theirs):
        ours = json.loads(json.dumps(self.base))
        theirs = json.loads(json.dumps(self.base))
        edit_ours(ours)
        edit_theirs(theirs)
        return (self.write_json("base.json", self.base), self.write_json("ours.json", ours),
                self.write_json("theirs.json", theirs))

    def read(self, path):
        result = run("export", "--format", "json", path)
        self.assertEqual(result.returncode, 0, result.stderr)
        return json.loads(result.stdout)


class MergeCommandTests(MergeTestCase):
    def test_clean_merge(self):
        def ours(m):
            element(m, self.first)["name"] = "Ours"

        def theirs(m):
            element(m, self.first)["description"] = "Theirs"
            element(m, self.second)["tags"] = ["pci"]

        paths = self.versions(ours, theirs)
        result = run("merge", *paths, "-o", self.path("out.json"))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr, "")
        merged = self.read(self.path("out.json"))
        self.assertEqual(element(merged, self.first)["name"], "Ours")
        self.assertEqual(element(merged, self.first)["description"], "Theirs")
        self.assertEqual(element(merged, self.second)["tags"], ["pci"])
        self.assertNotIn("conflicts", merged)

    def test_to_standard_output(self):
        paths = self.versions(lambda m: None, lambda m: element(m, self.first).update(name="T"))
        result = run("merge", *paths)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(element(json.loads(result.stdout), self.first)["name"], "T")

    def test_conflict(self):
        paths = self.versions(lambda m: element(m, self.first).update(name="Ours"),
                              lambda m: element(m, self.first).update(name="Theirs"))
        base_name = element(self.base, self.first)["name"]
        result = run("merge", *paths, "-o", self.path("out.json"), "--json")
        self.assertEqual(result.returncode, 1, result.stderr)
        conflicts = json.loads(result.stdout)
        self.assertEqual(len(conflicts), 1)
        c = conflicts[0]
        self.assertEqual((c["conflict"], c["kind"], c["object_id"], c["field"]),
                         ("field", "element", self.first, "name"))
        self.assertEqual((c["base"], c["ours"], c["theirs"]), (base_name, "Ours", "Theirs"))
        lines = result.stderr.splitlines()
        self.assertEqual(len(lines), 2, result.stderr)
        self.assertIn('"Ours"', lines[0])
        self.assertIn('"Theirs"', lines[0])
        self.assertIn("1 conflict", lines[1])

        # The conflict is in the merged model, ours kept until resolved.
        merged = self.read(self.path("out.json"))
        self.assertEqual(element(merged, self.first)["name"], "Ours")
        self.assertEqual(len(merged["conflicts"]), 1)
        kept = merged["conflicts"][0]
        self.assertEqual((kept["object_id"], kept["field"], kept["kind"]),
                         (self.first, "name", "field"))
        self.assertEqual(json.loads(kept["theirs_value"]), "Theirs")

    def test_deleted_and_edited(self):
        def ours(m):
            remove_element(m, self.second)

        paths = self.versions(ours, lambda m: element(m, self.second).update(name="Renamed"))
        result = run("merge", *paths, "-o", self.path("out.json"), "--json")
        self.assertEqual(result.returncode, 1, result.stderr)
        kinds = {(c["conflict"], c["object_id"]) for c in json.loads(result.stdout)}
        self.assertIn(("edited-deleted", self.second), kinds)
        merged = self.read(self.path("out.json"))
        self.assertEqual(element(merged, self.second)["name"], "Renamed")

    def test_bad_input(self):
        paths = self.versions(lambda m: None, lambda m: None)
        with open(self.path("junk.json"), "w") as f:
            f.write("{ not json")
        for args in ((paths[0], paths[1], self.path("junk.json")),
                     (paths[0], self.path("missing.moat"), paths[2]),
                     (paths[0], paths[1])):
            with self.subTest(args=args):
                result = run("merge", *args)
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertTrue(result.stderr.startswith("moat-cli"), result.stderr)

    def test_help(self):
        result = run("merge", "--help")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("BASE OURS THEIRS", result.stdout)
        self.assertIn("%O %A %B", result.stdout)
        self.assertIn("merge", run("--help").stdout)

    def test_both_added_without_base(self):
        """git gives an empty ancestor when both branches added the file."""
        paths = self.versions(lambda m: element(m, self.first).update(name="Ours"),
                              lambda m: element(m, self.second).update(name="Theirs"))
        open(self.path("empty"), "w").close()
        result = run("merge", self.path("empty"), paths[1], paths[2], "-o", self.path("out.json"),
                     "--json")
        self.assertEqual(result.returncode, 1, result.stderr)
        fields = {(c["object_id"], c["field"]) for c in json.loads(result.stdout)}
        # Without an ancestor, every field the two sides set differently conflicts.
        self.assertEqual(fields, {(self.first, "name"), (self.second, "name")})
        merged = self.read(self.path("out.json"))
        self.assertEqual(element(merged, self.first)["name"], "Ours")
        self.assertEqual(element(merged, self.second)["name"], element(self.base, self.second)["name"])

    def test_json_needs_output(self):
        paths = self.versions(lambda m: None, lambda m: None)
        self.assertEqual(run("merge", *paths, "--json").returncode, 2)

    def test_project_files_merge_like_json(self):
        def ours(m):
            element(m, self.first)["name"] = "Ours"
            element(m, self.second)["x"] = 999

        def theirs(m):
            element(m, self.first)["name"] = "Theirs"
            element(m, self.first)["description"] = "Theirs"

        paths = self.versions(ours, theirs)
        projects = []
        for p in paths:
            project = p.replace(".json", ".moat")
            self.assertEqual(run("import", p, "-o", project, "-q").returncode, 0)
            projects.append(project)

        from_json = run("merge", *paths, "-o", self.path("out.json"))
        from_projects = run("merge", *projects, "-o", self.path("out.moat"))
        self.assertEqual(from_json.returncode, 1)
        self.assertEqual(from_projects.returncode, 1)
        self.assertEqual(from_json.stderr, from_projects.stderr)
        with open(self.path("out.moat"), "rb") as f:
            self.assertEqual(f.read(16), b"SQLite format 3\0")
        # Canonical JSON: the same model gives the same text.
        self.assertEqual(run("export", "--format", "json", self.path("out.json")).stdout,
                         run("export", "--format", "json", self.path("out.moat")).stdout)

    def test_project_logs_keep_both_sides(self):
        base = self.path("base.moat")
        self.assertEqual(run("import", EXAMPLE, "-o", base, "-q").returncode, 0)
        edit_project(base, self.first, "description", "shared", "ann", 1_000_000)
        ours, theirs = self.path("ours.moat"), self.path("theirs.moat")
        shutil.copy(base, ours)
        shutil.copy(base, theirs)
        edit_project(ours, self.first, "name", "Ours", "ann", 2_000_000)
        edit_project(theirs, self.second, "name", "Theirs", "bob", 3_000_000)
        edit_project(ours, self.second, "description", "later", "ann", 4_000_000)

        result = run("merge", base, ours, theirs, "-o", ours)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(log_of(ours), [
            (1, "ann", self.first, "description", "shared"),
            (2, "ann", self.first, "name", "Ours"),
            (3, "bob", self.second, "name", "Theirs"),
            (4, "ann", self.second, "description", "later"),
        ])
        merged = self.read(ours)
        self.assertEqual(element(merged, self.first)["name"], "Ours")
        self.assertEqual(element(merged, self.second)["name"], "Theirs")
        self.assertEqual(element(merged, self.second)["description"], "later")


@unittest.skipIf(GIT is None, "git is not installed")
class GitDriverTests(MergeTestCase):
    """The driver and textconv exactly as README.md configures them."""

    def git(self, *args, check=True):
        env = dict(os.environ, GIT_AUTHOR_NAME="Ann", GIT_AUTHOR_EMAIL="ann@example.org",
                   GIT_COMMITTER_NAME="Ann", GIT_COMMITTER_EMAIL="ann@example.org",
                   GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
        result = subprocess.run([GIT, *args], cwd=self.repo, capture_output=True, text=True,
                                env=env, timeout=120)
        if check:
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        return result

    def setUp(self):
        super().setUp()
        self.repo = self.path("repo")
        os.mkdir(self.repo)
        self.git("init", "-q", "-b", "main")
        self.git("config", "merge.moat.name", "Moat threat model")
        self.git("config", "merge.moat.driver", f"{CLI} merge %O %A %B -o %A")
        self.git("config", "diff.moat.textconv", f"{CLI} export --format json")
        with open(os.path.join(self.repo, ".gitattributes"), "w") as f:
            f.write("*.moat merge=moat diff=moat\n*.moat.json merge=moat\n")
        self.assertEqual(run("import", EXAMPLE, "-o", os.path.join(self.repo, "model.moat"), "-q")
                         .returncode, 0)
        shutil.copy(EXAMPLE, os.path.join(self.repo, "model.moat.json"))
        self.git("add", ".")
        self.git("commit", "-q", "-m", "base")

    def edit_json(self, **changes):
        path = os.path.join(self.repo, "model.moat.json")
        with open(path, encoding="utf-8") as f:
            model = json.load(f)
        for element_id, (field, value) in changes.items():
            element(model, element_id)[field] = value
        with open(path, "w", encoding="utf-8") as f:
            json.dump(model, f, indent=2)

    def branch(self, name, project_edit, json_edit):
        self.git("checkout", "-q", "-b", name, "main")
        edit_project(os.path.join(self.repo, "model.moat"), *project_edit)
        self.edit_json(**json_edit)
        self.git("commit", "-q", "-am", name)

    def merge_branches(self, ours_name, theirs_name):
        first, second = self.first, self.second
        self.branch("a", (first, "name", ours_name, "ann", 2_000_000), {first: ("name", ours_name)})
        self.branch("b", (second if theirs_name is None else first, "name",
                          theirs_name or "B side", "bob", 3_000_000),
                    {(second if theirs_name is None else first): ("name", theirs_name or "B side")})
        self.git("checkout", "-q", "a")
        return self.git("merge", "--no-edit", "b", check=False)

    def test_clean_merge(self):
        result = self.merge_branches("A side", None)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        for name in ("model.moat", "model.moat.json"):
            merged = self.read(os.path.join(self.repo, name))
            self.assertEqual(element(merged, self.first)["name"], "A side", name)
            self.assertEqual(element(merged, self.second)["name"], "B side", name)
            self.assertNotIn("conflicts", merged)
        # Both branches' history is in the project file's log.
        authors = [row[1] for row in log_of(os.path.join(self.repo, "model.moat"))]
        self.assertEqual(authors, ["ann", "bob"])
        self.assertEqual(self.git("status", "--porcelain").stdout, "")

    def test_conflict_is_recorded(self):
        result = self.merge_branches("A side", "Other name")
        self.assertNotEqual(result.returncode, 0)
        status = self.git("status", "--porcelain").stdout
        self.assertIn("UU model.moat", status)
        self.assertIn("UU model.moat.json", status)
        for name in ("model.moat", "model.moat.json"):
            merged = self.read(os.path.join(self.repo, name))
            self.assertEqual(element(merged, self.first)["name"], "A side")
            [conflict] = merged["conflicts"]
            self.assertEqual(conflict["object_id"], self.first)
            self.assertEqual(json.loads(conflict["ours_value"]), "A side")
            self.assertEqual(json.loads(conflict["theirs_value"]), "Other name")

    def test_textconv_shows_changes(self):
        edit_project(os.path.join(self.repo, "model.moat"), self.first, "name", "Readable", "ann", 5)
        self.git("commit", "-q", "-am", "rename")
        diff = self.git("log", "-p", "-1", "--", "model.moat").stdout
        self.assertIn('+      "name" : "Readable"', diff)
        self.assertNotIn("Binary files", diff)


if __name__ == "__main__":
    unittest.main(verbosity=2)
