#!/usr/bin/env bash
# Prepares the English-Spanish parallel corpus for machine translation: the World English Bible
# (Debian's sword-text-web, module engWEB2015eb) and the Reina-Valera 1909 (sword-text-sparv,
# module spaRV1909eb), both public domain, aligned by verse and split by book (see
# scripts/mt/align.py and docs/MT.md). Installs the packages when missing (root or sudo).
#
#   bash scripts/prepare-mt.sh [OUT_DIR]        # default data/mt
#   bash scripts/prepare-mt.sh OUT_DIR --slice N SLICE_DIR
#                                              # also the first N pairs of each split
set -euo pipefail
out=${1:-data/mt}
shift || true
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v mod2imp >/dev/null || ! command -v python3 >/dev/null \
   || [ ! -e /usr/share/sword/mods.d/engWEB2015eb.conf ] \
   || [ ! -e /usr/share/sword/mods.d/spaRV1909eb.conf ]; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  echo "installing the SWORD Bible modules and mod2imp (sword-text-web, sword-text-sparv, libsword-utils)..." >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
    sword-text-web sword-text-sparv libsword-utils python3 >/dev/null
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Raw OSIS (no -s): align.py removes the footnotes itself (see there why).
mod2imp engWEB2015eb > "$tmp/en.imp" 2>/dev/null
mod2imp spaRV1909eb > "$tmp/es.imp" 2>/dev/null
python3 "$here/mt/align.py" "$tmp/en.imp" "$tmp/es.imp" "$out" "$@"
echo "wrote $out/{train,valid,test}.{en,es}" >&2
