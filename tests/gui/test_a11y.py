#!/usr/bin/python3
"""Drive Moat the way a screen-reader user would: through the AT-SPI tree.

Run under Xvfb with a D-Bus session (build-aux/run-tests.sh does both).
Needs python3-pyatspi; skips (exit 77) when it is missing.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

try:
    import pyatspi
except ImportError:
    print("pyatspi is not installed: skipping")
    sys.exit(77)

MOAT = os.environ.get("MOAT_BINARY", "build/src/app/moat")
MOAT_CLI = os.environ.get("MOAT_CLI", "build/src/cli/moat-cli")
SOURCE_DIR = os.environ.get("MOAT_SOURCE_DIR", os.getcwd())
# Everything a person operates: each must say what it is.
CONTROL_ROLES = {pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX,
                 pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_ENTRY, pyatspi.ROLE_TEXT,
                 pyatspi.ROLE_SPIN_BUTTON}


def wait_for(predicate, what, timeout=15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError("timed out waiting for " + what)


def walk(node, depth=0):
    if node is None or depth > 60:
        return
    yield node
    try:
        children = list(node)
    except Exception:
        return
    for child in children:
        yield from walk(child, depth + 1)


def showing(node):
    try:
        return node.getState().contains(pyatspi.STATE_VISIBLE)
    except Exception:
        return False


def find(root, role, name=None):
    for node in walk(root):
        try:
            if node.getRole() == role and (name is None or node.name == name) and showing(node):
                return node
        except Exception:
            continue
    return None


KEY_RETURN = 0xff0d
KEY_TAB = 0xff09
KEY_ESCAPE = 0xff1b
KEY_MENU = 0xff67


def find_named(root, name):
    for node in walk(root):
        try:
            if node.name == name:
                return node
        except Exception:
            continue
    return None


def point_and_click(node):
    # Without a window manager the window sits at the origin, so window
    # coordinates are screen coordinates.
    box = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    pyatspi.Registry.generateMouseEvent(box.x + box.width // 2, box.y + box.height // 2, "b1c")
    time.sleep(0.3)


def click(node):
    action = node.queryAction()
    for i in range(action.nActions):
        if action.getName(i) in ("click", "press", "activate"):
            action.doAction(i)
            return
    action.doAction(0)


class MoatSession(unittest.TestCase):
    def setUp(self):
        self.home = tempfile.mkdtemp(prefix="moat-a11y-")
        env = dict(os.environ)
        env["XDG_DATA_HOME"] = os.path.join(self.home, "data")
        env["XDG_CONFIG_HOME"] = os.path.join(self.home, "config")
        env["XDG_CACHE_HOME"] = os.path.join(self.home, "cache")
        env.pop("NO_AT_BRIDGE", None)
        self.env = env
        self.proc = None

    def tearDown(self):
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        shutil.rmtree(self.home, ignore_errors=True)

    def launch(self, *args):
        self.proc = subprocess.Popen([MOAT, *args], env=self.env)

        def app():
            desktop = pyatspi.Registry.getDesktop(0)
            for candidate in desktop:
                try:
                    if candidate is not None and candidate.name == "moat" \
                       and candidate.get_process_id() == self.proc.pid:
                        return candidate
                except Exception:
                    continue
            return None

        self.app = wait_for(app, "Moat on the accessibility bus")
        return self.app

    def drafts(self):
        folder = os.path.join(self.env["XDG_DATA_HOME"], "moat", "drafts")
        if not os.path.isdir(folder):
            return []
        return [os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".moat")]

    def info(self, path):
        out = subprocess.run([MOAT_CLI, "info", "--json", path], check=True,
                             capture_output=True, text=True).stdout
        return json.loads(out)

    def test_new_model_and_edit_title(self):
        app = self.launch()
        new = wait_for(lambda: find(app, pyatspi.ROLE_PUSH_BUTTON, "New Model"),
                       "the New Model button")
        click(new)

        title = wait_for(lambda: find(app, pyatspi.ROLE_TEXT, "Title"), "the Title row")
        draft = wait_for(lambda: self.drafts(), "a draft file")[0]
        # GTK 4.8 neither grabs focus nor edits text through AT-SPI, so type
        # as a person does: click into the row, type, press Enter.
        point_and_click(title)
        pyatspi.Registry.generateKeyboardEvent(0, "Checkout service", pyatspi.KEY_STRING)
        pyatspi.Registry.generateKeyboardEvent(KEY_RETURN, None, pyatspi.KEY_SYM)

        # Written through to the draft at once: nothing typed can be lost.
        wait_for(lambda: self.info(draft)["title"] == "Checkout service",
                 "the title in the draft file")

        undo = find(app, pyatspi.ROLE_PUSH_BUTTON, "Undo")
        self.assertIsNotNone(undo)
        wait_for(lambda: undo.getState().contains(pyatspi.STATE_SENSITIVE), "Undo to be enabled")
        click(undo)
        wait_for(lambda: self.info(draft)["title"] in ("", None), "the undone title in the file")

    def test_draw_with_the_palette_and_keyboard(self):
        """Issue 3's walk: the Process tool by its name, two processes and a
        flow, then read back from the outline list."""
        app = self.launch()
        click(wait_for(lambda: find(app, pyatspi.ROLE_PUSH_BUTTON, "New Model"), "New Model"))
        tab = wait_for(lambda: find(app, pyatspi.ROLE_PAGE_TAB, "Diagrams"), "the Diagrams tab")
        click(tab)
        canvas = wait_for(lambda: find_named(app, "Diagram"), "the canvas")
        box = canvas.queryComponent().getExtents(pyatspi.WINDOW_COORDS)

        for name, dx in (("Web shop", 0.3), ("Orders service", 0.7)):
            click(wait_for(lambda: find(app, pyatspi.ROLE_TOGGLE_BUTTON, "Process")
                           or find(app, pyatspi.ROLE_PUSH_BUTTON, "Process"),
                           "the Process tool"))
            time.sleep(0.3)
            pyatspi.Registry.generateMouseEvent(box.x + int(box.width * dx),
                                                box.y + box.height // 2, "b1c")
            time.sleep(0.5)
            pyatspi.Registry.generateKeyboardEvent(0, name, pyatspi.KEY_STRING)
            pyatspi.Registry.generateKeyboardEvent(KEY_RETURN, None, pyatspi.KEY_SYM)
            time.sleep(0.3)

        # The flow without the pointer: its tool, Enter on the selected
        # element, Tab to the other, Enter, and type its name.
        pyatspi.Registry.generateKeyboardEvent(0, "f", pyatspi.KEY_STRING)
        pyatspi.Registry.generateKeyboardEvent(KEY_RETURN, None, pyatspi.KEY_SYM)
        pyatspi.Registry.generateKeyboardEvent(KEY_TAB, None, pyatspi.KEY_SYM)
        pyatspi.Registry.generateKeyboardEvent(KEY_RETURN, None, pyatspi.KEY_SYM)
        time.sleep(0.5)
        pyatspi.Registry.generateKeyboardEvent(0, "Order details", pyatspi.KEY_STRING)
        pyatspi.Registry.generateKeyboardEvent(KEY_RETURN, None, pyatspi.KEY_SYM)

        outline = wait_for(lambda: find_named(app, "Elements of the diagram"), "the outline")

        def names():
            return {node.name for node in walk(outline)
                    if node.getRole() == pyatspi.ROLE_LABEL}

        wait_for(lambda: {"Web shop", "Orders service", "Order details"} <= names(),
                 "the three elements in the outline")

        # And in the file, where they will be found again.
        draft = self.drafts()[0]
        elements = self.info(draft)["elements"]
        self.assertEqual((elements["process"], elements["flow"]), (2, 1))

    def test_every_button_has_a_name(self):
        example = os.path.join(self.home, "payment-service.moat")
        subprocess.run([MOAT_CLI, "import", os.path.join(SOURCE_DIR, "data", "examples",
                                                         "payment-service.moat.json"),
                        "-o", example], check=True)
        app = self.launch(example)
        # Pages and editors nobody has looked at yet are not built (a
        # native start): show each, as a person would, then walk them all.
        for page in ("Overview", "Assets", "Risk", "Diagrams"):
            click(wait_for(lambda: find(app, pyatspi.ROLE_PAGE_TAB, page), "the %s page tab" % page))
        wait_for(lambda: find(app, pyatspi.ROLE_TEXT, "Title"), "the model page")
        for panel, add in (("Threats", "Add Threat"), ("Controls", "Add Control"),
                           ("Assumptions", "Add Assumption")):
            click(wait_for(lambda: find(app, pyatspi.ROLE_PAGE_TAB, panel), "the %s side panel tab" % panel))
            click(wait_for(lambda: find(app, pyatspi.ROLE_PUSH_BUTTON, add), "the %s button" % add))
        frame = find(app, pyatspi.ROLE_FRAME)
        self.assertEqual(frame.name, "payment-service")
        unnamed = []
        for node in walk(app):
            try:
                if node.getRole() in CONTROL_ROLES and showing(node):
                    if not node.name.strip() or "_" in node.name:
                        unnamed.append((node.getRoleName(), node.name,
                                        node.parent.name if node.parent else ""))
            except Exception:
                continue
        self.assertEqual(unnamed, [], "controls without a clean accessible name")

    def threats(self, path):
        out = subprocess.run([MOAT_CLI, "export", "--format", "json", path], check=True,
                             capture_output=True, text=True).stdout
        return json.loads(out).get("threats", [])

    def test_add_threat_from_the_threats_panel(self):
        example = os.path.join(self.home, "payment-service.moat")
        subprocess.run([MOAT_CLI, "import", os.path.join(SOURCE_DIR, "data", "examples",
                                                         "payment-service.moat.json"),
                        "-o", example], check=True)
        before = len(self.threats(example))
        app = self.launch(example)

        tab = wait_for(lambda: find(app, pyatspi.ROLE_PAGE_TAB, "Threats"), "the Threats side panel tab")
        click(tab)
        click(wait_for(lambda: find(app, pyatspi.ROLE_PUSH_BUTTON, "Show All"), "the Show All toggle"))
        click(wait_for(lambda: find(app, pyatspi.ROLE_PUSH_BUTTON, "Add Threat"), "the Add Threat button"))

        # The new threat is written at once, and its editor opens. GTK 4.8
        # reports hidden stack pages as visible, so look for the Title row
        # inside the editor, next to its own Delete button.
        wait_for(lambda: len(self.threats(example)) == before + 1, "the new threat in the file")
        delete = wait_for(lambda: find(app, pyatspi.ROLE_PUSH_BUTTON, "Delete Threat"), "the threat editor")
        editor = delete.parent.parent
        title = wait_for(lambda: find(editor, pyatspi.ROLE_TEXT, "Title"), "the threat's Title row")
        point_and_click(title)
        pyatspi.Registry.generateKeyboardEvent(0, "Replayed settlement webhook", pyatspi.KEY_STRING)
        pyatspi.Registry.generateKeyboardEvent(KEY_RETURN, None, pyatspi.KEY_SYM)
        wait_for(lambda: any(t.get("title") == "Replayed settlement webhook"
                             for t in self.threats(example)), "the typed title in the file")

        # Everything the panels and editors offer is named for a screen reader.
        unnamed = []
        for node in walk(app):
            try:
                if node.getRole() in CONTROL_ROLES | {pyatspi.ROLE_PAGE_TAB} and showing(node):
                    if not node.name.strip() or "_" in node.name:
                        unnamed.append((node.getRoleName(), node.name,
                                        node.parent.name if node.parent else ""))
            except Exception:
                continue
        self.assertEqual(unnamed, [], "controls without a clean accessible name")

    def test_coverage_on_the_risk_page(self):
        """A screen reader finds how much of the catalogue the controls meet,
        the same figure `moat-cli coverage` gives, and a named level choice."""
        example = os.path.join(self.home, "payment-service.moat")
        subprocess.run([MOAT_CLI, "import", os.path.join(SOURCE_DIR, "data", "examples",
                                                         "payment-service.moat.json"),
                        "-o", example], check=True)
        coverage = json.loads(subprocess.run([MOAT_CLI, "coverage", "--json", example], check=True,
                                             capture_output=True, text=True).stdout)
        app = self.launch(example)

        click(wait_for(lambda: find(app, pyatspi.ROLE_PAGE_TAB, "Risk"), "the Risk tab"))
        wait_for(lambda: find_named(app, "Requirement Coverage"), "the coverage group")
        share = "%.0f%%" % coverage["percent"]
        wait_for(lambda: find_named(app, share), "the share met (%s)" % share)
        wait_for(lambda: find_named(app, "%d of %d applicable requirements"
                                    % (coverage["met"], coverage["applicable"])), "the counts")
        self.assertIsNotNone(find_named(app, "Requirement level"))

    def test_coverage_in_the_workshop(self):
        """In stage 4 of a workshop, a labelled panel gives the share of the
        catalogue met at level 2, as `moat-cli coverage --level 2` does."""
        example = os.path.join(self.home, "payment-service.moat")
        subprocess.run([MOAT_CLI, "import", os.path.join(SOURCE_DIR, "data", "examples",
                                                         "payment-service.moat.json"),
                        "-o", example], check=True)
        coverage = json.loads(subprocess.run([MOAT_CLI, "coverage", "--json", "--level", "2", example],
                                             check=True, capture_output=True, text=True).stdout)
        app = self.launch(example)

        click(wait_for(lambda: find(app, pyatspi.ROLE_PUSH_BUTTON, "Workshop"), "the Workshop button"))
        click(wait_for(lambda: find_named(app, "Stage 4: Controls and roadmap"), "stage 4"))

        def panel():
            for node in walk(app):
                try:
                    if node.name == "Requirement Coverage" and find_named(node, "Requirements by status"):
                        return node
                except Exception:
                    continue
            return None

        found = wait_for(panel, "the workshop's coverage panel")
        self.assertTrue(showing(found))
        share = "%.0f%%" % coverage["percent"]
        wait_for(lambda: find_named(found, share), "the share met (%s)" % share)
        wait_for(lambda: find_named(found, "%d of %d applicable requirements"
                                    % (coverage["met"], coverage["applicable"])), "the counts")


    def test_context_menu_on_the_canvas(self):
        """Issue 18: a right-click on empty canvas offers the diagram's
        actions; the Menu key on a selected element offers its own (Bring to
        Front and Send to Back among them), read by name, and Add Threat adds
        one for it, in the file."""
        example = os.path.join(self.home, "payment-service.moat")
        subprocess.run([MOAT_CLI, "import", os.path.join(SOURCE_DIR, "data", "examples",
                                                         "payment-service.moat.json"),
                        "-o", example], check=True)
        before = self.info(example)["threats"]["total"]
        app = self.launch(example)
        click(wait_for(lambda: find(app, pyatspi.ROLE_PAGE_TAB, "Diagrams"), "the Diagrams tab"))
        canvas = wait_for(lambda: find_named(app, "Diagram"), "the canvas")
        time.sleep(0.5)
        box = canvas.queryComponent().getExtents(pyatspi.WINDOW_COORDS)

        pyatspi.Registry.generateMouseEvent(box.x + 8, box.y + 8, "b3c")
        wait_for(lambda: find(app, pyatspi.ROLE_MENU_ITEM, "Select All"), "Select All in the canvas menu")
        self.assertIsNotNone(find(app, pyatspi.ROLE_MENU_ITEM, "Zoom to Fit"))
        self.assertIsNone(find(app, pyatspi.ROLE_MENU_ITEM, "Delete"))
        pyatspi.Registry.generateKeyboardEvent(KEY_ESCAPE, None, pyatspi.KEY_SYM)
        time.sleep(0.3)

        # The keyboard's way: focus the canvas, Tab to an element, the Menu key.
        pyatspi.Registry.generateMouseEvent(box.x + 8, box.y + 8, "b1c")
        time.sleep(0.3)
        pyatspi.Registry.generateKeyboardEvent(KEY_TAB, None, pyatspi.KEY_SYM)
        time.sleep(0.3)
        pyatspi.Registry.generateKeyboardEvent(KEY_MENU, None, pyatspi.KEY_SYM)
        add = wait_for(lambda: find(app, pyatspi.ROLE_MENU_ITEM, "Add Threat"), "Add Threat in the element's menu")
        self.assertIsNotNone(find(app, pyatspi.ROLE_MENU_ITEM, "Delete"))
        self.assertIsNotNone(find(app, pyatspi.ROLE_MENU_ITEM, "Bring to Front"))
        self.assertIsNotNone(find(app, pyatspi.ROLE_MENU_ITEM, "Send to Back"))
        click(add)
        wait_for(lambda: self.info(example)["threats"]["total"] == before + 1, "the new threat in the file")


class GermanSession(MoatSession):
    def launch(self, *args):
        self.env["LANGUAGE"] = "de"
        self.env["LANG"] = "de_DE.UTF-8"
        self.env["LC_ALL"] = "C.UTF-8"
        return super().launch(*args)

    def test_new_model_and_edit_title(self):
        pass

    def test_every_button_has_a_name(self):
        pass

    def test_add_threat_from_the_threats_panel(self):
        pass

    def test_draw_with_the_palette_and_keyboard(self):
        pass

    def test_coverage_on_the_risk_page(self):
        pass

    def test_coverage_in_the_workshop(self):
        pass

    def test_context_menu_on_the_canvas(self):
        pass

    def test_labels_are_german(self):
        app = self.launch()
        wait_for(lambda: find(app, pyatspi.ROLE_PUSH_BUTTON, "Neues Modell"),
                 "the German New Model button")
        self.assertIsNotNone(find(app, pyatspi.ROLE_PUSH_BUTTON, "Öffnen…"))
        self.assertIsNotNone(find(app, pyatspi.ROLE_PUSH_BUTTON, "Hauptmenü"))


if __name__ == "__main__":
    unittest.main(verbosity=2)
