#!/usr/bin/env bash
# Device-side faults (issue 10): rs-core-sim --fault drops the hotspot, loses the server or fills
# the card at a chosen moment of a sync against a real racesense-server. After each fault STATUS
# ends in the code docs/protocol.md gives, and no session is lost or duplicated: every card file is
# still in sessions/ unchanged, or archived and on the server with the same hash, once.
set -euo pipefail
SIM=$1 SERVER=$2 GEN=$3 CENTRAL=${4:-$(dirname "$1")/rs-central}
CODE=36914725  # the simulated logger's pairing code
. "$(dirname "$0")/sim_test_lib.sh"
fail() { echo "FAIL [$scenario]: $*"; exit 1; }
TOKEN=fault-token

start_server() {  # a fresh data folder per scenario
  "$SERVER" --port 0 --bind 127.0.0.1 --data-dir "$work/$scenario/data" --token $TOKEN --quiet >"$work/$scenario/server.out" 2>&1 &
  pids+=($!)
  port=$(wait_for_line "$work/$scenario/server.out" "LISTENING port=")
}

new_card() {
  mkdir -p "$work/$scenario/card/sessions"
  "$GEN" --format gps_time --lap-times 61.2,60.4 --seed 1 --out "$work/$scenario/card/sessions/sess_1.csv" >/dev/null
  "$GEN" --format tick_ms --lap-times 62.0,61.0 --seed 2 --out "$work/$scenario/card/sessions/sess_2.csv" >/dev/null
  "$GEN" --format timestamp --lap-times 63.3,62.1 --seed 3 --out "$work/$scenario/card/sessions/sess_3.csv" >/dev/null
  cp -r "$work/$scenario/card/sessions" "$work/$scenario/originals"
}

sync_with() {  # [--fault SPEC…]: one sync run by a fresh rs-core-sim on the same card; sets $s (final STATUS)
  # Emptied here, not by the redirect below: that runs in the child, and until it does the last
  # run's LINK_PORT is still in the file for wait_for_line to find (a dead port under load).
  : >"$work/$scenario/sim.out"
  "$SIM" --card "$work/$scenario/card" --hotspot "Pit=hunter22" --link-port 0 --wifi-delay-ms 10 --backoff-ms 300 \
    --retries 3 --pairing-code "$CODE" "$@" >"$work/$scenario/sim.out" 2>&1 &
  sim_pid=$!
  pids+=($sim_pid)
  link=$(wait_for_line "$work/$scenario/sim.out" "LINK_PORT=")
  # The phone's part, paired and sealed as the web app does it (rs-central), polling STATUS to the end.
  local config="{\"ssid\":\"Pit\",\"pass\":\"hunter22\",\"url\":\"http://127.0.0.1:$port\",\"token\":\"$TOKEN\"}"
  out=$("$CENTRAL" --link-port "$link" --code "$CODE" --configure "$config" --wait --timeout-s 30) || true
  s=$(echo "$out" | sed -n 's/^STATUS=//p' | tail -1)
  [ -n "$s" ] || fail "CONFIGURE refused or no final STATUS: $out"
  kill "$sim_pid" && wait "$sim_pid" 2>/dev/null || true
}

expect_status() {  # state code files_done
  [ "$(echo "$s" | jq -r .state)" = "$1" ] || fail "expected $1, STATUS is $s"
  [ "$1" = DONE ] || [ "$(echo "$s" | jq -r .code)" = "$2" ] || fail "expected code $2, STATUS is $s"
  [ "$(echo "$s" | jq .files_done)" = "$3" ] || fail "expected files_done $3, STATUS is $s"
}

# The invariant: each original is on the card unchanged, or archived once and on the server once.
check_nothing_lost() {
  local sessions on_server=0
  sessions=$(curl -sS -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port/api/sessions")
  for f in sess_1.csv sess_2.csv sess_3.csv; do
    sha=$(sha256sum "$work/$scenario/originals/$f" | cut -d' ' -f1)
    copies=$(echo "$sessions" | jq --arg h "$sha" '[.sessions[] | select(.sha256 == $h)] | length')
    [ "$copies" -le 1 ] || fail "$f is on the server $copies times"
    if [ -f "$work/$scenario/card/sessions/$f" ]; then
      [ "$(sha256sum "$work/$scenario/card/sessions/$f" | cut -d' ' -f1)" = "$sha" ] || fail "$f changed on the card"
      [ ! -e "$work/$scenario/card/archive/$f" ] || fail "$f both in sessions/ and archive/"
    else
      [ "$copies" = 1 ] || fail "$f left the card but is not on the server"
      [ "$(ls "$work/$scenario/card/archive" | grep -c -- "$f")" = 1 ] || fail "$f archived $(ls "$work/$scenario/card/archive")"
      on_server=$((on_server + 1))
    fi
  done
  [ "$(echo "$sessions" | jq '.sessions | length')" -le 3 ] || fail "extra sessions: $sessions"
}

server_sessions() { curl -sS -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port/api/sessions" | jq '.sessions | length'; }

run_scenario() {  # name, fault spec, expected code, files_done after the fault, sessions on the server then
  scenario=$1
  mkdir -p "$work/$scenario"
  new_card
  start_server
  sync_with --fault "$2"
  local kind=${2%%@*} rest=${2#*@}
  grep -q "^FAULT $kind fired: file ${rest%%:*} " "$work/$scenario/sim.out" ||
    fail "the fault did not fire: $(cat "$work/$scenario/sim.out")"
  if [ "$3" = DONE ]; then expect_status DONE "" "$4"; else expect_status ERROR "$3" "$4"; fi
  check_nothing_lost
  [ "$(server_sessions)" = "$5" ] || fail "expected $5 sessions on the server, found $(server_sessions)"
  # The racer syncs again, without the fault: everything arrives once.
  sync_with
  expect_status DONE "" "$((3 - $4))"
  check_nothing_lost
  [ "$(server_sessions)" = 3 ] || fail "expected 3 sessions after the retry, found $(server_sessions)"
  [ -z "$(ls "$work/$scenario/card/sessions")" ] || fail "files left on the card: $(ls "$work/$scenario/card/sessions")"
  echo "ok [$scenario]: $(echo "$s" | jq -c '{state,files_done}') after the retry; fault ended as expected"
}

scenario=cli
"$SIM" --fault "melt@1" >/dev/null 2>&1 && fail "an unknown fault was accepted"

#            name              fault                      code               done  sessions
run_scenario wifi_blip         "wifi-drop@2:20000+100"    DONE               3     3
run_scenario wifi_gone         "wifi-drop@2:20000"        WIFI_NOT_FOUND     1     1
run_scenario server_gone       "server-lost@3:1000"       SERVER_UNREACHABLE 2     2
run_scenario card_full         "card-full@2:0"            STORAGE_ERROR      1     2
run_scenario server_gone_first "server-lost@1:0"          SERVER_UNREACHABLE 0     0
echo "PASS: Wi-Fi blip and loss, server loss, full card: right STATUS codes, no session lost or duplicated"
