#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Write the translatable texts of the built-in rules and feature check
questions as a .pot file.

The rules are data (resources/rules/*.json), which xgettext cannot read;
libmoat-core looks their title, description and suggested controls up in
Moat's catalogue when it loads them. build-aux/update-po.sh merges this
into po/moat.pot.

    build-aux/rules-pot.py RULES_DIR OUTPUT.pot [QUESTIONS.json]
"""

import glob
import json
import os
import sys


def quote(text):
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return '"' + escaped + '"'


def main():
    rules_dir, output = sys.argv[1], sys.argv[2]
    entries = {}
    for path in sorted(glob.glob(os.path.join(rules_dir, "*.json"))):
        name = os.path.relpath(path, os.path.dirname(os.path.dirname(rules_dir)))
        with open(path, encoding="utf-8") as f:
            rules = json.load(f)["rules"]
        for rule in rules:
            texts = [rule.get("title"), rule.get("description")]
            texts += rule.get("suggested_controls") or []
            for text in texts:
                if text:
                    entries.setdefault(text, []).append(f"{name}:{rule['id']}")

    if len(sys.argv) > 3:
        questions_path = sys.argv[3]
        name = os.path.relpath(questions_path, os.path.dirname(os.path.dirname(rules_dir)))
        with open(questions_path, encoding="utf-8") as f:
            for question in json.load(f)["questions"]:
                for key in ("question", "help", "update"):
                    if question.get(key):
                        entries.setdefault(question[key], []).append(f"{name}:{question['id']}")

    with open(output, "w", encoding="utf-8") as out:
        out.write('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n')
        for text, where in entries.items():
            out.write("#. Translators: {name} is replaced by the element's name\n"
                      if "{name}" in text else "")
            out.write("#: " + " ".join(sorted(set(w.split(":")[0] for w in where))) + "\n")
            out.write(f"msgid {quote(text)}\nmsgstr \"\"\n\n")


if __name__ == "__main__":
    main()
