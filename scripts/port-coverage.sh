#!/usr/bin/env bash
# Share of the ESP-IDF port's executable lines (firmware/port/esp32 + firmware/main) that the host
# tests run: the port is compiled for the PC against the SDK fakes (firmware/test/esp_sdk) with gcov
# instrumentation, esp32_port_tests runs, and gcov's line counts are summed per file (a line counts
# once even when a header is compiled into several objects). Prints a table and the total.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
[ -f "$BUILD_DIR/CMakeCache.txt" ] || cmake -S . -B "$BUILD_DIR" -G Ninja >/dev/null
cmake --build "$BUILD_DIR" --target esp32_port_tests -j "${JOBS:-2}" >/dev/null
objdir="$BUILD_DIR/firmware/host/CMakeFiles/rscore_esp32_on_host.dir"
find "$objdir" -name '*.gcda' -delete
"$BUILD_DIR/firmware/host/esp32_port_tests" >/dev/null
root=$(pwd)/firmware
for gcda in $(find "$objdir" -name '*.gcda'); do
  (cd "$(dirname "$gcda")" && gcov -t -o . "$gcda" 2>/dev/null)
done | awk -v root="$root" '
  /^ *-: *0:Source:/ { file = substr($0, index($0, "Source:") + 7); keep = index(file, root "/port/esp32/") == 1 || index(file, root "/main/") == 1; next }
  !keep { next }
  {
    split($0, f, ":"); count = f[1]; gsub(/ /, "", count); line = f[2] + 0
    if (count == "-") next
    key = file ":" line
    if (!(key in seen)) { seen[key] = 1; total[file]++ }
    if (count !~ /^#+$/ && count !~ /^=+$/ && !(key in hit)) { hit[key] = 1; ran[file]++ }
  }
  END {
    for (name in total) { all += total[name]; done += ran[name]; printf "%5d/%-5d %5.1f%%  %s\n", ran[name], total[name], 100 * ran[name] / total[name], substr(name, length(root) + 2) | "sort -k3" }
    close("sort -k3")
    printf "ESP-IDF port (port/esp32 + main): %d of %d executable lines run by host tests = %.1f%%\n", done, all, 100 * done / all
  }'
