"""A file name too long for the multipart parser gets the normal refusal, JSON or HTML."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from evidence.models import Unggahan
from tests.evidence import files

pytestmark = pytest.mark.django_db
LONG = "😀" * 5000 + ".pdf"  # 20 kB of header: past Django's 10 KiB limit per part header


def _post(client, bukti, **headers):
    client.raise_request_exception = False
    return client.post(
        reverse("evidence:unggah", args=[bukti.pk]),
        {"periode": "3", "berkas": SimpleUploadedFile(LONG, files.pdf())},
        **headers,
    )


def test_json_client_gets_the_json_refusal(client, bukti, member):
    client.force_login(member("kasubbag"))
    response = _post(client, bukti, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    body = response.json()
    assert body["ok"] is False
    assert "nama berkas terlalu panjang" in body["errors"][0]
    assert not Unggahan.objects.exists()


def test_browser_gets_the_bukti_page_with_the_reason(client, bukti, member):
    client.force_login(member("kasubbag"))
    response = _post(client, bukti)
    assert response.status_code == 400
    assert "nama berkas terlalu panjang" in response.text
    assert bukti.nama in response.text
    assert "Bad Request" not in response.text


def test_a_long_ascii_name_is_shortened_and_stored(client, bukti, member):
    client.force_login(member("kasubbag"))
    client.post(
        reverse("evidence:unggah", args=[bukti.pk]),
        {"periode": "3", "berkas": SimpleUploadedFile("a" * 5000 + ".pdf", files.pdf())},
    )
    [unggahan] = Unggahan.objects.all()
    assert len(unggahan.nama_berkas) < 255
    assert unggahan.nama_berkas.endswith(".pdf")
