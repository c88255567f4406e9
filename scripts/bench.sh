#!/usr/bin/env bash
# Benchmarks (figures, not pass/fail), each beside its comparison in the same run: a raw 100 MB
# upload through the server against dd conv=fsync of the same bytes into the same data folder, the
# server's peak RSS at two file sizes, eight uploads at once against one; then lap analysis
# against pandas (scripts/bench-analysis.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
SIZE_MB=${SIZE_MB:-100}
[ -x "$BUILD_DIR/server/racesense-server" ] || { scripts/install-deps.sh; scripts/build.sh; }

work=$(mktemp -d)
server_pid=
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

gen="$BUILD_DIR/server/laps/racesense-gen-session"
"$gen" --format gps_time --size-mb "$SIZE_MB" --out "$work/big.csv" >/dev/null
bytes=$(stat -c %s "$work/big.csv")
echo "test file: $((bytes / 1048576)) MB generated gps_time CSV"

token=bench-token
"$BUILD_DIR/server/racesense-server" --port 0 --bind 127.0.0.1 --data-dir "$work/data" \
  --token "$token" --max-upload-mb $((SIZE_MB * 2)) --quiet >"$work/server.out" 2>&1 &
server_pid=$!
for _ in $(seq 100); do grep -q LISTENING "$work/server.out" && break; sleep 0.1; done
port=$(sed -n 's/^LISTENING port=//p' "$work/server.out")
kb() { awk -v k="$1" '$1 == k":" {print $2}' "/proc/$server_pid/status"; }
reset_peak() { echo 5 >"/proc/$server_pid/clear_refs"; }
now_ns() { date +%s%N; }
secs_since() { awk -v a="$1" -v b="$(date +%s%N)" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'; }
rate() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.0f MB/s", b / 1048576 / s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
best() { printf '%s\n' "$@" | sort -g | head -n 1; }
variant() {  # $1 source, $2 n: a copy that differs in its last line, so no upload is a duplicate
  cp "$1" "$work/v$2.csv"; echo ",$2" >>"$work/v$2.csv"; echo "$work/v$2.csv"; }
upload() {  # $1 file: streams it (-T) as the logger does, raw body with Content-Length, until the 200
  local code
  code=$(curl -sS -o "$work/resp-$(basename "$1").json" -w '%{http_code}' -T "$1" -X POST \
         -H "Authorization: Bearer $token" -H "Content-Type: text/csv" -H "X-Filename: $(basename "$1")" \
         "http://127.0.0.1:$port/api/upload")
  [ "$code" = 200 ] || { echo "upload failed ($code): $(cat "$work/resp-$(basename "$1").json")"; exit 1; }
}
timed_upload() { local t0; t0=$(now_ns); upload "$1"; secs_since "$t0"; }
timed_dd() { local t0; t0=$(now_ns); dd if="$1" of="$work/data/dd.out" bs=1M conv=fsync status=none; secs_since "$t0"; rm -f "$work/data/dd.out"; }
echo "server RSS at idle: $(( $(kb VmRSS) / 1024 )) MB"

# 1. One raw upload, 200 received, against dd conv=fsync of the same bytes into the same data folder
#    (alternating, best of three each).
dd_runs=() up_runs=()
for i in 1 2 3; do
  dd_runs+=("$(timed_dd "$work/big.csv")")
  up_runs+=("$(timed_upload "$(variant "$work/big.csv" "$i")")")
  rm -f "$work/v$i.csv"
done
dd_s=$(best "${dd_runs[@]}"); up_s=$(best "${up_runs[@]}")
echo "raw upload $((bytes / 1048576)) MB: $(rate "$bytes" "$up_s") ($up_s s) vs dd bs=1M conv=fsync $(rate "$bytes" "$dd_s") ($dd_s s): $(ratio "$dd_s" "$up_s")x dd (goal >= 0.8x)"

# 2. Peak RSS while uploading a quarter of the size and the whole size.
quarter=$(( SIZE_MB / 4 ))
"$gen" --format gps_time --size-mb "$quarter" --out "$work/quarter.csv" >/dev/null
q_bytes=$(stat -c %s "$work/quarter.csv")
reset_peak; upload "$(variant "$work/quarter.csv" 10)"; peak_q=$(kb VmHWM)
reset_peak; upload "$(variant "$work/big.csv" 11)"; peak_b=$(kb VmHWM)
echo "server peak RSS: $((peak_q / 1024)) MB uploading $((q_bytes / 1048576)) MB, $((peak_b / 1024)) MB uploading $((bytes / 1048576)) MB (goal < 16 MB, flat)"
rm -f "$work"/v1?.csv

# 3. Eight uploads at once against one, same file size ($quarter MB each).
one_s=$(timed_upload "$(variant "$work/quarter.csv" 20)")
files=(); for i in $(seq 21 28); do files+=("$(variant "$work/quarter.csv" "$i")"); done
t0=$(now_ns)
pids=(); for f in "${files[@]}"; do upload "$f" & pids+=($!); done
for p in "${pids[@]}"; do wait "$p"; done
eight_s=$(secs_since "$t0")
one_rate=$(awk -v b="$q_bytes" -v s="$one_s" 'BEGIN { print b / s }')
eight_rate=$(awk -v b="$q_bytes" -v s="$eight_s" 'BEGIN { print 8 * b / s }')
echo "8 uploads at once: $(rate "$((8 * q_bytes))" "$eight_s") total vs one: $(rate "$q_bytes" "$one_s"): $(ratio "$eight_rate" "$one_rate")x on $(nproc) cores (goal >= 1.6x)"
echo "server peak RSS over the whole run: $(( $(kb VmHWM) / 1024 )) MB"

# Lap analysis against pandas.read_csv: its own script, on a realistic generated session.
BUILD_DIR="$BUILD_DIR" SIZE_MB="$SIZE_MB" scripts/bench-analysis.sh

scripts/bench-trace.sh
