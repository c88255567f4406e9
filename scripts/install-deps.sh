#!/usr/bin/env bash
# Installs what is missing: Debian packages (apt) and the web app's npm packages. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential cmake ninja-build pkg-config git curl ca-certificates jq
  libboost-dev libboost-system-dev libssl-dev libsqlite3-dev sqlite3
  nlohmann-json3-dev libcli11-dev libgtest-dev libgmock-dev
  libcurl4-openssl-dev libcjson-dev
  nodejs npm chromium
  qrencode      # pairing label: the QR code of the logger's pairing code (firmware/tools/pairing_label.sh)
  zbar-tools    # pairing label test: zbarimg reads the QR code back
  librsvg2-bin  # pairing label test: rsvg-convert renders the label SVG for zbarimg
  g++-multilib  # 32-bit builds: the ESP-IDF port check (tools/check_esp_port.sh) and the firmware heap bench
  clang            # libFuzzer harnesses in fuzz/ (scripts/fuzz.sh)
  libclang-rt-dev  # libFuzzer and the ASan/UBSan runtimes for clang
  python3-pandas  # scripts/bench-analysis.sh: pandas.read_csv is the lap analysis's yardstick
)

sudo_if_needed() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
for p in "${APT_PACKAGES[@]}"; do
  # node/npm may come from another Debian-format repository; only their commands matter.
  if [ "$p" = nodejs ] && command -v node >/dev/null; then continue; fi
  if [ "$p" = npm ] && command -v npm >/dev/null; then continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  # Wait for another apt/dpkg run instead of failing on its lock; never remove a package the machine has.
  apt_opts=(-o DPkg::Lock::Timeout=600 -o Acquire::Retries=3)
  sudo_if_needed apt-get "${apt_opts[@]}" update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" install -y -qq --no-remove "${missing[@]}"
fi

# Debian 12's own nodejs (18) is too old for Vite 7: bring a pinned Node.js from the npm registry.
source scripts/node-env.sh
ensure_web_node

if [ -f web/package.json ]; then
  # Never let an npm package download a browser: the tests use Debian's chromium.
  export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1
  stamp=web/node_modules/.installed-lock
  if [ ! -f "$stamp" ] || ! cmp -s web/package-lock.json "$stamp"; then
    echo "Installing npm packages for web/"
    # npm install (not npm ci): the registry serves only this platform's optional rollup binaries, so
    # the lock file lists just those, which npm ci rejects; --no-save keeps the lock file as committed.
    (cd web && npm install --no-save --no-audit --no-fund --loglevel=error)
    cp web/package-lock.json "$stamp"
  fi
fi
