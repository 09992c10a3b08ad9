"""Error pages in Indonesian, in the app's layout (DEBUG off, as in production)."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.views import defaults

from tests.factories import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _production(settings):
    settings.DEBUG = False


def _layout(text: str) -> None:
    assert '<html lang="id">' in text
    assert "Zona Integritas" in text
    assert "Ke halaman utama" in text
    for english in ("Not Found", "Server Error", "Bad Request", "Forbidden"):
        assert english not in text


def test_404(client, member):
    client.force_login(member("operator"))
    response = client.get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.text
    _layout(response.text)


def test_403_says_why(client, member):
    rencana = make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=1)
    client.force_login(member("kasubbag"))
    response = client.get(reverse("plans:rencana_ubah", args=[rencana.pk]))
    assert response.status_code == 403
    assert "Akses ditolak" in response.text
    _layout(response.text)


def test_400(client, admin_user):
    client.force_login(admin_user)
    client.raise_request_exception = False
    url = reverse("admin:plans_rencanaaksi_changelist") + "?sk_tanggal__year=99999999999999999999"
    response = client.get(url)
    assert response.status_code == 400
    assert "Permintaan tidak dapat diproses" in response.text
    _layout(response.text)


def test_500_renders_without_a_request_context():
    response = defaults.server_error(RequestFactory().get("/"))
    text = response.content.decode()
    assert response.status_code == 500
    assert "Terjadi kesalahan pada server" in text
    _layout(text)


def test_csrf_failure(client, member):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(member("operator"))
    response = csrf_client.post(reverse("logout"))
    assert response.status_code == 403
    assert "Formulir kedaluwarsa" in response.text
    _layout(response.text)
