"""Creating plans: empty, or as a copy (last year's plan, another satker's, a province template),
and new revisions of a signed plan.

A copy takes every live (not archived) row in order, the SK text, and adapts what names the year
or the satker: the year in the title and in every TARGET WAKTU label (``Januari 2022`` →
``Januari 2023``, months re-read with ``parse_target_waktu``), the satker's name in the title.
Legal references in menimbang/mengingat keep their years (``UU Nomor 7 Tahun 2017`` must stay).
SK number and date are never copied: the new plan has not been signed.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from simple_history.utils import bulk_create_with_history

from access.models import Satker
from access.permissions import require, satkers_where
from plans.editing.common import pastikan_boleh_ubah
from plans.models import (
    BuktiFisik,
    Indikator,
    Kerangka,
    Komponen,
    LangkahAksi,
    RencanaAksi,
    RencanaArea,
)
from plans.target_waktu import parse_target_waktu

_SK_COPY_FIELDS = (
    "format_lampiran",
    "judul",
    "judul_tabel",
    "pejabat_salinan_jabatan",
    "menimbang",
    "mengingat",
    "memperhatikan",
    "menetapkan",
    "diktum",
    "bab_lampiran",
)


def sumber_salinan(*, user) -> QuerySet[RencanaAksi]:
    """Plans ``user`` may copy from: every plan they can see, plus the province templates.

    A province template is a plan of the province satker (``jenis=provinsi``) that is the
    ``induk`` of a satker where the user may edit plans: the province publishes it for its
    kabupaten/kota to start from, so a member of a child satker may copy it without being able
    to browse the province's pages.
    """
    editable = satkers_where(user, "rencana.ubah")
    provinces = editable.exclude(induk__isnull=True).values("induk_id")
    visible = RencanaAksi.objects.for_user(user).values("pk")
    return (
        RencanaAksi.objects.filter(Q(pk__in=visible) | Q(satker_id__in=provinces))
        .select_related("satker", "kerangka")
        .order_by("-tahun", "satker__kode", "kerangka__kode", "-revisi")
    )


def _ganti_tahun(text: str, lama: int, baru: int) -> str:
    if lama == baru:
        return text
    return re.sub(rf"(?<!\d){lama}(?!\d)", str(baru), text or "")


def _ganti_satker(text: str, lama: Satker, baru: Satker) -> str:
    if lama.pk == baru.pk:
        return text
    for old, new in (
        (lama.nama_lembaga, baru.nama_lembaga),
        (lama.wilayah_lengkap.upper(), baru.wilayah_lengkap.upper()),
        (lama.wilayah_lengkap, baru.wilayah_lengkap),
    ):
        text = (text or "").replace(old, new)
    return text


def _copy_rows(*, sumber: RencanaAksi, tujuan: RencanaAksi, user) -> int:
    """Copy the live rows of ``sumber`` under ``tujuan``; return the number of bukti fisik.

    Level by level with ``bulk_create_with_history`` (history rows written too): a fixed number
    of queries whatever the plan's size.
    """
    live = {"diarsipkan": False}
    areas = list(RencanaArea.objects.filter(rencana=sumber, **live).order_by("urutan", "pk"))
    new_areas = [
        RencanaArea(rencana=tujuan, area_id=a.area_id, nomor=a.nomor, judul=a.judul, urutan=i)
        for i, a in enumerate(areas)
    ]
    bulk_create_with_history(new_areas, RencanaArea, default_user=user)
    area_map = {old.pk: new for old, new in zip(areas, new_areas, strict=True)}

    komponen = list(
        Komponen.objects.filter(rencana_area__in=area_map, **live).order_by("urutan", "pk")
    )
    new_komponen = [
        Komponen(
            rencana_area=area_map[k.rencana_area_id], nomor=k.nomor, nama=k.nama, urutan=k.urutan
        )
        for k in komponen
    ]
    bulk_create_with_history(new_komponen, Komponen, default_user=user)
    komponen_map = {old.pk: new for old, new in zip(komponen, new_komponen, strict=True)}

    indikator = list(
        Indikator.objects.filter(komponen__in=komponen_map, **live).order_by("urutan", "pk")
    )
    new_indikator = [
        Indikator(komponen=komponen_map[i.komponen_id], nama=i.nama, urutan=i.urutan)
        for i in indikator
    ]
    bulk_create_with_history(new_indikator, Indikator, default_user=user)
    indikator_map = {old.pk: new for old, new in zip(indikator, new_indikator, strict=True)}

    langkah = list(
        LangkahAksi.objects.filter(indikator__in=indikator_map, **live).order_by("urutan", "pk")
    )
    new_langkah = [
        LangkahAksi(indikator=indikator_map[x.indikator_id], nama=x.nama, urutan=x.urutan)
        for x in langkah
    ]
    bulk_create_with_history(new_langkah, LangkahAksi, default_user=user)
    langkah_map = {old.pk: new for old, new in zip(langkah, new_langkah, strict=True)}

    bukti = list(
        BuktiFisik.objects.filter(langkah_aksi__in=langkah_map, **live).order_by("urutan", "pk")
    )
    new_bukti = []
    for b in bukti:
        label = _ganti_tahun(b.target_waktu, sumber.tahun, tujuan.tahun)
        if label == b.target_waktu or sumber.format_lampiran == RencanaAksi.Format.ZI_BULANAN:
            # Same label, or the monthly grid whose ✓ months are data of their own: keep them.
            bulan, minggu = list(b.bulan), list(b.minggu)
        else:
            target = parse_target_waktu(label, tahun_default=tujuan.tahun)
            bulan, minggu = list(target.bulan), list(target.minggu)
        new_bukti.append(
            BuktiFisik(
                langkah_aksi=langkah_map[b.langkah_aksi_id],
                nama=b.nama,
                target_waktu=label,
                bulan=bulan,
                minggu=minggu,
                tahun=tujuan.tahun if b.tahun in (None, sumber.tahun) else b.tahun,
                penanggung_jawab=b.penanggung_jawab,
                urutan=b.urutan,
                # The user's schedule choice travels with the row; its date moves with the year.
                jadwal=b.jadwal,
                tenggat=_geser_tahun(b.tenggat, tujuan.tahun - sumber.tahun),
            )
        )
    bulk_create_with_history(new_bukti, BuktiFisik, default_user=user)
    return len(new_bukti)


def _geser_tahun(tanggal, selisih: int):
    """``tanggal`` moved ``selisih`` years (29 February → 28 February); None stays None."""
    if tanggal is None or not selisih:
        return tanggal
    try:
        return tanggal.replace(year=tanggal.year + selisih)
    except ValueError:
        return tanggal.replace(year=tanggal.year + selisih, day=28)


def _latest_revisi(satker: Satker, tahun: int, kerangka: Kerangka) -> int:
    last = (
        RencanaAksi.objects.filter(satker=satker, tahun=tahun, kerangka=kerangka)
        .order_by("-revisi")
        .values_list("revisi", flat=True)
        .first()
    )
    return last or 0


@transaction.atomic
def rencana_buat(
    *,
    user,
    satker: Satker,
    tahun: int,
    kerangka: Kerangka,
    format_lampiran: str = RencanaAksi.Format.ZI,
    sumber: RencanaAksi | None = None,
) -> RencanaAksi:
    """Create a draft plan for ``satker`` and ``tahun``: empty, or a copy of ``sumber``.

    ``sumber`` must be in ``sumber_salinan(user=user)`` (else ``PermissionDenied``); its
    framework and lampiran format are taken over. Refused (``ValidationError``) when the satker
    already has a plan for that year and framework (open it, or make a new revision instead).
    Raises ``PermissionDenied`` without ``rencana.ubah`` on ``satker``.
    """
    require(user, "rencana.ubah", satker)
    if sumber is not None:
        if not sumber_salinan(user=user).filter(pk=sumber.pk).exists():
            require(user, "rencana.lihat", sumber.satker)  # raises: not visible to this user
        kerangka = sumber.kerangka
        format_lampiran = sumber.format_lampiran
    existing = RencanaAksi.objects.filter(satker=satker, tahun=tahun, kerangka=kerangka).first()
    if existing:
        raise ValidationError(
            f"{satker} sudah memiliki rencana aksi {kerangka.kode.upper()} tahun {tahun}. "
            "Buka rencana itu, atau buat revisi baru bila SK-nya sudah ditetapkan.",
            code="ada",
        )
    rencana = RencanaAksi(
        satker=satker,
        kerangka=kerangka,
        tahun=tahun,
        format_lampiran=format_lampiran,
        sk_tempat=satker.kota_penetapan,
        ketua_nama=satker.ketua_nama,
        pejabat_salinan_nama=satker.pejabat_salinan_nama,
        pejabat_salinan_jabatan=satker.pejabat_salinan_jabatan,
        judul=f"RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS {satker.nama_lembaga} TAHUN {tahun}",
    )
    if sumber is not None:
        for name in _SK_COPY_FIELDS:
            setattr(rencana, name, getattr(sumber, name))
        for name in ("judul", "judul_tabel", "menetapkan"):
            text = _ganti_tahun(getattr(sumber, name), sumber.tahun, tahun)
            setattr(rencana, name, _ganti_satker(text, sumber.satker, satker))
        rencana.diktum = [
            {**d, "isi": _ganti_satker(d.get("isi", ""), sumber.satker, satker)}
            for d in sumber.diktum
        ]
        rencana.disalin_dari = sumber
        rencana.sumber_dokumen = f"Salinan dari {sumber}"
    rencana.full_clean()
    rencana.save()
    if sumber is not None:
        _copy_rows(sumber=sumber, tujuan=rencana, user=user)
    return rencana


@transaction.atomic
def rencana_revisi_baru(*, rencana: RencanaAksi, user) -> RencanaAksi:
    """Open a new revision (revisi + 1, status draf) of a signed plan, with all its rows.

    The signed revision stays as it is (locked); the new one keeps the SK text but not the SK
    number and date, which the new decree will get. Refused (``ValidationError``) unless the
    plan is ditetapkan and is the latest revision.
    """
    require(user, "rencana.ubah", rencana.satker)
    if not rencana.terkunci:
        raise ValidationError(
            "Revisi baru hanya dibuat dari rencana yang sudah ditetapkan; rencana ini masih "
            "dapat diubah langsung.",
            code="belum_ditetapkan",
        )
    latest = _latest_revisi(rencana.satker, rencana.tahun, rencana.kerangka)
    if latest != rencana.revisi:
        raise ValidationError(f"Sudah ada revisi {latest} dari rencana ini.", code="ada")
    baru = RencanaAksi(
        satker=rencana.satker,
        kerangka=rencana.kerangka,
        tahun=rencana.tahun,
        revisi=latest + 1,
        sk_tempat=rencana.sk_tempat,
        ketua_nama=rencana.ketua_nama,
        pejabat_salinan_nama=rencana.pejabat_salinan_nama,
        disalin_dari=rencana,
        sumber_dokumen=f"Revisi dari {rencana}",
    )
    for name in _SK_COPY_FIELDS:
        setattr(baru, name, getattr(rencana, name))
    baru.full_clean()
    baru.save()
    _copy_rows(sumber=rencana, tujuan=baru, user=user)
    return baru


def _bukti_by_text(rencana: RencanaAksi) -> dict[tuple, list[BuktiFisik]]:
    """Live bukti fisik of ``rencana`` by the texts of their whole row (one query)."""
    path = "langkah_aksi__indikator__komponen__rencana_area"
    rows = BuktiFisik.objects.filter(
        **{f"{path}__rencana": rencana},
        diarsipkan=False,
        langkah_aksi__diarsipkan=False,
        langkah_aksi__indikator__diarsipkan=False,
        langkah_aksi__indikator__komponen__diarsipkan=False,
        **{f"{path}__diarsipkan": False},
    ).values_list(
        "pk",
        f"{path}__nomor",
        "langkah_aksi__indikator__komponen__nama",
        "langkah_aksi__indikator__nama",
        "langkah_aksi__nama",
        "nama",
        "target_waktu",
    )
    found: dict[tuple, list[int]] = {}
    for pk, *texts in rows.order_by(f"{path}__urutan", "pk"):
        found.setdefault(tuple(" ".join((t or "").split()) for t in texts), []).append(pk)
    return found


def revisi_bawa_bukti(*, baru: RencanaAksi) -> int:
    """Move the evidence of unchanged rows from the revision ``baru`` was copied from.

    Called when ``baru`` comes into force (ditetapkan). A row is unchanged when its whole text
    (area number, komponen, indikator, langkah aksi, bukti fisik, target waktu) is the same in
    both revisions; equal rows pair in order. The records protecting the old row (uploads) are
    pointed at the new one, each saved on its own so its history shows the move; rows that
    changed keep their evidence on the earlier revision, which stays reachable. Returns the
    number of records moved.
    """
    from plans.impor.bukti import move_protecting_records

    lama = baru.disalin_dari
    if lama is None:
        return 0
    new_rows = _bukti_by_text(baru)
    moved = 0
    for key, old_ids in _bukti_by_text(lama).items():
        for old_id, new_id in zip(old_ids, new_rows.get(key, []), strict=False):
            moved += move_protecting_records(BuktiFisik, old_id, new_id)
    return moved


__all__ = [
    "pastikan_boleh_ubah",
    "rencana_buat",
    "rencana_revisi_baru",
    "revisi_bawa_bukti",
    "sumber_salinan",
]
