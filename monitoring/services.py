"""Writes of the monitoring app: opening, saving and submitting a quarterly monev.

Every function is keyword-only and atomic; a submitted (locked) monev is never changed.
The realisation prefilled into a new monev comes from the deadline engine and the accepted
evidence (``monitoring.capaian``). Saving is optimistic-locked per row and per monev (``versi``):
a form posted over a newer save is refused with the fields the other person changed
(``MonevKonflik``), nothing overwritten.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from monitoring.capaian import Capaian, capaian_langkah
from monitoring.konflik import BARIS_FIELDS, MonevKonflik, konflik_baris, umum_changes
from monitoring.models import BarisMonev, Monev
from monitoring.progress import load_butir
from plans import tree
from plans.deadlines import triwulan_rentang
from plans.models import LangkahAksi, RencanaAksi


def monev_tanggal_acuan(*, tahun: int, triwulan: int, hari_ini: date) -> date:
    """The reference date of a quarter's monev: the quarter's last day, or today if earlier."""
    return min(triwulan_rentang(tahun, triwulan)[1], hari_ini)


@transaction.atomic
def monev_mulai(*, rencana: RencanaAksi, triwulan: int, hari_ini: date) -> Monev:
    """Open the draft monev of ``rencana`` for ``triwulan`` with one row per live langkah aksi.

    Rows are prefilled from the evidence (status and percentage, ``capaian.capaian_langkah``,
    overdue periods of earlier quarters included) on the monev's reference date. The report
    date defaults to the quarter's last day and "Mengetahui" to the satker's Ketua. Idempotent: an existing monev is returned unchanged. Raises
    ``ValidationError`` for a quarter outside 1–4.
    """
    if triwulan not in (1, 2, 3, 4):
        raise ValidationError(_("Triwulan harus I sampai IV."))
    existing = Monev.objects.select_for_update().filter(rencana=rencana, triwulan=triwulan).first()
    if existing is not None:
        return existing
    tanggal = monev_tanggal_acuan(tahun=rencana.tahun, triwulan=triwulan, hari_ini=hari_ini)
    monev = Monev.objects.create(rencana=rencana, triwulan=triwulan, tanggal_acuan=tanggal)
    monev.tanggal_laporan = triwulan_rentang(rencana.tahun, triwulan)[1]
    satker = rencana.satker
    monev.mengetahui_nama = rencana.ketua_nama or satker.ketua_nama
    monev.mengetahui_jabatan = f"Ketua {satker.nama}"
    monev.save(update_fields=["tanggal_laporan", "mengetahui_nama", "mengetahui_jabatan"])
    capaian = capaian_langkah(
        load_butir(rencana_ids=[rencana.pk]), tahun=rencana.tahun, triwulan=triwulan,
        tanggal=tanggal,
    )  # fmt: skip
    rows = []
    for urutan, (la_id, teks, area_teks) in enumerate(langkah_aksi_rencana(rencana)):
        c = capaian.get(la_id, Capaian())
        rows.append(
            BarisMonev(
                monev=monev,
                langkah_aksi_id=la_id,
                urutan=urutan,
                langkah_aksi_teks=teks,
                area_teks=area_teks[:320],
                realisasi_status=c.status_saran,
                realisasi_persen=c.persen_saran,
            )
        )
    # With history, so the first stale save can still tell what its loaded version held.
    bulk_create_with_history(rows, BarisMonev, batch_size=500)
    return monev


def langkah_aksi_rencana(rencana: RencanaAksi) -> list[tuple[int, str, str]]:
    """``(langkah_aksi_id, langkah aksi text, area "II Penataan …")`` of the plan's live rows,
    in SK order (one query)."""
    area = tree.lookup("langkah", "area")
    rows = (
        LangkahAksi.objects.filter(
            **{f"{area}__rencana": rencana, f"{area}__diarsipkan": False},
            diarsipkan=False,
            indikator__diarsipkan=False,
            **{tree.lookup("langkah", "komponen", "diarsipkan"): False},
        )
        .order_by(
            f"{area}__urutan",
            f"{area}__id",
            tree.lookup("langkah", "komponen", "urutan"),
            tree.lookup("langkah", "komponen", "id"),
            "indikator__urutan",
            "indikator__id",
            "urutan",
            "id",
        )
        .values_list(
            "id",
            "nama",
            "indikator__nama",
            tree.lookup("langkah", "komponen", "nama"),
            f"{area}__nomor",
            f"{area}__judul",
        )
    )
    # An RB plan's sub kegiatan may be blank where the document only names the indikator
    # keberhasilan: the row then reads as its indikator (or komponen), never as an empty label.
    return [
        (pk, nama or indikator or komponen or "—", f"{nomor} {judul}".strip())
        for pk, nama, indikator, komponen, nomor, judul in rows
    ]


def _ensure_draft(monev: Monev) -> Monev:
    locked = Monev.objects.select_for_update().get(pk=monev.pk)
    if locked.terkunci:
        raise ValidationError(_("Monev ini sudah diajukan dan terkunci; tidak dapat diubah."))
    return locked


@transaction.atomic
def monev_simpan(
    *,
    monev: Monev,
    baris: dict[int, dict],
    umum: dict | None = None,
    umum_versi: int | None = None,
):
    """Save some rows of a draft monev and, optionally, its report fields.

    Args:
        monev: the draft monev.
        baris: row id → the values posted for that row: ``BARIS_FIELDS`` and the ``versi`` the
            user loaded (the cleaned data of a ``BarisMonevForm``).
        umum: cleaned data of ``MonevUmumForm`` (``MONEV_UMUM_FIELDS``) or ``None`` to leave them.
        umum_versi: the monev ``versi`` the user loaded (required with ``umum``).

    Returns the saved monev. Raises ``ValidationError`` if it was locked meanwhile or a row is
    not of this monev, and ``MonevKonflik`` (nothing written) if a row or the report fields
    changed since the user loaded them and the user changed them too. A stale form whose values
    the user did not touch leaves the newer values in place.
    """
    locked = _ensure_draft(monev)
    current = BarisMonev.objects.select_for_update().in_bulk(list(baris))
    if any(pk not in current or current[pk].monev_id != locked.pk for pk in baris):
        raise ValidationError(_("Baris tidak termasuk monev ini."))
    konflik = konflik_baris(baris, current)
    umum_diubah: list[str] = []
    if umum is not None:
        umum_diubah, umum_konflik = umum_changes(locked, umum, umum_versi)
        konflik.extend(umum_konflik)
    if konflik:
        raise MonevKonflik(konflik)
    for pk, posted in baris.items():
        row = current[pk]
        if posted.get("versi") != row.versi:
            continue  # stale but untouched (konflik_baris checked): keep the newer values
        changed = [f for f in BARIS_FIELDS if posted[f] != getattr(row, f)]
        if changed:
            for name in changed:
                setattr(row, name, posted[name])
            row.versi += 1
            row.save(update_fields=[*changed, "versi"])
    if umum_diubah:
        for name in umum_diubah:
            setattr(locked, name, umum[name])
        locked.versi += 1
        locked.save(update_fields=[*umum_diubah, "versi", "diubah"])
    return locked


@transaction.atomic
def monev_ajukan(*, monev: Monev, nama: str, jabatan: str, user, nip: str = "") -> Monev:
    """Submit and lock a draft monev, signed off by ``nama`` (``jabatan``, NIP ``nip``) through
    ``user``.

    Raises ``ValidationError`` if it is already locked or the name is empty.
    """
    locked = _ensure_draft(monev)
    if not nama.strip():
        raise ValidationError(_("Nama penandatangan wajib diisi."))
    locked.status = Monev.Status.DIAJUKAN
    locked.disahkan_nama = nama.strip()
    locked.disahkan_jabatan = jabatan.strip()
    locked.disahkan_nip = nip.strip()
    locked.disahkan_oleh = user
    locked.disahkan_pada = timezone.now()
    locked.full_clean()
    locked.save()
    return locked
