#!/usr/bin/env bash
# Create .venv (Python >= 3.11) and install the pinned requirements when they changed.
# Usage: scripts/venv.sh [requirements file]   (default requirements-dev.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
REQ="${1:-requirements-dev.txt}"
PY="${PYTHON:-python3}"
"$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python >= 3.11 dibutuhkan")'
[ -x .venv/bin/python ] || "$PY" -m venv .venv
stamp=".venv/.installed-$(cat requirements.txt "$REQ" | sha256sum | cut -c1-16)-$(basename "$REQ")"
if [ ! -f "$stamp" ]; then
  echo "Memasang dependensi Python dari $REQ ..."
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -r "$REQ"
  touch "$stamp"
fi
