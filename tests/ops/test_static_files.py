"""collectstatic with the production storage: hashed, compressed names; pages link them."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

PRODUCTION_STORAGE = "zona_integritas.staticfiles.ManifestStaticFilesStorage"


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """STATIC_ROOT after ``collectstatic`` with the production storage (run once)."""
    root = tmp_path_factory.mktemp("staticfiles")
    storages = {"staticfiles": {"BACKEND": PRODUCTION_STORAGE}}
    # Compressing the large vendored scripts and fonts (gzip and brotli) takes most of the time
    # and is whitenoise's own business; CSS is enough to see that compression happens.
    skip = ["js", "woff", "woff2", "svg", "ico", "png", "txt", "md", "json", "map"]
    with override_settings(
        STATIC_ROOT=root, STORAGES=storages, WHITENOISE_SKIP_COMPRESS_EXTENSIONS=skip
    ):
        call_command("collectstatic", "--noinput", verbosity=0)
    return root


def test_collectstatic_writes_hashed_and_compressed_files(collected):
    manifest = json.loads((collected / "staticfiles.json").read_text())["paths"]
    hashed = manifest["css/app.css"]
    assert hashed != "css/app.css"
    assert hashed.startswith("css/app.")
    assert (collected / hashed).is_file()
    assert (collected / (hashed + ".gz")).is_file()
    # The vendored libraries (their source maps are not shipped) are collected too.
    assert (collected / manifest["vendor/chartjs/chart.umd.min.js"]).is_file()
    # url() references inside CSS point at the hashed font files.
    icons = (collected / manifest["vendor/bootstrap-icons/bootstrap-icons.min.css"]).read_text()
    font = manifest["vendor/bootstrap-icons/fonts/bootstrap-icons.woff2"].rsplit("/", 1)[1]
    assert font in icons


@pytest.mark.django_db
def test_pages_link_the_hashed_names(client, collected, settings):
    settings.STATIC_ROOT = collected
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": PRODUCTION_STORAGE}}
    page = client.get(reverse("login")).text
    manifest = json.loads((collected / "staticfiles.json").read_text())["paths"]
    assert f'href="/static/{manifest["css/app.css"]}"' in page
    assert f'src="/static/{manifest["vendor/htmx/htmx.min.js"]}"' in page
