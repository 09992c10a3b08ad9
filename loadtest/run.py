# ruff: noqa: S603, S607 - runs the project's own programs with fixed arguments, no user input
"""One load or fault run, start to finish, on the loopback interface only.

    .venv/bin/python -m loadtest.run --db postgres --duration 300
    .venv/bin/python -m loadtest.run --db sqlite --duration 300
    .venv/bin/python -m loadtest.run --db postgres --fault pg-restart --duration 120
    .venv/bin/python -m loadtest.run --db postgres --fault kill-worker --duration 120

Steps: a fresh data directory and database under ``loadtest/results/<run>/`` (PostgreSQL: a
PRIVATE instance made here with ``initdb``/``pg_ctl`` on its own port and data directory,
never a shared server; SQLite: a file); ``migrate``; ``loadtest.seed``; gunicorn (gthread) on
``127.0.0.1:PORT`` with an access log timing every request (keep-alive 10 s, longer than the
users' think time: with gunicorn's default 2 s a client reuses a connection the server has
just closed and gets "connection reset" before reaching the app); ``manage.py db_worker``; locust
headless (``loadtest/locustfile.py``, ``--users`` users, 1–3 s think time, ``--duration``
seconds, stopped by its own time limit); the fault, if any, in the middle; then everything is
stopped, ``loadtest.verify`` checks the data, and the server-side figures per kind of request
(pages, edits, uploads, jobs, login) are printed with verdicts: zero 5xx outside the fault
window, p95 ≤ 1 s for pages and edits, nothing acknowledged lost, no half-written rows.

Faults: ``pg-restart`` restarts the private PostgreSQL (``pg_ctl restart -m fast``) at half
time; ``kill-worker`` sends SIGKILL to one gunicorn worker every 5 s during the middle third
(uploads of 4 MB are then in flight: two fifths of the users upload). Only processes started here are signalled.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv/bin/python")
BIN = ROOT / ".venv/bin"
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
ACCESS_FORMAT = '%(t)s "%(m)s %(U)s" %(s)s %(M)s'
LINE = re.compile(r'^\[(?P<t>[^\]]+)\] "(?P<m>\S+) (?P<u>\S+)" (?P<s>\d{3}) (?P<ms>\d+)')
GRACE = 15  # seconds after a fault during which 5xx are counted as caused by it


class PrivatePostgres:
    """A throwaway PostgreSQL cluster in ``directory`` listening on 127.0.0.1:``port`` only."""

    def __init__(self, directory: Path, port: int) -> None:
        self.dir, self.port = directory, port
        self.data, self.sock = directory / "data", directory / "sock"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        cmd = [str(PG_BIN / args[0]), *args[1:]]
        if os.geteuid() == 0:  # initdb refuses root: run the cluster as the postgres user
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(cmd, check=check, capture_output=True, text=True)

    def start(self) -> str:
        self.sock.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
            shutil.chown(self.sock, "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        opts = f"-p {self.port} -k {self.sock} -c listen_addresses=127.0.0.1 -c fsync=on"
        self._run("pg_ctl", "-D", str(self.data), "-o", opts, "-l", str(self.dir / "pg.log"),
                  "-w", "start")  # fmt: skip
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "zi")
        return f"postgres://postgres@127.0.0.1:{self.port}/zi"

    def restart(self) -> None:
        # With its log file, or the new server would hold our output pipe open until it stops.
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-l", str(self.dir / "pg.log"),
                  "-w", "restart")  # fmt: skip

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop", check=False)


def wait_http(url: str, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"server did not answer at {url}")


def kind_of(method: str, path: str) -> str:
    """The kind of a request for the figures: job, login, upload, edit or page."""
    if path.startswith("/pekerjaan/") or "/cetak/" in path or path.endswith(("paket.zip", "/pdf/")):
        return "job"
    if path.startswith(("/masuk/", "/keluar/")):
        return "login"
    if method == "POST" and path.endswith("/unggah/"):
        return "upload"
    if method == "POST":
        return "edit"
    return "page"


def percentile(values: list[int], q: float) -> int:
    if not values:
        return 0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def analyse(access_log: Path, windows: list[tuple[float, float]]) -> dict:
    """Server-side figures per kind from the gunicorn access log (times in ms)."""
    kinds: dict[str, dict] = {}
    for line in access_log.read_text().splitlines():
        m = LINE.match(line)
        if not m:
            continue
        when = datetime.strptime(m["t"], "%d/%b/%Y:%H:%M:%S %z").timestamp()
        k = kinds.setdefault(kind_of(m["m"], m["u"]), {"ms": [], "5xx": 0, "5xx_in_fault": 0})
        k["ms"].append(int(m["ms"]))
        if m["s"].startswith("5"):
            in_fault = any(a <= when <= b + GRACE for a, b in windows)
            k["5xx_in_fault" if in_fault else "5xx"] += 1
    return {
        kind: {
            "requests": len(v["ms"]),
            "5xx": v["5xx"],
            "5xx_in_fault_window": v["5xx_in_fault"],
            "p50_ms": percentile(v["ms"], 0.50),
            "p95_ms": percentile(v["ms"], 0.95),
            "p99_ms": percentile(v["ms"], 0.99),
            "max_ms": max(v["ms"], default=0),
        }
        for kind, v in sorted(kinds.items())
    }


def parse_args() -> argparse.Namespace:
    """The command line of a run; exits with a message for a fault the database cannot have."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--fault", choices=["none", "pg-restart", "kill-worker"], default="none")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=5)
    parser.add_argument("--duration", type=int, default=300, help="seconds of load (default 300)")
    parser.add_argument("--port", type=int, default=8106)
    parser.add_argument("--pg-port", type=int, default=55106)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument("--satker", type=int, default=10)
    parser.add_argument("--keep", action="store_true", help="keep the database and files")
    args = parser.parse_args()
    if args.fault == "pg-restart" and args.db != "postgres":
        raise SystemExit("--fault pg-restart needs --db postgres")
    return args


