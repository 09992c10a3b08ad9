#!/usr/bin/env bash
# One command from a fresh clone to a running app on SQLite with the demo data:
# system packages, virtualenv, dependencies, database, the three sample SKs imported,
# demo accounts (printed), then the development server on http://127.0.0.1:8000/ together with
# the background task worker (manage.py db_worker: large prints, evidence packs, reminders),
# which is stopped with the server.
# Environment: HOST (default 127.0.0.1), PORT (default 8000), DATABASE_URL (default SQLite),
# NO_SERVER=1 to set everything up without starting the server.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/system-deps.sh
scripts/venv.sh requirements.txt
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py load_demo
if [ "${NO_SERVER:-0}" != "1" ]; then
  .venv/bin/python manage.py db_worker --no-reload -v0 &
  worker=$!
  trap 'kill "$worker" 2>/dev/null || true; wait "$worker" 2>/dev/null || true' EXIT INT TERM
  echo "Aplikasi berjalan di http://${HOST:-127.0.0.1}:${PORT:-8000}/  (Ctrl+C untuk berhenti)"
  .venv/bin/python manage.py runserver "${HOST:-127.0.0.1}:${PORT:-8000}"
fi
