#!/usr/bin/env bash
# Makes sure the programs Keyward's tests drive are on this machine: Chromium and ChromeDriver (browser
# tests) and SoftHSM2 (PKCS#11 tests). As root it installs missing ones with apt-get; otherwise it stops
# at once and names them.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
command -v softhsm2-util >/dev/null 2>&1 || missing+=(softhsm2)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing test prerequisites: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "Keyward's tests need these Debian packages, which are missing: ${missing[*]}" >&2
echo "Install them (sudo apt-get install -y ${missing[*]}) or run the build as root." >&2
exit 1