def run_env(args: argparse.Namespace, out: Path) -> dict[str, str]:
    """The environment of every process of the run: production-like settings, data and
    manifest under ``out``, no Redis (``DATABASE_URL`` is added once the database exists)."""
    env = dict(os.environ)
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(40),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        # Plain HTTP on loopback: no redirect to HTTPS, and the cookies must still be sent.
        DJANGO_HTTPS="0",
        DJANGO_SECURE_COOKIES="0",
        ZI_DATA_DIR=str(out / "var"),
        # The manifest static storage of DEBUG=0 needs collected files: the run collects its
        # own (prepare_database), so it works from a fresh clone.
        ZI_STATIC_ROOT=str(out / "static"),
        LOADTEST_MANIFEST=str(out / "manifest.json"),
        LOADTEST_ACK_LOG=str(out / "acks.jsonl"),
        # 4 MB uploads while workers are killed, so that some are cut mid-way.
        LOADTEST_UPLOAD_KB="4096" if args.fault == "kill-worker" else "20",
    )
    env.pop("REDIS_URL", None)
    return env


def prepare_database(
    args: argparse.Namespace, out: Path, env: dict[str, str], pg: PrivatePostgres | None
) -> None:
    """Create the run's database (``pg`` started, or a SQLite file under ``out``), set
    ``env["DATABASE_URL"]``, migrate it, collect the static files and seed it with
    ``loadtest.seed``."""
    if pg is not None:
        (out / "pg").mkdir()
        env["DATABASE_URL"] = pg.start()
    else:
        env["DATABASE_URL"] = f"sqlite:///{out / 'db.sqlite3'}"
    subprocess.run([PY, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    subprocess.run(
        [PY, "-m", "loadtest.seed", "--satker", str(args.satker), "--manifest",
         env["LOADTEST_MANIFEST"]],
        cwd=ROOT, env=env, check=True,
    )  # fmt: skip


def start_servers(
    args: argparse.Namespace, out: Path, env: dict[str, str], procs: list[subprocess.Popen]
) -> subprocess.Popen:
    """Start gunicorn and the task worker, appending each to ``procs`` as soon as it runs (so
    the caller stops it whatever fails next); returns the gunicorn master process."""
    gunicorn = subprocess.Popen(
        [str(BIN / "gunicorn"), "zona_integritas.wsgi", "--bind", f"127.0.0.1:{args.port}",
         "--worker-class", "gthread", "--workers", str(args.workers), "--threads",
         str(args.threads), "--timeout", "120", "--keep-alive", "10", "--access-logfile", str(out / "access.log"),
         "--access-logformat", ACCESS_FORMAT, "--error-logfile", str(out / "gunicorn.log"), "--capture-output"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    procs.append(gunicorn)
    worker_log = open(out / "worker.log", "w")  # noqa: SIM115
    procs.append(
        subprocess.Popen(
            [PY, "manage.py", "db_worker", "--no-reload", "--interval", "0.5"],
            cwd=ROOT,
            env=env,
            stdout=worker_log,
            stderr=subprocess.STDOUT,
        )
    )
    return gunicorn


def inject(
    args: argparse.Namespace,
    pg: PrivatePostgres | None,
    gunicorn: subprocess.Popen,
    windows: list[tuple[float, float]],
) -> None:
    """Run ``args.fault`` against the run (a thread started with the load), appending each
    fault's ``(start, end)`` epoch seconds to ``windows``: ``pg-restart`` at half time,
    ``kill-worker`` a SIGKILL to one gunicorn worker every 5 s during the middle third."""
    if args.fault == "pg-restart":
        time.sleep(args.duration / 2)
        start = time.time()
        pg.restart()
        windows.append((start, time.time()))
    elif args.fault == "kill-worker":
        time.sleep(args.duration / 3)
        end = time.time() + args.duration / 3
        while time.time() < end:
            children = subprocess.run(
                ["pgrep", "-P", str(gunicorn.pid)], capture_output=True, text=True
            ).stdout.split()
            if children:
                victim = int(children[0])
                os.kill(victim, signal.SIGKILL)
                windows.append((time.time(), time.time()))
                print(f"fault: SIGKILL gunicorn worker {victim}", flush=True)
            time.sleep(5)


def run_locust(args: argparse.Namespace, out: Path, env: dict[str, str]) -> str:
    """Run locust headless for ``args.duration`` seconds (stopped by its own time limit); its
    CSV figures go under ``out``; returns its output (stdout then stderr)."""
    locust = subprocess.run(
        [str(BIN / "locust"), "-f", "loadtest/locustfile.py", "--headless", "-u",
         str(args.users), "-r", str(args.spawn_rate), "-t", f"{args.duration}s", "--host",
         f"http://127.0.0.1:{args.port}", "--csv", str(out / "locust"), "--only-summary",
         "--stop-timeout", "10", "--loglevel", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    return locust.stdout + locust.stderr


def stop_all(procs: list[subprocess.Popen]) -> None:
    """SIGTERM every process, last started first; SIGKILL any still running after 30 s."""
    for proc in reversed(procs):
        proc.send_signal(signal.SIGTERM)
    for proc in procs:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


def run_verify(env: dict[str, str]) -> dict:
    """``loadtest.verify``'s JSON verdict on the data; ``{"ok": False, "error": output}`` when
    it printed no JSON (it crashed)."""
    verify = subprocess.run(
        [PY, "-m", "loadtest.verify", "--ack-log", env["LOADTEST_ACK_LOG"]],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    try:
        return json.loads(verify.stdout)
    except ValueError:
        return {"ok": False, "error": verify.stdout + verify.stderr}


def verdicts(figures: dict, checks: dict) -> dict[str, bool]:
    """The run's pass/fail lines: zero 5xx outside fault windows, p95 ≤ 1 s for pages and
    edits, and ``loadtest.verify`` found nothing acknowledged lost."""
    page_p95 = max(figures.get(k, {}).get("p95_ms", 0) for k in ("page", "edit"))
    five = sum(v["5xx"] for v in figures.values())
    return {
        "zero_5xx_outside_faults": five == 0,
        "pages_and_edits_p95_le_1s": page_p95 <= 1000,
        "nothing_acknowledged_lost": bool(checks.get("ok")),
    }


def remove_data(out: Path) -> None:
    """Delete the run's database and files under ``out``, keeping logs and figures."""
    for sub in ("var", "pg", "db.sqlite3"):
        path = out / sub
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        elif path.exists():
            path.unlink()


def main() -> None:
    """One run as the module docstring describes; prints and writes ``summary.json``."""
    args = parse_args()
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    out = ROOT / "loadtest/results" / f"{stamp}-{args.db}-{args.fault}"
    out.mkdir(parents=True)
    env = run_env(args, out)
    pg = PrivatePostgres(out / "pg", args.pg_port) if args.db == "postgres" else None
    procs: list[subprocess.Popen] = []
    windows: list[tuple[float, float]] = []
    load_before = os.getloadavg()
    try:
        prepare_database(args, out, env, pg)
        gunicorn = start_servers(args, out, env, procs)
        wait_http(f"http://127.0.0.1:{args.port}/masuk/")
        fault = threading.Thread(target=inject, args=(args, pg, gunicorn, windows), daemon=True)
        fault.start()
        started = time.time()
        locust_output = run_locust(args, out, env)
        elapsed = time.time() - started
        (out / "locust.out").write_text(locust_output)
        load_during = os.getloadavg()
    finally:
        stop_all(procs)
    try:
        checks = run_verify(env)
    finally:
        if pg:
            pg.stop()
    figures = analyse(out / "access.log", windows)
    summary = {
        "command": " ".join(sys.argv),
        "db": args.db,
        "fault": args.fault,
        "users": args.users,
        "duration_s": round(elapsed),
        "gunicorn": f"gthread {args.workers} workers x {args.threads} threads",
        "cpus": os.cpu_count(),
        "loadavg_before": [round(x, 2) for x in load_before],
        "loadavg_end": [round(x, 2) for x in load_during],
        "fault_windows": [[round(a - started, 1), round(b - started, 1)] for a, b in windows],
        "server": figures,
        "verify": checks,
    }
    summary["verdict"] = verdicts(figures, checks)
    (out / "summary.json").write_text(json.dumps(summary, indent=1))
    print(json.dumps(summary, indent=1))
    print(f"results in {out}")
    if not args.keep:
        remove_data(out)


if __name__ == "__main__":
    main()
