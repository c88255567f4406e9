#!/usr/bin/env bash
# Proves the README's two commands work with Debian 12's own Node.js 18 + npm 9 on a machine that has
# another nodejs installed (NodeSource's, say), which must not be removed: Debian's packages are
# downloaded (apt-get download) and unpacked (dpkg -x) into a work folder, laid over /usr inside a
# private mount namespace (Debian's libnode loads parts of itself from /usr/share/nodejs, so its
# files must sit where Debian puts them), and scripts/test.sh and scripts/run.sh run there in a
# fresh clone of this commit. Outside the namespace nothing changes. Needs root (unshare, mount).
# On a stock Debian 12, whose node already is Debian's 18, scripts/test.sh itself is the proof and
# this script only says so. KEEP=1 keeps the work folder.
# --in-place: run in this checkout instead of a fresh clone, reusing its C++ build (the Node.js part
# is still fresh: the pinned Node.js is fetched anew and web/node_modules is reinstalled, the old one
# put back afterwards). Quicker on a busy machine; CI uses the default.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
# Debian 12's own nodejs build: the archive's current one (security updates replace older ones).
debian_node_version() { apt-cache madison nodejs 2>/dev/null | awk '$3 ~ /dfsg/ {print $3; exit}'; }
DEBIAN_NODE=${DEBIAN_NODE:-$(debian_node_version)}

run_readme_commands() {  # inside the namespace: $1 = work folder, $2 = in-place or clone
  local work=$1 server_pid port
  echo "   node $(node --version) at $(command -v node), npm $(npm --version) at $(command -v npm)"
  node --version | grep -q '^v18\.' || { echo "node in the namespace is not Debian's 18" >&2; return 1; }
  if [ "$2" = in-place ]; then
    cd "$repo"
    export RS_TOOLS_DIR="$work/tools"
    [ -d web/node_modules ] && mv web/node_modules "$work/saved-node_modules"
    # shellcheck disable=SC2064 # expanded now: $work is local to this function
    trap "rm -rf '$repo/web/node_modules'; if [ -d '$work/saved-node_modules' ]; then mv '$work/saved-node_modules' '$repo/web/node_modules'; fi" EXIT
  else
    git clone -q --no-hardlinks "$repo" "$work/repo"
    git -C "$work/repo" checkout -q "$(git -C "$repo" rev-parse HEAD)"
    cd "$work/repo"
  fi
  echo "== scripts/test.sh with Debian's Node 18"
  scripts/test.sh
  echo "== scripts/run.sh with Debian's Node 18"
  PORT=0 DATA_DIR="$work/data" scripts/run.sh --bind 127.0.0.1 >"$work/run.out" 2>&1 &
  server_pid=$!
  for _ in $(seq 600); do  # bounded wait for the server's LISTENING line
    grep -q '^LISTENING port=' "$work/run.out" && break
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.5
  done
  port=$(sed -n 's/^LISTENING port=//p' "$work/run.out")
  if [ -z "$port" ]; then cat "$work/run.out"; echo "scripts/run.sh did not start the server" >&2; return 1; fi
  curl -fsS "http://127.0.0.1:$port/" | grep -q 'id="app"' || { echo "the web app is not served" >&2; return 1; }
  kill "$server_pid"; wait "$server_pid" || true
  echo "scripts/run.sh served the web app on port $port"
}

if [ "${1:-}" = --inside ]; then
  run_readme_commands "$2" "$3"
  exit 0
fi
mode=clone
[ "${1:-}" = --in-place ] && mode=in-place

if node --version 2>/dev/null | grep -q '^v18\.' && dpkg-query -W -f='${Version}' nodejs 2>/dev/null | grep -q dfsg; then
  echo "node is Debian's own $(node --version): scripts/test.sh already ran with it."
  exit 0
fi

if [ -z "$DEBIAN_NODE" ]; then  # package lists never fetched on this machine
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_NODE=$(debian_node_version)
fi
[ -n "$DEBIAN_NODE" ] || { echo "apt knows no Debian nodejs package (is this Debian 12?)" >&2; exit 1; }
work=$(mktemp -d /tmp/rs-node18-XXXXXX)
trap '[ -n "${KEEP:-}" ] && echo "kept $work" || rm -rf "$work"' EXIT

# Debian's nodejs 18 + npm and everything they need that is a Node.js module or library (node-*,
# libnode108); the system libraries they link are part of any Debian 12.
echo "== downloading Debian's nodejs $DEBIAN_NODE and npm with their node-* modules (not installing them)"
mkdir -p "$work/debs" "$work/root"
specs=()
for p in $(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces \
             --no-enhances --no-pre-depends npm libnode108 2>/dev/null |
           grep -E '^(node-[a-z0-9.+-]+|libnode108|nodejs|npm)$' | sort -u); do
  case "$p" in
    nodejs|libnode108) specs+=("$p=$DEBIAN_NODE") ;;
    *) specs+=("$p") ;;
  esac
done
(cd "$work/debs" && apt-get download -qq "${specs[@]}" 2>&1 | { grep -v 'unsandboxed' || true; })
for deb in "$work"/debs/*.deb; do dpkg -x "$deb" "$work/root"; done
echo "   ${#specs[@]} packages unpacked into $work/root"

unshare --mount --propagation private bash -c \
  'mount -t overlay overlay -o "lowerdir=$1/root/usr:/usr" /usr && exec "$2" --inside "$1" "$3"' \
  _ "$work" "$repo/scripts/check-debian-node18.sh" "$mode"
echo "Debian Node 18 check passed: scripts/test.sh and scripts/run.sh ran with Debian's node 18 and npm 9."
