#!/bin/bash
# Installs what is missing, builds Moat and runs the whole test suite,
# headless under Xvfb with a private D-Bus session when there is no display.
#
#   build-aux/run-tests.sh              normal build in ./build
#   build-aux/run-tests.sh --sanitize   AddressSanitizer + UBSan build in ./build-sanitize
set -euo pipefail
cd "$(dirname "$0")/.."

build-aux/install-deps.sh

builddir=${BUILDDIR:-build}
options=()
slower=1
if [[ "${1:-}" == "--sanitize" ]]; then
  # Instrumented code runs two to three times slower: so do its timeouts.
  slower=3
  builddir=${BUILDDIR:-build-sanitize}
  options=(-Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug)
  export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:detect_odr_violation=0
  export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
fi

if [[ -f "$builddir/build.ninja" ]]; then
  meson setup --reconfigure "$builddir" "${options[@]}" >/dev/null
else
  meson setup "$builddir" "${options[@]}"
fi
meson compile -C "$builddir"

# The 1,000-kill crash run is opt-in: meson test -C build --suite long
run=(meson test -C "$builddir" --print-errorlogs --num-processes 2 --no-suite long
     --timeout-multiplier "$slower")
if [[ -z "${DISPLAY:-}" ]]; then
  xvfb-run -a -s "-screen 0 1920x1080x24" dbus-run-session -- "${run[@]}"
else
  dbus-run-session -- "${run[@]}"
fi
