#!/usr/bin/env bash
# Benchmarks (figures, not pass/fail): upload throughput of 100 MB raw and multipart bodies on
# loopback, the server's peak RSS meanwhile, and lap-analysis throughput (scripts/bench-analysis.sh).
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
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$server_pid/status"; }
echo "server RSS at idle: $(( $(rss_kb) / 1024 )) MB"

upload() {  # $1 label, rest: curl args
  local label=$1; shift
  local secs
  secs=$(curl -sS -o "$work/resp.json" -w '%{time_total}' -H "Authorization: Bearer $token" "$@" \
         "http://127.0.0.1:$port/api/upload")
  awk -v b="$bytes" -v s="$secs" -v l="$label" 'BEGIN { printf "%-22s %7.1f MB/s (%.2f s)\n", l, b / 1048576 / s, s }'
  grep -q '"sha256"' "$work/resp.json" || { echo "upload failed: $(cat "$work/resp.json")"; exit 1; }
}
# Each upload differs by one trailing line so none is a duplicate.
upload "raw (Content-Length)" -H "X-Filename: big.csv" --data-binary "@$work/big.csv"
echo "," >>"$work/big.csv"; bytes=$(stat -c %s "$work/big.csv")
upload "raw (chunked)" -H "Transfer-Encoding: chunked" -H "X-Filename: big2.csv" --data-binary "@$work/big.csv"
echo "," >>"$work/big.csv"; bytes=$(stat -c %s "$work/big.csv")
upload "multipart" -F "file=@$work/big.csv"
echo "server peak RSS during the uploads: $(( $(awk '/VmHWM/ {print $2}' "/proc/$server_pid/status") / 1024 )) MB"

# Lap analysis against pandas.read_csv: its own script, on a realistic generated session.
BUILD_DIR="$BUILD_DIR" SIZE_MB="$SIZE_MB" scripts/bench-analysis.sh
