#!/usr/bin/env bash
# Prints main/Kconfig.projbuild's defaults as the #defines ESP-IDF's sdkconfig.h would hold.
awk '/^ *config RS_/{name=$2} /^ *default/{if (name) print "#define CONFIG_" name " " $2; name=""}' \
    "$(dirname "$0")/../main/Kconfig.projbuild"
