#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Install a build tree into a scratch DESTDIR and check that everything a
# distribution package or Flatpak needs lands where the desktop looks for it.
#
#   build-aux/check-install.sh BUILD_DIR
#
# Exits 77 (skipped) while the build tree defines no moat or moat-cli
# executable yet.

set -eu

if [ $# -ne 1 ]; then
  echo "usage: $0 BUILD_DIR" >&2
  exit 2
fi
build_dir=$(cd "$1" && pwd)
app_id=io.github.moatmodel.Moat
meson=${MESON:-meson}

if ! command -v "$meson" >/dev/null 2>&1; then
  echo "meson not found; skipping" >&2
  exit 77
fi

introspect() {
  "$meson" introspect "$build_dir" "$@"
}

# Executables come from other parts of the tree; until both exist there is
# no installed layout worth checking.
targets=$(introspect --targets)
for exe in moat moat-cli; do
  if ! printf '%s' "$targets" | python3 -c '
import json, sys
names = {t["name"] for t in json.load(sys.stdin) if t["type"] == "executable"}
sys.exit(0 if sys.argv[1] in names else 1)' "$exe"; then
    echo "the build tree defines no $exe executable yet; skipping" >&2
    exit 77
  fi
done

prefix=$(introspect --buildoptions | python3 -c '
import json, sys
print(next(o["value"] for o in json.load(sys.stdin) if o["name"] == "prefix"))')

destdir=$(mktemp -d "${TMPDIR:-/tmp}/moat-install.XXXXXX")
trap 'rm -rf "$destdir"' EXIT INT TERM

# meson test has already built everything; do not start a nested ninja.
if ! DESTDIR="$destdir" "$meson" install -C "$build_dir" --no-rebuild --quiet \
    >"$destdir.log" 2>&1; then
  cat "$destdir.log" >&2
  rm -f "$destdir.log"
  echo "FAIL: meson install failed" >&2
  exit 1
fi
rm -f "$destdir.log"

root="$destdir$prefix"
status=0
for path in \
  bin/moat \
  bin/moat-cli \
  share/applications/$app_id.desktop \
  share/metainfo/$app_id.metainfo.xml \
  share/icons/hicolor/scalable/apps/$app_id.svg \
  share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg \
  share/glib-2.0/schemas/$app_id.gschema.xml \
  share/mime/packages/$app_id.mime.xml \
  share/locale/de/LC_MESSAGES/moat.mo
do
  if [ -f "$root/$path" ]; then
    echo "ok: $path"
  else
    echo "FAIL: $path is not installed" >&2
    status=1
  fi
done

for exe in bin/moat bin/moat-cli; do
  if [ -f "$root/$exe" ] && [ ! -x "$root/$exe" ]; then
    echo "FAIL: $exe is not executable" >&2
    status=1
  fi
done

if [ -x "$root/bin/moat-cli" ]; then
  expected=$(introspect --projectinfo | python3 -c '
import json, sys
print(json.load(sys.stdin)["version"])')
  if output=$("$root/bin/moat-cli" --version 2>&1); then
    case "$output" in
      *"$expected"*) echo "ok: moat-cli --version: $output" ;;
      *) echo "FAIL: moat-cli --version printed '$output', expected version $expected" >&2
         status=1 ;;
    esac
  else
    echo "FAIL: installed moat-cli --version failed: $output" >&2
    status=1
  fi
fi

exit $status
