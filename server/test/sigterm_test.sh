#!/usr/bin/env bash
# The unit passes systemd-analyze verify (when present). SIGTERM during an upload, with the server
# started exactly as the systemd unit that
# scripts/install-service.sh generates starts it (its ExecStart line; no systemd needed):
#  1. the upload in flight is let finish: 200, the session stored whole, then a clean exit (0);
#  2. an upload that does not finish within the grace period is dropped whole: no session, no
#     stray file, clean exit.
# Truth comes from outside the server: sha256sum and the size of the generated file, sqlite3 on
# the database, the files on disk.
# usage: sigterm_test.sh RACESENSE_SERVER RACESENSE_GEN_SESSION INSTALL_SERVICE_SH
set -euo pipefail
server_bin=$(realpath "$1") gen=$2 install_service=$3
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; [ -f "$work/server.log" ] && sed 's/^/  server: /' "$work/server.log" >&2; exit 1; }

wait_for() {  # $1 = description, rest = condition; polls for up to 20 s
  local what=$1; shift
  for _ in $(seq 400); do "$@" && return 0; sleep 0.05; done
  fail "timed out waiting for $what"
}

"$gen" --format gps_time --lap-times 61.2,60.4,60.9,61.5 --out "$work/session.csv" >/dev/null
size=$(stat -c %s "$work/session.csv")
sha=$(sha256sum "$work/session.csv" | cut -d' ' -f1)
half=$((size / 2))

start_server() {  # $1 = data dir, $2 = grace seconds
  local unit exec_start
  mkdir -p "$work/web"
  unit=$("$install_service" --print --bin "$server_bin" --data-dir "$1" --web-dir "$work/web" --port 0 --grace-s "$2")
  exec_start=$(sed -n 's/^ExecStart=//p' <<<"$unit" | head -n 1)
  [[ "$exec_start" == "$server_bin "* ]] || fail "unexpected ExecStart: $exec_start"
  # shellcheck disable=SC2086 # the unit's command line, split into words as systemd does
  $exec_start >"$work/server.log" 2>&1 &
  pid=$!
  wait_for "LISTENING" grep -q '^LISTENING port=' "$work/server.log"
  port=$(sed -n 's/^LISTENING port=//p' "$work/server.log")
  token=$("$server_bin" --data-dir "$1" --show-token)
}

send_head_and_half() {  # opens fd 3 to the server, sends the headers and the first half of the body
  exec 3<>"/dev/tcp/127.0.0.1/$port"
  printf 'POST /api/upload HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer %s\r\nX-Filename: session.csv\r\nX-Content-SHA256: %s\r\nContent-Type: text/csv\r\nContent-Length: %d\r\n\r\n' \
    "$token" "$sha" "$size" >&3
  head -c "$half" "$work/session.csv" >&3
}

# The upload has begun (its temp file exists); the body may still sit in the server's buffers.
upload_begun() { [ -n "$(find "$1/tmp" -name '*.part' 2>/dev/null)" ]; }
exited() { ! kill -0 "$pid" 2>/dev/null; }
sessions_in_db() { sqlite3 "$1/racesense.db" 'SELECT count(*) FROM sessions'; }

echo "== 0. the generated server unit is one systemd accepts"
if command -v systemd-analyze >/dev/null; then
  "$install_service" --print --bin "$server_bin" | awk '/^# \/etc\/systemd\/system\//{unit=$0; next} unit ~ /racesense-server/' \
    >"$work/racesense-server.service"
  complaints=$(systemd-analyze verify "$work/racesense-server.service" 2>&1) || fail "systemd-analyze: $complaints"
  [ -z "$complaints" ] || fail "systemd-analyze: $complaints"
  echo "ok: systemd-analyze verify is silent"
else
  echo "(skipped: no systemd-analyze)"
fi

echo "== 1. the upload in flight finishes after SIGTERM"
data=$work/data1
start_server "$data" 20
send_head_and_half
wait_for "the upload to be in flight" upload_begun "$data"
kill -TERM "$pid"
wait_for "the drain to start" grep -q 'finishing 1 upload' "$work/server.log"
if (exec 4<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then fail "the server still accepts connections while draining"; fi
tail -c +"$((half + 1))" "$work/session.csv" >&3
response=$(timeout 20 cat <&3) || fail "no complete response"
exec 3<&-
grep -q '^HTTP/1.1 200' <<<"$response" || fail "expected 200, got: $response"
grep -q "\"sha256\":\"$sha\"" <<<"$response" || fail "the answer does not confirm the file's hash: $response"
wait_for "the server to exit" exited
wait "$pid" && status=0 || status=$?
pid=
[ "$status" -eq 0 ] || fail "exit status $status"
[ "$(sessions_in_db "$data")" = 1 ] || fail "expected exactly one session"
[ "$(sqlite3 "$data/racesense.db" 'SELECT bytes || " " || sha256 FROM sessions')" = "$size $sha" ] || fail "stored row differs"
stored=$(find "$data/files" -type f)
[ "$(wc -l <<<"$stored")" = 1 ] && [ "$(sha256sum "$stored" | cut -d' ' -f1)" = "$sha" ] || fail "stored file differs"
[ -z "$(find "$data/tmp" -type f)" ] || fail "temp files left behind"
echo "ok: 200, one whole session ($size bytes, sha256 matches), exit 0"

echo "== 2. an upload still streaming when the grace period ends is dropped whole"
data=$work/data2
start_server "$data" 1
send_head_and_half
wait_for "the upload to be in flight" upload_begun "$data"
kill -TERM "$pid"
wait_for "the server to exit" exited
wait "$pid" && status=0 || status=$?
pid=
exec 3<&-
[ "$status" -eq 0 ] || fail "exit status $status"
grep -q 'abandoned; none of them was stored' "$work/server.log" || fail "no word about the dropped upload"
[ "$(sessions_in_db "$data")" = 0 ] || fail "a partial session was stored"
[ -z "$(find "$data/files" "$data/tmp" -type f)" ] || fail "files left behind: $(find "$data/files" "$data/tmp" -type f)"
echo "ok: no session, no file left, exit 0"
