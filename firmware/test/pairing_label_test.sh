#!/usr/bin/env bash
# The label made by tools/pairing_label.sh, read back as a person and a phone would: its text shows
# the code, and its QR code (rendered by rsvg-convert, decoded by zbarimg) holds RSCORE1:<code>.
set -euo pipefail
fw=$(cd "$(dirname "$0")/.." && pwd)
for tool in qrencode rsvg-convert zbarimg; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool missing (scripts/install-deps.sh installs it)"; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$fw/tools/pairing_label.sh" "0719 4286" "$work/label.svg" >/dev/null
grep -q '>0719 4286<' "$work/label.svg" || { echo "FAIL: the code is not printed as text"; exit 1; }
rsvg-convert -z 3 -b white -o "$work/label.png" "$work/label.svg"
decoded=$(zbarimg --quiet --raw "$work/label.png")
[ "$decoded" = "RSCORE1:07194286" ] || { echo "FAIL: the QR code reads '$decoded'"; exit 1; }
if "$fw/tools/pairing_label.sh" 12345 "$work/bad.svg" 2>/dev/null; then echo "FAIL: a 5-digit code was accepted"; exit 1; fi
echo "PASS: label text and QR code carry the pairing code"
