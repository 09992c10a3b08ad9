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
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from access.permissions import can, require
from monitoring.capaian import capaian_langkah
from monitoring.forms import AjukanMonevForm, BarisMonevFormSet, MonevUmumForm
from monitoring.konflik import MonevKonflik
from monitoring.models import BarisMonev, Monev, Triwulan
from monitoring.progress import load_butir
from monitoring.reports import MonevReport
from monitoring.selectors_monev import bagian_monev
from monitoring.services import monev_ajukan, monev_mulai, monev_simpan, monev_tanggal_acuan
from plans.models import RencanaAksi
from plans.print_jobs import pdf_or_job


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
def monev_list_view(request: HttpRequest, rencana_pk: int) -> HttpResponse:
    """The four quarters of a plan with the state of each monev."""
    rencana = _rencana(request, rencana_pk)
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
def monev_form_view(request: HttpRequest, rencana_pk: int, triwulan: int) -> HttpResponse:
    """Show (and for the Tim ZI, start or save) the monev of one quarter, one part at a time.

    A part (``?bagian=N``) is one area, or up to ``BARIS_PER_BAGIAN`` rows of a large area, so a
    page and a save stay small whatever the plan's size. Saving a part also saves the report
    fields; *Ajukan dan kunci* saves first, then asks for confirmation. A save over someone
    else's newer changes answers 409 and writes nothing (``monitoring.konflik``).
    """
    rencana = _rencana(request, rencana_pk)
    triwulan = _triwulan(triwulan)
    boleh_tulis = can(request.user, "monev.tulis", rencana.satker)
    monev = Monev.objects.filter(rencana=rencana, triwulan=triwulan).first()
    if monev is None:
        if request.method == "POST":
            require(request.user, "monev.tulis", rencana.satker)
            monev_mulai(rencana=rencana, triwulan=triwulan, hari_ini=timezone.localdate())
            messages.success(request, "Monev dibuat dan diisi awal dari bukti fisik yang diterima.")
            return redirect("monitoring:monev_form", rencana_pk=rencana.pk, triwulan=triwulan)
        context = {"rencana": rencana, "triwulan": Triwulan(triwulan), "monev": None}
        context["boleh_tulis"] = boleh_tulis
        context["tanggal"] = monev_tanggal_acuan(
            tahun=rencana.tahun, triwulan=triwulan, hari_ini=timezone.localdate()
        )
        return render(request, "monitoring/monev_form.html", context)
    parts = bagian_monev(monev)
    nomor = _nomor_bagian(request.POST.get("bagian") or request.GET.get("bagian"), len(parts))
    part = parts[nomor - 1] if parts else None
    ids = part.baris_ids if part else []
    status, konflik = 200, []
    if request.method == "POST":
        require(request.user, "monev.tulis", rencana.satker)
        if monev.terkunci:
            messages.error(request, "Monev ini sudah diajukan dan terkunci; tidak dapat diubah.")
            return redirect(_bagian_url(rencana, triwulan, nomor))
        formset = BarisMonevFormSet(request.POST, queryset=_rows(monev, ids))
        umum = MonevUmumForm(request.POST, instance=monev, prefix="laporan")
        if formset.is_valid() and umum.is_valid():
            try:
                monev_simpan(
                    monev=monev,
                    baris={f.instance.pk: f.cleaned_data for f in formset.forms if f.instance.pk},
                    umum=umum.cleaned_data, umum_versi=umum.cleaned_data.get("versi"),
                )  # fmt: skip
            except MonevKonflik as exc:
                konflik, status = exc.perubahan, 409
                formset, umum = _rebind_current(request, monev, ids)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                return _after_save(request, rencana, triwulan, nomor, len(parts))
        else:
            messages.error(request, "Monev belum tersimpan: periksa isian yang ditandai.")
    else:
        formset = BarisMonevFormSet(queryset=_rows(monev, ids))
        umum = MonevUmumForm(instance=monev, prefix="laporan")
    context = {
        "rencana": rencana,
        "triwulan": Triwulan(triwulan),
        "monev": monev,
        "formset": formset,
        "umum": umum,
        "umum_fields": [
            (umum[name], jenis, kolom)
            for name, jenis, kolom in (
                ("nomor_laporan", "text", "col-md-6"),
                ("tanggal_laporan", "date", "col-md-6"),
                ("mengetahui_jabatan", "text", "col-md-5"),
                ("mengetahui_nama", "text", "col-md-4"),
                ("mengetahui_nip", "text", "col-md-3"),
                ("kesimpulan", "textarea", "col-12"),
            )
        ],
        "rows": _form_rows(rencana, monev, formset),
        "tanggal": monev.tanggal_acuan,
        "bagian": parts,
        "bagian_ini": part,
        "konflik": konflik,
        "boleh_tulis": boleh_tulis and not monev.terkunci,
    }
    return render(request, "monitoring/monev_form.html", context, status=status)


def _nomor_bagian(value: str | None, jumlah: int) -> int:
    try:
        nomor = int(value or 1)
    except ValueError:
        nomor = 1
    return min(max(nomor, 1), max(jumlah, 1))


