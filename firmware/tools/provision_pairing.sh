#!/usr/bin/env bash
# Provisions an RS-Core's pairing code with its flash image (docs/protocol.md §1.4): makes a random
# 8-digit code (or takes one), writes an NVS partition image holding it (namespace "rs_pair", key
# "code") and the printable label (text + QR code). The logger makes the salt at first boot.
# Run inside an ESP-IDF environment (". $IDF_PATH/export.sh": it provides esp_idf_nvs_partition_gen
# and esptool.py). A logger flashed without this makes its own code at first boot and prints it once
# on the serial console.
#   provision_pairing.sh OUT_DIR [CODE]
# then: esptool.py --chip esp32s3 write_flash 0x9000 OUT_DIR/pairing-nvs.bin
# (0x9000/0x6000 = the nvs partition in firmware/partitions.csv; this replaces the whole NVS, so
#  provision before the first boot, or the logger's Wi-Fi/BLE settings in NVS start over.)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 1 ] || { echo "usage: $0 OUT_DIR [CODE]" >&2; exit 2; }
out=$1
mkdir -p "$out"
umask 077  # the code is a secret of the team: files readable by this user only
if [ $# -ge 2 ]; then
  code=$(printf '%s' "$2" | tr -d ' -')
  [[ $code =~ ^[0-9]{8}$ ]] || { echo "CODE must be 8 digits" >&2; exit 2; }
else
  code=""
  while [ ${#code} -lt 8 ]; do  # uniform digits from the kernel's CSPRNG (bytes >= 250 dropped)
    b=$(od -An -N1 -tu1 /dev/urandom | tr -d ' ')
    [ "$b" -lt 250 ] && code+=$((b % 10))
  done
fi
printf 'key,type,encoding,value\nrs_pair,namespace,,\ncode,data,string,%s\n' "$code" >"$out/pairing-nvs.csv"
if python3 -c 'import esp_idf_nvs_partition_gen' 2>/dev/null; then
  python3 -m esp_idf_nvs_partition_gen generate "$out/pairing-nvs.csv" "$out/pairing-nvs.bin" 0x6000 >/dev/null
  echo "NVS image: $out/pairing-nvs.bin (flash at 0x9000)"
else
  echo "esp_idf_nvs_partition_gen not found: run in an ESP-IDF environment to make $out/pairing-nvs.bin from $out/pairing-nvs.csv" >&2
fi
"$here/pairing_label.sh" "$code" "$out/label.svg" >/dev/null
echo "label: $out/label.svg (the code is in it and in $out/pairing-nvs.csv; it is not printed here)"
