"""The worker heartbeat: proof, readable from any app server, that a task worker is alive.

``manage.py db_worker`` (``jobs.management.commands.db_worker``) writes the time to the cache
key ``HEARTBEAT_KEY`` every ``INTERVAL`` seconds from a background thread, while it waits for
tasks and while it runs one. ``worker_heartbeat_age()`` reads it: the health check calls it and
reports the worker down when the age exceeds ``STALE_AFTER`` (or is ``None``). The default cache
is a directory on the local disk, shared by the processes of one machine; with several machines
set ``REDIS_URL`` so that every server reads the same key.
"""

from __future__ import annotations

from zona_integritas import health

#: The one cache entry of the heartbeat, shared with the health check (``/sehat/``).
HEARTBEAT_KEY = health.WORKER_HEARTBEAT_KEY
#: Seconds between two heartbeats of a worker.
INTERVAL = 10
#: A heartbeat older than this (seconds) means no worker is running.
STALE_AFTER = 60


def beat(worker_id: str, *, now: float | None = None) -> None:
    """Record that worker ``worker_id`` is alive now (Unix time ``now``, default the clock)."""
    health.record_worker_heartbeat(now, worker=worker_id)


def worker_heartbeat_age(*, now: float | None = None) -> float | None:
    """Seconds since the latest heartbeat of any worker, or ``None`` if none was ever recorded.

    Cache errors (e.g. Redis unreachable) also give ``None``: the caller cannot know.
    """
    try:
        return health.worker_heartbeat_age(now)
    except Exception:  # noqa: BLE001 - a broken cache means "unknown", not a crash of a page
        return None


def worker_alive() -> bool:
    """Whether a worker sent a heartbeat within ``STALE_AFTER`` seconds."""
    age = worker_heartbeat_age()
    return age is not None and age <= STALE_AFTER
