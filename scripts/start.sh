#!/usr/bin/env bash
# One command from a fresh clone to a running app on SQLite with the demo data:
# system packages, virtualenv, dependencies, database, the three sample SKs imported,
# demo accounts (printed), then the development server on http://127.0.0.1:8000/.
# Environment: HOST (default 127.0.0.1), PORT (default 8000), DATABASE_URL (default SQLite),
# NO_SERVER=1 to set everything up without starting the server.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/system-deps.sh
scripts/venv.sh requirements.txt
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py load_demo
if [ "${NO_SERVER:-0}" != "1" ]; then
  echo "Aplikasi berjalan di http://${HOST:-127.0.0.1}:${PORT:-8000}/  (Ctrl+C untuk berhenti)"
  exec .venv/bin/python manage.py runserver "${HOST:-127.0.0.1}:${PORT:-8000}"
fi
