#!/usr/bin/env bash
# Benchmark (figures, not pass/fail): GET /api/sessions/{id}/trace for a 30-minute 10 Hz session,
# first request (parses the stored file) and repeated (cached), beside GET /api/sessions/{id} (a
# plain database read) in the same run; target: well under 100 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
[ -x "$BUILD_DIR/server/racesense-server" ] || { scripts/install-deps.sh; scripts/build.sh; }

work=$(mktemp -d)
server_pid=
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

laps=$(printf '60,%.0s' $(seq 30)); laps=${laps%,}  # 30 laps of 60 s
gen_out=$("$BUILD_DIR/server/laps/racesense-gen-session" --format gps_time --lap-times "$laps" --out "$work/30min.csv")
rows=$(($(wc -l <"$work/30min.csv") - 1))
minutes=$(echo "$gen_out" | sed -n 's/.*"duration_ms":\([0-9]*\).*/\1/p' | awk '{ printf "%.1f", $1 / 60000 }')
echo "trace test file: $rows rows ($(($(stat -c %s "$work/30min.csv") / 1024)) KB), $minutes minutes at 10 Hz"

token=bench-token
"$BUILD_DIR/server/racesense-server" --port 0 --bind 127.0.0.1 --data-dir "$work/data" --token "$token" --quiet \
  >"$work/server.out" 2>&1 &
server_pid=$!
for _ in $(seq 100); do grep -q LISTENING "$work/server.out" && break; sleep 0.1; done
port=$(sed -n 's/^LISTENING port=//p' "$work/server.out")
base="http://127.0.0.1:$port"
id=$(curl -sS -H "Authorization: Bearer $token" -H "X-Filename: 30min.csv" --data-binary "@$work/30min.csv" \
     "$base/api/upload" | sed -n 's/.*"id":\([0-9]*\).*/\1/p')

timed() {  # $1 label, $2 path: prints the time and size of one request
  curl -sS -o /dev/null -w "%{time_total} %{size_download}" -H "Authorization: Bearer $token" "$base$2" |
    awk -v l="$1" '{ printf "%-34s %7.1f ms  %7.1f KB\n", l, $1 * 1000, $2 / 1024 }'
}
timed "trace, first request (parse)" "/api/sessions/$id/trace"
for i in 1 2 3; do timed "trace, again (cached) #$i" "/api/sessions/$id/trace"; done
timed "trace, every fix (?step_m=0)" "/api/sessions/$id/trace?step_m=0"
timed "session JSON (database read)" "/api/sessions/$id"
echo "target: trace well under 100 ms"
