"""Pages for answering the LKE: the list, starting one, the answer page, one question's form,
workflow transitions, history, and the plan-page tab.

Objects are fetched only through the scoped querysets (another satker's LKE is a 404); writes
need the capability on the LKE's satker (403 otherwise) and go through ``lke.services``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from access.permissions import can, require, satkers_where
from evidence.services import periode_pilihan
from lke import services
from lke.forms import JawabanTpiForm, JawabanUnitForm, MulaiForm
from lke.models import JawabanLke, MasterLke, TautanLke
from lke.scoring import nama_polos
from lke.selectors import (
    bukti_pilihan,
    jalur,
    jawaban_rows,
    lke_for_user,
    rencana_lke,
    tautan_per_node,
    tautan_soal,
)
from plans import tree
from plans.models import Komponen, RencanaAksi
from plans.selectors import rencana_for_user


def hak(user, lke) -> dict[str, bool]:
    """What ``user`` may do on ``lke`` now, for templates."""
    draf, diajukan = lke.status == lke.Status.DRAF, lke.status == lke.Status.DIAJUKAN
    return {
        "isi": draf and can(user, "lke.isi", lke.satker),
        "ajukan": draf and can(user, "lke.ajukan", lke.satker),
        "tinjau": diajukan and can(user, "lke.tinjau", lke.satker),
        "unggah": can(user, "bukti.unggah", lke.satker),
    }


def get_lke(request: HttpRequest, pk: int):
    lke = get_object_or_404(lke_for_user(user=request.user), pk=pk)
    require(request.user, "lke.lihat", lke.satker)
    return lke


@login_required
def daftar_view(request: HttpRequest) -> HttpResponse:
    """The LKEs the user may see, and the form to start one."""
    lkes = lke_for_user(user=request.user).order_by("-tahun", "satker__kode")
    satkers = satkers_where(request.user, "lke.isi").exclude(jenis="provinsi")
    tahun = sorted(set(MasterLke.objects.values_list("tahun", flat=True)), reverse=True)
    form = MulaiForm(satkers=satkers, tahun_choices=tahun) if satkers.exists() and tahun else None
    return render(request, "lke/daftar.html", {"lkes": lkes, "form": form})


@login_required
@require_POST
def mulai_view(request: HttpRequest) -> HttpResponse:
    """Start (or open) a satker's LKE for a year."""
    satkers = satkers_where(request.user, "lke.isi")
    tahun = sorted(set(MasterLke.objects.values_list("tahun", flat=True)))
    form = MulaiForm(request.POST, satkers=satkers, tahun_choices=tahun)
    if not form.is_valid():
        messages.error(request, "Pilih satker dan tahun yang tersedia.")
        return redirect("lke:daftar")
    try:
        lke = services.lke_mulai(
            satker=form.cleaned_data["satker"], tahun=form.cleaned_data["tahun"], user=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("lke:daftar")
    return redirect("lke:lke_detail", pk=lke.pk)


def kelompok(rows: list[JawabanLke]) -> list[dict]:
    """Answer rows grouped by sub area, each group with its path (komponen … sub area)."""
    groups: list[dict] = []
    for r in rows:
        node = r.soal.node
        if not groups or groups[-1]["node"].pk != node.pk:
            path = jalur(node)
            groups.append({
                "node": node,
                "judul": " › ".join(nama_polos(n.nama) for n in path[1:]) or node.nama,
                "area": nama_polos(path[2].nama) if len(path) > 2 else nama_polos(node.nama),
                "rows": [],
            })  # fmt: skip
        groups[-1]["rows"].append(r)
    return groups


@login_required
def lke_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The answer page: every question with criteria, answers, evidence and plan rows."""
    lke = get_lke(request, pk)
    rows = jawaban_rows(lke)
    per_node = tautan_per_node(lke)
    for r in rows:
        r.tautan_rencana = tautan_soal(r.soal, per_node)
    dijawab = sum(1 for r in rows if r.jawaban_unit)
    return render(
        request,
        "lke/lke_detail.html",
        {
            "lke": lke,
            "groups": kelompok(rows),
            "dijawab": dijawab,
            "jumlah": len(rows),
            "rencana": rencana_lke(lke),
            "hak": hak(request.user, lke),
        },
    )


def _bukti_choices(lke) -> list[tuple[str, str]]:
    return [
        (
            str(u.pk),
            f"{u.nama_berkas} — {u.bukti_fisik.nama or 'bukti fisik'} ({u.periode_label})",
        )
        for u in bukti_pilihan(lke)
    ]


@login_required
def jawaban_view(request: HttpRequest, pk: int, jawaban_pk: int) -> HttpResponse:
    """One question: criteria, the unit's form (draft) or the TPI's form (submitted)."""
    lke = get_lke(request, pk)
    jawaban = get_object_or_404(
        JawabanLke.objects.for_user(request.user).select_related("soal", "soal__node", "lke"),
        pk=jawaban_pk,
        lke=lke,
    )
    jawaban.lke = lke
    rights = hak(request.user, lke)
    peran = "tpi" if lke.status == lke.Status.DIAJUKAN else "unit"
    if request.method == "POST":
        if lke.status == lke.Status.FINAL:
            messages.error(request, "LKE sudah final dan terkunci.")
            return redirect("lke:lke_detail", pk=lke.pk)
        require(request.user, "lke.tinjau" if peran == "tpi" else "lke.isi", lke.satker)
    if peran == "tpi":
        initial = {"jawaban": jawaban.jawaban_tpi, "catatan": jawaban.catatan_tpi}
        form = JawabanTpiForm(
            request.POST or None, soal=jawaban.soal, initial={**initial, "versi": jawaban.versi}
        )
    else:
        initial = {
            "jawaban": jawaban.jawaban_unit,
            "catatan": jawaban.catatan_unit,
            "bukti": [str(u.pk) for u in jawaban.bukti.all()],
        }
        form = JawabanUnitForm(
            request.POST or None,
            soal=jawaban.soal,
            bukti_choices=_bukti_choices(lke),
            initial={**initial, "versi": jawaban.versi},
        )
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if peran == "tpi":
                services.jawaban_tpi_simpan(
                    jawaban=jawaban, user=request.user, versi=data["versi"],
                    jawaban_tpi=data["jawaban"], catatan_tpi=data["catatan"],
                )  # fmt: skip
            else:
                services.jawaban_simpan(
                    jawaban=jawaban, user=request.user, versi=data["versi"],
                    jawaban_unit=data["jawaban"], catatan_unit=data["catatan"],
                    bukti_ids=data["bukti"],
                )  # fmt: skip
        except ValidationError as exc:
            form.add_error(None, exc)
            status = 409 if getattr(exc, "code", "") == "konflik" else 400
        else:
            messages.success(request, f"Jawaban soal {jawaban.soal.id_master} disimpan.")
            return redirect(
                reverse("lke:lke_detail", kwargs={"pk": lke.pk}) + f"#soal-{jawaban.soal.id_master}"
            )
    elif request.method == "POST":
        status = 400
    per_node = tautan_per_node(lke)
    tautan = tautan_soal(jawaban.soal, per_node)
    context = {
        "lke": lke,
        "jawaban": jawaban,
        "soal": jawaban.soal,
        "form": form,
        "peran": peran,
        "hak": rights,
        "judul": " › ".join(nama_polos(n.nama) for n in jalur(jawaban.soal.node)),
        "tautan": tautan,
        "unggah_ke": [(b, periode_pilihan(b)) for row in tautan for b, _s in row.bukti][:10],
    }
    return render(request, "lke/jawaban_form.html", context, status=status)


#: action → (service, capability, question asked before, message after)
TRANSISI = {
    "ajukan": (
        services.lke_ajukan,
        "lke.ajukan",
        "Ajukan LKE ke TPI? Setelah diajukan, jawaban unit terkunci sampai TPI mengembalikannya.",
        "LKE diajukan ke TPI; jawaban unit kini terkunci.",
    ),
    "kembalikan": (
        services.lke_kembalikan,
        "lke.tinjau",
        "Kembalikan LKE ke unit? Unit dapat mengubah jawabannya lagi; jawaban TPI tetap tersimpan.",
        "LKE dikembalikan ke unit sebagai draf.",
    ),
    "finalkan": (
        services.lke_finalkan,
        "lke.tinjau",
        "Finalkan penilaian TPI? LKE terkunci untuk semua pihak dan nilai TPI menjadi nilai akhir "
        "yang dikirim ke PortalRB.",
        "LKE difinalkan; nilai TPI menjadi nilai akhir.",
    ),
}


@login_required
def transisi_view(request: HttpRequest, pk: int, aksi: str) -> HttpResponse:
    """Submit (``ajukan``), return (``kembalikan``) or finalise (``finalkan``) an LKE.

    GET asks for confirmation (each locks someone out); POST does it.
    """
    lke = get_lke(request, pk)
    if aksi not in TRANSISI:
        return redirect("lke:lke_detail", pk=lke.pk)
    service, capability, question, done = TRANSISI[aksi]
    if request.method != "POST":
        require(request.user, capability, lke.satker)
        context = {"lke": lke, "aksi": aksi, "pertanyaan": question}
        return render(request, "lke/konfirmasi.html", context)
    try:
        versi = int(request.POST.get("versi", ""))
    except ValueError:
        versi = None
    try:
        service(lke=lke, user=request.user, versi=versi)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect("lke:lke_detail", pk=lke.pk)


@login_required
def riwayat_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Who changed which answer when (django-simple-history), newest first, and the status log."""
    lke = get_lke(request, pk)
    perubahan = (
        JawabanLke.history.filter(lke_id=lke.pk)
        .select_related("history_user", "soal")
        .order_by("-history_date")[:300]
    )
    status = lke.history.select_related("history_user").order_by("-history_date")[:50]
    return render(
        request, "lke/riwayat.html", {"lke": lke, "perubahan": perubahan, "status": status}
    )


@login_required
def rencana_lke_view(request: HttpRequest, rencana_pk: int) -> HttpResponse:
    """Plan tab: for each komponen/indikator of the plan, the LKE questions it supports."""
    rencana: RencanaAksi = get_object_or_404(rencana_for_user(user=request.user), pk=rencana_pk)
    require(request.user, "lke.lihat", rencana.satker)
    links = (
        TautanLke.objects.filter(**{tree.lookup("indikator", "rencana"): rencana})
        .select_related("node", "node__induk", "komponen", "indikator", "node__master")
        .prefetch_related("node__soal")
        .order_by(
            tree.lookup("komponen", "area", "urutan", via="komponen"),
            "komponen__urutan",
            "node__urutan",
        )
    )
    per_komponen: dict[int, list[TautanLke]] = {}
    for t in links:
        per_komponen.setdefault(t.komponen_id, []).append(t)
    komponen = list(
        Komponen.objects.filter(rencana_area__rencana=rencana, diarsipkan=False)
        .select_related("rencana_area")
        .order_by("rencana_area__urutan", "urutan")
    )
    baris = [(k, per_komponen.get(k.pk, [])) for k in komponen]
    lke = (
        lke_for_user(user=request.user)
        .filter(satker=rencana.satker, tahun__gte=rencana.tahun)
        .order_by("tahun")
        .first()
    )
    return render(request, "lke/rencana_lke.html", {"rencana": rencana, "baris": baris, "lke": lke})
