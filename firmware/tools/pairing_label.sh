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

# qrencode draws the QR code (quiet zone 4 modules); its drawing is nested in the label, scaled by
# its own viewBox.
qr=$(qrencode -t SVG -l M -m 4 -o - "RSCORE1:$code")
viewbox=$(sed -n 's/.*<svg[^>]* viewBox="\([^"]*\)".*/\1/p' <<<"$qr" | head -1)
drawing=$(sed -n '/<svg/,/<\/svg>/p' <<<"$qr" | sed '1d;$d')
[ -n "$viewbox" ] && [ -n "$drawing" ] || { echo "qrencode gave no SVG drawing" >&2; exit 1; }
svg() {
  cat <<SVG
<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="360" height="190" viewBox="0 0 360 190">
  <rect width="360" height="190" fill="#ffffff" stroke="#000000" stroke-width="2"/>
  <text x="12" y="32" font-family="DejaVu Sans, sans-serif" font-size="18" font-weight="bold">RS-Core</text>
  <text x="12" y="62" font-family="DejaVu Sans, sans-serif" font-size="12">Pairing code</text>
  <text x="12" y="96" font-family="DejaVu Sans Mono, monospace" font-size="28" font-weight="bold">${code:0:4} ${code:4:4}</text>
  <text x="12" y="130" font-family="DejaVu Sans, sans-serif" font-size="11">Paddock Sync asks for it</text>
  <text x="12" y="146" font-family="DejaVu Sans, sans-serif" font-size="11">once per phone.</text>
  <text x="12" y="162" font-family="DejaVu Sans, sans-serif" font-size="11">Keep it with the team.</text>
  <svg x="200" y="20" width="150" height="150" viewBox="$viewbox">
$drawing
  </svg>
</svg>
SVG
}
if [ "$out" = - ]; then svg; else svg >"$out"; echo "label written to $out"; fi
