#!/usr/bin/env bash
# rs-core-sim against the real racesense-server: a stranger's plain CONFIGURE is refused and nothing
# leaves the card; a wrong pairing code is refused and rate-limited; the right code (rs-central, the
# phone's part) sends a sealed CONFIGURE, three generated sessions arrive byte-identical on the
# server and are archived on the simulated card; that recorded CONFIGURE replayed does nothing.
set -euo pipefail
SIM=$1 SERVER=$2 GEN=$3 CENTRAL=${4:-$(dirname "$1")/rs-central}
CODE=86420135
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
"$SERVER" --port 0 --bind 127.0.0.1 --data-dir "$work/rival" --token rival-token --quiet >"$work/rival.out" 2>&1 &
pids+=($!)
rival_port=$(wait_for_line "$work/rival.out" "LISTENING port=")
"$SIM" --card "$work/card" --hotspot "Racesense-Pit=hunter22" --hotspot "Rival-Hotspot=rival-pass-1" --link-port 0 \
  --wifi-delay-ms 10 --backoff-ms 10 --pairing-code "$CODE" >"$work/sim.out" 2>&1 &
pids+=($!)
link=$(wait_for_line "$work/sim.out" "LINK_PORT=")

# A plain central on the link (a phone that never paired): one request per line on fd 3.
exec 3<>"/dev/tcp/127.0.0.1/$link"
request() { echo "$1" >&3; read -r -t 10 answer <&3 || fail "no answer to $1"; echo "$answer"; }
b64() { printf '%s' "$1" | base64 -w0; }
status() { request '{"id":9,"op":"read","char":"5002"}' | sed 's/.*"data":"\([^"]*\)".*/\1/' | base64 -d; }
request '{"id":1,"op":"connect","mtu":185}' >/dev/null

# The stranger: its own hotspot and server, after=delete. Refused with ATT 0x05 before anything starts.
rival="{\"ssid\":\"Rival-Hotspot\",\"pass\":\"rival-pass-1\",\"url\":\"http://127.0.0.1:$rival_port\",\"token\":\"rival-token\",\"after\":\"delete\"}"
answer=$(request "{\"id\":2,\"op\":\"write\",\"char\":\"5003\",\"data\":\"$(b64 "$rival")\"}")
[[ $answer == *'"att_error":5'* ]] || fail "stranger's CONFIGURE not refused: $answer"
answer=$(request '{"id":3,"op":"read","char":"5005"}')
[[ $answer == *'"att_error":5'* ]] || fail "stranger read the file list: $answer"
s=$(status)
[[ $s == *'"state":"IDLE"'* && $s == *'"run":0'* ]] || fail "the stranger's write changed the status: $s"
[ "$(ls "$work/card/sessions" | wc -l)" = 3 ] || fail "files left the card after the stranger's write"
rival_sessions=$(curl -sS -H "Authorization: Bearer rival-token" "http://127.0.0.1:$rival_port/api/sessions" | jq '.sessions | length')
[ "$rival_sessions" = 0 ] || fail "the stranger's server got $rival_sessions sessions"
exec 3>&-

central() { "$CENTRAL" --link-port "$link" "$@"; }
# A wrong code: refused (exit 2), and the right code right after must wait (exit 3), then pairs.
rc=0; central --code 11223344 >/dev/null || rc=$?
[ "$rc" = 2 ] || fail "wrong code: exit $rc"
rc=0; central --code "$CODE" >/dev/null || rc=$?
[ "$rc" = 3 ] || fail "right code straight after a wrong one should wait: exit $rc"
for _ in $(seq 50); do  # the first delay is 1 s; poll as a person retrying would
  rc=0; central --code "$CODE" >/dev/null || rc=$?
  [ "$rc" = 3 ] || break
  sleep 0.1
done
[ "$rc" = 0 ] || fail "the right code did not pair after the wait: exit $rc"

configure() {  # pair with the code, send the sealed CONFIGURE, poll STATUS until the run ends
  out=$(central --code "$CODE" --configure "$1" --show-sealed --wait) || fail "CONFIGURE refused: $out"
  sealed=$(sed -n 's/^SEALED=//p' <<<"$out")
  s=$(sed -n 's/^STATUS=//p' <<<"$out")
}
configure "{\"ssid\":\"Racesense-Pit\",\"pass\":\"hunter22\",\"url\":\"http://127.0.0.1:$port\",\"token\":\"itest-token\"}"
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

# The recorded sealed CONFIGURE replayed by another central: refused, no new run.
printf 'timestamp,latitude,longitude\n1700000000,45.0,7.0\n' >"$work/card/sessions/late.csv"
exec 3<>"/dev/tcp/127.0.0.1/$link"
request '{"id":1,"op":"connect","mtu":185}' >/dev/null
answer=$(request "{\"id\":4,\"op\":\"write\",\"char\":\"5003\",\"data\":\"$sealed\"}")
[[ $answer == *'"att_error":5'* ]] || fail "replayed CONFIGURE not refused: $answer"
[ "$(status | jq .run)" = 1 ] || fail "the replay started a run"
[ -f "$work/card/sessions/late.csv" ] || fail "late.csv left the card after a replay"
exec 3>&-

# A wrong token: the server answers 401, the device reports it and keeps the file.
configure "{\"ssid\":\"Racesense-Pit\",\"pass\":\"hunter22\",\"url\":\"http://127.0.0.1:$port/\",\"token\":\"wrong\"}"
[ "$(echo "$s" | jq -r .code)/$(echo "$s" | jq .http_status)" = "HTTP_ERROR/401" ] || fail "wrong token: $s"
[ -f "$work/card/sessions/late.csv" ] || fail "late.csv was moved after a 401"

# HTTPS to a plain-HTTP port: the handshake fails, reported as TLS_FAILED, file kept.
configure "{\"ssid\":\"Racesense-Pit\",\"pass\":\"hunter22\",\"url\":\"https://127.0.0.1:$port\",\"token\":\"itest-token\"}"
[ "$(echo "$s" | jq -r .code)" = "TLS_FAILED" ] || fail "https to http: $s"
[ -f "$work/card/sessions/late.csv" ] || fail "late.csv was moved after a TLS failure"
grep -q "$CODE" "$work/sim.out" && fail "the pairing code appears in the simulator's output"
echo "PASS: stranger refused (0 files on its server), wrong code refused and rate-limited, replay refused;" \
  "3 files byte-identical on the server, archived on the card, $device_laps laps; 401 and TLS failure keep the file"
