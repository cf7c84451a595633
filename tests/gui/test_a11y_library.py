#!/usr/bin/python3
"""The Rules and Catalogues preferences page through the AT-SPI tree, as a
screen-reader user meets it: every switch says what it switches, a file
that did not load says why and where, and a switch changes the model's file.

Run under Xvfb with a D-Bus session (build-aux/run-tests.sh does both).
Needs python3-pyatspi; skips (exit 77) when it is missing.
"""

import json
import os
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

try:
    import pyatspi
except ImportError:
    print("pyatspi is not installed: skipping")
    sys.exit(77)

import test_a11y as base  # noqa: E402  (after the skip above)

BROKEN = "team-rules-missing-a-comma.json"
BROKEN_RULES = ('{"rules": [\n'
                '{"id": "team.one", "title": "T", "category": "S", "applies_to": ["process"]},\n'
                '{"id": "team.two" "title": "T"}]}\n')
GOOD = "acme.json"
GOOD_RULES = ('{"set": "acme", "rules": [{"id": "acme.p", "title": "Acme process rule",'
              ' "category": "E", "applies_to": ["process"]}]}\n')


class LibraryPage(unittest.TestCase):
    # The session's set-up and launch, without its tests.
    setUp = base.MoatSession.setUp
    tearDown = base.MoatSession.tearDown
    launch = base.MoatSession.launch

    def write_rules(self, name, text):
        folder = os.path.join(self.env["XDG_CONFIG_HOME"], "moat", "rules")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
            f.write(text)

    def rule_sets(self, path):
        out = subprocess.run([base.MOAT_CLI, "suggest", "--json", path], env=self.env,
                             capture_output=True, text=True, check=True).stdout
        return json.loads(out)["rule_sets"]

    @staticmethod
    def switch(root, name):
        # GTK 4.8 gives a GtkSwitch the check box role.
        return base.find(root, pyatspi.ROLE_CHECK_BOX, name) or base.find(root, pyatspi.ROLE_TOGGLE_BUTTON, name)

    def open_preferences(self, app):
        # GTK 4.8's menu button offers no AT-SPI action: click it.
        base.point_and_click(base.wait_for(lambda: base.find(app, pyatspi.ROLE_TOGGLE_BUTTON, "Main Menu")
                                           or base.find(app, pyatspi.ROLE_PUSH_BUTTON, "Main Menu"),
                                           "the main menu"))
        item = base.wait_for(lambda: next((node for node in base.walk(app)
                                           if node.name == "Preferences" and base.showing(node)
                                           and node.getRole() != pyatspi.ROLE_FRAME), None),
                             "the Preferences item")
        base.click(item)
        return base.wait_for(lambda: base.find(app, pyatspi.ROLE_FRAME, "Preferences"), "the Preferences window")

    def test_rules_page_reads_and_switches(self):
        self.write_rules(BROKEN, BROKEN_RULES)
        self.write_rules(GOOD, GOOD_RULES)
        example = os.path.join(self.home, "payment-service.moat")
        subprocess.run([base.MOAT_CLI, "import", os.path.join(base.SOURCE_DIR, "data", "examples",
                                                              "payment-service.moat.json"),
                        "-o", example], check=True)
        self.assertIn("stride", self.rule_sets(example))
        app = self.launch(example)
        # The window on the model (its Overview page, not shown, is not built).
        base.wait_for(lambda: base.find(app, pyatspi.ROLE_FRAME, "payment-service"), "the model's window")

        prefs = self.open_preferences(app)
        base.click(base.wait_for(lambda: base.find(prefs, pyatspi.ROLE_PAGE_TAB, "Rules and Catalogues"),
                                 "the Rules and Catalogues tab"))
        stride = base.wait_for(lambda: self.switch(prefs, "STRIDE per Element"), "the STRIDE switch")
        self.assertTrue(stride.getState().contains(pyatspi.STATE_CHECKED))

        # Each switch is named by its row, and says where the rules come from.
        for name in ("Context Rules", "LINDDUN Privacy", GOOD,
                     "OWASP Application Security Verification Standard 5.0.0"):
            self.assertIsNotNone(self.switch(prefs, name), name)
        self.assertIn(os.path.join("moat", "rules", GOOD), self.switch(prefs, GOOD).description)

        # The broken file is read out by name, with where the problem is.
        broken = base.wait_for(lambda: base.find_named(prefs, BROKEN), "the broken file's row")
        described = broken.description or " ".join(node.name for node in base.walk(broken))
        self.assertIn(BROKEN + ":3:", described)

        base.click(stride)
        base.wait_for(lambda: "stride" not in self.rule_sets(example), "STRIDE off in the file")
        self.assertIn("context", self.rule_sets(example))
        base.wait_for(lambda: not stride.getState().contains(pyatspi.STATE_CHECKED), "the switch to read off")


if __name__ == "__main__":
    unittest.main(verbosity=2)
