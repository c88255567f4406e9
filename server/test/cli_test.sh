#!/usr/bin/env bash
# racesense-server's command line as a user meets it: --version, --token for one run only
# (--save-token to keep it), one-line messages for a port in use and bad values, and the public
# https address from --public-url or <data-dir>/public-url (printed, and in GET /api/info).
# usage: cli_test.sh RACESENSE_SERVER
set -euo pipefail
server=$1
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

wait_for() {  # polls a condition for up to 20 s
  local what=$1; shift
  for _ in $(seq 400); do "$@" && return 0; sleep 0.05; done
  fail "timed out waiting for $what"
}

start() {  # $1 = log file, rest = arguments; sets $port
  local log=$1; shift
  : >"$log"
  "$server" --port 0 --bind 127.0.0.1 "$@" >"$log" 2>&1 &
  pids+=($!)
  wait_for "LISTENING in $log" grep -q '^LISTENING port=' "$log"
  port=$(sed -n 's/^LISTENING port=//p' "$log")
}
stop_last() { kill "${pids[-1]}"; wait "${pids[-1]}" || true; unset 'pids[-1]'; }

echo "== --version"
[ "$("$server" --version)" = "racesense-server 1.0.0" ] || fail "--version printed: $("$server" --version)"

echo "== --token applies to one run; --save-token keeps it"
stored=$("$server" --data-dir "$work/d" --show-token)
[[ "$stored" =~ ^[0-9a-f]{32}$ ]] || fail "stored token looks wrong: $stored"
start "$work/a.log" --data-dir "$work/d" --token one-run-token
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer one-run-token' "http://127.0.0.1:$port/api/sessions")
[ "$code" = 200 ] || fail "--token not accepted during its run ($code)"
stop_last
[ "$("$server" --data-dir "$work/d" --show-token)" = "$stored" ] || fail "--token replaced the stored token"
: >"$work/b.log"
"$server" --data-dir "$work/d" --token kept-token --save-token --port 0 --bind 127.0.0.1 >"$work/b.log" 2>&1 &
pids+=($!)
wait_for "LISTENING" grep -q '^LISTENING' "$work/b.log"
stop_last
[ "$("$server" --data-dir "$work/d" --show-token)" = kept-token ] || fail "--save-token did not keep the token"

echo "== one-line messages"
start "$work/c.log" --data-dir "$work/e"
set +e
msg=$("$server" --port "$port" --bind 127.0.0.1 --data-dir "$work/f" 2>&1 >/dev/null); status=$?
set -e
[ "$status" -ne 0 ] || fail "a second server on port $port started"
[ "$(wc -l <<<"$msg")" = 1 ] || fail "port in use: not one line: $msg"
grep -q "port $port is already in use" <<<"$msg" || fail "port in use: $msg"
grep -q '/usr/include' <<<"$msg" && fail "port in use message shows a header path: $msg"
stop_last
for args in "--port 70000" "--port abc" "--max-upload-mb 0" "--public-url http://plain.example.com" "--bind not-an-ip --port 0"; do
  set +e
  # shellcheck disable=SC2086
  msg=$("$server" $args --data-dir "$work/g" 2>&1 >/dev/null); status=$?
  set -e
  [ "$status" -ne 0 ] || fail "accepted $args"
  [ "$(wc -l <<<"$msg")" = 1 ] || fail "$args: not one line: $msg"
  [[ "$msg" == racesense-server:* ]] || fail "$args: $msg"
  echo "   $args -> $msg"
done

echo "== the public https address: --public-url, then from <data-dir>/public-url"
start "$work/h.log" --data-dir "$work/h" --public-url https://paddock.example.com/
grep -q '^Open on the phone (https): https://paddock.example.com/?token=' "$work/h.log" || fail "phone link not printed"
info=$(curl -fsS "http://127.0.0.1:$port/api/info")
[ "$(jq -r .public_url <<<"$info")" = https://paddock.example.com ] || fail "/api/info: $info"
[ "$(jq -r .demo <<<"$info")" = false ] || fail "/api/info demo: $info"
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/demo/link")
[ "$code" = 404 ] || fail "the demo link answers without demo mode ($code)"
stop_last

echo "== demo mode: the demo link is a WebSocket behind the token"
start "$work/k.log" --data-dir "$work/k" --demo-link-port 9 --token demo-token
[ "$(curl -fsS "http://127.0.0.1:$port/api/info" | jq -r .demo)" = true ] || fail "/api/info does not say demo"
ws=(-H 'Connection: Upgrade' -H 'Upgrade: websocket' -H 'Sec-WebSocket-Version: 13' -H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==')
code=$(curl -s -o /dev/null -w '%{http_code}' "${ws[@]}" "http://127.0.0.1:$port/api/demo/link?token=wrong")
[ "$code" = 401 ] || fail "wrong token on the demo link: $code"
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/demo/link?token=demo-token")
[ "$code" = 400 ] || fail "plain GET of the demo link: $code"
code=$(curl -s -o /dev/null -w '%{http_code}' "${ws[@]}" "http://127.0.0.1:$port/api/demo/link?token=demo-token")
[ "$code" = 500 ] || fail "demo link with no simulator listening: $code"
stop_last
start "$work/i.log" --data-dir "$work/i"
[ "$(curl -fsS "http://127.0.0.1:$port/api/info" | jq -r .public_url)" = null ] || fail "public_url without a tunnel"
echo "https://quick-words-here.trycloudflare.com" >"$work/i/public-url"
wait_for "the tunnel address to be picked up" grep -q '^Open on the phone (https, from the tunnel): https://quick-words-here.trycloudflare.com/?token=' "$work/i.log"
[ "$(curl -fsS "http://127.0.0.1:$port/api/info" | jq -r .public_url)" = https://quick-words-here.trycloudflare.com ] ||
  fail "/api/info does not give the tunnel address"
stop_last

echo "== a page load over plain http from another machine is warned about (once per address)"
ip=$(hostname -I 2>/dev/null | tr ' ' '\n' | grep -E '^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$' | grep -v '^127\.' | head -n 1 || true)
if [ -n "$ip" ]; then
  : >"$work/j.log"
  "$server" --port 0 --bind 0.0.0.0 --data-dir "$work/j" --public-url https://paddock.example.com >"$work/j.log" 2>&1 &
  pids+=($!)
  wait_for "LISTENING" grep -q '^LISTENING port=' "$work/j.log"
  port=$(sed -n 's/^LISTENING port=//p' "$work/j.log")
  curl -fsS -o /dev/null "http://127.0.0.1:$port/"
  grep -q 'plain http' "$work/j.log" && fail "warned about a page loaded on this machine"
  curl -fsS -o /dev/null "http://$ip:$port/"
  curl -fsS -o /dev/null "http://$ip:$port/"
  wait_for "the warning" grep -q "Warning: $ip opened the web app over plain http" "$work/j.log"
  [ "$(grep -c 'plain http' "$work/j.log")" = 1 ] || fail "warned more than once"
  grep -q 'Open https://paddock.example.com/ on the phone' "$work/j.log" || fail "the warning does not name the https address"
  stop_last
else
  echo "   (skipped: this machine has no non-loopback IPv4 address)"
fi
echo "ok"
