#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Regenerate po/moat.pot from the sources and merge it into every
# translation listed in po/LINGUAS.
#
#   build-aux/update-po.sh              refresh POTFILES.in, the template and all .po files
#   build-aux/update-po.sh --keep-potfiles   use po/POTFILES.in as it is
#
# New strings arrive in the .po files untranslated and changed ones fuzzy
# (with the previous msgid kept, so translators see what changed).

set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

refresh_potfiles=yes
for arg in "$@"; do
  case "$arg" in
    --keep-potfiles) refresh_potfiles=no ;;
    -h|--help) sed -n '4,11s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done

for tool in xgettext msgmerge msginit msgfmt; do
  command -v "$tool" >/dev/null || { echo "$tool not found (install gettext)" >&2; exit 1; }
done

if [ "$refresh_potfiles" = yes ]; then
  python3 build-aux/check-potfiles.py --update "$root"
fi

version=$(sed -n "s/^ *version: *'\([^']*\)'.*/\1/p" meson.build | head -n 1)

# C keywords are those of GLib's gi18n.h; .ui, .desktop.in, .metainfo.xml.in
# and .gschema.xml files are handled by xgettext's ITS rules, picked by the
# file name (a trailing .in is ignored).
xgettext \
  --files-from=po/POTFILES.in \
  --directory="$root" \
  --output=po/moat.pot \
  --from-code=UTF-8 \
  --add-comments=Translators \
  --package-name=moat \
  --package-version="$version" \
  --msgid-bugs-address=https://github.com/moatmodel/moat/issues \
  --keyword=_ \
  --keyword=N_ \
  --keyword=C_:1c,2 \
  --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 \
  --keyword=g_dngettext:2,3 \
  --keyword=g_dpgettext2:2c,3 \
  --keyword=ngettext:1,2 \
  --flag=N_:1:pass-c-format \
  --flag=C_:2:pass-c-format \
  --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format \
  --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format \
  --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format \
  --flag=g_set_error:4:c-format \
  --flag=g_prefix_error:2:c-format
# The built-in rules and feature check questions are JSON: their texts
# join the template separately.
rules_pot=$(mktemp --suffix=.pot)
python3 build-aux/rules-pot.py resources/rules "$rules_pot" resources/feature-check/questions.json
msgcat --use-first --output-file=po/moat.pot po/moat.pot "$rules_pot"
rm -f "$rules_pot"
echo "po/moat.pot: $(grep -c '^msgid ' po/moat.pot) messages (including the header)"

sed -e 's/#.*//' po/LINGUAS | tr -s ' \t' '\n\n' | while read -r lang; do
  [ -n "$lang" ] || continue
  po="po/$lang.po"
  if [ -f "$po" ]; then
    msgmerge --quiet --update --backup=none --previous "$po" po/moat.pot
  else
    msginit --no-translator --locale="$lang" --input=po/moat.pot --output-file="$po"
  fi
  printf '%s: ' "$po"
  msgfmt --check --statistics --output-file=/dev/null "$po" 2>&1
done
