#!/usr/bin/env bash
# libFuzzer harnesses (fuzz/, clang with ASan + UBSan) for every parser that reads outside bytes.
#
#   scripts/fuzz.sh              regression: each harness runs once over its checked-in corpus
#   scripts/fuzz.sh 600          fuzz each harness for 600 s, one after the other
#   scripts/fuzz.sh 600 fuzz_multipart fuzz_status    only these harnesses
#
# Seeds and every input that once crashed live in fuzz/corpus/<harness>/ (checked in); inputs the
# fuzzer finds new coverage with go to build-fuzz/corpus/<harness>/; a crash is written to
# build-fuzz/findings/<harness>/ and the script fails. After fixing it, copy the crash file into
# fuzz/corpus/<harness>/ so the regression run (part of scripts/test.sh) keeps it fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-0}
shift || true
BUILD_DIR=${FUZZ_BUILD_DIR:-build-fuzz}

if ! command -v clang++ >/dev/null; then
  echo "clang is missing: scripts/install-deps.sh installs it" >&2
  exit 1
fi
CC=clang CXX=clang++ cmake -S fuzz -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Fuzz >/dev/null
cmake --build "$BUILD_DIR" -j "${JOBS:-$(nproc)}"

harnesses=("$@")
if [ ${#harnesses[@]} -eq 0 ]; then
  for dir in fuzz/corpus/*/; do harnesses+=("$(basename "$dir")"); done
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
for h in "${harnesses[@]}"; do
  seeds=fuzz/corpus/$h
  findings=$BUILD_DIR/findings/$h
  mkdir -p "$findings"
  if [ "$SECONDS_EACH" -eq 0 ]; then
    echo "== $h: $(ls "$seeds" | wc -l) corpus inputs"
    "$BUILD_DIR/$h" -runs=0 -artifact_prefix="$findings/" "$seeds" 2>"$findings/regression.log" ||
      { tail -40 "$findings/regression.log" >&2; echo "$h: an input in $seeds fails" >&2; exit 1; }
  else
    work=$BUILD_DIR/corpus/$h
    mkdir -p "$work"
    echo "== $h: fuzzing for $SECONDS_EACH s"
    "$BUILD_DIR/$h" -max_total_time="$SECONDS_EACH" -print_final_stats=1 -artifact_prefix="$findings/" \
      "$work" "$seeds" 2>"$findings/fuzz.log" ||
      { tail -60 "$findings/fuzz.log" >&2; echo "$h: crash, see $findings/" >&2; exit 1; }
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$findings/fuzz.log" | sed "s/^/$h /"
  fi
done
