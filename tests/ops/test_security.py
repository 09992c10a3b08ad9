"""Production security: CSP on every page, no inline code in templates, `check --deploy`."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

PROJECT_DIR = Path(settings.BASE_DIR)

# Inline code the Content-Security-Policy would block: a <script> without src (json_script's
# application/json blocks are data, not code, and allowed), an on*= event handler, a style=""
# attribute, a <style> element.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.I | re.S)
STYLE_ATTR = re.compile(r"<[^>]*\sstyle\s*=", re.I | re.S)
STYLE_ELEMENT = re.compile(r"<style[\s>]", re.I)


NOT_SERVED = {"paket_index.html"}


def served_templates() -> list[Path]:
    """Every HTML template of the project and its apps that a browser may receive.

    Left out: print templates (``print/`` folders; WeasyPrint renders them to PDF and their
    @page rules need a <style> block) and the evidence pack's ``index.html``, which is opened
    from the unpacked ZIP on the evaluator's disk and must therefore carry its own styles.
    """
    roots = [PROJECT_DIR / "templates"] + [
        PROJECT_DIR / app / "templates" for app in ("plans", "evidence", "monitoring")
    ]
    return [
        path
        for root in roots
        if root.is_dir()
        for path in root.rglob("*.html")
        if "print" not in path.relative_to(root).parts and path.name not in NOT_SERVED
    ]


def test_template_scan_finds_the_templates():
    names = {p.name for p in served_templates()}
    assert {"base.html", "dasbor_satker.html", "bukti_detail.html", "monev_form.html"} <= names


@pytest.mark.parametrize(
    ("pattern", "sample"),
    [
        (INLINE_SCRIPT, "<script>alert(1)</script>"),
        (HANDLER, '<button class="x" onclick="go()">'),
        (STYLE_ATTR, '<div class="x" style="width: 0">'),
        (STYLE_ELEMENT, "<style>p{}</style>"),
    ],
)
def test_patterns_catch_inline_code(pattern, sample):
    assert pattern.search(sample)


def test_patterns_leave_allowed_markup_alone():
    allowed = (
        '<script src="/static/a.js"></script>'
        '<script id="d" type="application/json">{}</script>'
        '<div data-on="1" class="style-x">'
    )
    for pattern in (INLINE_SCRIPT, HANDLER, STYLE_ATTR, STYLE_ELEMENT):
        assert not pattern.search(allowed), pattern


def test_no_inline_script_handler_or_style_in_templates():
    found = []
    for path in served_templates():
        text = path.read_text(encoding="utf-8")
        for label, pattern in (
            ("inline <script>", INLINE_SCRIPT),
            ("on*= handler", HANDLER),
            ("style attribute", STYLE_ATTR),
            ("<style> element", STYLE_ELEMENT),
        ):
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{path.relative_to(PROJECT_DIR)}:{line}: {label}")
    assert not found, "\n".join(found)


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["login", "sehat"])
def test_csp_header_is_strict(client, url_name):
    response = client.get(reverse(url_name))
    policy = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"


def test_csp_header_on_a_signed_in_page(client, member):
    client.force_login(member("operator", "3319"))
    response = client.get(reverse("plans:rencana_list"))
    assert response.status_code == 200
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def _manage(args: list[str], **env: str) -> subprocess.CompletedProcess:
    """Run manage.py in a fresh interpreter with ONLY ``env`` (plus PATH) as environment."""
    clean = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **env}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "zi.kpu.example",
}


def test_check_deploy_is_clean_with_three_variables():
    result = _manage(["check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stderr


def test_intranet_without_tls_relaxes_explicitly():
    result = _manage(
        [
            "shell",
            "--no-imports",
            "-c",
            "from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, "
            "s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_TRUSTED_ORIGINS)",
        ],
        **PRODUCTION,
        DJANGO_HTTPS="0",
        DJANGO_CSRF_TRUSTED_ORIGINS="http://zi.intranet,http://10.0.0.5",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[0] == (
        "False 0 False ['http://zi.intranet', 'http://10.0.0.5']"
    )


def test_production_settings_are_secure_by_default():
    result = _manage(
        [
            "shell",
            "--no-imports",
            "-c",
            "from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, "
            "s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
            "s.SECURE_PROXY_SSL_HEADER, s.STORAGES['staticfiles']['BACKEND'])",
        ],
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[0] == (
        "True 31536000 True True ('HTTP_X_FORWARDED_PROTO', 'https') "
        "zona_integritas.staticfiles.ManifestStaticFilesStorage"
    )


def test_refuses_to_start_without_allowed_hosts():
    env = {k: v for k, v in PRODUCTION.items() if k != "DJANGO_ALLOWED_HOSTS"}
    result = _manage(["check"], **env)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS wajib diisi" in result.stderr


@pytest.mark.parametrize("dsn", ["", "https://public@sentry.invalid/1"])
def test_sentry_is_loaded_only_with_a_dsn(dsn):
    code = (
        "import sys; import sentry_sdk as s; c = s.get_client(); "
        "print(c.is_active(), c.options['dsn'] if c.is_active() else '-')"
        if dsn
        else "import sys; print('sentry_sdk' in sys.modules)"
    )
    env = {**PRODUCTION, "SENTRY_DSN": dsn} if dsn else PRODUCTION
    result = _manage(["shell", "--no-imports", "-v", "0", "-c", code], **env)
    assert result.returncode == 0, result.stderr
    expected = f"True {dsn}" if dsn else "False"
    assert result.stdout.split("\n")[0] == expected
