"""Admin scoping and read-only rules; the private storage has no URL and follows DATA_DIR."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.admin.sites import site
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from evidence.models import Berkas, Unggahan
from evidence.storage import bukti_storage
from tests.evidence import files
from tests.evidence.conftest import upload_service


def admin_queryset(model, user):
    request = RequestFactory().get("/admin/")
    request.user = user
    model_admin = site._registry[model]
    return model_admin, model_admin.get_queryset(request)


def test_admin_is_scoped_and_read_only(bukti, other_plan, member, admin_user):
    kasubbag = member("kasubbag", "3319")
    upload_service(bukti, kasubbag, ("a.pdf", files.pdf()))
    tegal = member("tim_zi", "3376", is_staff=True)
    for model in (Unggahan, Berkas):
        model_admin, qs = admin_queryset(model, tegal)
        assert qs.count() == 0
        assert admin_queryset(model, kasubbag)[1].count() == 1
        assert admin_queryset(model, admin_user)[1].count() == 1
        request = RequestFactory().get("/admin/")
        request.user = admin_user
        assert not model_admin.has_add_permission(request)
        assert not model_admin.has_delete_permission(request)
        assert not model_admin.has_change_permission(request)


def test_storage_has_no_url_and_lives_under_data_dir(settings, bukti, member):
    upload_service(bukti, member("kasubbag", "3319"), ("a.pdf", files.pdf()))
    storage = bukti_storage()
    name = Berkas.objects.get().nama_penyimpanan
    assert Path(storage.path(name)).is_relative_to(Path(settings.DATA_DIR) / "bukti")
    with pytest.raises(NotImplementedError):
        storage.url(name)


def test_same_content_twice_in_one_batch_is_refused(bukti, member):
    data = files.pdf()
    with pytest.raises(ValidationError, match="dipilih dua kali"):
        upload_service(bukti, member("kasubbag", "3319"), ("a.pdf", data), ("b.pdf", data))
    assert Unggahan.objects.count() == 0
