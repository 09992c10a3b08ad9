"""Browser journeys: Playwright drives Debian's Chromium against a real server.

The server is the production stack, started once per test session in a temporary folder:
``DJANGO_DEBUG=0``, static files from whitenoise after ``collectstatic``, gunicorn, a fresh
SQLite database with the demo data (``load_demo --paksa``). Playwright never downloads a
browser: it launches ``/usr/bin/chromium`` (``scripts/system-deps.sh`` installs it), or the
browser named by ``ZI_CHROMIUM``.

Every page a test opens is watched: a JavaScript error or a console error fails the test. The
last page of each journey is saved as a PNG under ``var/screenshots/`` (``ZI_SCREENSHOT_DIR``).
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("ZI_CHROMIUM", "/usr/bin/chromium")
SCREENSHOT_DIR = Path(os.environ.get("ZI_SCREENSHOT_DIR", PROJECT_DIR / "var" / "screenshots"))
DEMO_PASSWORD = "demo-zi-2022"

# The sync Playwright API keeps an event loop in this thread; Django refuses ORM calls from
# a thread with a running loop. The browser tests use no ORM here (the server is another
# process), but the rest of the suite runs in this process after them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
            # One production server per session = per xdist worker: keep them in one worker.
            item.add_marker(pytest.mark.xdist_group("browser"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"server keluar dengan kode {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - loopback only
                return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"server tidak menjawab di {url}")


@pytest.fixture(scope="session")
def app_server(tmp_path_factory):
    """Base URL of a production-configured server with the demo data (see module docstring)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium tidak ditemukan di {CHROMIUM}: jalankan scripts/system-deps.sh")
    if os.environ.get("ZI_BROWSER_BASE_URL"):  # a server you already run (while writing tests)
        yield os.environ["ZI_BROWSER_BASE_URL"].rstrip("/")
        return
    root = tmp_path_factory.mktemp("server")
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"sqlite:///{root / 'db.sqlite3'}",
        "ZI_DATA_DIR": str(root / "var"),
        # plain HTTP on loopback: the TLS-only defaults of production are relaxed explicitly
        "DJANGO_HTTPS": "0",
        "ZI_STATIC_ROOT": str(root / "staticfiles"),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    manage = [sys.executable, str(PROJECT_DIR / "manage.py")]
    log = (root / "server.log").open("w")
    for args in (
        ["migrate", "--noinput", "-v0"],
        ["load_demo", "--paksa"],
        ["collectstatic", "--noinput", "-v0"],
    ):
        subprocess.run(
            [*manage, *args], env=env, check=True, stdout=log, stderr=log, cwd=PROJECT_DIR
        )
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
    cmd = [gunicorn, "zona_integritas.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "4", "--timeout", "120"]  # fmt: skip
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=log, cwd=PROJECT_DIR)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base + "/masuk/", proc)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch Debian's Chromium, never a downloaded one, with the flags this machine needs."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def console_errors(page):
    """Every JavaScript error and console error of the test's page; the test fails on any."""
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
    page.on(
        "console",
        lambda msg: (
            errors.append(f"console.{msg.type}: {msg.text} ({msg.location.get('url')})")
            if msg.type == "error"
            else None
        ),
    )
    yield errors
    assert not errors, "\n".join(errors)


@pytest.fixture
def login(page, app_server, console_errors):
    """Log in as a demo account: ``login("operator.kudus")``; returns the page."""

    def do(username: str, *, width: int = 1366, height: int = 900):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(app_server + "/masuk/")
        page.locator("#id_username").fill(username)
        page.locator("#id_password").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Masuk").click()
        page.wait_for_load_state()
        assert "/masuk/" not in page.url, f"login {username} gagal"
        return page

    return do


@pytest.fixture
def screenshot(page, request):
    """Save the page as ``<test name>[-suffix].png`` under the screenshot folder."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)

    def shot(suffix: str = "") -> Path:
        name = request.node.originalname if suffix else re.sub(r"[^\w.-]+", "-", request.node.name)
        path = SCREENSHOT_DIR / f"{name}{'-' + suffix if suffix else ''}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return shot
