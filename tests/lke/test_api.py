"""The PortalRB exchange: contract (every response validated against a JSON Schema written from
the interface description), Bearer token, signed expiring evidence links, rate limit."""

from __future__ import annotations

import pytest
from django.core import signing
from django.core.cache import cache
from jsonschema import Draft202012Validator

from lke.models import Lke
from lke.services import jawaban_tpi_simpan, lke_ajukan, lke_finalkan
from tests.factories import satker
from tests.lke.conftest import isi
from tests.lke.test_scoring_example import JAWABAN

TOKEN = "rahasia-portalrb-uji"
AUTH = {"HTTP_AUTHORIZATION": f"Bearer {TOKEN}"}

ERROR = {
    "type": "object",
    "required": ["error", "code", "message"],
    "additionalProperties": False,
    "properties": {
        "error": {"const": True},
        "code": {
            "enum": ["DATA_NOT_FOUND", "UNAUTHORIZED", "INTERNAL_SERVER_ERROR", "TOO_MANY_REQUESTS"]
        },
        "message": {"type": "string", "minLength": 1},
    },
}
USULAN = {
    "type": "object",
    "required": ["tahun", "units"],
    "additionalProperties": False,
    "properties": {
        "tahun": {"type": "integer"},
        "units": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "nama", "kategori", "afirmasi"],
                "additionalProperties": False,
                "properties": {
                    "id": {"type": "string", "pattern": "^UNIT-[0-9]+$"},
                    "nama": {"type": "string", "minLength": 1},
                    "kategori": {"enum": ["WBK", "WBBM"]},
                    "afirmasi": {"type": "boolean"},
                },
            },
        },
    },
}
NILAI = {"type": ["string", "number", "null"]}
JAWABAN_UNIT = {
    "type": "object",
    "required": ["unit_id", "nama_unit", "tahun", "answers"],
    "additionalProperties": False,
    "properties": {
        "unit_id": {"type": "string"},
        "nama_unit": {"type": "string"},
        "tahun": {"type": "integer"},
        "answers": {
            "type": "array",
            "items": {
                "type": "object",
                "required": [
                    "soal_id",
                    "jawaban_unit",
                    "jawaban_tpi",
                    "catatan_unit",
                    "bukti_dukung_unit",
                    "catatan_tpi",
                ],
                "additionalProperties": False,
                "properties": {
                    "soal_id": {"type": "integer"},
                    "jawaban_unit": NILAI,
                    "jawaban_tpi": NILAI,
                    "catatan_unit": {"type": "string"},
                    "bukti_dukung_unit": {"type": "string"},
                    "catatan_tpi": {"type": "string"},
                },
            },
        },
    },
}


def valid(schema, response):
    assert response["Content-Type"] == "application/json"
    Draft202012Validator(schema).validate(response.json())
    return response.json()


@pytest.fixture(autouse=True)
def token(settings):
    cache.clear()  # the rate-limit counters live in the cache
    settings.PORTALRB_TOKEN = TOKEN
    settings.PORTALRB_RATE_LIMIT = 1000


@pytest.fixture
def final(lke, timzi, reviewer, diterima):
    """Kudus' LKE answered as the worked example by unit and TPI, with evidence, finalised."""
    isi(lke)
    isi(lke, field="jawaban_tpi")
    row = lke.jawaban.get(soal__id_master=1)
    row.bukti.set([diterima])
    row.catatan_unit = "SK Tim ZI nomor 5/2026"
    row.save()
    lke_ajukan(lke=lke, user=timzi, versi=lke.versi)
    lke.refresh_from_db()
    # TPI lifts the service survey index to 3.6 (3.6/4 × 17.5 = 15.75): WBBM passes too.
    jawaban_tpi_simpan(
        jawaban=lke.jawaban.get(soal__id_master=127),
        user=reviewer,
        versi=1,
        jawaban_tpi="3.6",
        catatan_tpi="sesuai survei",
    )
    lke_finalkan(lke=lke, user=reviewer, versi=lke.versi)
    return lke


def test_proposals_list_units_whose_final_tpi_scores_pass(client, final):
    wbk = valid(USULAN, client.get("/api/portalrb/pengusulan/unit-wbk?tahun=2026", **AUTH))
    assert wbk == {
        "tahun": 2026,
        "units": [
            {"id": "UNIT-3319", "nama": "KPU Kabupaten Kudus", "kategori": "WBK", "afirmasi": False}
        ],
    }
    wbbm = valid(USULAN, client.get("/api/portalrb/pengusulan/unit-wbbm?tahun=2026", **AUTH))
    assert [u["id"] for u in wbbm["units"]] == ["UNIT-3319"]
    assert (
        valid(USULAN, client.get("/api/portalrb/pengusulan/unit-wbk?tahun=2025", **AUTH))["units"]
        == []
    )


