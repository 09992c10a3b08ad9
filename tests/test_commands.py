"""Every management command of the project, run through its real entry point (``manage.py``).

``call_command`` skips what ``manage.py`` does first (argument parsing by the real parser, the
system checks, ``BaseCommand.check``): a command that overrode ``check`` passed every unit test
and crashed for every user. So each command of the project's apps is found on disk and run as
a subprocess, once with ``--help`` and once for real on a small fixture.

A new command gets its ``--help`` run automatically; its real run is one entry in ``RUNS``
(``test_every_command_has_a_real_run`` names the missing ones). The subprocesses use their own
SQLite database, a copy of one migrated once per session with the Kudus sample plan (id 1)
imported, and their own data directory.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import find_commands

PROJECT = Path(settings.BASE_DIR)
SAMPLE = PROJECT / "fixtures" / "lampiran" / "kudus-2022-rencana-kerja-zi.txt"
TEGAL = PROJECT / "fixtures" / "lampiran" / "tegal-2022-rencana-aksi-zi.txt"


def project_commands() -> list[str]:
    """Names of the commands defined by the project's own apps (not Django's or libraries')."""
    names = []
    for config in apps.get_app_configs():
        path = Path(config.path)
        if PROJECT not in path.parents or ".venv" in path.parts:
            continue
        names += find_commands(str(path / "management"))
    return sorted(names)


@dataclass
class Run:
    """A real run: ``args(tmp)`` after the command name; success means exit 0, every string
    of ``expect`` in stdout, and ``check(tmp)`` (files written...) true."""

    args: Callable[[Path], list[str]] = lambda tmp: []
    expect: tuple[str, ...] = ()
    check: Callable[[Path], bool] = lambda tmp: True
    stdin: str | None = None
    env: dict[str, str] = field(default_factory=dict)


def _users_csv(tmp: Path) -> list[str]:
    path = tmp / "akun.csv"
    path.write_text(
        "username,nama,email,satker,peran\nbudi.k,Budi Kudus,budi@kpu.example,3319,operator\n",
        encoding="utf-8",
    )
    return [str(path)]


#: command → its real run on the fixture database (plan 1 = the Kudus sample SK of 2022).
RUNS: dict[str, Run] = {
    "import_users": Run(_users_csv, expect=("1 akun baru", "budi.k")),
    "import_lampiran": Run(
        lambda tmp: [str(TEGAL), "--dry-run"], expect=("Kota Tegal", "70 bukti fisik")
    ),
    "load_demo": Run(expect=("timzi.kudus",)),
    "render_sk_pdf": Run(
        lambda tmp: ["1", "--html", "--output", str(tmp / "sk.html")],
        check=lambda tmp: "LAMPIRAN" in (tmp / "sk.html").read_text(encoding="utf-8").upper(),
    ),
    "monev_status": Run(lambda tmp: ["1", "--tanggal", "2022-07-01", "--json"], expect=("{",)),
    "kirim_pengingat": Run(lambda tmp: ["--tanggal", "2022-03-01"]),
    "export_bukti": Run(
        lambda tmp: ["1", "--output", str(tmp / "paket.zip")],
        check=lambda tmp: (tmp / "paket.zip").read_bytes()[:2] == b"PK",
    ),
    "bersihkan_berkas": Run(expect=("uji coba",)),
    "cadangkan": Run(
        lambda tmp: [str(tmp / "cadangan")],
        check=lambda tmp: any((tmp / "cadangan").glob("cadangan-*/manifest.json")),
    ),
    "pulihkan": Run(lambda tmp: [_backup(tmp), "--ya"], expect=("Dipulihkan",)),
    # nothing queued in the fixture database: the worker starts, finds no task and exits
    "db_worker": Run(lambda tmp: ["--batch", "--no-startup-delay", "--no-reload"]),
    "pangkas_hasil": Run(expect=("berkas dihapus",)),
    # the 2026 question set comes with the migrations: loading it again is skipped, not doubled
    "muat_master_lke": Run(expect=("sudah ada, dilewati",)),
    "import_lke": Run(
        lambda tmp: [_lke_workbook(tmp), "--satker", "3319", "--tahun", "2026", "--dry-run"],
        expect=("uji coba, tidak disimpan",),
    ),
    "skor_lke": Run(
        lambda tmp: [*_lke_started(tmp), "3319", "--tahun", "2026", "--json"],
        expect=('"wbk"', '"pengungkit"'),
    ),
}


