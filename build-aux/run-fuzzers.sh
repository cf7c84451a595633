#!/bin/bash
# Runs each libFuzzer target for a bounded time under AddressSanitizer and
# UBSan, and fails if any of them crashes, leaks, hangs or runs out of memory.
#
#   build-aux/run-fuzzers.sh [SECONDS]     each target for SECONDS (default 60)
#
# Targets: fuzz-threat-dragon, fuzz-threat-dragon-v1, fuzz-otm, fuzz-tmbom, fuzz-tm7
# (the importers), fuzz-moat-json (the native JSON reader and format detection),
# fuzz-moat-file (opening a .moat file), fuzz-merge (the three-way merge of
# models and resolving its conflicts). Seeds are made at run time from
# ../shared/samples (or $MOAT_SAMPLES), data/examples, tests/data/threat-dragon,
# the .tm7 fixtures in tests/data/tm7 and Moat's test model. Inputs that fail are copied to
# tests/fuzz/regressions/<target>/, which test-import-robustness replays: fix
# the bug, and commit the file with the fix.
set -euo pipefail
cd "$(dirname "$0")/.."
srcdir=$PWD

seconds=${1:-60}
builddir=${BUILDDIR:-build-fuzz}
samples=${MOAT_SAMPLES:-$srcdir/../shared/samples}
targets=(threat-dragon threat-dragon-v1 otm tmbom tm7 moat-json moat-file merge)

# clang and its libFuzzer runtime (libclang-rt-14-dev) are in the package list.
build-aux/install-deps.sh

# The clang to build with: $CC if it is one, else clang, else Debian 12's clang-14.
find_clang() {
  local candidate
  for candidate in "${CC:-}" clang clang-14; do
    [[ -n "$candidate" ]] && command -v "$candidate" >/dev/null || continue
    "$candidate" --version 2>/dev/null | grep -q clang && { echo "$candidate"; return; }
  done
  return 1
}
if ! clang=$(find_clang); then
  echo "run-fuzzers: clang is not installed (apt-get install clang libclang-rt-14-dev)" >&2
  exit 2
fi

# libFuzzer comes apart from the compiler: say so plainly when it is missing.
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
printf '#include <stddef.h>\n#include <stdint.h>\nint LLVMFuzzerTestOneInput (const uint8_t *d, size_t n) { return 0; }\n' \
  >"$probe/probe.c"
if ! "$clang" -fsanitize=fuzzer,address,undefined "$probe/probe.c" -o "$probe/probe" 2>"$probe/log"; then
  echo "run-fuzzers: $clang cannot link libFuzzer with ASan and UBSan (install libclang-rt-14-dev):" >&2
  cat "$probe/log" >&2
  exit 2
fi

options=(-Db_sanitize=address,undefined -Db_lundef=false -Dfuzzing=true -Dgui=disabled
         -Dbuildtype=debugoptimized)
if [[ -f "$builddir/build.ninja" ]]; then
  meson setup --reconfigure "$builddir" "${options[@]}" >/dev/null
else
  CC=$clang meson setup "$builddir" "${options[@]}"
fi
meson compile -C "$builddir" tests/fuzz/make-seeds $(printf 'tests/fuzz/fuzz-%s ' "${targets[@]}")

# Fresh seeds every run; what the fuzzer finds stays in the build folder.
corpus=$builddir/fuzz-corpus
artifacts=$builddir/fuzz-artifacts
seeds=()
if [[ -d "$samples" ]]; then
  while IFS= read -r -d '' file; do seeds+=("$file"); done \
    < <(find "$samples" -name '*.json' ! -name '*schema*' -print0 | sort -z)
else
  echo "run-fuzzers: $samples is not there; seeding from Moat's own model only" >&2
fi
for file in data/examples/* tests/data/threat-dragon/*.json tests/data/tm7/*.tm7; do
  [[ -f "$file" ]] && seeds+=("$file")
done
rm -rf "$corpus"
XDG_DATA_HOME=$builddir/fuzz-home "$builddir/tests/fuzz/make-seeds" "$corpus" "${seeds[@]}"

# Leaks count as failures. Stacks are unwound the fast way, which stops at
# GLib's frames but runs thirty times as many inputs; to see a saved input's
# full stack, run its target on it with ASAN_OPTIONS=fast_unwind_on_malloc=0.
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_odr_violation=0:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export XDG_DATA_HOME=$builddir/fuzz-home
export LC_ALL=C.UTF-8

failed=()
for target in "${targets[@]}"; do
  mkdir -p "$corpus/$target" "$artifacts/$target"
  regressions=tests/fuzz/regressions/$target
  dirs=("$corpus/$target")
  [[ -d "$regressions" ]] && dirs+=("$regressions")
  # A target's dictionary (its format's words), where it has one.
  dict=()
  [[ -f "tests/fuzz/$target.dict" ]] && dict=(-dict="tests/fuzz/$target.dict")

  echo "== fuzz-$target for ${seconds}s"
  log=$artifacts/$target.log
  if "$builddir/tests/fuzz/fuzz-$target" "${dict[@]}" -max_total_time="$seconds" -rss_limit_mb=2048 \
       -timeout=10 -print_final_stats=1 -artifact_prefix="$artifacts/$target/" \
       "${dirs[@]}" >"$log" 2>&1; then
    grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ +DONE)' "$log" || true
  else
    echo "fuzz-$target failed; see $log" >&2
    tail -n 40 "$log" >&2
    failed+=("$target")
  fi

  for found in "$artifacts/$target"/{crash,leak,timeout,oom,slow-unit}-*; do
    [[ -f "$found" ]] || continue
    mkdir -p "$regressions"
    cp "$found" "$regressions/"
    echo "saved $regressions/$(basename "$found")" >&2
  done
done

if (( ${#failed[@]} > 0 )); then
  echo "run-fuzzers: failed: ${failed[*]}" >&2
  exit 1
fi
echo "run-fuzzers: ${#targets[@]} targets ran ${seconds}s each without failing"
