#!/usr/bin/env bash
# Syntax-checks the ESP-IDF port against the real ESP-IDF v5.5.5 headers with the workplace's
# esp-idf-check tool (not a CI step: it needs local clones of esp-idf, esp-nimble, esp-lwip, mbedtls).
# Kconfig values of this project are supplied from main/Kconfig.projbuild's defaults.
set -euo pipefail
fw=$(cd "$(dirname "$0")/.." && pwd)
check=${ESP_IDF_CHECK:-$fw/../../shared/tools/esp-idf-check/check}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
defines=$(awk '/^ *config RS_/{name=$2} /^ *default/{if (name) print "#define CONFIG_" name " " $2; name=""}' \
          "$fw/main/Kconfig.projbuild")
files=()
for f in "$fw"/port/esp32/*.cpp "$fw"/port/posix/*.cpp "$fw"/main/*.cpp; do
  w="$tmp/$(basename "$(dirname "$f")")_$(basename "$f")"
  printf '%s\n#include "%s"\n' "$defines" "$f" >"$w"
  files+=("$w")
done
"$check" -I "$fw/core/include" -I "$fw/port/esp32" -I "$fw/port/posix" "${files[@]}"
