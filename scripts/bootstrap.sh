#!/usr/bin/env bash
# Install the Debian packages khabar needs, when they are missing.
# Idempotent: does nothing (and needs no network) when all are there.
#   scripts/bootstrap.sh          build + test dependencies
#   scripts/bootstrap.sh bench    + the peers that benchmarks compare with
#   scripts/bootstrap.sh browser  + Chromium for the web UI test
set -euo pipefail

pkgs=(build-essential pkg-config
      libgumbo-dev libutf8proc-dev libstemmer-dev libsqlite3-dev sqlite3
      libxxhash-dev zlib1g-dev libzstd-dev libuchardet-dev libmicrohttpd-dev
      libjansson-dev libcmocka-dev libpq-dev unicode-cldr-core fonts-noto-core)
case "${1:-}" in
  bench)   pkgs=(python3-stemmer python3-readability python3-chardet python3-dateparser
                 wrk unzip curl time) ;;
  browser) pkgs=(chromium curl) ;;
esac

missing=()
for p in "${pkgs[@]}"; do
  st=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$st" = installed ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "khabar: installing ${missing[*]}" >&2
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "khabar: run as root, or install: apt-get install ${missing[*]}" >&2
    exit 1
  fi
else
  SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
