#!/usr/bin/env bash
# The RS-Core's label: its pairing code as text ("1234 5678") and as a QR code ("RSCORE1:12345678",
# docs/protocol.md §1.4), as one SVG to print and stick on the logger. Needs Debian's qrencode.
#   pairing_label.sh CODE [OUT.svg]     (OUT default: rs-core-label-<code>.svg; "-" for stdout)
set -euo pipefail
usage() { echo "usage: $0 CODE [OUT.svg]   (CODE: 8 digits, spaces or dashes allowed)" >&2; exit 2; }
[ $# -ge 1 ] || usage
code=$(printf '%s' "$1" | tr -d ' -')
[[ $code =~ ^[0-9]{8}$ ]] || usage
out=${2:-rs-core-label-$code.svg}
command -v qrencode >/dev/null || { echo "qrencode is missing: apt-get install qrencode" >&2; exit 1; }

# qrencode draws the QR code (module size 4 px, quiet zone 4 modules); it is nested in the label.
qr=$(qrencode -t SVG -l M -s 4 -m 4 -o - "RSCORE1:$code" | sed -n '/<svg/,$p')
size=$(sed -n 's/.*<svg[^>]* width="\([0-9.]*\)cm".*/\1/p; s/.*<svg[^>]* width="\([0-9.]*\)".*/\1/p' <<<"$qr" | head -1)
svg() {
  cat <<SVG
<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="320" height="190" viewBox="0 0 320 190">
  <rect width="320" height="190" fill="#ffffff" stroke="#000000" stroke-width="2"/>
  <text x="12" y="32" font-family="DejaVu Sans, sans-serif" font-size="18" font-weight="bold">RS-Core</text>
  <text x="12" y="62" font-family="DejaVu Sans, sans-serif" font-size="12">Pairing code</text>
  <text x="12" y="96" font-family="DejaVu Sans Mono, monospace" font-size="28" font-weight="bold">${code:0:4} ${code:4:4}</text>
  <text x="12" y="130" font-family="DejaVu Sans, sans-serif" font-size="10">Paddock Sync asks for it once per phone.</text>
  <text x="12" y="146" font-family="DejaVu Sans, sans-serif" font-size="10">Keep it with the team.</text>
  <svg x="170" y="20" width="150" height="150" viewBox="0 0 ${size:-150} ${size:-150}">
$(sed '1d' <<<"$qr" | sed '/^<?xml/d')
  </svg>
</svg>
SVG
}
if [ "$out" = - ]; then svg; else svg >"$out"; echo "label written to $out"; fi
