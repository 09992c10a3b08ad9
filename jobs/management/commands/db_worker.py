"""``manage.py db_worker``: django-tasks-db's worker, plus the heartbeat of ``jobs.heartbeat``.

Same options as the original (``--queue-name``, ``--interval``, ``--batch``, ``--reload`` …),
plus ``--heartbeat-interval`` (seconds, default 10) and ``--nice`` (default 10: the worker
runs at a lower CPU priority than the web processes). The heartbeat is written from a daemon
thread of the process that runs tasks (the child when auto-reloading), so it goes on during a
long task and stops when the process dies (``--batch`` beats once, at the start). A lost
database connection (PostgreSQL restarted) does not end the worker: it waits 2 s and goes on.
"""

from __future__ import annotations

import logging
import os
import threading
import time

from django.db import close_old_connections, connections
from django.db.utils import InterfaceError, OperationalError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as WorkerCommand

from jobs.heartbeat import INTERVAL, beat

logger = logging.getLogger(__name__)


def _heartbeat_loop(worker_id: str, interval: float) -> None:
    while True:
        try:
            beat(worker_id)
        except Exception:
            logger.warning("worker heartbeat: cache not writable", exc_info=True)
        time.sleep(interval)


class Command(WorkerCommand):
    help = "Jalankan pekerja tugas latar belakang (django-tasks, basis data) dengan detak jantung."

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--nice",
            type=int,
            default=10,
            help="turunkan prioritas CPU proses pekerja sebanyak ini (baku %(default)s; 0 = tidak)",
        )
        parser.add_argument(
            "--heartbeat-interval",
            type=float,
            default=INTERVAL,
            help="detik antara dua detak jantung pekerja (baku %(default)s)",
        )

    def handle(self, *args, heartbeat_interval: float, nice: int, **options) -> None:
        runs_tasks = not options["reload"] or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true"
        if runs_tasks:
            if nice > 0:
                # Background work yields the CPU (and, through the I/O scheduler, the disk) to
                # the web processes on the same machine: a 1 GB pack must not slow the pages.
                os.nice(nice)
            beat(options["worker_id"])
        if runs_tasks and not options["batch"]:
            threading.Thread(
                target=_heartbeat_loop,
                args=(options["worker_id"], heartbeat_interval),
                name="worker-heartbeat",
                daemon=True,
            ).start()
        while True:
            try:
                super().handle(*args, **options)
                return
            except (OperationalError, InterfaceError):
                # The database went away (a restart, a failover): wait and go on, instead of
                # leaving the queue unserved until someone restarts the worker.
                logger.warning("db_worker: database unavailable, retrying in 2 s", exc_info=True)
                close_old_connections()
                for conn in connections.all():
                    conn.close()
                time.sleep(2)
