"""Evidence of a plan (one row per bukti fisik) and the page of one bukti fisik."""

from __future__ import annotations

from collections import defaultdict

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from access.permissions import can, require
from evidence.forms import UnggahForm
from evidence.models import Unggahan, nama_bulan
from evidence.selectors import bukti_cell_context, ringkas
from evidence.services import periode_pilihan
from evidence.upload_handlers import batas_jumlah, batas_ukuran
from evidence.validation import ALLOWED_LABEL
from evidence.views.common import (
    boleh_lihat_ditarik,
    get_bukti,
    get_rencana,
    rencana_dari,
    satker_dari,
)
from plans.selectors import halaman_area, lampiran_table, rencana_tree


@login_required
def rencana_bukti(request: HttpRequest, rencana_pk: int) -> HttpResponse:
    """All bukti fisik of a plan with their files and status; the evidence pack buttons.

    Queries: the plan, the areas (1), the tree (5), the uploads (1), the memberships (1),
    whatever the size. A large plan is shown one area at a time (``?area=``, ``halaman_area``);
    the figures then count the part shown.
    """
    rencana = get_rencana(request, rencana_pk)
    require(request.user, "bukti.lihat", rencana.satker)
    halaman = halaman_area(
        rencana=rencana, area=request.GET.get("area"), bagian=request.GET.get("bagian")
    )
    context = bukti_cell_context(rencana=rencana, user=request.user, area_ids=halaman.area_ids)
    tabel = lampiran_table(
        rencana_tree(rencana=rencana, area_ids=halaman.area_ids, komponen_ids=halaman.komponen_ids)
    )
    ringkasan = [
        context["bukti_cells"].untuk(b.bukti) for area in tabel for b in area.baris if b.bukti
    ]
    return render(
        request,
        "evidence/rencana_bukti.html",
        {
            **context,
            "rencana": rencana,
            "tabel": tabel,
            "halaman": halaman,
            "format": rencana.format_lampiran,
            "bulan": range(1, 13),
            "jumlah_bukti": len(ringkasan),
            "jumlah_lengkap": sum(1 for r in ringkasan if r.lengkap),
            "jumlah_berkas": sum(r.jumlah_berkas for r in ringkasan),
        },
    )


@login_required
def bukti_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One bukti fisik: its periods, every file with its revisions, and the upload form."""
    bukti = get_bukti(request, pk)
    require(request.user, "bukti.lihat", satker_dari(bukti))
    return render(request, "evidence/bukti_detail.html", detail_context(request, bukti))


def detail_context(
    request: HttpRequest, bukti, *, form: UnggahForm | None = None, penolakan: list[str] = ()
) -> dict:
    """Context of ``evidence/bukti_detail.html`` (also used to re-show a refused upload)."""
    satker = satker_dari(bukti)
    lihat_ditarik = boleh_lihat_ditarik(request.user, satker)
    qs = (
        Unggahan.objects.filter(bukti_fisik=bukti)
        .select_related("berkas", "diunggah_oleh", "diverifikasi_oleh", "ditarik_oleh")
        .order_by("periode_bulan", "kunci_revisi", "-revisi")
    )
    if not lihat_ditarik:
        qs = qs.filter(ditarik=False)
    semua = list(qs)
    # period → file (lineage) → revisions newest first
    per_periode: dict[int | None, dict[str, list[Unggahan]]] = defaultdict(dict)
    for u in semua:
        per_periode[u.periode_bulan].setdefault(u.kunci_revisi, []).append(u)
    ringkasan = ringkas(
        bukti,
        semua,
        boleh_unggah=can(request.user, "bukti.unggah", satker),
        boleh_verifikasi=can(request.user, "bukti.verifikasi", satker),
    )
    periode = [
        {
            "ringkasan": p,
            "berkas": list(per_periode.get(p.bulan, {}).values()),
        }
        for p in ringkasan.periode
    ]
    extra = [b for b in per_periode if b not in {p.bulan for p in ringkasan.periode}]
    for bulan in extra:  # filed under a month the schedule no longer lists (plan re-imported)
        periode.append(
            {
                "ringkasan": None,
                "label": nama_bulan(bulan),
                "berkas": list(per_periode[bulan].values()),
            }
        )
    awal = request.GET.get("periode")
    if awal is None:
        # preselect the first scheduled month still without accepted evidence
        belum = [p.bulan for p in ringkasan.kurang if p.bulan] or [None]
        awal = "" if belum[0] is None else str(belum[0])
    return {
        "bukti": bukti,
        "rencana": rencana_dari(bukti),
        "ringkasan": ringkasan,
        "periode": periode,
        "form": form or UnggahForm(bukti=bukti, initial={"periode": awal}),
        "penolakan": list(penolakan),
        "batas_ukuran": batas_ukuran(),
        "batas_jumlah": batas_jumlah(),
        "jenis_diizinkan": ALLOWED_LABEL,
        "ada_jadwal": periode_pilihan(bukti) != [None],
        "superuser": request.user.is_superuser,
    }
