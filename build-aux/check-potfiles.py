#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Keep po/POTFILES.in in step with the sources.

Fails (exit 1) when a file under src/, resources/ or data/ holds
translatable strings but is not listed in po/POTFILES.in (or
po/POTFILES.skip), or when POTFILES.in lists a file that does not exist.
A string nobody extracts is a string nobody can translate.

Usage:
  check-potfiles.py [SOURCE_ROOT]           check
  check-potfiles.py --update [SOURCE_ROOT]  rewrite POTFILES.in to match
"""

import argparse
import os
import re
import sys

SCANNED_DIRS = ('src', 'resources', 'data')
# Never sources of strings: sample documents, screenshots.
IGNORED_DIRS = ('data/examples', 'data/screenshots')

C_EXTENSIONS = ('.c', '.h')
UI_EXTENSIONS = ('.ui',)
# Formats whose strings xgettext extracts by their ITS rules: every
# such file is translatable by nature.
ALWAYS_TRANSLATABLE = ('.desktop.in', '.metainfo.xml.in', '.gschema.xml',
                       '.mime.xml')

C_MARKER = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_)\s*\(')
C_COMMENT = re.compile(r'/\*.*?\*/|//[^\n]*', re.S)
UI_MARKER = re.compile(r'translatable\s*=\s*["\'](?:yes|true|1)["\']', re.I)

HEADER = """\
# List of source files containing translatable strings.
# Keep it sorted; build-aux/check-potfiles.py --update rewrites it.
"""


def read_list(path):
    """Entries of a POTFILES-style file, in order, without comments."""
    if not os.path.exists(path):
        return []
    entries = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                entries.append(line)
    return entries


def is_translatable(path):
    name = os.path.basename(path)
    if name.endswith(ALWAYS_TRANSLATABLE):
        return True
    if name.endswith(C_EXTENSIONS):
        with open(path, encoding='utf-8', errors='replace') as f:
            text = C_COMMENT.sub('', f.read())
        return C_MARKER.search(text) is not None
    if name.endswith(UI_EXTENSIONS):
        with open(path, encoding='utf-8', errors='replace') as f:
            return UI_MARKER.search(f.read()) is not None
    return False


def scan(root):
    """Relative paths of every file with translatable strings."""
    found = []
    for top in SCANNED_DIRS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            rel_dir = os.path.relpath(dirpath, root).replace(os.sep, '/')
            dirnames[:] = sorted(
                d for d in dirnames
                if f'{rel_dir}/{d}' not in IGNORED_DIRS
                and not d.startswith('.'))
            for name in sorted(filenames):
                rel = f'{rel_dir}/{name}'
                if is_translatable(os.path.join(root, rel)):
                    found.append(rel)
    return sorted(found)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--update', action='store_true',
                        help='rewrite po/POTFILES.in instead of checking')
    parser.add_argument('root', nargs='?',
                        default=os.path.dirname(os.path.dirname(
                            os.path.abspath(__file__))))
    args = parser.parse_args()

    potfiles_in = os.path.join(args.root, 'po', 'POTFILES.in')
    listed = read_list(potfiles_in)
    skipped = set(read_list(os.path.join(args.root, 'po', 'POTFILES.skip')))
    wanted = [p for p in scan(args.root) if p not in skipped]

    if args.update:
        with open(potfiles_in, 'w', encoding='utf-8') as f:
            f.write(HEADER)
            f.write(''.join(p + '\n' for p in wanted))
        print(f'{potfiles_in}: {len(wanted)} files')
        return 0

    missing = [p for p in wanted if p not in listed]
    absent = [p for p in listed
              if not os.path.isfile(os.path.join(args.root, p))]
    duplicated = sorted({p for p in listed if listed.count(p) > 1})

    for title, paths in (
            ('Files with translatable strings missing from po/POTFILES.in:',
             missing),
            ('Files listed in po/POTFILES.in that do not exist:', absent),
            ('Files listed more than once in po/POTFILES.in:', duplicated)):
        if paths:
            print(title, file=sys.stderr)
            for p in paths:
                print(f'  {p}', file=sys.stderr)
    if missing or absent or duplicated:
        print('Run build-aux/check-potfiles.py --update (or fix the list '
              'by hand) and then build-aux/update-po.sh.', file=sys.stderr)
        return 1

    print(f'po/POTFILES.in lists all {len(wanted)} files with translatable '
          'strings')
    return 0


if __name__ == '__main__':
    sys.exit(main())
