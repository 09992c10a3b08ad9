"""gunicorn settings for production (``gunicorn -c gunicorn.conf.py``); environment overrides.

Threaded workers (``gthread``): a long request (an upload from a slow phone, a streamed evidence
pack, a PDF render) occupies one thread, not a whole process, and the worker's main loop keeps
telling the arbiter it is alive, so ``timeout`` only kills a worker that is truly stuck instead of
cutting off a 200 MB download after 30 s as the default sync worker does. Behind nginx the
request body is buffered by nginx first, so slow uploads do not reach gunicorn at all.

Variables: ``GUNICORN_BIND`` (default ``127.0.0.1:8000``), ``WEB_CONCURRENCY`` (worker
processes, default 2), ``GUNICORN_THREADS`` (per process, default 8), ``GUNICORN_TIMEOUT``
(seconds without a heartbeat before a worker is restarted, default 120),
``GUNICORN_ACCESSLOG`` (``-`` for standard output; off by default because the app logs one JSON
line per request itself), ``GUNICORN_FORWARDED_ALLOW_IPS`` (proxies trusted for
``X-Forwarded-*``, default ``127.0.0.1,::1``).
"""

from __future__ import annotations

import os

wsgi_app = "zona_integritas.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")

worker_class = "gthread"
# Two processes keep one alive while the other renders a PDF (WeasyPrint holds the GIL for
# seconds); threads serve the many short page requests and the long streaming ones.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "8"))

timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "60"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))

# Renewing workers now and then bounds the memory a long-lived process gathers (WeasyPrint's
# font caches, large uploads); the jitter keeps the processes from restarting together.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200

# Heartbeat files on tmpfs: a worker blocked on a slow disk is not taken for a stuck one.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108 - tmpfs
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
# No runtime control socket: the systemd unit reloads with HUP, and a shared default path would
# clash when several instances run on one machine.
control_socket_disable = True
proc_name = "zona-integritas"
