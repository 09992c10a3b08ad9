"""Admin pages of the models that moved from ``plans`` to ``access`` keep their old addresses."""

from __future__ import annotations

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/admin/plans/satker/", "/admin/access/satker/"),
        ("/admin/plans/satker/7/change/", "/admin/access/satker/7/change/"),
        ("/admin/plans/keanggotaan/?peran=tim_zi", "/admin/access/keanggotaan/?peran=tim_zi"),
        ("/admin/plans/wajibgantisandi/add/", "/admin/access/wajibgantisandi/add/"),
    ],
)
def test_old_admin_address_redirects(client, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new


@pytest.mark.django_db
def test_other_plans_admin_pages_stay(admin_client):
    assert admin_client.get("/admin/plans/rencanaaksi/").status_code == 200
