#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""No two items of one menu share a mnemonic, in English or any catalogue.

In a GTK popover menu, pressing a letter that two items share only moves
the focus between them, so the keyboard user who learnt "Alt+P prints"
finds it does nothing.  A menu level is one <menu> or <submenu> with all
its <section>s; a submenu's own items form a level of their own.

Usage: check-mnemonics.py SOURCE_ROOT
Exit status 1 lists every clash as FILE:MENU:LANGUAGE.
"""

import collections
import gettext
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET


def mnemonic(label):
    i = label.find('_')
    while 0 <= i < len(label) - 1:
        if label[i + 1] != '_':
            return label[i + 1].lower()
        i = label.find('_', i + 2)
    return None


def label_of(node):
    for attr in node.findall('attribute'):
        if attr.get('name') == 'label':
            return attr.get('context'), attr.text
    return None


def level_items(menu):
    """Items and submenus of one menu level, through its sections."""
    for child in menu:
        if child.tag == 'section':
            yield from level_items(child)
        elif child.tag in ('item', 'submenu'):
            yield child


def levels(menu, name):
    yield name, [label_of(n) for n in level_items(menu) if label_of(n)]
    for child in level_items(menu):
        if child.tag == 'submenu':
            sub = label_of(child)
            yield from levels(child, name + '/' + (sub[1] if sub else '?'))


def translate(catalogue, context, text):
    if catalogue is None:
        return text
    if context:
        return catalogue.pgettext(context, text)
    return catalogue.gettext(text)


def clashes(labels, catalogue):
    seen = collections.defaultdict(list)
    for context, text in labels:
        shown = translate(catalogue, context, text)
        key = mnemonic(shown)
        if key:
            seen[key].append(shown)
    return [(key, shown) for key, shown in seen.items() if len(shown) > 1]


def load_catalogues(root, workdir):
    catalogues = {'en': None}
    msgfmt = shutil.which('msgfmt')
    with open(os.path.join(root, 'po', 'LINGUAS'), encoding='utf-8') as f:
        langs = [w for line in f if not line.startswith('#') for w in line.split()]
    for lang in langs if msgfmt else []:
        mo = os.path.join(workdir, lang + '.mo')
        subprocess.run([msgfmt, '-o', mo, os.path.join(root, 'po', lang + '.po')],
                       check=True)
        with open(mo, 'rb') as f:
            catalogues[lang] = gettext.GNUTranslations(f)
    return catalogues


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else '.'
    failures = 0
    with tempfile.TemporaryDirectory() as workdir:
        catalogues = load_catalogues(root, workdir)
        for path in sorted(glob.glob(os.path.join(root, 'src', '**', '*.ui'), recursive=True)):
            for menu in ET.parse(path).getroot().iter('menu'):
                for name, labels in levels(menu, menu.get('id') or '?'):
                    for lang, catalogue in catalogues.items():
                        for key, shown in clashes(labels, catalogue):
                            print(f'{os.path.relpath(path, root)}:{name}:{lang}: '
                                  f'“{key}” is the mnemonic of {", ".join(shown)}')
                            failures += 1
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
