"""Who hears of a plan's workflow step: the in-app notification (and mail) of each transition.

- *diajukan*: the Reviewer Provinsi of the satker's province (they must review it);
- *dikembalikan* (with the reviewer's note) and *disetujui*: the satker's Operator and Tim ZI
  (the people who edit the plan and must act next).
Other steps notify nobody: the person who took them is the one who needs to know.
"""

from __future__ import annotations

from django.urls import reverse

from access.models import Keanggotaan
from access.permissions import CAPABILITIES
from notifications.models import Notifikasi
from notifications.services import notifikasi_create
from plans.models import RencanaAksi

Status = RencanaAksi.Status


def _members(*, satker_ids: list[int], capability: str) -> list:
    return [
        k.user
        for k in Keanggotaan.objects.filter(
            satker_id__in=satker_ids, peran__in=CAPABILITIES[capability], user__is_active=True
        ).select_related("user")
    ]


def notify_transition(*, rencana: RencanaAksi, ke: str, oleh, catatan: str) -> None:
    """Notify the people concerned by ``rencana`` having moved to status ``ke`` (see module
    docstring); the actor ``oleh`` is never notified of their own step."""
    if ke == Status.DIAJUKAN:
        ids = [i for i in (rencana.satker.induk_id,) if i]
        users = _members(satker_ids=ids, capability="rencana.tinjau")
        judul = f"Rencana aksi {rencana} diajukan untuk ditinjau"
    elif ke in (Status.DIKEMBALIKAN, Status.DISETUJUI):
        users = _members(satker_ids=[rencana.satker_id], capability="rencana.ubah")
        kata = (
            "dikembalikan untuk diperbaiki" if ke == Status.DIKEMBALIKAN else "disetujui provinsi"
        )
        judul = f"Rencana aksi {rencana} {kata}"
    else:
        return
    nama = (oleh.get_full_name() or oleh.username) if oleh else "sistem"
    isi = f"Oleh {nama}." + (f"\nCatatan: {catatan}" if catatan else "")
    notifikasi_create(
        users=[u for u in users if not oleh or u.pk != oleh.pk],
        jenis=Notifikasi.Jenis.RENCANA,
        judul=judul,
        isi=isi,
        tautan=reverse("plans:rencana_detail", args=[rencana.pk]),
    )
