"""/sehat/: database, evidence storage, cache and the worker heartbeat; request ids in logs."""

from __future__ import annotations

import json
import logging
import time

import pytest
from django.core.cache import cache
from django.urls import reverse

from zona_integritas.health import record_worker_heartbeat

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    """The local-memory cache outlives a test; each test here starts without a heartbeat."""
    cache.clear()


def test_healthy_with_a_fresh_worker_heartbeat(client):
    record_worker_heartbeat()
    response = client.get(reverse("sehat"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "sehat"
    assert set(body["checks"]) == {"database", "storage", "cache", "worker"}
    assert all(c["ok"] for c in body["checks"].values())
    assert response["Cache-Control"].startswith("max-age=0")


def test_missing_heartbeat_is_degraded_not_down(client):
    response = client.get(reverse("sehat"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "terganggu"
    assert body["checks"]["worker"]["ok"] is False
    assert "db_worker" in body["checks"]["worker"]["detail"]
    # A monitoring system that wants the worker too asks strictly.
    assert client.get(reverse("sehat"), {"ketat": "1"}).status_code == 503


def test_stale_heartbeat_is_reported(client, settings):
    settings.ZI_WORKER_HEARTBEAT_MAX_AGE = 60
    record_worker_heartbeat(now=time.time() - 600)
    body = client.get(reverse("sehat")).json()
    assert body["checks"]["worker"]["ok"] is False
    assert "detik lalu" in body["checks"]["worker"]["detail"]


def test_unreadable_storage_is_503_without_leaking_the_path(client, settings, tmp_path):
    record_worker_heartbeat()
    blocker = tmp_path / "bukan-folder"
    blocker.write_text("x")
    settings.DATA_DIR = blocker  # evidence would live under a regular file: not a directory
    response = client.get(reverse("sehat"))
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "gagal"
    assert body["checks"]["storage"]["ok"] is False
    assert str(tmp_path) not in json.dumps(body)


def test_request_id_is_echoed_and_logged_with_the_user(client, member, caplog):
    client.force_login(member("operator", "3319", username="op.kudus"))
    with caplog.at_level(logging.INFO, logger="zona_integritas.request"):
        response = client.get(reverse("plans:rencana_list"), HTTP_X_REQUEST_ID="abc-12345678")
    assert response["X-Request-ID"] == "abc-12345678"
    records = [r for r in caplog.records if r.name == "zona_integritas.request"]
    assert len(records) == 1
    assert records[0].request_id == "abc-12345678"
    assert records[0].user == "op.kudus"
    assert records[0].status == 200
    assert records[0].path == reverse("plans:rencana_list")


def test_json_log_line_carries_request_id_and_user(client, member, capsys, settings):
    """The production formatter writes one JSON object per line with request id and user."""
    from logging.config import dictConfig

    config = json.loads(json.dumps(settings.LOGGING))
    config["handlers"]["console"]["formatter"] = "json"
    dictConfig(config)
    try:
        client.force_login(member("operator", "3319", username="op.json"))
        client.get(reverse("plans:rencana_list"), HTTP_X_REQUEST_ID="req-json-0001")
        client.get(reverse("sehat"), HTTP_X_REQUEST_ID="bad id with spaces")
    finally:
        dictConfig(settings.LOGGING)
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines() if line]
    requests = [line for line in lines if line.get("logger") == "zona_integritas.request"]
    first, second = requests[-2], requests[-1]
    assert first["request_id"] == "req-json-0001"
    assert first["user"] == "op.json"
    assert first["status"] == 200
    assert first["level"] == "INFO"
    # A client-sent id that could forge log lines is replaced by a fresh one.
    assert second["request_id"] != "bad id with spaces"
    assert len(second["request_id"]) == 32
