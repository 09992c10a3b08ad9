"""The roles of a user in a satker, defined once (docs/architecture.md §3).

Pure: no Django model, so ``access.permissions`` and the models read the same definition.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Peran(models.TextChoices):
    """Roles of a user in a satker (the stored value of ``Keanggotaan.peran``). The province
    reviewer covers every child satker of its province."""

    OPERATOR = "operator", _("Operator")
    KASUBBAG = "kasubbag", _("Kasubbag Hukum dan SDM")
    TIM_ZI = "tim_zi", _("Tim ZI")
    REVIEWER_PROVINSI = "reviewer_provinsi", _("Reviewer Provinsi")
