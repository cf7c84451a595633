#!/usr/bin/python3
"""The estate window through the AT-SPI tree, as a screen-reader user
meets it: each system's row is read out by name with its highest risk,
and the systems that need attention are listed by name.

Run under Xvfb with a D-Bus session (build-aux/run-tests.sh does both).
Needs python3-pyatspi; skips (exit 77) when it is missing.
"""

import json
import os
import shutil
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

try:
    import pyatspi
except ImportError:
    print("pyatspi is not installed: skipping")
    sys.exit(77)

import test_a11y as base  # noqa: E402  (after the skip above)


class EstateWindow(unittest.TestCase):
    # The session's set-up and launch, without its tests.
    setUp = base.MoatSession.setUp
    tearDown = base.MoatSession.tearDown
    launch = base.MoatSession.launch

    def test_rows_are_read_by_name(self):
        estate = os.path.join(self.home, "estate")
        shutil.copytree(os.path.join(base.SOURCE_DIR, "data", "examples", "estate"), estate,
                        ignore=shutil.ignore_patterns("*.c", "meson.build"))
        out = subprocess.run([base.MOAT_CLI, "estate", "--json", estate], env=self.env,
                             capture_output=True, text=True).stdout
        systems = json.loads(out)["systems"]
        self.assertGreater(len(systems), 0)

        app = self.launch(estate)
        window = base.wait_for(lambda: base.find(app, pyatspi.ROLE_FRAME, "Estate — estate"), "the estate window")

        # The first system's row says its title and level in its name.
        first = systems[0]
        row = base.wait_for(lambda: next((node for node in base.walk(window)
                                          if node.name.startswith(first["title"] + ", ")), None),
                            "the first system's row")
        self.assertIn("Critical", row.name)
        self.assertIn("critical", row.name)

        # The inventory's unmodelled systems are read out by name.
        self.assertIsNotNone(base.wait_for(lambda: base.find_named(window, "Fraud scoring"),
                                           "the unmodelled system"))


if __name__ == "__main__":
    unittest.main(verbosity=2)
