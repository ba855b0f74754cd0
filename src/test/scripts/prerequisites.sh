#!/usr/bin/env bash
# Makes sure the programs Keyward's tests drive are on this machine: Chromium and ChromeDriver (browser
# tests), SoftHSM2 (PKCS#11 tests) and wrk (the crypto benchmark's load generator). As root it installs missing ones with apt-get; otherwise it stops
# at once and names them. Then it creates a fresh SoftHSM2 token under the build directory (argument 1).
set -euo pipefail
target="${1:-target}"
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
command -v softhsm2-util >/dev/null 2>&1 || missing+=(softhsm2)
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing test prerequisites: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "Keyward's tests need these Debian packages, which are missing: ${missing[*]}" >&2
    echo "Install them (sudo apt-get install -y ${missing[*]}) or run the build as root." >&2
    exit 1
  fi
fi

# A SoftHSM2 token for the PKCS#11 tests, kept under target/ so no root is needed (STACK.md pitfall 9).
hsm="$target/softhsm"
rm -rf "$hsm"
mkdir -p "$hsm/tokens"
printf 'directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n' "$(cd "$hsm" && pwd)/tokens" > "$hsm/softhsm2.conf"
# One token per label, each with a SunPKCS11 config naming its (random) slot.
for label in keyward-test keyward-mirror; do
  out=$(SOFTHSM2_CONF="$hsm/softhsm2.conf" softhsm2-util --init-token --free --label "$label" --pin 1234 --so-pin 5678)
  slot=$(echo "$out" | grep -o 'slot [0-9]*' | awk '{print $2}')
  printf 'name = %s\nlibrary = /usr/lib/softhsm/libsofthsm2.so\nslot = %s\n' "$label" "$slot" > "$hsm/$label.cfg"
done
# The mirrored pair's shared transport key, imported into both tokens with the vendor tool as in a key ceremony;
# the clear value exists only for these two commands.
transport=$(mktemp)
# softhsm2-util reads the key file as a line: a NUL or newline byte would silently shorten the key.
head -c 256 /dev/urandom | tr -d '\000\n\r' | head -c 32 > "$transport"
for label in keyward-test keyward-mirror; do
  SOFTHSM2_CONF="$hsm/softhsm2.conf" softhsm2-util --import "$transport" --aes --token "$label" \
    --label keyward-mirror-transport --id 7472616e73706f7274 --pin 1234 >/dev/null
done
shred -u "$transport"
