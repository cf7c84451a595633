#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the Flatpak manifest against what Moat promises its users: the
right app id and runtime, and a sandbox that reaches files only through the
portal.

Usage: check-flatpak-manifest.py MANIFEST.json
"""

import json
import os
import sys

APP_ID = 'io.github.moatmodel.Moat'
RUNTIME = 'org.gnome.Platform'
SDK = 'org.gnome.Sdk'
COMMAND = 'moat'
# Direct file system access would bypass the document portal.
FORBIDDEN_FILESYSTEMS = ('home', 'host', 'host-os', 'host-etc', '/', '~')


def filesystem_of(arg):
    """The location a --filesystem=LOC[:ro|:rw|:create] arg grants, or None."""
    if not arg.startswith('--filesystem='):
        return None
    location = arg[len('--filesystem='):]
    for suffix in (':ro', ':rw', ':create'):
        if location.endswith(suffix):
            location = location[:-len(suffix)]
    return location.rstrip('/') or '/'


def check(manifest, manifest_dir):
    problems = []

    app_id = manifest.get('id', manifest.get('app-id'))
    if app_id != APP_ID:
        problems.append(f'app id is {app_id!r}, expected {APP_ID!r}')
    for key, expected in (('runtime', RUNTIME), ('sdk', SDK),
                          ('command', COMMAND)):
        if manifest.get(key) != expected:
            problems.append(f'{key} is {manifest.get(key)!r}, '
                            f'expected {expected!r}')
    if not manifest.get('runtime-version'):
        problems.append('runtime-version is not set')

    finish_args = manifest.get('finish-args', [])
    for arg in finish_args:
        location = filesystem_of(arg)
        if location is None:
            continue
        top = location.split('/')[0] if not location.startswith('/') else '/'
        if location in FORBIDDEN_FILESYSTEMS or top in ('home', '~', 'host'):
            problems.append(f'finish-arg {arg!r} grants file system access; '
                            'files must go through the portal')
    for arg in ('--socket=wayland', '--socket=fallback-x11'):
        if arg not in finish_args:
            problems.append(f'finish-args lack {arg}')
    if '--socket=x11' in finish_args:
        problems.append('use --socket=fallback-x11, not --socket=x11')

    modules = manifest.get('modules', [])
    if not modules:
        problems.append('no modules')
        return problems
    for index, module in enumerate(modules):
        if isinstance(module, str):
            continue  # a path to a module file, checked by flatpak-builder
        name = module.get('name')
        if not name:
            problems.append(f'module #{index} has no name')
        if not module.get('sources'):
            problems.append(f'module {name or index!r} has no sources')

    last = modules[-1]
    if isinstance(last, str) or last.get('name') != 'moat':
        problems.append('the last module is not moat')
        return problems
    if last.get('buildsystem') != 'meson':
        problems.append('moat is not built with meson')
    dirs = [s for s in last.get('sources', []) if s.get('type') == 'dir']
    repo_root = os.path.realpath(os.path.join(manifest_dir, '..'))
    if not any(os.path.realpath(os.path.join(manifest_dir, s.get('path', '')))
               == repo_root for s in dirs):
        problems.append('moat is not built from a dir source pointing at '
                        'the repository root')
    elif not os.path.isfile(os.path.join(repo_root, 'meson.build')):
        problems.append(f'{repo_root} has no meson.build')
    return problems


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    path = argv[1]
    try:
        with open(path, encoding='utf-8') as f:
            manifest = json.load(f)
    except (OSError, json.JSONDecodeError) as e:
        print(f'{path}: {e}', file=sys.stderr)
        return 1
    problems = check(manifest, os.path.dirname(os.path.abspath(path)))
    for p in problems:
        print(f'{path}: {p}', file=sys.stderr)
    if problems:
        return 1
    print(f'{path}: ok')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
