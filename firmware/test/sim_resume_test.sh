#!/usr/bin/env bash
# Resumable uploads end to end (issue 10 item 4): rs-core-sim syncs a card to a real
# racesense-server through a link that drops at random byte offsets (cut_proxy.py). Every file must
# arrive byte-identical, once, and leave the card; the bytes the logger sent in total (headers
# included) must stay under 1.2 times the files' sizes, which only resuming from the server's
# offset achieves. RS_FAULT_SEED=<n> replays a run's cut offsets.
set -euo pipefail
SIM=$1 SERVER=$2 GEN=$3 CENTRAL=${4:-$(dirname "$1")/rs-central}
PROXY=$(dirname "$0")/cut_proxy.py
CODE=36914725
TOKEN=resume-token
ROUNDS=3 CUTS=6
# The logger counts an attempt that moved the upload less than 16 KB against its retries; random
# cuts sometimes fall that close together (a flapping link it rightly gives up on, seen once in
# about a thousand rounds). Here every cut may land on one file: it gets a retry for each.
. "$(dirname "$0")/sim_test_lib.sh"
fail() { echo "FAIL [round $round]: $*"; exit 1; }
seed=${RS_FAULT_SEED:-$(( $(date +%s%N) % 1000000007 ))}
echo "[fault] sim_resume seed $seed (RS_FAULT_SEED=$seed replays it)"
RANDOM=$seed

random_below() {  # n → r, a random integer in [0, n), from the seeded $RANDOM (not in a subshell:
  r=$(( (RANDOM * 32768 + RANDOM) % $1 ))  # bash reseeds $RANDOM there, and the seed would not replay)
}

total_sent=0 total_size=0 total_cuts=0
for round in $(seq $ROUNDS); do
  dir=$work/$round
  mkdir -p "$dir/card/sessions"
  # Real-looking sessions: the dual-rate IMU format (large), 10 Hz GPS and the old format, with GPS noise and dropouts.
  "$GEN" --format tick_ms --laps 6 --noise-m 2.5 --dropouts 2 --seed $((round * 10 + 1)) --out "$dir/card/sessions/sess_1.csv" >/dev/null
  "$GEN" --format gps_time --laps 8 --noise-m 2 --seed $((round * 10 + 2)) --out "$dir/card/sessions/sess_2.csv" >/dev/null
  "$GEN" --format timestamp --venue kart --laps 5 --noise-m 3 --dropouts 1 --seed $((round * 10 + 3)) --out "$dir/card/sessions/sess_3.csv" >/dev/null
  cp -r "$dir/card/sessions" "$dir/originals"
  size=$(cat "$dir"/originals/*.csv | wc -c)
  cuts=""
  for _ in $(seq $CUTS); do random_below "$size"; cuts="$cuts,$r"; done

  "$SERVER" --port 0 --bind 127.0.0.1 --data-dir "$dir/data" --token $TOKEN --quiet >"$dir/server.out" 2>&1 &
  pids+=($!)
  port=$(wait_for_line "$dir/server.out" "LISTENING port=")
  python3 "$PROXY" --target "$port" --cuts "${cuts#,}" --stats "$dir/proxy.stats" >"$dir/proxy.out" 2>&1 &
  pids+=($!)
  proxy=$(wait_for_line "$dir/proxy.out" "PORT=")

  "$SIM" --card "$dir/card" --hotspot "Pit=hunter22" --link-port 0 --wifi-delay-ms 10 --backoff-ms 50 \
    --retries $((CUTS + 1)) --pairing-code "$CODE" >"$dir/sim.out" 2>&1 &
  sim_pid=$!
  pids+=($sim_pid)
  link=$(wait_for_line "$dir/sim.out" "LINK_PORT=")
  config="{\"ssid\":\"Pit\",\"pass\":\"hunter22\",\"url\":\"http://127.0.0.1:$proxy\",\"token\":\"$TOKEN\"}"
  out=$("$CENTRAL" --link-port "$link" --code "$CODE" --configure "$config" --wait --timeout-s 60) || true
  s=$(echo "$out" | sed -n 's/^STATUS=//p' | tail -1)
  [ "$(echo "$s" | jq -r .state)" = DONE ] || fail "the sync did not finish: $s; cuts at $cuts"
  [ "$(echo "$s" | jq .files_done)" = 3 ] || fail "files_done: $s"
  kill "$sim_pid" && wait "$sim_pid" 2>/dev/null || true

  sessions=$(curl -sS -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port/api/sessions")
  [ "$(echo "$sessions" | jq '.sessions | length')" = 3 ] || fail "expected 3 sessions: $sessions"
  for f in sess_1.csv sess_2.csv sess_3.csv; do
    sha=$(sha256sum "$dir/originals/$f" | cut -d' ' -f1)
    id=$(echo "$sessions" | jq --arg h "$sha" '[.sessions[] | select(.sha256 == $h)] | .[0].id')
    [ "$id" != null ] || fail "$f is not on the server"
    curl -sS -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port/api/sessions/$id/csv" -o "$dir/back.csv"
    cmp -s "$dir/back.csv" "$dir/originals/$f" || fail "$f came back different"
    [ -f "$dir/card/archive/$f" ] || fail "$f was not archived"
  done
  [ -z "$(ls "$dir/card/sessions")" ] || fail "files left on the card"
  [ -z "$(ls "$dir/data/partial")" ] || fail "partial uploads left on the server: $(ls "$dir/data/partial")"
  read -r sent fired <"$dir/proxy.stats"
  echo "round $round: $fired cuts at byte offsets $cuts of $size; logger sent $sent bytes"
  total_sent=$((total_sent + sent)) total_size=$((total_size + size)) total_cuts=$((total_cuts + fired))
done
ratio=$(awk -v a="$total_sent" -v b="$total_size" 'BEGIN { printf "%.3f", a / b }')
echo "resumed uploads: $total_cuts cuts, sent $total_sent bytes for $total_size bytes of files = ${ratio}x (limit 1.2x)"
[ $((total_sent * 10)) -lt $((total_size * 12)) ] || { echo "FAIL: ${ratio}x re-sent"; exit 1; }
echo "PASS: every file byte-identical on the server once, ${ratio}x bytes sent"
