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
from simple_history.utils import bulk_create_with_history

from access.models import Satker
from access.permissions import require
from plans import tree
from plans.models import BuktiFisik, Kerangka, RencanaAksi
from plans.selectors import sumber_salinan
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


#: Row fields a copy never takes over: identity and bookkeeping (a copy starts live, version 1).
_NOT_COPIED = {"id", "diarsipkan", "versi"}


def _copy_rows(*, sumber: RencanaAksi, tujuan: RencanaAksi, user) -> int:
    """Copy the live rows of ``sumber`` under ``tujuan``; return the number of bukti fisik.

    Level by level down ``plans.tree.LEVELS`` with ``bulk_create_with_history`` (history rows
    written too): a fixed number of queries whatever the plan's size. Every field of a row is
    copied but its identity and bookkeeping (``_NOT_COPIED``); a bukti fisik's year-bound
    fields are adapted to the new year (``_adapt_bukti``).
    """
    parents: dict[int, object] = {sumber.pk: tujuan}
    created: list = []
    for level in tree.LEVELS:
        model = level.model
        fk = model._meta.get_field(level.parent_field)
        names = [
            f.attname
            for f in model._meta.concrete_fields
            if f.attname not in _NOT_COPIED | {fk.attname}
        ]
        old_rows = list(
            model.objects.filter(**{f"{fk.attname}__in": parents}, diarsipkan=False).order_by(
                "urutan", "pk"
            )
        )
        created = []
        for old in old_rows:
            values = {name: getattr(old, name) for name in names}
            if level.children is None:
                _adapt_bukti(values, sumber=sumber, tujuan=tujuan)
            created.append(
                model(**{level.parent_field: parents[getattr(old, fk.attname)]}, **values)
            )
        bulk_create_with_history(created, model, default_user=user)
        parents = {old.pk: new for old, new in zip(old_rows, created, strict=True)}
    return len(created)


def _adapt_bukti(values: dict, *, sumber: RencanaAksi, tujuan: RencanaAksi) -> None:
    """Move a copied bukti fisik's year-bound fields (``values``, changed in place) to the year
    of ``tujuan``: the year in TARGET WAKTU, the months read again from a changed label, the
    year, and the date of a "tanggal tertentu" schedule."""
    label = _ganti_tahun(values["target_waktu"], sumber.tahun, tujuan.tahun)
    if label != values["target_waktu"] and sumber.format_lampiran != RencanaAksi.Format.ZI_BULANAN:
        # A changed label is read again; the monthly grid's ✓ months are data of their own.
        target = parse_target_waktu(label, tahun_default=tujuan.tahun)
        values["bulan"], values["minggu"] = list(target.bulan), list(target.minggu)
    else:
        values["bulan"], values["minggu"] = list(values["bulan"]), list(values["minggu"])
    values["target_waktu"] = label
    if values["tahun"] in (None, sumber.tahun):
        values["tahun"] = tujuan.tahun
    # The user's schedule choice travels with the row; its date moves with the year.
    values["tenggat"] = _geser_tahun(values["tenggat"], tujuan.tahun - sumber.tahun)


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


def _bukti_by_text(rencana: RencanaAksi) -> dict[tuple, list[int]]:
    """Live bukti fisik of ``rencana`` by the texts of their whole row (one query)."""

    def up(target: str, *fields: str) -> str:
        return tree.lookup("bukti", target, *fields)

    live = {up(level.kode, "diarsipkan"): False for level in tree.LEVELS[:-1]}
    rows = BuktiFisik.objects.filter(
        **{up("rencana"): rencana}, diarsipkan=False, **live
    ).values_list(
        "pk",
        up("area", "nomor"),
        up("komponen", "nama"),
        up("indikator", "nama"),
        up("langkah", "nama"),
        "nama",
        "target_waktu",
    )
    found: dict[tuple, list[int]] = {}
    for pk, *texts in rows.order_by(up("area", "urutan"), "pk"):
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
    "rencana_buat",
    "rencana_revisi_baru",
    "revisi_bawa_bukti",
]
