#!/usr/bin/env python3
# moat-cli and a .moat from a stranger, a read-only place, and a file
# another process is editing: clear refusals, never a lie or a hang.
#
# Copyright 2026 The Moat authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import shutil
import sqlite3
import stat
import subprocess
import tempfile
import unittest

CLI = os.environ["MOAT_CLI"]
EXAMPLE = os.environ["MOAT_EXAMPLE"]


def run(*args):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=60)


class FileSafetyTests(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="moat-cli-safety-")
        self.model = os.path.join(self.dir, "model.moat")
        result = run("import", EXAMPLE, "-o", self.model)
        self.assertEqual(result.returncode, 0, result.stderr)

    def tearDown(self):
        os.chmod(self.dir, 0o755)
        shutil.rmtree(self.dir)

    def plant(self, sql):
        db = sqlite3.connect(self.model)
        db.executescript(sql)
        db.commit()
        db.close()

    def assertRefused(self, *args):
        result = run(*args)
        self.assertEqual(result.returncode, 2, result.stdout + result.stderr)
        self.assertIn("objects Moat did not create", result.stderr)
        self.assertNotIn("No problems found", result.stdout)

    def test_trigger_is_refused(self):
        self.plant("CREATE TRIGGER wipe AFTER UPDATE ON model BEGIN DELETE FROM threat; END;")
        self.assertRefused("info", self.model)

    def test_view_hiding_threats_fails_the_gate(self):
        self.plant("PRAGMA foreign_keys = OFF;"
                   "ALTER TABLE threat RENAME TO threat_hidden;"
                   "CREATE VIEW threat AS SELECT * FROM threat_hidden WHERE 0;")
        self.assertRefused("check", "--fail-on", "medium", self.model)

    def test_recursive_view_does_not_hang(self):
        self.plant("CREATE VIEW forever AS WITH RECURSIVE n(i) AS"
                   " (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n;")
        self.assertRefused("info", self.model)

    def test_reading_leaves_nothing_behind(self):
        before = sorted(os.listdir(self.dir))
        for command in (("info",), ("stats",), ("check",), ("export", "--format", "json")):
            run(*command, self.model)
        self.assertEqual(sorted(os.listdir(self.dir)), before)

    @unittest.skipIf(os.geteuid() == 0, "root writes to read-only folders")
    def test_read_only_folder(self):
        os.chmod(self.dir, stat.S_IRUSR | stat.S_IXUSR)
        result = run("info", self.model)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("Acme Pay", result.stdout)

    def test_stale_save_as_copy_is_removed(self):
        # What a Save As killed half-way leaves: a hidden copy beside the
        # target, named in Moat's registry by a process that is gone.
        cache = os.path.join(self.dir, "cache")
        registry = os.path.join(cache, "moat", "temp")
        os.makedirs(registry)
        stale = os.path.join(self.dir, ".copy.moat.1234.moat-tmp")
        for path in (stale, stale + "-journal"):
            with open(path, "w") as f:
                f.write("half a database")
        entry = os.path.join(registry, "0f5e1c2a.entry")
        with open(entry, "w") as f:
            f.write(stale)

        env = dict(os.environ, XDG_CACHE_HOME=cache)
        result = subprocess.run([CLI, "info", self.model], capture_output=True,
                                text=True, timeout=60, env=env)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertFalse(os.path.exists(stale))
        self.assertFalse(os.path.exists(stale + "-journal"))
        self.assertFalse(os.path.exists(entry))
        self.assertTrue(os.path.exists(self.model))


if __name__ == "__main__":
    unittest.main(verbosity=2)
