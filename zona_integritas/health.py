"""Health checks behind ``/sehat/``: database, evidence storage, cache, task worker heartbeat.

The worker heartbeat is an entry ``{"at": <Unix time>, "worker": <id>}`` in the cache under
``WORKER_HEARTBEAT_KEY``, the key and shape the task worker (``manage.py db_worker``) writes
every few seconds; ``record_worker_heartbeat()`` writes the same entry. The check reports the
worker stale after ``settings.ZI_WORKER_HEARTBEAT_MAX_AGE`` seconds. The cache is shared by
every process of a machine (the file cache under ``ZI_DATA_DIR``) or of a whole deployment
(Redis), so any web process sees the heartbeat of a worker running elsewhere.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import storages
from django.db import connection

WORKER_HEARTBEAT_KEY = "jobs:worker-heartbeat"

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CheckResult:
    """One check's outcome: ``ok``; ``detail`` (a short Indonesian text, no secrets); ``ms``."""

    ok: bool
    detail: str
    ms: float


def record_worker_heartbeat(now: float | None = None, *, worker: str = "-") -> None:
    """Store a worker heartbeat (Unix time ``now``, default the clock) in the cache, no expiry."""
    at = time.time() if now is None else now
    cache.set(WORKER_HEARTBEAT_KEY, {"at": at, "worker": worker}, timeout=None)


def worker_heartbeat_age(now: float | None = None) -> float | None:
    """Seconds since the latest heartbeat of any worker, ``None`` if none was recorded.

    A cache error propagates (the health check reports it; ``jobs.heartbeat`` turns it into
    "unknown")."""
    beat = cache.get(WORKER_HEARTBEAT_KEY)
    if not beat:
        return None
    return max(0.0, (time.time() if now is None else now) - float(beat["at"]))


def check_database() -> str:
    """Run ``SELECT 1`` on the default database; raises the driver's error when it fails."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "terhubung"


def check_storage() -> str:
    """List the root of the evidence storage (``STORAGES["bukti"]``, local disk or S3).

    Listing reads without writing, so a health probe every few seconds leaves nothing behind;
    raises the storage's error when the disk or the bucket cannot be reached. A local folder
    that does not exist yet (no upload so far) is fine when it can be created.
    """
    storage = storages["bukti"]
    try:
        storage.listdir("")
    except FileNotFoundError:
        parent = Path(storage.path(""))
        while not parent.exists():
            parent = parent.parent
        if not os.access(parent, os.W_OK | os.X_OK):
            raise RuntimeError("folder bukti belum ada dan tidak dapat dibuat") from None
        return "belum ada berkas; folder dapat dibuat"
    return "terbaca"


def check_cache() -> str:
    """Write and read back a value in the default cache; raises ``RuntimeError`` on mismatch."""
    token = repr(time.time())
    cache.set("zi:health-probe", token, 60)
    if cache.get("zi:health-probe") != token:
        raise RuntimeError("nilai cache tidak terbaca kembali")
    return "tulis/baca berhasil"


def check_worker(now: float | None = None) -> str:
    """Age of the worker's heartbeat; raises ``RuntimeError`` when missing or too old."""
    age = worker_heartbeat_age(now)
    if age is None:
        raise RuntimeError("belum ada detak dari pekerja tugas (manage.py db_worker)")
    if age > settings.ZI_WORKER_HEARTBEAT_MAX_AGE:
        raise RuntimeError(f"detak terakhir {age:.0f} detik lalu")
    return f"detak {age:.0f} detik lalu"


# Name → check. A failing essential check makes the answer 503 (a load balancer then stops
# sending requests to this server); the worker is not essential to serving pages, so its
# failure only marks the answer "terganggu" unless the caller asks for it (?ketat=1).
CHECKS: dict[str, Callable[[], str]] = {
    "database": check_database,
    "storage": check_storage,
    "cache": check_cache,
    "worker": check_worker,
}
ESSENTIAL = frozenset({"database", "storage", "cache"})


def run_checks() -> dict[str, CheckResult]:
    """Run every check of ``CHECKS``; an exception becomes ``ok=False``.

    The answer is public, so a failure shows only our own ``RuntimeError`` texts or the error's
    class name (a driver's message may name hosts); the full error goes to the log.
    """
    results = {}
    for name, check in CHECKS.items():
        started = time.monotonic()
        try:
            detail, ok = check(), True
        except RuntimeError as exc:
            detail, ok = str(exc), False
        except Exception as exc:
            logger.warning("health check %s failed", name, exc_info=True)
            detail, ok = f"gagal ({type(exc).__name__})", False
        results[name] = CheckResult(ok, detail, round((time.monotonic() - started) * 1000, 1))
    return results
