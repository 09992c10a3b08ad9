#!/usr/bin/env bash
# Install the Debian packages the app needs outside Python, when they are missing:
#   libpango (WeasyPrint's text layout), libharfbuzz-subset0 (WeasyPrint's font subsetting), fonts-texgyre (TeX Gyre Bonum, the Bookman look-alike
#   of the decrees), fonts-liberation2 (Arial/Times metrics), poppler-utils (pdftoppm, to look at
#   rendered pages), zip (baseline of the evidence-pack benchmark), chromium (the browser of the
#   browser journeys in tests/browser: Playwright drives it and never downloads a browser).
# Idempotent: asks apt only when something is missing. Needs root (or sudo) on Debian/Ubuntu.
set -euo pipefail
PKGS=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-texgyre fonts-liberation2 fonts-dejavu-core poppler-utils zip chromium)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null; then
  echo "Paket sistem belum terpasang: ${missing[*]} (pasang manual; bukan Debian/Ubuntu)." >&2
  exit 0
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "Memasang paket sistem: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
