#!/usr/bin/env bash
# rs-core-sim against the real racesense-server: three generated sessions go over the link's
# CONFIGURE, arrive byte-identical on the server, and are archived on the simulated card.
set -euo pipefail
SIM=$1 SERVER=$2 GEN=$3
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

wait_for_line() {  # file, prefix → value after the prefix, waiting up to 20 s for the process to print it
  for _ in $(seq 200); do
    v=$(sed -n "s/^$2//p" "$1" 2>/dev/null | head -1)  # the file appears when the process starts
    [ -n "$v" ] && { echo "$v"; return 0; }
    sleep 0.1
  done
  fail "no '$2' in $1: $(cat "$1")"
}

mkdir -p "$work/card/sessions"
if [ -x "$GEN" ]; then
  "$GEN" --format gps_time --lap-times 61.2,60.4 --out "$work/card/sessions/sess 1.csv" >/dev/null
  "$GEN" --format tick_ms --lap-times 62.0,61.0,60.5 --out "$work/card/sessions/sess_2.csv" >/dev/null
  "$GEN" --format timestamp --lap-times 63.3 --out "$work/card/sessions/sess_3.csv" >/dev/null
  min_laps=3
else  # no generator: any CSV text (the server stores it, laps may be 0)
  for f in "sess 1.csv" sess_2.csv sess_3.csv; do
    { echo "timestamp,latitude,longitude,speed,satellites"; for i in $(seq 50); do echo "$((1700000000 + i)),45.0,7.0,0,8"; done
      echo "# $f"; } >"$work/card/sessions/$f"
  done
  min_laps=0
fi
cp -r "$work/card/sessions" "$work/originals"

"$SERVER" --port 0 --bind 127.0.0.1 --data-dir "$work/data" --token itest-token --quiet >"$work/server.out" 2>&1 &
pids+=($!)
port=$(wait_for_line "$work/server.out" "LISTENING port=")
"$SIM" --card "$work/card" --hotspot "Racesense-Pit=hunter22" --link-port 0 --wifi-delay-ms 10 --backoff-ms 10 \
  >"$work/sim.out" 2>&1 &
pids+=($!)
link=$(wait_for_line "$work/sim.out" "LINK_PORT=")

exec 3<>"/dev/tcp/127.0.0.1/$link"
request() { echo "$1" >&3; read -r -t 10 answer <&3 || fail "no answer to $1"; echo "$answer"; }
b64() { printf '%s' "$1" | base64 -w0; }
status() { request '{"id":9,"op":"read","char":"5002"}' | sed 's/.*"data":"\([^"]*\)".*/\1/' | base64 -d; }

request '{"id":1,"op":"connect","mtu":185}' >/dev/null

wait_outcome() {  # poll the status as the web app does, up to 30 s
  for _ in $(seq 300); do
    s=$(status)
    [[ $s == *'"DONE"'* || $s == *'"ERROR"'* ]] && return 0
    sleep 0.1
  done
  fail "sync did not finish: $s"
}
configure() {
  answer=$(request "{\"id\":2,\"op\":\"write\",\"char\":\"5003\",\"data\":\"$(b64 "$1")\"}")
  [[ $answer == *'"ok":true'* ]] || fail "CONFIGURE refused: $answer"
}
configure "{\"ssid\":\"Racesense-Pit\",\"pass\":\"hunter22\",\"url\":\"http://127.0.0.1:$port\",\"token\":\"itest-token\"}"
wait_outcome
[[ $s == *'"state":"DONE"'* ]] || fail "sync did not finish: $s"

sessions=$(curl -sS -H "Authorization: Bearer itest-token" "http://127.0.0.1:$port/api/sessions")
server_laps=$(echo "$sessions" | jq '[.sessions[].laps] | add')
device_laps=$(echo "$s" | jq .laps)
[ "$server_laps" = "$device_laps" ] || fail "device says $device_laps laps, server counted $server_laps"
[ "$device_laps" -ge "$min_laps" ] || fail "expected laps in every file, got $device_laps"
[ "$(echo "$s" | jq .files_done)" = 3 ] || fail "files_done: $s"

for f in "sess 1.csv" sess_2.csv sess_3.csv; do
  [ -f "$work/card/archive/$f" ] || fail "$f not archived"
  [ ! -e "$work/card/sessions/$f" ] || fail "$f still in sessions/"
  sha=$(sha256sum "$work/originals/$f" | cut -d' ' -f1)
  id=$(echo "$sessions" | jq --arg f "$f" '.sessions[] | select(.filename == $f) | .id')
  [ -n "$id" ] || fail "$f not on the server: $sessions"
  curl -sS -H "Authorization: Bearer itest-token" "http://127.0.0.1:$port/api/sessions/$id/csv" -o "$work/back.csv"
  [ "$(sha256sum "$work/back.csv" | cut -d' ' -f1)" = "$sha" ] || fail "$f differs on the server"
done

# A wrong token: the server answers 401, the device reports it and keeps the file.
printf 'timestamp,latitude,longitude\n1700000000,45.0,7.0\n' >"$work/card/sessions/late.csv"
configure "{\"ssid\":\"Racesense-Pit\",\"pass\":\"hunter22\",\"url\":\"http://127.0.0.1:$port/\",\"token\":\"wrong\"}"
wait_outcome
[ "$(echo "$s" | jq -r .code)/$(echo "$s" | jq .http_status)" = "HTTP_ERROR/401" ] || fail "wrong token: $s"
[ -f "$work/card/sessions/late.csv" ] || fail "late.csv was moved after a 401"

# HTTPS to a plain-HTTP port: the handshake fails, reported as TLS_FAILED, file kept.
configure "{\"ssid\":\"Racesense-Pit\",\"pass\":\"hunter22\",\"url\":\"https://127.0.0.1:$port\",\"token\":\"itest-token\"}"
wait_outcome
[ "$(echo "$s" | jq -r .code)" = "TLS_FAILED" ] || fail "https to http: $s"
[ -f "$work/card/sessions/late.csv" ] || fail "late.csv was moved after a TLS failure"
echo "PASS: 3 files byte-identical on the server, archived on the card, $device_laps laps; 401 and TLS failure keep the file"
