"""Template tags of the plan page for the workflow: action buttons and the status timeline.

Kept as tags so the plan page (``plans.views.browse``) needs no change to show them, and so
each costs a fixed number of queries (the timeline: one, with its users joined).
"""

from __future__ import annotations

from django import template

from access.models import Satker
from access.permissions import CAPABILITIES, can, memberships
from plans.models import RencanaAksi, RiwayatStatus
from plans.selectors import transisi_tersedia
from plans.services.workflow import STATUS_BOLEH_UBAH

register = template.Library()


@register.simple_tag
def aksi_rencana(rencana: RencanaAksi, user) -> dict:
    """What ``user`` may do on ``rencana`` now, for the buttons.

    Returns ``{"ubah": bool (role), "boleh_ubah_sekarang": bool (role and status),
    "transisi": [names], "revisi": bool, "riwayat": bool}``. No query beyond the memberships
    (cached per request).
    """
    ubah = can(user, "rencana.ubah", rencana.satker)
    return {
        "ubah": ubah,
        "boleh_ubah_sekarang": ubah and rencana.status in STATUS_BOLEH_UBAH,
        "transisi": transisi_tersedia(rencana=rencana, user=user),
        "revisi": ubah and rencana.terkunci,
        "riwayat": can(user, "rencana.lihat", rencana.satker),
    }


@register.inclusion_tag("plans/_riwayat_status.html")
def riwayat_status(rencana: RencanaAksi) -> dict:
    """The plan's workflow timeline (who, when, from → to, notes), oldest first."""
    langkah = list(
        RiwayatStatus.objects.filter(rencana=rencana).select_related("oleh").order_by("waktu", "pk")
    )
    return {"langkah": langkah, "rencana": rencana}


@register.simple_tag
def menu_alur(user) -> dict:
    """Navigation entries for ``user``: ``{"baru", "tinjau", "impor", "anggota": [kode]}``, so
    the menu offers only pages the user may open.

    ``baru``: may create plans somewhere; ``tinjau``: reviews some satker (the queue);
    ``impor``: may import an SK somewhere;
    ``anggota``: satker codes whose members the user manages. One query (the memberships are
    cached on the user by ``access.permissions``).
    """
    if not getattr(user, "is_authenticated", False):
        return {"baru": False, "tinjau": False, "impor": False, "anggota": []}
    rows = memberships(user)
    kelola = [sid for sid, _induk, peran in rows if peran in CAPABILITIES["anggota.kelola"]]
    kode = (
        list(Satker.objects.filter(pk__in=kelola).values_list("kode", flat=True)) if kelola else []
    )
    return {
        "baru": user.is_superuser or any(p in CAPABILITIES["rencana.ubah"] for _s, _i, p in rows),
        "tinjau": user.is_superuser
        or any(p in CAPABILITIES["rencana.tinjau"] for _s, _i, p in rows),
        "impor": user.is_superuser or any(p in CAPABILITIES["rencana.impor"] for _s, _i, p in rows),
        "anggota": kode,
    }


@register.inclusion_tag("plans/_catatan_pengembalian.html")
def catatan_pengembalian(rencana: RencanaAksi | None) -> dict:
    """The reviewer's note of a returned plan, shown where its people work (plan page, editor,
    dashboard) so the operator need not look for it. One query, and only for a returned plan."""
    langkah = None
    if rencana is not None and rencana.status == RencanaAksi.Status.DIKEMBALIKAN:
        langkah = (
            RiwayatStatus.objects.filter(rencana=rencana, ke=RencanaAksi.Status.DIKEMBALIKAN)
            .select_related("oleh")
            .order_by("-waktu", "-pk")
            .first()
        )
    return {"langkah": langkah, "rencana": rencana}
