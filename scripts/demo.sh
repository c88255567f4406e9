#!/usr/bin/env bash
# Try Paddock Sync without a logger: starts racesense-server in demo mode and rs-core-sim (the real
# firmware core) with a card of generated sessions; the web app opened with ?demo=1 gets a "demo
# logger" that speaks the same GATT protocol over a local WebSocket instead of Bluetooth.
# Any desktop browser works (no Web Bluetooth needed). Ctrl-C stops both. PORT, DEMO_DIR to change.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
bin=build
work=${DEMO_DIR:-$(mktemp -d /tmp/racesense-demo-XXXXXX)}
card=$work/card
mkdir -p "$card/sessions" "$work/data"
sim_pid= server_pid=
cleanup() { kill $sim_pid $server_pid 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

# A racing weekend on the card: three sessions in the three CSV formats the logger writes.
if [ -z "$(ls -A "$card/sessions")" ]; then
  gen=$bin/server/laps/racesense-gen-session
  "$gen" --format gps_time --lap-times 62.4,61.3,60.8,61.0,60.6 --seed 11 --out "$card/sessions/sess_fp1.csv" >/dev/null
  "$gen" --format tick_ms --lap-times 61.9,60.7,60.5,60.9 --seed 12 --out "$card/sessions/sess_fp2.csv" >/dev/null
  "$gen" --format gps_time --lap-times 60.9,60.2,60.4 --seed 13 --out "$card/sessions/sess_quali.csv" >/dev/null
fi

# The demo hotspot the web app's demo mode fills in (web/src/demo/demo-mode.ts). The simulated
# logger pairs like a real one: the page asks for the code on its "label", which this script prints.
pairing_code=${PAIRING_CODE:-$(printf '%08d' $(( $(od -An -N4 -tu4 /dev/urandom) % 100000000 )))}
"$bin/firmware/host/rs-core-sim" --card "$card" --hotspot Racesense-Pit=demo-paddock --link-port 0 \
  --wifi-delay-ms 1500 --pairing-code "$pairing_code" >"$work/sim.out" 2>&1 &
sim_pid=$!
for _ in $(seq 100); do grep -q '^LINK_PORT=' "$work/sim.out" && break; sleep 0.1; done  # bounded wait
link_port=$(sed -n 's/^LINK_PORT=//p' "$work/sim.out")
[ -n "$link_port" ] || { cat "$work/sim.out"; echo "rs-core-sim did not start" >&2; exit 1; }

server=$bin/server/racesense-server
token=$("$server" --data-dir "$work/data" --show-token)
"$server" --port "${PORT:-8080}" --bind 127.0.0.1 --data-dir "$work/data" --web-dir web/dist \
  --demo-link-port "$link_port" --hide-token > >(tee "$work/server.out") 2>&1 &
server_pid=$!
for _ in $(seq 100); do grep -q '^LISTENING port=' "$work/server.out" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's/^LISTENING port=//p' "$work/server.out")
[ -n "$port" ] || { echo "racesense-server did not start (see above)" >&2; exit 1; }
echo
echo "Demo: open http://localhost:$port/?token=$token&demo=1 in a desktop browser and press Sync."
echo "The demo logger's pairing code (on a real logger: its label): ${pairing_code:0:4} ${pairing_code:4:4}"
echo "The simulated logger's card is $card (files move to archive/ once uploaded). Ctrl-C stops the demo."
wait "$server_pid"
