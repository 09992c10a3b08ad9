"""Backup and restore of the database and the evidence files together, with a SHA-256 manifest.

A backup is a folder ``cadangan-YYYYMMDD-HHMMSS/`` holding:

- ``database.sqlite3`` (SQLite's online backup API: a consistent copy while the app runs) or
  ``database.dump`` (PostgreSQL: ``pg_dump --format=custom``);
- ``bukti/<name>``: every file of the evidence storage (``STORAGES["bukti"]``, local disk or
  S3), under its storage name;
- ``manifest.json``: format, creation time, database engine, and ``name``, ``size`` and
  ``sha256`` of every file above. It is written last, so a folder without it is incomplete.

The database is copied first and the files after: evidence files are stored before their rows
are committed and are never deleted, so every file a copied row names is in the copy (files
uploaded meanwhile are extra, harmless copies).

Restore checks every hash first, refuses an evidence file that exists with other content
(nothing is overwritten), then replaces the whole database and writes the missing files.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO

from django.core.files import File
from django.core.files.storage import Storage, storages
from django.db import connection
from django.utils import timezone

MANIFEST = "manifest.json"
FORMAT = 1
_CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup cannot be made or restored; the message says why, in Indonesian."""


@dataclass(frozen=True)
class RestoreSummary:
    """What ``restore_backup`` did: database engine, files written, files already present."""

    engine: str
    written: int
    present: int


def _sha256_stream(f: IO[bytes]) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: f.read(_CHUNK), b""):
        digest.update(chunk)
    return digest.hexdigest()


def sha256_file(path: Path) -> str:
    """SHA-256 (hex) of a file on disk, read in 1 MB chunks."""
    with path.open("rb") as f:
        return _sha256_stream(f)


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in {"sqlite", "postgresql"}:
        raise BackupError(f"Basis data {vendor} tidak didukung untuk cadangan.")
    return vendor


def _pg_args() -> tuple[list[str], dict[str, str]]:
    """Connection arguments and environment for pg_dump/pg_restore from Django's settings."""
    s = connection.settings_dict
    args = ["--dbname", s["NAME"]]
    if s.get("HOST"):
        args += ["--host", s["HOST"]]
    if s.get("PORT"):
        args += ["--port", str(s["PORT"])]
    if s.get("USER"):
        args += ["--username", s["USER"]]
    env = dict(os.environ)
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = s["PASSWORD"]
    return args, env


def _run(cmd: list[str], env: dict[str, str]) -> None:
    try:
        subprocess.run(cmd, env=env, check=True, capture_output=True, text=True)  # noqa: S603
    except FileNotFoundError as exc:
        raise BackupError(f"{cmd[0]} tidak ditemukan; pasang postgresql-client.") from exc
    except subprocess.CalledProcessError as exc:
        raise BackupError(f"{cmd[0]} gagal: {exc.stderr.strip()[:500]}") from exc


def _walk(storage: Storage, folder: str = "") -> list[str]:
    """Every file name in ``storage`` below ``folder`` (works for local disk and S3)."""
    try:
        dirs, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    names = [f"{folder}/{f}" if folder else f for f in files]
    for d in dirs:
        names += _walk(storage, f"{folder}/{d}" if folder else d)
    return sorted(names)


def _dump_database(engine: str, folder: Path) -> str:
    if engine == "sqlite":
        target = folder / "database.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(target) as dst:
            connection.connection.backup(dst)
        dst.close()
    else:
        target = folder / "database.dump"
        args, env = _pg_args()
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-acl", "--file", str(target), *args],
            env,
        )
    return target.name


