"""Deadline reminders: what falls due in the next N days and what is overdue, per satker.

``pengingat_kirim`` e-mails each satker's uploaders (Kasubbag Hukum dan SDM) and Tim ZI through
Django's mail backend, at most once per bukti fisik and due period (``PengingatTerkirim`` has a
unique constraint on the pair). Plans considered: for each satker and framework, the plan in
force of the reference date's year (the newest ditetapkan revision, else the newest revision).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from access.models import Keanggotaan, Satker
from access.permissions import KASUBBAG, TIM_ZI
from monitoring.models import PengingatTerkirim
from monitoring.progress import ScheduledBukti, load_butir
from notifications.models import Notifikasi
from notifications.services import notifikasi_create
from plans.models import RencanaAksi
from plans.selectors import rencana_berlaku

logger = logging.getLogger(__name__)

PENERIMA_PERAN = (KASUBBAG, TIM_ZI)


@dataclass
class ButirPengingat:
    """One item and period to remind about."""

    butir: ScheduledBukti
    periode_kunci: str
    periode_label: str
    tenggat: date
    jenis: str  # PengingatTerkirim.Jenis value


@dataclass
class HasilPengingat:
    """What a run did: e-mails sent, items reminded, satkers skipped for lack of recipients,
    satkers whose sending failed (their items stay pending for the next run)."""

    email: int = 0
    butir: int = 0
    tanpa_penerima: list[str] = field(default_factory=list)
    gagal: list[str] = field(default_factory=list)


def butir_pengingat(
    butir_list: list[ScheduledBukti], *, tanggal: date, hari: int
) -> list[ButirPengingat]:
    """Periods not fulfilled on ``tanggal`` that are overdue or due within ``hari`` days
    (deadline in ``[tanggal, tanggal + hari]``). Pure; raises ``ValueError`` if ``hari < 0``."""
    if hari < 0:
        raise ValueError("hari tidak boleh negatif")
    batas = tanggal + timedelta(days=hari)
    result = []
    for butir in butir_list:
        for sp in butir.jadwal.status_periode(tanggal):
            if sp.tanggal_bukti is not None:
                continue
            p = sp.periode
            if p.tenggat < tanggal:
                jenis = PengingatTerkirim.Jenis.TERTUNGGAK
            elif p.tenggat <= batas:
                jenis = PengingatTerkirim.Jenis.AKAN_JATUH_TEMPO
            else:
                continue
            result.append(ButirPengingat(butir, p.kunci, p.label, p.tenggat, jenis))
    return result


def _plans(tanggal: date) -> list[RencanaAksi]:
    # the plan in force, not a new revision still being drafted
    plans = RencanaAksi.objects.filter(tahun=tanggal.year)
    return rencana_berlaku(plans, "satker_id", "kerangka_id")


def _recipients(satker_ids: list[int]) -> dict[int, list[str]]:
    found: dict[int, set[str]] = defaultdict(set)
    rows = Keanggotaan.objects.filter(
        satker_id__in=satker_ids, peran__in=PENERIMA_PERAN, user__is_active=True
    ).exclude(user__email="")
    for satker_id, email in rows.values_list("satker_id", "user__email"):
        found[satker_id].add(email)
    return {k: sorted(v) for k, v in found.items()}


def _recipient_users(satker_id: int) -> list:
    return [
        k.user
        for k in Keanggotaan.objects.filter(
            satker_id=satker_id, peran__in=PENERIMA_PERAN, user__is_active=True
        ).select_related("user")
    ]


def pesan(satker: Satker, items: list[ButirPengingat], *, tanggal: date, hari: int) -> str:
    """The Indonesian plain-text body of one satker's reminder."""
    lines = [
        f"Yth. Tim Zona Integritas dan Kasubbag Hukum dan SDM {satker.nama},",
        "",
        f"Berikut bukti fisik rencana aksi yang belum memiliki bukti diterima pada "
        f"{tanggal.strftime('%d-%m-%Y')}:",
    ]
    for jenis, judul in (
        (PengingatTerkirim.Jenis.TERTUNGGAK, "TERTUNGGAK (tenggat sudah lewat)"),
        (PengingatTerkirim.Jenis.AKAN_JATUH_TEMPO, f"JATUH TEMPO DALAM {hari} HARI"),
    ):
        group = [i for i in items if i.jenis == jenis]
        if not group:
            continue
        lines += ["", f"{judul}: {len(group)} butir"]
        for i in sorted(group, key=lambda i: (i.tenggat, i.butir.id)):
            name = i.butir.nama or i.butir.langkah_aksi
            lines.append(
                f"- [{i.butir.area_nomor}] {name[:150]} — {i.periode_label}, "
                f"tenggat {i.tenggat.strftime('%d-%m-%Y')}"
            )
    lines += [
        "",
        "Silakan unggah bukti fisiknya melalui aplikasi Zona Integritas (menu Dasbor).",
        "Pengingat ini dikirim sekali untuk setiap butir dan periode.",
    ]
    return "\n".join(lines)


