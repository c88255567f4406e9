#!/usr/bin/env bash
# Syntax-checks the ESP-IDF port against the real ESP-IDF v5.5.5 headers with the workplace's
# esp-idf-check tool (not a CI step: it needs local clones of esp-idf, esp-nimble, esp-lwip, mbedtls).
# Kconfig values of this project are supplied from main/Kconfig.projbuild's defaults and sdkconfig.defaults.
set -euo pipefail
fw=$(cd "$(dirname "$0")/.." && pwd)
check=${ESP_IDF_CHECK:-/work/shared/tools/esp-idf-check/check}
[ -x "$check" ] || check=$fw/../../shared/tools/esp-idf-check/check
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
defines=$("$fw/tools/kconfig_defaults.sh" --with-sdkconfig-defaults)
files=()
for f in "$fw"/port/esp32/*.cpp "$fw"/port/posix/*.cpp "$fw"/main/*.cpp; do
  w="$tmp/$(basename "$(dirname "$f")")_$(basename "$f")"
  printf '%s\n#include "%s"\n' "$defines" "$f" >"$w"
  files+=("$w")
done
"$check" -I "$fw/core/include" -I "$fw/../protocol/include" -I "$fw/port/esp32" -I "$fw/port/posix" "${files[@]}"
