#!/usr/bin/env bash
# Peak heap of the firmware core while a client lists and syncs 1, 100, 300 and 1000 session files,
# measured in a 32-bit build (the ESP32-S3's pointer size) beside the PC's 64-bit build. Needs
# g++-multilib and the i386 cJSON library (Debian multiarch; installed here when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
if ! dpkg-query -W -f='${Status}' libcjson1:i386 2>/dev/null | grep -q "install ok installed" ||
   ! dpkg-query -W -f='${Status}' g++-multilib 2>/dev/null | grep -q "install ok installed"; then
  sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
  sudo_if_needed dpkg --add-architecture i386
  sudo_if_needed apt-get -o DPkg::Lock::Timeout=600 update -qq
  sudo_if_needed apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-remove g++-multilib libcjson1:i386
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
fw=firmware
g++ -m32 -std=c++17 -O2 -pthread -I"$fw/core/include" -I"$fw/../protocol/include" -I"$fw/port/host" -I"$fw/test" -I/usr/include/cjson \
    "$fw"/core/src/*.cpp "$fw/test/heap_bench.cpp" "$fw/port/host/phone_pairing.cpp" /usr/lib/i386-linux-gnu/libcjson.so.1 -o "$out/heap-bench-32"
echo "== 32-bit build"
"$out/heap-bench-32"
[ -x "$BUILD_DIR/firmware/host/rscore-heap-bench" ] || cmake --build "$BUILD_DIR" --target rscore-heap-bench >/dev/null
echo "== 64-bit build (PC)"
"$BUILD_DIR/firmware/host/rscore-heap-bench"
