#!/usr/bin/env bash
# The test suite: system packages, virtualenv with the dev requirements, then pytest.
# SQLite by default; set DATABASE_URL=postgres://... to run it on PostgreSQL.
# Extra arguments go to pytest (e.g. scripts/test.sh tests/plans -x).
# Runs in parallel on every core (pytest-xdist, ``-n auto --dist loadgroup``: the browser
# journeys share one server, so they stay in one worker) unless the caller passes ``-n N`` or
# ``-p no:xdist`` (e.g. to use ``pdb``).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/system-deps.sh
scripts/venv.sh requirements-dev.txt
parallel=(-n auto --dist loadgroup)
prev=""
for arg in "$@"; do
  case "$arg" in
    -n|-n[0-9]*|--numprocesses|--numprocesses=*) parallel=() ;;
    no:xdist) [ "$prev" = "-p" ] && parallel=() ;;
    -pno:xdist) parallel=() ;;
  esac
  prev="$arg"
done
exec .venv/bin/pytest "${parallel[@]}" "$@"