def test_a_draft_or_submitted_lke_is_not_proposed(client, lke):
    isi(lke, field="jawaban_tpi")
    assert (
        valid(USULAN, client.get("/api/portalrb/pengusulan/unit-wbk?tahun=2026", **AUTH))["units"]
        == []
    )


def test_answers_of_a_unit_in_master_order_with_signed_links(client, final, diterima):
    body = valid(
        JAWABAN_UNIT, client.get("/api/portalrb/lke/jawaban-unit/UNIT-3319?tahun=2026", **AUTH)
    )
    assert (body["unit_id"], body["nama_unit"], body["tahun"]) == (
        "UNIT-3319",
        "KPU Kabupaten Kudus",
        2026,
    )
    assert [a["soal_id"] for a in body["answers"]] == list(range(1, 128))
    first = body["answers"][0]
    assert (first["jawaban_unit"], first["jawaban_tpi"], first["catatan_unit"]) == (
        "Ya",
        "Ya",
        "SK Tim ZI nomor 5/2026",
    )
    by_id = {a["soal_id"]: a for a in body["answers"]}
    assert by_id[88]["jawaban_unit"] == 10
    assert by_id[125]["jawaban_unit"] == 3.7
    assert (by_id[127]["jawaban_tpi"], by_id[127]["catatan_tpi"]) == (3.6, "sesuai survei")
    [link] = first["bukti_dukung_unit"].split(";")
    assert link.startswith("http://testserver/lke/bukti/")
    assert f"/bukti/berkas/{diterima.pk}/" not in link  # never the private download URL
    response = client.get(link.removeprefix("http://testserver"))  # no session, no token
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert JAWABAN[1] == "Ya"


def test_signed_links_expire_and_cannot_be_forged(client, final, diterima, settings):
    body = client.get("/api/portalrb/lke/jawaban-unit/UNIT-3319?tahun=2026", **AUTH).json()
    path = body["answers"][0]["bukti_dukung_unit"].removeprefix("http://testserver")
    settings.LKE_BUKTI_LINK_MAX_AGE = -1
    assert client.get(path).status_code == 404
    settings.LKE_BUKTI_LINK_MAX_AGE = 3600
    forged = signing.TimestampSigner(salt="lain").sign_object({"u": diterima.pk})
    assert client.get(f"/lke/bukti/{forged}/").status_code == 404
    assert client.get(path[:-3] + "xx/").status_code == 404
    assert client.get(path).status_code == 200


@pytest.mark.parametrize(
    "url",
    ["/api/portalrb/pengusulan/unit-wbk?tahun=2026", "/api/portalrb/pengusulan/unit-wbbm?tahun=2026",
     "/api/portalrb/lke/jawaban-unit/UNIT-3319?tahun=2026"],
)  # fmt: skip
def test_without_or_with_a_wrong_token_401(client, final, url):
    for headers in ({}, {"HTTP_AUTHORIZATION": "Bearer salah"}, {"HTTP_AUTHORIZATION": TOKEN},
                    {"HTTP_AUTHORIZATION": f"Basic {TOKEN}"}):  # fmt: skip
        response = client.get(url, **headers)
        assert response.status_code == 401
        assert valid(ERROR, response)["code"] == "UNAUTHORIZED"


def test_without_a_configured_token_503(client, settings, db):
    settings.PORTALRB_TOKEN = ""
    response = client.get("/api/portalrb/pengusulan/unit-wbk?tahun=2026", **AUTH)
    assert response.status_code == 503
    assert valid(ERROR, response)["code"] == "INTERNAL_SERVER_ERROR"


@pytest.mark.parametrize(
    "url",
    ["/api/portalrb/lke/jawaban-unit/UNIT-9999?tahun=2026", "/api/portalrb/lke/jawaban-unit/3319?tahun=2026",
     "/api/portalrb/lke/jawaban-unit/UNIT-3319?tahun=2025", "/api/portalrb/lke/jawaban-unit/UNIT-3319",
     "/api/portalrb/pengusulan/unit-wbk?tahun=dua"],
)  # fmt: skip
def test_unknown_data_404(client, final, url):
    response = client.get(url, **AUTH)
    assert response.status_code == 404
    assert valid(ERROR, response)["code"] == "DATA_NOT_FOUND"


def test_a_draft_lke_is_not_served(client, lke):
    assert lke.status == Lke.Status.DRAF
    response = client.get("/api/portalrb/lke/jawaban-unit/UNIT-3319?tahun=2026", **AUTH)
    assert response.status_code == 404


def test_rate_limit(client, db, settings):
    settings.PORTALRB_RATE_LIMIT = 3
    codes = [
        client.get("/api/portalrb/pengusulan/unit-wbk?tahun=2026", **AUTH).status_code
        for _ in range(5)
    ]
    assert codes == [200, 200, 200, 429, 429]
    response = client.get("/api/portalrb/pengusulan/unit-wbk?tahun=2026", **AUTH)
    assert valid(ERROR, response)["code"] == "TOO_MANY_REQUESTS"
    assert satker("3319").kode == "3319"
