"""The quarterly monev: list of quarters, the Tim ZI's form, submission (lock), the PDF.

Plans are fetched through ``for_user`` (another satker's plan is a 404); reading needs
``monev.lihat``, writing ``monev.tulis`` (403 otherwise). A locked monev is shown read-only.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from jobs.printing import pdf_or_job
from monitoring.forms import AjukanMonevForm, BarisMonevFormSet, MonevUmumForm
from monitoring.models import BarisMonev, Monev, Triwulan
from monitoring.progress import load_butir
from monitoring.reports import MonevReport
from monitoring.services import (
    monev_ajukan,
    monev_mulai,
    monev_simpan,
    monev_tanggal_acuan,
    realisasi_langkah,
)
from plans.models import RencanaAksi
from zona_integritas.permissions import can, require


def _rencana(request: HttpRequest, pk: int) -> RencanaAksi:
    rencana = get_object_or_404(
        RencanaAksi.objects.for_user(request.user).select_related("satker", "kerangka"), pk=pk
    )
    require(request.user, "monev.lihat", rencana.satker)
    return rencana


def _triwulan(value: int) -> int:
    if value not in Triwulan.values:
        raise Http404("Triwulan harus 1 sampai 4.")
    return value


@login_required
def monev_list_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The four quarters of a plan with the state of each monev."""
    rencana = _rencana(request, pk)
    existing = {m.triwulan: m for m in Monev.objects.filter(rencana=rencana)}
    quarters = [(t, existing.get(t.value)) for t in Triwulan]
    context = {
        "rencana": rencana,
        "quarters": quarters,
        "boleh_tulis": can(request.user, "monev.tulis", rencana.satker),
    }
    return render(request, "monitoring/monev_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def monev_form_view(request: HttpRequest, pk: int, triwulan: int) -> HttpResponse:
    """Show (and for the Tim ZI, start or save) the monev of one quarter."""
    rencana = _rencana(request, pk)
    triwulan = _triwulan(triwulan)
    boleh_tulis = can(request.user, "monev.tulis", rencana.satker)
    monev = Monev.objects.filter(rencana=rencana, triwulan=triwulan).first()
    if request.method == "POST":
        require(request.user, "monev.tulis", rencana.satker)
        if monev is None:
            monev = monev_mulai(rencana=rencana, triwulan=triwulan, hari_ini=timezone.localdate())
            messages.success(request, "Monev dibuat dan diisi awal dari bukti fisik yang diterima.")
            return redirect("monitoring:monev_form", pk=rencana.pk, triwulan=triwulan)
        if monev.terkunci:
            messages.error(request, "Monev ini sudah diajukan dan terkunci; tidak dapat diubah.")
            return redirect("monitoring:monev_form", pk=rencana.pk, triwulan=triwulan)
        formset = BarisMonevFormSet(request.POST, queryset=_rows(monev))
        umum = MonevUmumForm(request.POST)
        if formset.is_valid() and umum.is_valid():
            try:
                monev_simpan(
                    monev=monev, formset=formset, kesimpulan=umum.cleaned_data["kesimpulan"]
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, "Monev tersimpan.")
                return redirect("monitoring:monev_form", pk=rencana.pk, triwulan=triwulan)
        else:
            messages.error(request, "Monev belum tersimpan: periksa isian yang ditandai.")
    else:
        formset = BarisMonevFormSet(queryset=_rows(monev)) if monev else None
        umum = MonevUmumForm(initial={"kesimpulan": monev.kesimpulan}) if monev else None
    tanggal = (
        monev.tanggal_acuan
        if monev
        else monev_tanggal_acuan(
            tahun=rencana.tahun, triwulan=triwulan, hari_ini=timezone.localdate()
        )
    )
    realisasi = realisasi_langkah(
        load_butir(rencana_ids=[rencana.pk]), tahun=rencana.tahun, triwulan=triwulan,
        tanggal=tanggal,
    )  # fmt: skip
    sebelumnya = _previous_follow_ups(rencana, triwulan)
    rows = []
    if formset is not None:
        for form in formset.forms:
            baris = form.instance
            rows.append(
                {
                    "form": form,
                    "baris": baris,
                    "realisasi": realisasi.get(baris.langkah_aksi_id),
                    "sebelumnya": sebelumnya.get(baris.langkah_aksi_id, ""),
                }
            )
    context = {
        "rencana": rencana,
        "triwulan": Triwulan(triwulan),
        "monev": monev,
        "formset": formset,
        "umum": umum,
        "rows": rows,
        "tanggal": tanggal,
        "boleh_tulis": boleh_tulis and (monev is None or not monev.terkunci),
    }
    return render(request, "monitoring/monev_form.html", context)


def _rows(monev: Monev):
    return BarisMonev.objects.filter(monev=monev).order_by("urutan", "pk")


def _previous_follow_ups(rencana: RencanaAksi, triwulan: int) -> dict[int, str]:
    """The previous quarter's non-empty tindak lanjut per langkah aksi (one query)."""
    if triwulan == 1:
        return {}
    rows = BarisMonev.objects.filter(
        monev__rencana=rencana, monev__triwulan=triwulan - 1, langkah_aksi__isnull=False
    ).exclude(tindak_lanjut="")
    return dict(rows.values_list("langkah_aksi_id", "tindak_lanjut"))


@login_required
@require_http_methods(["GET", "POST"])
def monev_ajukan_view(request: HttpRequest, pk: int, triwulan: int) -> HttpResponse:
    """Confirm, then submit and lock a draft monev (Tim ZI only)."""
    rencana = _rencana(request, pk)
    require(request.user, "monev.tulis", rencana.satker)
    monev = get_object_or_404(Monev, rencana=rencana, triwulan=_triwulan(triwulan))
    if monev.terkunci:
        messages.info(request, "Monev ini sudah diajukan.")
        return redirect("monitoring:monev_form", pk=rencana.pk, triwulan=triwulan)
    user = request.user
    initial = {"disahkan_nama": user.get_full_name() or user.get_username()}
    form = AjukanMonevForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            monev_ajukan(
                monev=monev,
                nama=form.cleaned_data["disahkan_nama"],
                jabatan=form.cleaned_data["disahkan_jabatan"],
                user=user,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Monev diajukan dan dikunci.")
        return redirect("monitoring:monev_form", pk=rencana.pk, triwulan=triwulan)
    context = {"rencana": rencana, "monev": monev, "form": form}
    return render(request, "monitoring/monev_ajukan.html", context)


@login_required
def monev_pdf_view(request: HttpRequest, pk: int, triwulan: int) -> HttpResponse:
    """The monev report (lembar monev ZI) as PDF; ``?kertas=a4`` or ``f4`` (default).

    Cached by content; a large plan's report that is not cached is rendered by the background
    worker and the answer is a redirect to the job's status page.
    """
    rencana = _rencana(request, pk)
    monev = get_object_or_404(Monev, rencana=rencana, triwulan=_triwulan(triwulan))
    kertas = request.GET.get("kertas", "f4")
    if kertas not in ("f4", "a4"):
        kertas = "f4"
    print_job = MonevReport().prepare(monev_id=monev.pk, kertas=kertas)
    return pdf_or_job(
        request,
        print_job=print_job,
        rencana_id=rencana.pk,
        kind="monev_pdf",
        params={"monev_id": monev.pk, "kertas": kertas},
        satker=rencana.satker,
        capability="monev.lihat",
    )
