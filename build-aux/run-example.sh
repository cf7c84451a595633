#!/bin/bash
# Installs what is missing, builds Moat and opens the bundled example model.
set -euo pipefail
cd "$(dirname "$0")/.."

build-aux/install-deps.sh
builddir=${BUILDDIR:-build}
if [[ -f "$builddir/build.ninja" ]]; then
  meson setup --reconfigure "$builddir" >/dev/null
else
  meson setup "$builddir"
fi
meson compile -C "$builddir"

example="$builddir/payment-service.moat"
"$builddir/src/cli/moat-cli" import data/examples/payment-service.moat.json -o "$example" --force

export GSETTINGS_SCHEMA_DIR="$PWD/$builddir/data"
if [[ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
  echo "No display: starting Moat on a virtual one (Xvfb :99)."
  exec xvfb-run -a -s "-screen 0 1600x1000x24" dbus-run-session -- "$builddir/src/app/moat" "$example"
fi
exec "$builddir/src/app/moat" "$example"
