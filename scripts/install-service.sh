#!/usr/bin/env bash
# Installs racesense-server as a systemd service that survives reboots and closed terminals: its
# own system user, data in /var/lib/racesense, restart on failure, logs in journald; and beside it
# a cloudflared unit for the named tunnel (docs/tunnel.md). Run as root after scripts/build.sh.
#
#   scripts/install-service.sh [--public-url https://paddock.example.com] [--port 8080]
#   scripts/install-service.sh --print [...]   only print the units (nothing installed)
#
# The server binary and the web app are copied to /usr/local (the service user cannot read a home
# folder); run it again after an update. Remove with: systemctl disable --now racesense-server
# racesense-tunnel; rm /etc/systemd/system/racesense-{server,tunnel}.service.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
print_only=false
port=8080
public_url=
bin=/usr/local/bin/racesense-server
web=/usr/local/share/racesense/web
data=/var/lib/racesense
grace=20
tunnel_config=/etc/cloudflared/racesense.yml
while [ $# -gt 0 ]; do
  case "$1" in
    --print) print_only=true ;;
    --port) port=$2; shift ;;
    --public-url) public_url=$2; shift ;;
    --bin) bin=$(realpath -m "$2"); shift ;;             # where the unit runs the server from (tests use the build)
    --web-dir) web=$(realpath -m "$2"); shift ;;
    --data-dir) data=$(realpath -m "$2"); shift ;;
    --grace-s) grace=$2; shift ;;
    --tunnel-config) tunnel_config=$2; shift ;;
    *) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
  shift
done

server_unit() {
  cat <<EOF
[Unit]
Description=RaceSense Paddock Sync server
Documentation=file://$repo/docs/service.md
After=network-online.target
Wants=network-online.target

[Service]
Type=simple
User=racesense
Group=racesense
StateDirectory=racesense
WorkingDirectory=$data
ExecStart=$bin --port $port --bind 0.0.0.0 --data-dir $data --web-dir $web --hide-token --shutdown-grace-s $grace${public_url:+ --public-url $public_url}
# SIGTERM: uploads in flight get up to --shutdown-grace-s to finish (or are dropped whole), then exit.
KillSignal=SIGTERM
TimeoutStopSec=$((grace + 10))
Restart=on-failure
RestartSec=3
StandardOutput=journal
StandardError=journal
NoNewPrivileges=yes
ProtectSystem=strict
ProtectHome=yes
PrivateTmp=yes
ReadWritePaths=$data

[Install]
WantedBy=multi-user.target
EOF
}

tunnel_unit() {
  cat <<EOF
[Unit]
Description=Cloudflare named tunnel for RaceSense (fixed https address for the phones)
After=network-online.target racesense-server.service
Wants=network-online.target

[Service]
Type=simple
ExecStart=/usr/bin/cloudflared --no-autoupdate --config $tunnel_config tunnel run
Restart=on-failure
RestartSec=5
StandardOutput=journal
StandardError=journal

[Install]
WantedBy=multi-user.target
EOF
}

if $print_only; then
  echo "# /etc/systemd/system/racesense-server.service"
  server_unit
  echo
  echo "# /etc/systemd/system/racesense-tunnel.service"
  tunnel_unit
  exit 0
fi

[ "$(id -u)" -eq 0 ] || { echo "Run as root (sudo scripts/install-service.sh ...)." >&2; exit 1; }
[ -x "$repo/build/server/racesense-server" ] && [ -f "$repo/web/dist/index.html" ] ||
  { echo "Build first: scripts/build.sh (or scripts/run.sh once)." >&2; exit 1; }
echo "Installing: system user 'racesense', $bin, the web app in $web, data in $data,"
echo "            /etc/systemd/system/racesense-server.service and racesense-tunnel.service"
id racesense >/dev/null 2>&1 || useradd --system --home-dir "$data" --no-create-home --shell /usr/sbin/nologin racesense
install -D -m 0755 "$repo/build/server/racesense-server" "$bin"
rm -rf "$web" && mkdir -p "$web" && cp -r "$repo/web/dist/." "$web/"
install -d -o racesense -g racesense -m 0750 "$data"
server_unit >/etc/systemd/system/racesense-server.service
tunnel_unit >/etc/systemd/system/racesense-tunnel.service
systemctl daemon-reload
systemctl enable --now racesense-server.service
echo "racesense-server is running: journalctl -u racesense-server -f"
echo "Token: sudo -u racesense $bin --data-dir $data --show-token"
if command -v cloudflared >/dev/null && [ -r "$tunnel_config" ]; then
  systemctl enable --now racesense-tunnel.service
  echo "Tunnel running: journalctl -u racesense-tunnel -f"
else
  echo "Tunnel unit installed but not enabled: set up the named tunnel ($tunnel_config, docs/tunnel.md),"
  echo "then: systemctl enable --now racesense-tunnel"
fi
