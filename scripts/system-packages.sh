#!/usr/bin/env bash
# Installs the Debian packages a command needs, only when one is missing.
#   scripts/system-packages.sh libgsl-dev pkg-config [kamailio sip-tester ...]
# Needs root (or sudo) only when something is missing. Safe to run again.
set -euo pipefail
missing=()
for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing: ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
