#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check that the shared-mime-info definition makes the desktop recognise
Moat files: by the .moat extension, and by the SQLite application_id when
the file has been renamed, while ordinary SQLite files stay SQLite files.

Usage: check-mime.py MIME_XML [UPDATE_MIME_DATABASE GIO]
Exits 77 (skipped) when the tools are missing.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SKIP = 77
MOAT_TYPE = 'application/x-moat'
SQLITE_TYPE = 'application/vnd.sqlite3'
MOAT_APPLICATION_ID = 0x4D4F4154  # "MOAT", MOAT_STORE_APPLICATION_ID
NS = '{http://www.freedesktop.org/standards/shared-mime-info}'


def check_definition(path):
    """Return a list of problems with the XML itself."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        return [f'{path}: not well-formed: {e}']
    problems = []
    types = [t for t in root.iter(NS + 'mime-type')
             if t.get('type') == MOAT_TYPE]
    if len(types) != 1:
        return [f'{path}: expected one <mime-type type="{MOAT_TYPE}">']
    mime = types[0]
    globs = [g.get('pattern') for g in mime.iter(NS + 'glob')]
    if '*.moat' not in globs:
        problems.append('missing <glob pattern="*.moat"/>')
    parents = [p.get('type') for p in mime.iter(NS + 'sub-class-of')]
    if SQLITE_TYPE not in parents:
        problems.append(f'not a sub-class of {SQLITE_TYPE}')
    return [f'{path}: {p}' for p in problems]


def make_sqlite(path, application_id):
    import sqlite3
    db = sqlite3.connect(path)
    if application_id is not None:
        db.execute(f'PRAGMA application_id = {application_id}')
    db.execute('CREATE TABLE t (x INTEGER)')
    db.commit()
    db.close()


def content_type(gio, path, env):
    out = subprocess.run([gio, 'info', '-a', 'standard::content-type', path],
                         env=env, check=True, capture_output=True, text=True)
    for line in out.stdout.splitlines():
        line = line.strip()
        if line.startswith('standard::content-type:'):
            return line.split(':', 3)[-1].strip()
    raise RuntimeError(f'gio info printed no content type for {path}')


def system_knows_sqlite():
    """Whether the installed MIME database defines the parent type; without
    it (a bare container) ordinary SQLite files cannot be told apart."""
    dirs = os.environ.get('XDG_DATA_DIRS', '/usr/local/share:/usr/share')
    return any(os.path.exists(os.path.join(d, 'mime', 'application',
                                           'vnd.sqlite3.xml'))
               for d in dirs.split(':') if d)


def check_detection(xml, update_mime_database, gio):
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        mime_dir = os.path.join(tmp, 'share', 'mime')
        os.makedirs(os.path.join(mime_dir, 'packages'))
        shutil.copy(xml, os.path.join(mime_dir, 'packages'))
        env = dict(os.environ)
        env['XDG_DATA_HOME'] = os.path.join(tmp, 'share')
        env.setdefault('XDG_DATA_DIRS', '/usr/local/share:/usr/share')
        env['GIO_USE_VFS'] = 'local'
        subprocess.run([update_mime_database, mime_dir], env=env, check=True)

        files = os.path.join(tmp, 'files')
        os.mkdir(files)
        cases = []

        # GIO calls every empty file text/plain, so give it some bytes that
        # are not SQLite: the name alone has to decide.
        named = os.path.join(files, 'x.moat')
        with open(named, 'wb') as f:
            f.write(b'\x00\x01 not an SQLite header')
        cases.append((named, MOAT_TYPE, 'file named x.moat'))

        renamed = os.path.join(files, 'renamed-model')
        make_sqlite(renamed, MOAT_APPLICATION_ID)
        cases.append((renamed, MOAT_TYPE,
                      'SQLite file with application_id MOAT, no extension'))

        plain = os.path.join(files, 'plain-database')
        make_sqlite(plain, None)
        cases.append((plain, SQLITE_TYPE, 'SQLite file without application_id'))

        other = os.path.join(files, 'other-database')
        make_sqlite(other, 0x12345678)
        cases.append((other, SQLITE_TYPE,
                      'SQLite file with another application_id'))

        for path, expected, what in cases:
            got = content_type(gio, path, env)
            status = 'ok' if got == expected else 'FAIL'
            print(f'{status}: {what}: {got} (expected {expected})')
            if got != expected:
                problems.append(what)
    return problems


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    xml = argv[1]
    problems = check_definition(xml)
    if problems:
        print('\n'.join(problems), file=sys.stderr)
        return 1
    print(f'{xml}: definition ok')

    update = argv[2] if len(argv) > 2 else shutil.which('update-mime-database')
    gio = argv[3] if len(argv) > 3 else shutil.which('gio')
    if not update or not gio:
        print('update-mime-database or gio not found; skipping detection')
        return SKIP
    try:
        import sqlite3  # noqa: F401
    except ImportError:
        print('Python has no sqlite3 module; skipping detection')
        return SKIP
    if not system_knows_sqlite():
        print(f'the system MIME database lacks {SQLITE_TYPE}; skipping detection')
        return SKIP

    problems = check_detection(xml, update, gio)
    if problems:
        print('misdetected: ' + '; '.join(problems), file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
