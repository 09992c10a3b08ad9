"""Fixtures of the monitoring tests: accepted uploads without going through the evidence app."""

from __future__ import annotations

from datetime import date

import pytest


@pytest.fixture
def uploads(monkeypatch):
    """A dict ``{bukti_fisik_id: [(periode_bulan | None, upload date)]}`` the app reads as the
    accepted evidence (``evidence.selectors.bukti_diterima``'s shape). Fill it in the test."""
    data: dict[int, list[tuple[int | None, date]]] = {}

    def fake(*, bukti_fisik_ids):
        wanted = set(bukti_fisik_ids)
        return {k: v for k, v in data.items() if k in wanted}

    monkeypatch.setattr("monitoring.progress.bukti_diterima", fake)
    return data