def create_backup(*, target_dir: Path, now: datetime | None = None) -> Path:
    """Back up the database and the evidence storage into a new folder under ``target_dir``.

    Returns the backup folder (``target_dir/cadangan-YYYYMMDD-HHMMSS``). Raises
    ``BackupError`` when that folder exists (a backup is never overwritten), the engine is
    neither SQLite nor PostgreSQL, or pg_dump fails. The folder is built under a ``.tmp`` name
    and renamed at the end, so an interrupted backup never looks complete.
    """
    engine = _engine()
    stamp = timezone.localtime(now or timezone.now()).strftime("%Y%m%d-%H%M%S")
    final = Path(target_dir) / f"cadangan-{stamp}"
    work = final.with_name(final.name + ".tmp")
    if final.exists() or work.exists():
        raise BackupError(f"Folder cadangan {final} sudah ada; tidak ditimpa.")
    work.mkdir(parents=True, mode=0o700)
    try:
        files = []
        db_name = _dump_database(engine, work)
        db_path = work / db_name
        files.append(
            {"name": db_name, "size": db_path.stat().st_size, "sha256": sha256_file(db_path)}
        )
        storage = storages["bukti"]
        for name in _walk(storage):
            target = work / "bukti" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            digest = hashlib.sha256()
            with storage.open(name, "rb") as src, target.open("wb") as dst:
                for chunk in iter(lambda src=src: src.read(_CHUNK), b""):
                    digest.update(chunk)
                    dst.write(chunk)
            files.append(
                {
                    "name": f"bukti/{name}",
                    "size": target.stat().st_size,
                    "sha256": digest.hexdigest(),
                }
            )
        manifest = {
            "format": FORMAT,
            "dibuat": timezone.localtime(now or timezone.now()).isoformat(),
            "engine": engine,
            "database": db_name,
            "files": files,
        }
        (work / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False), "utf-8")
        work.rename(final)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return final


def verify_backup(source: Path) -> dict:
    """Read ``source/manifest.json`` and check every listed file's size and SHA-256.

    Returns the manifest (a dict). Raises ``BackupError`` naming the missing or changed files,
    or when the manifest is missing or of another format.
    """
    path = Path(source) / MANIFEST
    if not path.is_file():
        raise BackupError(f"{source} bukan cadangan lengkap: {MANIFEST} tidak ada.")
    manifest = json.loads(path.read_text("utf-8"))
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Format cadangan {manifest.get('format')!r} tidak dikenal.")
    bad = []
    for entry in manifest["files"]:
        file = Path(source) / entry["name"]
        if not file.is_file():
            bad.append(f"{entry['name']} (hilang)")
        elif file.stat().st_size != entry["size"] or sha256_file(file) != entry["sha256"]:
            bad.append(f"{entry['name']} (isi berbeda dari manifest)")
    if bad:
        raise BackupError("Cadangan rusak: " + "; ".join(bad[:20]))
    return manifest


def restore_backup(*, source: Path) -> RestoreSummary:
    """Restore the backup folder ``source`` into this instance's database and evidence storage.

    The database is replaced entirely (SQLite: every page copied by the online backup API;
    PostgreSQL: ``pg_restore --clean --if-exists --single-transaction``). Evidence files are
    written under their stored names; a file already present with the same SHA-256 is kept.
    Raises ``BackupError`` before changing anything when the backup is damaged, was made on
    another engine, or an evidence file exists with different content.
    """
    source = Path(source)
    manifest = verify_backup(source)
    engine = _engine()
    if manifest["engine"] != engine:
        raise BackupError(
            f"Cadangan dibuat di {manifest['engine']}, basis data ini {engine}; pulihkan di mesin "
            "yang sama (atau pindahkan data dengan dumpdata/loaddata)."
        )
    storage = storages["bukti"]
    evidence = [e for e in manifest["files"] if e["name"].startswith("bukti/")]
    present, conflicts = set(), []
    for entry in evidence:
        name = entry["name"].removeprefix("bukti/")
        if storage.exists(name):
            with storage.open(name, "rb") as f:
                if _sha256_stream(f) == entry["sha256"]:
                    present.add(name)
                else:
                    conflicts.append(name)
    if conflicts:
        raise BackupError(
            "Berkas bukti sudah ada dengan isi lain (tidak ditimpa): " + ", ".join(conflicts[:20])
        )

    db_file = source / manifest["database"]
    if engine == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(db_file) as src:
            src.backup(connection.connection)
        src.close()
    else:
        args, env = _pg_args()
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-acl",
                "--single-transaction",
                *args,
                str(db_file),
            ],
            env,
        )
    connection.close()  # the next query reconnects and sees the restored schema

    written = 0
    for entry in evidence:
        name = entry["name"].removeprefix("bukti/")
        if name in present:
            continue
        with (source / entry["name"]).open("rb") as f:
            saved = storage.save(name, File(f, name=name))
        if saved != name:
            raise BackupError(
                f"Penyimpanan menamai {name} menjadi {saved}; periksa penyimpanan bukti."
            )
        written += 1
    return RestoreSummary(engine=engine, written=written, present=len(present))