def _lke_started(tmp: Path) -> list[str]:
    """Start Kudus's LKE 2026 in the run's own database (through the workbook import's dry run,
    which starts it), so that ``skor_lke`` has answers to score; no extra arguments."""
    _lke_workbook(tmp)
    return []


def _lke_workbook(tmp: Path) -> str:
    """An evaluators' workbook of Kudus's LKE 2026 as the app exports it (made in the run's own
    database by ``manage.py shell``), for ``import_lke``."""
    path = tmp / "lke.xlsx"
    code = (
        "from pathlib import Path; from access.models import Satker; "
        "from lke.services import lke_mulai; from lke.workbook import workbook_ekspor; "
        "lke = lke_mulai(satker=Satker.objects.get(kode='3319'), tahun=2026, user=None); "
        f"Path({str(path)!r}).write_bytes(workbook_ekspor(lke=lke, base_url='http://localhost'))"
    )
    done = manage("shell", "-c", code, tmp=tmp, db=tmp / "db.sqlite3")
    assert done.returncode == 0, done.stderr[-3000:]
    return str(path)


def _backup(tmp: Path) -> str:
    """A backup of the run's own database (made with ``cadangkan``), for ``pulihkan``."""
    done = manage("cadangkan", str(tmp / "cadangan"), tmp=tmp, db=tmp / "db.sqlite3")
    assert done.returncode == 0, done.stderr[-3000:]
    [folder] = (tmp / "cadangan").glob("cadangan-*")
    return str(folder)


def _env(tmp: Path, db: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "DJANGO_"))}
    env.update(
        DATABASE_URL=f"sqlite:///{db}",
        ZI_DATA_DIR=str(tmp / "var"),
        DJANGO_DEBUG="1",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def manage(*args: str, tmp: Path, db: Path, stdin: str | None = None, extra=None):
    env = _env(tmp, db) | (extra or {})
    return subprocess.run(
        [sys.executable, str(PROJECT / "manage.py"), *args],
        cwd=tmp,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="session")
def template_db(tmp_path_factory) -> Path:
    """A migrated SQLite database with the Kudus sample plan imported (plan id 1)."""
    tmp = tmp_path_factory.mktemp("commands")
    db = tmp / "template.sqlite3"
    for args in (("migrate", "--noinput"), ("import_lampiran", str(SAMPLE))):
        done = manage(*args, tmp=tmp, db=db)
        assert done.returncode == 0, done.stderr[-3000:]
    return db


def test_commands_are_discovered():
    found = project_commands()
    assert {"import_users", "import_lampiran", "export_bukti", "monev_status"} <= set(found)
    assert "migrate" not in found  # Django's own commands are not the project's


def test_every_command_has_a_real_run():
    missing = sorted(set(project_commands()) - RUNS.keys())
    stale = sorted(RUNS.keys() - set(project_commands()))
    assert not missing, f"perintah tanpa uji jalan nyata di tests/test_commands.py RUNS: {missing}"
    assert not stale, f"entri RUNS untuk perintah yang tidak ada: {stale}"


@pytest.mark.parametrize("name", project_commands())
def test_help_through_manage_py(name, tmp_path):
    done = manage(name, "--help", tmp=tmp_path, db=tmp_path / "unused.sqlite3")
    assert done.returncode == 0, done.stderr[-3000:]
    assert f"manage.py {name}" in done.stdout


@pytest.mark.parametrize("name", sorted(RUNS))
def test_real_run_through_manage_py(name, tmp_path, template_db):
    if name not in project_commands():
        pytest.fail(f"{name} ada di RUNS tetapi bukan perintah proyek")
    run = RUNS[name]
    db = tmp_path / "db.sqlite3"
    shutil.copy(template_db, db)
    done = manage(name, *run.args(tmp_path), tmp=tmp_path, db=db, stdin=run.stdin, extra=run.env)
    assert done.returncode == 0, f"{name}: {done.stderr[-3000:]}"
    for text in run.expect:
        assert text in done.stdout, (
            f"{name}: {text!r} tidak ada di keluaran:\n{done.stdout[-2000:]}"
        )
    assert run.check(tmp_path), f"{name}: hasilnya tidak sesuai"
