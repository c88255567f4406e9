#!/usr/bin/env bash
# Benchmarks (figures, not pass/fail), each beside its comparison in the same run: a raw 100 MB
# upload through the server against dd conv=fsync of the same bytes into the same data folder, the
# server's peak RSS at two file sizes, eight uploads at once against one; then lap analysis
# against pandas (scripts/bench-analysis.sh). Timed pairs alternate and repeat (RUNS, default 5);
# the median is the figure and every run is printed. Other work on the machine moves the figures:
# the load and the busiest other processes are printed first.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
SIZE_MB=${SIZE_MB:-100}
RUNS=${RUNS:-5}
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
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
variant() {  # $1 source, $2 n: a copy that differs in its last line, so no upload is a duplicate
  cp "$1" "$work/v$2.csv"; echo ",$2" >>"$work/v$2.csv"; echo "$work/v$2.csv"; }
upload() {  # $1 file: streams it (-T) as the logger does, raw body with Content-Length, until the 200;
  # prints curl's own time from connecting to the 200 (its start-up as a program not included)
  local code transfer
  read -r code transfer < <(curl -sS -o "$work/resp-$(basename "$1").json" -w '%{http_code} %{time_total}\n' -T "$1" -X POST \
         -H "Authorization: Bearer $token" -H "Content-Type: text/csv" -H "X-Filename: $(basename "$1")" \
         "http://127.0.0.1:$port/api/upload")
  if [ "$code" != 200 ]; then  # in a subshell: stop the whole script
    echo "upload failed ($code): $(cat "$work/resp-$(basename "$1").json")" >&2; kill "$$"; exit 1
  fi
  echo "$transfer"
}
timed_upload() { local t0; t0=$(now_ns); upload "$1" >/dev/null; secs_since "$t0"; }
# "wall transfer": the whole curl process as timed from outside, and the transfer alone
timed_upload_both() { local t0 transfer; t0=$(now_ns); transfer=$(upload "$1"); echo "$(secs_since "$t0") $transfer"; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$server_pid/stat"; }  # server user+system time
# Ticks of the whole machine, "niced total" (niced: processes at nice > 0, such as background
# fuzzers; with autogroup scheduling they still take a share of the cores from another session).
machine_ticks() { awk '/^cpu / { print $3, $2 + $3 + $4 + $5 + $6 + $7 + $8 }' /proc/stat; }
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8 }' /proc/stat; }  # busy total
busy_share() { awk -v b="$1" -v t="$2" 'BEGIN { printf "%.0f%%", t ? 100 * b / t : 0 }'; }
timed_dd() { local t0; t0=$(now_ns); dd if="$1" of="$work/data/dd.out" bs=1M conv=fsync status=none; secs_since "$t0"; rm -f "$work/data/dd.out"; }
echo "server RSS at idle: $(( $(kb VmRSS) / 1024 )) MB"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); busiest other processes (%CPU, nice, name):"
top -bn1 -w 200 | awk '/^ *PID/ { table = 1; next } table && shown < 4 { printf "  %s%% nice %s %s\n", $9, $4, $12; shown++ }'

# 1. One raw upload, 200 received, against dd conv=fsync of the same bytes into the same data folder
#    (alternating, RUNS times; the figure compares the medians).
dd_runs=() up_runs=() xfer_runs=() ratios=() cpu_runs=() niced=0 total=0
for i in $(seq "$RUNS"); do variant "$work/big.csv" "$i" >/dev/null; done
sync  # no write-back of the copies competes with what is measured
for i in $(seq "$RUNS"); do
  sync  # each side starts with nothing of the other's left to write back
  dd_runs+=("$(timed_dd "$work/big.csv")")
  sync
  c0=$(cpu_ticks)
  read -r n0 m0 < <(machine_ticks)
  read -r wall xfer < <(timed_upload_both "$work/v$i.csv")
  up_runs+=("$wall") xfer_runs+=("$xfer")
  read -r n1 m1 < <(machine_ticks)
  niced=$((niced + n1 - n0)) total=$((total + m1 - m0))
  cpu_runs+=("$(awk -v t=$(( $(cpu_ticks) - c0 )) -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", t / hz }')")
  ratios+=("$(ratio "${dd_runs[-1]}" "${up_runs[-1]}")")
  rm -f "$work/v$i.csv"