def _bagian_url(rencana: RencanaAksi, triwulan: int, nomor: int) -> str:
    url = reverse("monitoring:monev_form", args=[rencana.pk, triwulan])
    return f"{url}?bagian={nomor}"


def _after_save(request, rencana, triwulan: int, nomor: int, jumlah: int) -> HttpResponse:
    if "ajukan" in request.POST:
        return redirect("monitoring:monev_ajukan", rencana_pk=rencana.pk, triwulan=triwulan)
    if "lanjut" in request.POST and nomor < jumlah:
        messages.success(request, f"Bagian {nomor} tersimpan.")
        return redirect(_bagian_url(rencana, triwulan, nomor + 1))
    messages.success(request, "Monev tersimpan.")
    return redirect(_bagian_url(rencana, triwulan, nomor))


def _rebind_current(request: HttpRequest, monev: Monev, ids: list[int]):
    """The posted forms again, carrying the current versions: the user sees their input and
    what changed, and a second save is a deliberate choice."""
    data = request.POST.copy()
    current = dict(BarisMonev.objects.filter(pk__in=ids).values_list("pk", "versi"))
    total = int(data.get("form-TOTAL_FORMS") or 0)
    for i in range(total):
        row_id = data.get(f"form-{i}-id")
        if row_id and row_id.isdigit() and int(row_id) in current:
            data[f"form-{i}-versi"] = str(current[int(row_id)])
    monev.refresh_from_db()
    data["laporan-versi"] = str(monev.versi)
    formset = BarisMonevFormSet(data, queryset=_rows(monev, ids))
    umum = MonevUmumForm(data, instance=monev, prefix="laporan")
    formset.is_valid()
    umum.is_valid()
    return formset, umum


def _form_rows(rencana: RencanaAksi, monev: Monev, formset) -> list[dict]:
    """Per form of the page: the form, its row, the figures from the evidence and the previous
    quarter's follow-up (queries limited to the page's langkah aksi)."""
    la_ids = [f.instance.langkah_aksi_id for f in formset.forms if f.instance.langkah_aksi_id]
    capaian = capaian_langkah(
        load_butir(rencana_ids=[rencana.pk], langkah_aksi_ids=la_ids), tahun=rencana.tahun,
        triwulan=monev.triwulan, tanggal=monev.tanggal_acuan,
    )  # fmt: skip
    sebelumnya = _previous_follow_ups(rencana, monev.triwulan, la_ids)
    return [
        {
            "form": form,
            "baris": form.instance,
            "capaian": capaian.get(form.instance.langkah_aksi_id),
            "sebelumnya": sebelumnya.get(form.instance.langkah_aksi_id, ""),
        }
        for form in formset.forms
    ]


def _rows(monev: Monev, ids: list[int]):
    return BarisMonev.objects.filter(monev=monev, pk__in=ids).order_by("urutan", "pk")


def _previous_follow_ups(rencana: RencanaAksi, triwulan: int, la_ids: list[int]) -> dict[int, str]:
    """The previous quarter's non-empty tindak lanjut per langkah aksi (one query)."""
    if triwulan == 1:
        return {}
    rows = BarisMonev.objects.filter(
        monev__rencana=rencana, monev__triwulan=triwulan - 1, langkah_aksi_id__in=la_ids
    ).exclude(tindak_lanjut="")
    return dict(rows.values_list("langkah_aksi_id", "tindak_lanjut"))


@login_required
@require_http_methods(["GET", "POST"])
def monev_ajukan_view(request: HttpRequest, rencana_pk: int, triwulan: int) -> HttpResponse:
    """Confirm, then submit and lock a draft monev (Tim ZI only)."""
    rencana = _rencana(request, rencana_pk)
    require(request.user, "monev.tulis", rencana.satker)
    monev = get_object_or_404(Monev, rencana=rencana, triwulan=_triwulan(triwulan))
    if monev.terkunci:
        messages.info(request, "Monev ini sudah diajukan.")
        return redirect("monitoring:monev_form", rencana_pk=rencana.pk, triwulan=triwulan)
    user = request.user
    initial = {"disahkan_nama": user.get_full_name() or user.get_username()}
    form = AjukanMonevForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            monev_ajukan(
                monev=monev,
                nama=form.cleaned_data["disahkan_nama"],
                jabatan=form.cleaned_data["disahkan_jabatan"],
                nip=form.cleaned_data["disahkan_nip"],
                user=user,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Monev diajukan dan dikunci.")
        return redirect("monitoring:monev_form", rencana_pk=rencana.pk, triwulan=triwulan)
    context = {"rencana": rencana, "monev": monev, "form": form}
    return render(request, "monitoring/monev_ajukan.html", context)


@login_required
def monev_pdf_view(request: HttpRequest, rencana_pk: int, triwulan: int) -> HttpResponse:
    """The monev report (lembar monev ZI) as PDF; ``?kertas=a4`` or ``f4`` (default).

    Cached by content; a large plan's report that is not cached is rendered by the background
    worker and the answer is a redirect to the job's status page.
    """
    rencana = _rencana(request, rencana_pk)
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
