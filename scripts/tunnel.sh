#!/usr/bin/env bash
# Gives racesense-server the https address a phone needs (Web Bluetooth only works in a secure
# context) and tells the server: the address goes into <data-dir>/public-url, which the server
# reads within two seconds and prints with the token (docs/tunnel.md).
#
#   scripts/tunnel.sh quick                  Cloudflare quick tunnel: no account, new address each start
#   scripts/tunnel.sh named HOSTNAME [CONFIG] Cloudflare named tunnel with a fixed hostname
#                                            (CONFIG default: /etc/cloudflared/racesense.yml)
#   scripts/tunnel.sh funnel                 Tailscale Funnel: https://<machine>.<tailnet>.ts.net
#
# PORT (default 8080) and DATA_DIR (default ./data) must match the running server's.
# Neither cloudflared nor tailscale is a Debian package; this script never downloads them.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8080}
DATA_DIR=${DATA_DIR:-data}
mode=${1:-}

publish() {  # $1 = https base URL
  mkdir -p "$DATA_DIR"
  printf '%s\n' "$1" >"$DATA_DIR/public-url.tmp" && mv "$DATA_DIR/public-url.tmp" "$DATA_DIR/public-url"
  echo "Public address: $1 (written to $DATA_DIR/public-url; the server prints the phone link with the token)"
}

need_cloudflared() {
  command -v cloudflared >/dev/null && return 0
  echo "cloudflared is not installed (it is not a Debian package): docs/tunnel.md, \"Install cloudflared (once)\", says how. Then run this again." >&2
  exit 1
}

case "$mode" in
  quick)
    need_cloudflared
    echo "Starting a Cloudflare quick tunnel to http://localhost:$PORT (Ctrl-C stops it)..."
    # cloudflared prints the assigned https://<words>.trycloudflare.com address in its log.
    cloudflared tunnel --no-autoupdate --url "http://localhost:$PORT" 2>&1 | while IFS= read -r line; do
      printf '%s\n' "$line" >&2
      if url=$(grep -oE 'https://[a-z0-9-]+\.trycloudflare\.com' <<<"$line"); then publish "$url"; fi
    done
    ;;
  named)
    need_cloudflared
    host=${2:?"usage: scripts/tunnel.sh named HOSTNAME [CONFIG]  (e.g. paddock.example.com)"}
    config=${3:-/etc/cloudflared/racesense.yml}
    [ -r "$config" ] || { echo "No tunnel configuration at $config: see docs/tunnel.md (named tunnel)." >&2; exit 1; }
    publish "https://${host#https://}"
    exec cloudflared --no-autoupdate --config "$config" tunnel run
    ;;
  funnel)
    command -v tailscale >/dev/null || {
      echo "tailscale is not installed: see https://tailscale.com/download/linux (docs/tunnel.md, Tailscale Funnel)." >&2
      exit 1
    }
    name=$(tailscale status --json | jq -r '.Self.DNSName // empty' | sed 's/\.$//')
    [ -n "$name" ] || { echo "This machine is not logged in to Tailscale: run 'sudo tailscale up' first." >&2; exit 1; }
    tailscale funnel --bg "$PORT"
    publish "https://$name"
    ;;
  *)
    sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
