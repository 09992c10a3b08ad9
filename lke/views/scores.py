"""The score page with "what to do next", adding plan rows for a question, and the links page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from access.permissions import can, require
from lke import linking
from lke.models import JawabanLke, NodeLke, TautanLke
from lke.saran import perbaikan_semua, saran
from lke.selectors import (
    PENILAI,
    TPI,
    UNIT,
    jawaban_dict,
    jawaban_rows,
    pohon,
    rencana_lke,
    skor,
    sub_area_nodes,
    tautan_per_node,
    tautan_soal,
)
from lke.views.answering import get_lke, hak
from plans import tree
from plans.models import Indikator, Komponen

TAMPIL = 8


def saran_context(lke, penilai: str, rows) -> dict:
    """Scores of ``penilai`` and the "what to do next" lists for WBK and WBBM."""
    roots = pohon(lke.master)
    jawaban = jawaban_dict(lke, penilai, rows)
    hasil = skor(lke, penilai, rows)
    perbaikan = perbaikan_semua(roots, jawaban, hasil)
    by_soal = {r.soal.id_master: r for r in rows}
    per_node = tautan_per_node(lke)
    for r in rows:
        r.tautan_rencana = tautan_soal(r.soal, per_node)
    return {
        "hasil": hasil,
        "saran": {
            "wbk": saran(hasil.wbk, perbaikan),
            "wbbm": saran(hasil.wbbm, perbaikan),
        },
        "by_soal": by_soal,
    }


@login_required
def skor_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Unit and TPI scores side by side, verdicts with gaps, and what to do next."""
    lke = get_lke(request, pk)
    penilai = request.GET.get("penilai", UNIT)
    penilai = penilai if penilai in PENILAI else UNIT
    kategori = "wbbm" if request.GET.get("kategori") == "wbbm" else "wbk"
    rows = jawaban_rows(lke)
    ctx = saran_context(lke, penilai, rows)
    other = skor(lke, TPI if penilai == UNIT else UNIT, rows)
    unit, tpi = (ctx["hasil"], other) if penilai == UNIT else (other, ctx["hasil"])
    areas = [(nama, a, tpi.area[nama]) for nama, a in unit.area.items()]
    kriteria = {
        key: list(zip(getattr(unit, key).kriteria, getattr(tpi, key).kriteria, strict=True))
        for key in ("wbk", "wbbm")
    }
    saran_list = []
    for item in ctx["saran"][kategori]:
        groups = []
        # The longest lists (the total) name every question; show what closes the gap and a few
        # more, largest gain first.
        item.daftar = item.daftar[: max(item.penutup, TAMPIL)]
        for area, entries in item.per_area():
            groups.append(
                (
                    area,
                    [
                        (ctx["by_soal"][p.butir.soals[-1].id], p, gain, closes)
                        for p, gain, closes in entries
                    ],
                )
            )
        saran_list.append((item, groups))
    return render(
        request,
        "lke/skor.html",
        {
            "lke": lke,
            "unit": unit,
            "tpi": tpi,
            "areas": areas,
            "kriteria": kriteria,
            "penilai": penilai,
            "kategori": kategori,
            "saran_list": saran_list,
            "hak": hak(request.user, lke),
            "boleh_rencana": can(request.user, "lke.isi", lke.satker)
            and can(request.user, "rencana.ubah", lke.satker),
            "rencana": rencana_lke(lke),
        },
    )


@login_required
def tambah_rencana_view(request: HttpRequest, pk: int, jawaban_pk: int) -> HttpResponse:
    """Add a draft langkah aksi + bukti fisik for one question under a chosen indikator."""
    lke = get_lke(request, pk)
    require(request.user, "lke.isi", lke.satker)
    jawaban = get_object_or_404(
        JawabanLke.objects.for_user(request.user).select_related("soal", "soal__node"),
        pk=jawaban_pk,
        lke=lke,
    )
    rencana = rencana_lke(lke)
    indikator = (
        Indikator.objects.filter(**{tree.lookup("indikator", "rencana"): rencana}, diarsipkan=False)
        .select_related("komponen", "komponen__rencana_area")
        .order_by(tree.lookup("indikator", "area", "urutan"), "komponen__urutan", "urutan")
        if rencana
        else Indikator.objects.none()
    )
    linked = {t.komponen_id for t in TautanLke.objects.filter(node=jawaban.soal.node)}
    if request.method == "POST":
        chosen = indikator.filter(pk=request.POST.get("indikator")).first()
        if chosen is None:
            messages.error(request, "Pilih indikator rencana aksi tempat langkah aksi ditambahkan.")
        else:
            try:
                _langkah, _bukti = linking.rencana_tambah_dari_soal(
                    lke=lke, soal=jawaban.soal, indikator=chosen, user=request.user
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(
                    request,
                    "Langkah aksi dan bukti fisik draf ditambahkan ke rencana aksi; lengkapi "
                    "teks dan target waktunya.",
                )
                return redirect("plans:rencana_ubah", rencana_pk=rencana.pk)
    pilihan = sorted(indikator, key=lambda i: (i.komponen_id not in linked,))
    return render(
        request,
        "lke/tambah_rencana.html",
        {
            "lke": lke,
            "jawaban": jawaban,
            "rencana": rencana,
            "indikator": pilihan,
            "linked": linked,
        },
    )


@login_required
def tautan_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Links sub area ↔ plan komponen: current links, name-based suggestions, add and remove."""
    lke = get_lke(request, pk)
    rencana = rencana_lke(lke)
    boleh = can(request.user, "lke.isi", lke.satker)
    if request.method == "POST":
        require(request.user, "lke.isi", lke.satker)
        try:
            if "hapus" in request.POST:
                tautan = get_object_or_404(
                    TautanLke.objects.for_user(request.user), pk=request.POST["hapus"]
                )
                linking.tautan_hapus(lke=lke, tautan=tautan, user=request.user)
                messages.success(request, "Tautan dihapus.")
            elif "saran_semua" in request.POST:
                for s in linking.saran_tautan(lke):
                    linking.tautan_tambah(
                        lke=lke, node=s.node, komponen=s.komponen, user=request.user
                    )
                messages.success(request, "Semua saran tautan diterapkan.")
            else:
                node = get_object_or_404(NodeLke, pk=request.POST.get("node"), master=lke.master)
                komponen = get_object_or_404(
                    Komponen.objects.for_user(request.user), pk=request.POST.get("komponen")
                )
                linking.tautan_tambah(lke=lke, node=node, komponen=komponen, user=request.user)
                messages.success(request, "Tautan ditambahkan.")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("lke:tautan", pk=lke.pk)
    per_node = tautan_per_node(lke)
    komponen = (
        Komponen.objects.filter(rencana_area__rencana=rencana, diarsipkan=False)
        .select_related("rencana_area")
        .order_by("rencana_area__urutan", "urutan")
        if rencana
        else []
    )
    return render(
        request,
        "lke/tautan.html",
        {
            "lke": lke,
            "rencana": rencana,
            "nodes": [(n, per_node.get(n.pk, [])) for n in sub_area_nodes(lke.master)],
            "saran": linking.saran_tautan(lke) if rencana else [],
            "komponen": komponen,
            "boleh": boleh,
        },
    )
