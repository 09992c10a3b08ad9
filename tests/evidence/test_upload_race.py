"""Two identical uploads arriving together make one revision, not two (checked under the lock)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from evidence import services
from evidence.models import Berkas, Unggahan
from tests.evidence import files
from tests.evidence.conftest import upload_service

pytestmark = pytest.mark.django_db


def test_identical_upload_committed_meanwhile_is_refused(bukti, member, monkeypatch):
    kasubbag, tim = member("kasubbag"), member("tim_zi")
    data = files.pdf("laporan triwulan")
    real_satker_of = services.satker_of
    raced = []

    def other_request_commits_first(bukti_fisik):
        # Runs after this request's checks of the files and before it takes the lock:
        # exactly where a colleague's identical upload can slip in.
        if not raced:
            raced.append(tim)
            upload_service(bukti_fisik, tim, ("Laporan.pdf", data))
        return real_satker_of(bukti_fisik)

    monkeypatch.setattr(services, "satker_of", other_request_commits_first)
    with pytest.raises(ValidationError, match="sama persis sudah ada"):
        upload_service(bukti, kasubbag, ("Laporan.pdf", data))
    assert raced
    assert Unggahan.objects.filter(bukti_fisik=bukti).count() == 1
    assert Berkas.objects.count() == 1
