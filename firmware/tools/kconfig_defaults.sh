#!/usr/bin/env bash
# Prints the project's configuration as the #defines ESP-IDF's sdkconfig.h would hold:
# main/Kconfig.projbuild's defaults, then sdkconfig.defaults (y → 1, n → undefined).
fw="$(dirname "$0")/.."
awk '/^ *config RS_/{name=$2} /^ *default/{if (name) print "#define CONFIG_" name " " $2; name=""}' \
    "$fw/main/Kconfig.projbuild"
[ "${1:-}" = --with-sdkconfig-defaults ] || exit 0
awk -F= '/^CONFIG_/ { print "#undef " $1; if ($2 == "y") print "#define " $1 " 1"; else if ($2 != "n") print "#define " $1 " " $2 }' \
    "$fw/sdkconfig.defaults"