def pengingat_kirim(*, tanggal: date, hari: int = 7) -> HasilPengingat:
    """Send the reminders due on ``tanggal`` (see module docstring); returns a ``HasilPengingat``.

    Per satker, the reminder rows are inserted and the mail sent in one transaction: if sending
    fails the rows roll back (the items are reminded next run); if another run recorded them
    first (unique constraint) this satker is skipped, so nobody gets a reminder twice.
    """
    result = HasilPengingat()
    plans = _plans(tanggal)
    items = butir_pengingat(
        load_butir(rencana_ids=[p.pk for p in plans]), tanggal=tanggal, hari=hari
    )
    sent = set(
        PengingatTerkirim.objects.filter(
            bukti_fisik_id__in={i.butir.id for i in items}
        ).values_list("bukti_fisik_id", "periode")
    )
    per_satker: dict[int, list[ButirPengingat]] = defaultdict(list)
    for item in items:
        if (item.butir.id, item.periode_kunci) not in sent:
            per_satker[item.butir.satker_id].append(item)
    satkers = Satker.objects.in_bulk(list(per_satker))
    recipients = _recipients(list(per_satker))
    for satker_id, group in sorted(per_satker.items(), key=lambda kv: satkers[kv[0]].kode):
        satker = satkers[satker_id]
        to = recipients.get(satker_id)
        if not to:
            result.tanpa_penerima.append(satker.nama)
            continue
        overdue = sum(1 for i in group if i.jenis == PengingatTerkirim.Jenis.TERTUNGGAK)
        subject = (
            f"[Zona Integritas] {satker.nama}: {overdue} tertunggak, "
            f"{len(group) - overdue} jatuh tempo dalam {hari} hari"
        )
        try:
            with transaction.atomic():
                PengingatTerkirim.objects.bulk_create(
                    [
                        PengingatTerkirim(
                            bukti_fisik_id=i.butir.id,
                            periode=i.periode_kunci,
                            tenggat=i.tenggat,
                            jenis=i.jenis,
                            penerima=", ".join(to),
                        )
                        for i in group
                    ]
                )
                body = pesan(satker, group, tanggal=tanggal, hari=hari)
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)
                # The same reminder in the app (the mail above already went out).
                notifikasi_create(
                    users=_recipient_users(satker_id),
                    jenis=Notifikasi.Jenis.TENGGAT,
                    judul=subject.removeprefix("[Zona Integritas] "),
                    isi=body,
                    tautan=reverse("monitoring:dasbor_satker", args=[satker.kode]),
                    email=False,
                )
        except IntegrityError:
            logger.info("Pengingat %s sudah dicatat oleh proses lain; dilewati", satker.nama)
            continue
        except Exception:
            logger.exception("Gagal mengirim pengingat untuk %s", satker.nama)
            result.gagal.append(satker.nama)
            continue
        result.email += 1
        result.butir += len(group)
    return result
