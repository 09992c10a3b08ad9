#!/usr/bin/env bash
# One command from a fresh clone to a running app on SQLite with the demo data:
# system packages, virtualenv, dependencies, database, the three sample SKs imported,
# demo accounts (printed), then the server on http://127.0.0.1:8000/ together with the
# background task worker (manage.py db_worker: large prints, evidence packs, reminders),
# which is stopped with the server.
# Environment: HOST (default 127.0.0.1), PORT (default 8000), DATABASE_URL (default SQLite),
# NO_SERVER=1 to set everything up without starting the server.
# With DJANGO_DEBUG=0 (production settings; DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS needed)
# the static files are collected and gunicorn (gunicorn.conf.py) serves the app instead of the
# development server; the demo accounts are then only created with ZI_DEMO=1.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/system-deps.sh
scripts/venv.sh requirements.txt
PY=.venv/bin/python
debug="${DJANGO_DEBUG:-1}"
$PY manage.py migrate --noinput -v0
if [ "$debug" != "0" ]; then
  $PY manage.py load_demo
else
  $PY manage.py collectstatic --noinput -v0
  if [ "${ZI_DEMO:-0}" = "1" ]; then $PY manage.py load_demo --paksa; fi
fi
[ "${NO_SERVER:-0}" = "1" ] && exit 0

$PY manage.py db_worker --no-reload -v0 &
worker=$!
trap 'kill "$worker" 2>/dev/null || true; wait "$worker" 2>/dev/null || true' EXIT INT TERM
echo "Aplikasi berjalan di http://${HOST:-127.0.0.1}:${PORT:-8000}/  (Ctrl+C untuk berhenti)"
if [ "$debug" != "0" ]; then
  $PY manage.py runserver "${HOST:-127.0.0.1}:${PORT:-8000}"
else
  GUNICORN_BIND="${HOST:-127.0.0.1}:${PORT:-8000}" .venv/bin/gunicorn -c gunicorn.conf.py
fi
