#!/usr/bin/env bash
# Lap-analysis benchmark (figures, not pass/fail): racesense-analyze on a ~100 MB format A session
# against pandas.read_csv merely parsing the same file, whole process against whole process, in the
# same run. Each side runs three times; the best wall time is kept (the CPU time is that run's).
# Usage: scripts/bench-analysis.sh [file.csv]   (default: a generated realistic session, SIZE_MB)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
SIZE_MB=${SIZE_MB:-100}
PYTHON=${PYTHON:-/usr/bin/python3}  # Debian's, with python3-pandas
analyze="$BUILD_DIR/server/laps/racesense-analyze"
gen="$BUILD_DIR/server/laps/racesense-gen-session"
if [ ! -x "$analyze" ] || [ ! -x "$gen" ] || ! "$PYTHON" -c 'import pandas' 2>/dev/null; then
  scripts/install-deps.sh
  cmake -S . -B "$BUILD_DIR" -G Ninja >/dev/null
  cmake --build "$BUILD_DIR" --target racesense-analyze racesense-gen-session
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
file=${1:-}
if [ -z "$file" ]; then
  file="$work/session.csv"
  "$gen" --format gps_time --venue kart --size-mb "$SIZE_MB" --noise-m 2 --dropouts 200 --out "$file" >/dev/null
fi
bytes=$(stat -c %s "$file")
cat "$file" >/dev/null  # both sides read it from the page cache

# best_of_three <command…>: prints "wall user+sys" of the run with the best wall time.
best_of_three() {
  local best="" t
  for _ in 1 2 3; do
    t=$( { TIMEFORMAT='%R %U %S'; time "$@" >/dev/null 2>&1; } 2>&1 | tail -n 1)
    best=$(printf '%s\n%s\n' "$best" "$t" | awk 'NF' | sort -n | head -n 1)
  done
  awk '{ printf "%s %.3f\n", $1, $2 + $3 }' <<<"$best"
}

read -r ours_wall ours_cpu < <(best_of_three "$analyze" "$file")
read -r pandas_wall pandas_cpu < <(best_of_three "$PYTHON" -c 'import sys, pandas; pandas.read_csv(sys.argv[1])' "$file")
awk -v b="$bytes" -v ow="$ours_wall" -v oc="$ours_cpu" -v pw="$pandas_wall" -v pc="$pandas_cpu" 'BEGIN {
  mb = b / 1048576
  printf "lap analysis of a %.0f MB format A session (one pass, whole process; best of 3):\n", mb
  printf "  racesense-analyze   %6.2f s wall %6.2f s CPU   %7.0f MB/s wall %7.0f MB/s per CPU second\n", ow, oc, mb / ow, mb / oc
  printf "  pandas.read_csv     %6.2f s wall %6.2f s CPU   %7.0f MB/s wall %7.0f MB/s per CPU second\n", pw, pc, mb / pw, mb / pc
  printf "  racesense-analyze is %.1fx pandas.read_csv (wall), %.1fx (CPU)   [goal: 5x]\n", pw / ow, pc / oc
}'
# The library alone, as the server runs it: the bytes already in memory (best of 3).
for _ in 1 2 3; do "$analyze" --bench "$file" | grep 'in memory'; done |
  sort -t, -k2 -g -r | head -n 1 | sed 's/^/  /; s/$/   [goal: 1 GB\/s on one core]/'
