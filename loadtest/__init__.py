"""Load and fault runs against gunicorn + PostgreSQL or SQLite (see ``loadtest/run.py``)."""
