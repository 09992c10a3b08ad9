#!/usr/bin/env bash
# The test suite: system packages, virtualenv with the dev requirements, then pytest.
# SQLite by default; set DATABASE_URL=postgres://... to run it on PostgreSQL.
# Extra arguments go to pytest (e.g. scripts/test.sh tests/plans -x).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/system-deps.sh
scripts/venv.sh requirements-dev.txt
exec .venv/bin/pytest "$@"