done
echo "raw upload runs (upload s / dd s = x dd): $(for i in "${!ratios[@]}"; do printf '%s/%s=%s ' "${up_runs[$i]}" "${dd_runs[$i]}" "${ratios[$i]}"; done)"
dd_s=$(median "${dd_runs[@]}"); up_s=$(median "${up_runs[@]}")
xfer_s=$(median "${xfer_runs[@]}")
echo "raw upload $((bytes / 1048576)) MB: $(rate "$bytes" "$up_s") ($up_s s) vs dd bs=1M conv=fsync $(rate "$bytes" "$dd_s") ($dd_s s): $(ratio "$dd_s" "$up_s")x dd, medians of $RUNS (goal >= 0.8x)"
echo "  the transfer alone, as curl times it (connect to the 200, without curl's ~10 ms start-up as a program;" \
     "dd's start-up stays in): $(rate "$bytes" "$xfer_s") ($xfer_s s): $(ratio "$dd_s" "$xfer_s")x dd"
echo "  server CPU per upload: $(median "${cpu_runs[@]}") s (receive, write, SHA-256 and lap analysis of every byte, commit) on $(nproc) cores;" \
     "niced processes took $(awk -v n="$niced" -v t="$total" 'BEGIN { printf "%.0f", t ? 100 * n / t : 0 }')% of the machine's CPU during the uploads"

# 2. Peak RSS while uploading a quarter of the size and the whole size.
quarter=$(( SIZE_MB / 4 ))
"$gen" --format gps_time --size-mb "$quarter" --out "$work/quarter.csv" >/dev/null
q_bytes=$(stat -c %s "$work/quarter.csv")
reset_peak; upload "$(variant "$work/quarter.csv" 10)" >/dev/null; peak_q=$(kb VmHWM)
reset_peak; upload "$(variant "$work/big.csv" 11)" >/dev/null; peak_b=$(kb VmHWM)
echo "server peak RSS: $((peak_q / 1024)) MB uploading $((q_bytes / 1048576)) MB, $((peak_b / 1024)) MB uploading $((bytes / 1048576)) MB (goal < 16 MB, flat)"
rm -f "$work"/v1?.csv

# 3. Eight uploads at once against one, same file size ($quarter MB each), alternating, RUNS times.
one_runs=() eight_runs=() gains=() one_busy=0 one_total=0 eight_busy=0 eight_total=0
for r in $(seq "$RUNS"); do
  files=(); for i in $(seq 1 8); do files+=("$(variant "$work/quarter.csv" "$r$i")"); done
  variant "$work/quarter.csv" "${r}0" >/dev/null
  sync
  read -r b0 m0 < <(busy_ticks)
  one_runs+=("$(timed_upload "$work/v${r}0.csv")")
  read -r b1 m1 < <(busy_ticks)
  one_busy=$((one_busy + b1 - b0)) one_total=$((one_total + m1 - m0))
  t0=$(now_ns)
  read -r b0 m0 < <(busy_ticks)
  pids=(); for f in "${files[@]}"; do upload "$f" >/dev/null & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p"; done
  eight_runs+=("$(secs_since "$t0")")
  read -r b1 m1 < <(busy_ticks)
  eight_busy=$((eight_busy + b1 - b0)) eight_total=$((eight_total + m1 - m0))
  gains+=("$(awk -v a="${one_runs[-1]}" -v b="${eight_runs[-1]}" 'BEGIN { printf "%.2f", 8 * a / b }')")
  rm -f "$work"/v"$r"?.csv
done
echo "8 at once runs (one s / eight s = x): $(for i in "${!gains[@]}"; do printf '%s/%s=%s ' "${one_runs[$i]}" "${eight_runs[$i]}" "${gains[$i]}"; done)"
one_s=$(median "${one_runs[@]}"); eight_s=$(median "${eight_runs[@]}")
echo "8 uploads at once: $(rate "$((8 * q_bytes))" "$eight_s") total vs one: $(rate "$q_bytes" "$one_s"): $(awk -v a="$one_s" -v b="$eight_s" 'BEGIN { printf "%.2f", 8 * a / b }')x, medians of $RUNS on $(nproc) cores (goal >= 1.6x)"
echo "  machine CPU busy (server, curl and the rest): $(busy_share "$one_busy" "$one_total") of $(nproc) cores during one upload," \
     "$(busy_share "$eight_busy" "$eight_total") during eight at once (one upload already spreads over the cores: receiving," \
     "SHA-256 and lap analysis run in parallel; at 100% the eight are bound by CPU, not by a lock)"
echo "server peak RSS over the whole run: $(( $(kb VmHWM) / 1024 )) MB"

# Lap analysis against pandas.read_csv: its own script, on a realistic generated session.
BUILD_DIR="$BUILD_DIR" SIZE_MB="$SIZE_MB" scripts/bench-analysis.sh

scripts/bench-trace.sh

# One pairing handshake (SPAKE2+ on P-256) on this host; firmware/README.md estimates the RS-Core's time.
"$BUILD_DIR/firmware/host/rscore-pairing-bench"
