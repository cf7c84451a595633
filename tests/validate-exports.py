#!/usr/bin/env python3
# validate-exports.py: files Moat writes for other tools are valid against
# those tools' published JSON schemas.
#
# Copyright 2026 The Moat authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# validate-exports.py EXPORT_SAMPLE SAMPLES_DIR [EXAMPLES_DIR]
#   EXPORT_SAMPLE: the tests/export-sample helper
#   SAMPLES_DIR:   ../shared/samples (the test is skipped without it)
#   EXAMPLES_DIR:  data/examples: Moat's own models, exported too

import json
import os
import subprocess
import sys

import jsonschema

SKIP = 77


def load(path):
    with open(path, encoding='utf-8') as f:
        return json.load(f)


def export(helper, fmt, source):
    result = subprocess.run([helper, '--to', fmt, source], capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f'export-sample --to {fmt} {source} failed:\n{result.stderr}')
    return json.loads(result.stdout)


def main():
    helper, samples = sys.argv[1], sys.argv[2]
    if not os.path.isdir(samples):
        print(f'# {samples} is not there: skipped')
        return SKIP

    schemas = {
        'threat-dragon': load(os.path.join(samples, 'threat-dragon', 'threat-dragon-v2.schema.json')),
        'otm': load(os.path.join(samples, 'otm', 'open-threat-model.schema.json')),
    }
    # The Threat Model Library's TM-BOM schema is not vendored (its licence
    # is the library's); checked when a copy is put beside the samples.
    tmbom = os.path.join(samples, 'tm-bom', 'threat-model.schema.json')
    if os.path.exists(tmbom):
        schemas['tm-bom'] = load(tmbom)
    sources = ['--sample-model']
    if len(sys.argv) > 3:
        examples = sys.argv[3]
        sources += [os.path.join(examples, name) for name in sorted(os.listdir(examples))
                    if name.endswith('.json')]
    for sub in ('threat-dragon', 'otm'):
        folder = os.path.join(samples, sub)
        sources += [os.path.join(folder, name) for name in sorted(os.listdir(folder))
                    if name.endswith('.json') and 'schema' not in name and 'malformed' not in name]

    failures = 0
    checked = 0
    for source in sources:
        for fmt, schema in schemas.items():
            document = export(helper, fmt, source)
            validator = (jsonschema.Draft7Validator(schema) if fmt != 'tm-bom'
                         else jsonschema.validators.validator_for(schema)(schema))
            errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
            checked += 1
            name = os.path.basename(source)
            if errors:
                failures += 1
                print(f'not ok - {name} as {fmt}')
                for error in errors[:10]:
                    where = '/'.join(str(p) for p in error.absolute_path)
                    print(f'#   {where}: {error.message}')
            else:
                print(f'ok - {name} as {fmt}')

    print(f'# {checked} exports checked, {failures} invalid')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
