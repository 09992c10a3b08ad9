"""Editing a plan in the browser: create, the row editor, row forms, delete, reorder, SK text.

Objects are fetched only through ``for_user`` (another satker's plan or row is a 404); writes
go through ``plans.services`` writes, which check the role (403), the lock and the version.
A refused edit leaves the database unchanged and tells the user why, in Indonesian.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from access.permissions import require, satkers_where
from plans.calendar_id import NAMA_BULAN_PENDEK
from plans.deadlines import due_periods
from plans.forms.editing import RencanaBaruForm, SKForm, VersiForm, baris_form_class
from plans.models import JADWAL_PILIHAN, Komponen, RencanaAksi, RencanaArea
from plans.selectors import halaman_area, rencana_for_user, rencana_tree, transisi_tersedia
from plans.services import copying, guards, rows
from plans.target_waktu import POLA_LABEL, parse_target_waktu, pola_otomatis

BULAN_NAMA = list(NAMA_BULAN_PENDEK[1:])


def rencana_for_edit(request: HttpRequest, pk: int) -> RencanaAksi:
    """The plan ``pk`` if the user may see it (else 404) and edit its satker (else 403)."""
    rencana = get_object_or_404(rencana_for_user(user=request.user), pk=pk)
    require(request.user, "rencana.ubah", rencana.satker)
    return rencana


def _row(request: HttpRequest, rencana: RencanaAksi, tingkat: str, row_id: int):
    """A row of ``rencana`` at level ``tingkat``; 404 when not visible or not of this plan."""
    if tingkat not in guards.TINGKAT:
        raise Http404("Tingkat baris tidak dikenal.")
    model = guards.TINGKAT[tingkat].model
    obj = get_object_or_404(model.objects.for_user(request.user), pk=row_id)
    if guards.rencana_of(obj).pk != rencana.pk:
        raise Http404("Baris ini bukan bagian dari rencana ini.")
    return obj


def _back_to_row(rencana: RencanaAksi, tingkat: str, obj) -> HttpResponse:
    """The editor, on the part of a large plan that holds the row just saved, scrolled to it
    (each row carries ``id="<tingkat>-<pk>"``)."""
    return redirect(editor_url(rencana, obj) + f"#{tingkat}-{obj.pk}")


def _refused(request: HttpRequest, rencana: RencanaAksi, exc: ValidationError) -> HttpResponse:
    for message in exc.messages:
        messages.error(request, message)
    return redirect("plans:rencana_ubah", rencana_pk=rencana.pk)


@login_required
def rencana_baru_view(request: HttpRequest) -> HttpResponse:
    """Create a plan for a year: empty, last year's, or a copy (of a visible plan / template)."""
    if not satkers_where(request.user, "rencana.ubah").exists():
        raise PermissionDenied("Anda tidak memiliki hak membuat rencana aksi.")
    form = RencanaBaruForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rencana = copying.rencana_buat(
                user=request.user,
                satker=data["satker"],
                tahun=data["tahun"],
                kerangka=data["kerangka"],
                format_lampiran=data.get("format_lampiran") or RencanaAksi.Format.ZI,
                sumber=data.get("sumber"),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            asal = f" dari {data['sumber']}" if data.get("sumber") else ""
            messages.success(request, f"Rencana aksi {rencana.tahun} dibuat{asal}.")
            return redirect("plans:rencana_ubah", rencana_pk=rencana.pk)
    return render(request, "plans/rencana_baru.html", {"form": form})


@login_required
def rencana_ubah_view(request: HttpRequest, rencana_pk: int) -> HttpResponse:
    """The row editor: the plan's tree with add/edit/delete/move buttons on every row; a large
    plan one area at a time (``?area=``, ``halaman_area``)."""
    rencana = rencana_for_edit(request, rencana_pk)
    halaman = halaman_area(
        rencana=rencana, area=request.GET.get("area"), bagian=request.GET.get("bagian")
    )
    areas = rencana_tree(
        rencana=rencana, area_ids=halaman.area_ids, komponen_ids=halaman.komponen_ids
    )
    context = {
        "rencana": rencana,
        "areas": areas,
        "halaman": halaman,
        "alasan_terkunci": guards.alasan_terkunci(rencana=rencana, user=request.user),
        "transisi": transisi_tersedia(rencana=rencana, user=request.user),
        "bulan_nama": BULAN_NAMA,
    }
    return render(request, "plans/rencana_ubah.html", context)


@login_required
def baris_tambah_view(
    request: HttpRequest, rencana_pk: int, tingkat: str, induk_id: int
) -> HttpResponse:
    """Add a row at level ``tingkat`` under its parent ``induk_id`` (the plan for an area)."""
    rencana = rencana_for_edit(request, rencana_pk)
    if tingkat not in guards.TINGKAT:
        raise Http404("Tingkat baris tidak dikenal.")
    if tingkat == "area":
        if induk_id != rencana.pk:
            raise Http404("Induk area adalah rencana ini.")
        induk = rencana
    else:
        order = list(guards.TINGKAT)
        induk = _row(request, rencana, order[order.index(tingkat) - 1], induk_id)
    t = guards.TINGKAT[tingkat]
    form_class = baris_form_class(tingkat, t.model)
    form = form_class(request.POST if request.method == "POST" else None, rencana=rencana)
    if request.method == "POST" and form.is_valid():
        try:
            baru = rows.baris_tambah(induk=induk, user=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            return _refused(request, rencana, exc)
        messages.success(request, f"{t.label.capitalize()} ditambahkan.")
        return _back_to_row(rencana, tingkat, baru)
    context = {
        "rencana": rencana,
        "form": form,
        "judul": f"Tambah {t.label}",
        "induk": induk,
        "alasan_terkunci": guards.alasan_terkunci(rencana=rencana, user=request.user),
    }
    return render(request, "plans/baris_form.html", context)


@login_required
def baris_ubah_view(
    request: HttpRequest, rencana_pk: int, tingkat: str, row_id: int
) -> HttpResponse:
    """Edit one row; a stale form (someone saved in between) is refused with the new values."""
    rencana = rencana_for_edit(request, rencana_pk)
    obj = _row(request, rencana, tingkat, row_id)
    t = guards.TINGKAT[tingkat]
    form_class = baris_form_class(tingkat, t.model)
    # The form edits a copy so a refused save never touches the object we show again.
    form = form_class(
        request.POST if request.method == "POST" else None, instance=obj, rencana=rencana
    )
    konflik, perubahan = None, []
    if request.method == "POST" and form.is_valid():
        try:
            rows.baris_simpan(
                obj=_row(request, rencana, tingkat, row_id),
                user=request.user,
                data=form.cleaned_data,
                versi=form.cleaned_data.get("versi"),
            )
        except guards.VersionConflict as exc:
            form.add_error(None, exc)
            konflik = _row(request, rencana, tingkat, row_id)  # shown beside the refused edit
            perubahan = _changed_by_others(konflik, form.cleaned_data.get("versi"), form)
        except ValidationError as exc:
            return _refused(request, rencana, exc)
        else:
            messages.success(request, f"{t.label.capitalize()} disimpan.")
            return _back_to_row(rencana, tingkat, obj)
    context = {
        "rencana": rencana,
        "form": form,
        "judul": f"Ubah {t.label}",
        "obj": obj,
        "konflik": konflik,
        "perubahan": perubahan,
        "alasan_terkunci": guards.alasan_terkunci(rencana=rencana, user=request.user),
    }
    return render(request, "plans/baris_form.html", context, status=409 if konflik else 200)


def _changed_by_others(now, versi, form) -> list[tuple[str, str, str]]:
    """The fields someone else changed since the version ``versi`` the editor opened:
    ``(label, value then, value now)``. The version opened is found in the row's history; if
    it is not there (older rows), the stored values that differ from the form are listed."""
    names = [n for n in form.fields if n != "versi" and hasattr(now, n)]
    then = now.history.filter(versi=versi).order_by("-history_date").first()
    out = []
    for name in names:
        current = getattr(now, name)
        before = getattr(then, name) if then is not None else form.cleaned_data.get(name)
        if before != current and (then is not None or name in form.cleaned_data):
            label = str(form.fields[name].label or name)
            out.append((label, _shown(before), _shown(current)))
    return out


def _shown(value) -> str:
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "—"
    return "—" if value in (None, "") else str(value)


@login_required
def baris_hapus_view(
    request: HttpRequest, rencana_pk: int, tingkat: str, row_id: int
) -> HttpResponse:
    """Confirm (GET: what goes with it, with counts) then delete (POST) a row and its subtree."""
    rencana = rencana_for_edit(request, rencana_pk)
    obj = _row(request, rencana, tingkat, row_id)
    t = guards.TINGKAT[tingkat]
    form = VersiForm(
        request.POST if request.method == "POST" else None, initial={"versi": obj.versi}
    )
    if request.method == "POST" and form.is_valid():
        try:
            gone = rows.baris_hapus(obj=obj, user=request.user, versi=form.cleaned_data["versi"])
        except ValidationError as exc:
            return _refused(request, rencana, exc)
        rincian = ", ".join(f"{n} {label}" for label, n in gone.items())
        messages.success(
            request, f"Terhapus: {rincian}. Dapat dipulihkan dari halaman riwayat rencana."
        )
        return redirect("plans:rencana_ubah", rencana_pk=rencana.pk)
    context = {
        "rencana": rencana,
        "obj": obj,
        "tingkat": t,
        "turunan": rows.hitung_turunan(obj),
        "form": form,
    }
    return render(request, "plans/baris_hapus.html", context)


@login_required
@require_POST
def baris_pindah_view(
    request: HttpRequest, rencana_pk: int, tingkat: str, row_id: int
) -> HttpResponse:
    """Move a row up or down among its siblings (POST ``arah=naik|turun``)."""
    rencana = rencana_for_edit(request, rencana_pk)
    obj = _row(request, rencana, tingkat, row_id)
    try:
        rows.baris_pindah(obj=obj, user=request.user, arah=request.POST.get("arah", ""))
    except ValidationError as exc:
        return _refused(request, rencana, exc)
    return _back_to_row(rencana, tingkat, obj)


def editor_url(rencana: RencanaAksi, obj=None) -> str:
    """The editor's URL, on the area (and part of it) holding ``obj`` (any plan row), so that
    a large plan shown a part at a time opens where the user was working."""
    url = reverse("plans:rencana_ubah", args=[rencana.pk])
    komponen_id = None
    while obj is not None and not isinstance(obj, RencanaArea):
        if isinstance(obj, Komponen):
            komponen_id = obj.pk
        obj = next(
            (getattr(obj, a) for a in ("langkah_aksi", "indikator", "komponen", "rencana_area")
             if hasattr(obj, f"{a}_id")),
            None,
        )  # fmt: skip
    if obj is None:
        return url
    halaman = halaman_area(rencana=rencana, area=obj.pk)
    if halaman.terpilih is None:
        return url
    bagian = halaman.bagian_dengan(komponen_id) if komponen_id else 1
    return f"{url}?area={obj.pk}" + (f"&bagian={bagian}" if bagian > 1 else "")


@login_required
def rencana_sk_view(request: HttpRequest, rencana_pk: int) -> HttpResponse:
    """Edit the SK metadata and its text (menimbang, mengingat, memperhatikan, diktum)."""
    rencana = rencana_for_edit(request, rencana_pk)
    form = SKForm(
        request.POST if request.method == "POST" else None,
        instance=RencanaAksi.objects.get(pk=rencana.pk),
    )
    status = 200
    alasan = guards.alasan_terkunci(rencana=rencana, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            rows.rencana_sk_simpan(
                rencana=RencanaAksi.objects.select_related("satker").get(pk=rencana.pk),
                user=request.user,
                data=form.service_data(),
                versi=form.cleaned_data["versi"],
            )
        except guards.VersionConflict as exc:
            form.add_error(None, exc)
            status = 409
        except ValidationError as exc:
            if getattr(exc, "code", None) in {"terkunci", "ditinjau"}:
                return _refused(request, rencana, exc)
            form.add_error(None, exc)
        else:
            messages.success(request, "Data SK disimpan.")
            return redirect("plans:rencana_detail", rencana_pk=rencana.pk)
    context = {"rencana": rencana, "form": form, "alasan_terkunci": alasan}
    return render(request, "plans/rencana_sk.html", context, status=status)


@login_required
@require_GET
def target_waktu_pratinjau_view(request: HttpRequest) -> HttpResponse:
    """htmx fragment: what the app reads from a TARGET WAKTU label and the deadlines it gives.

    Query: ``target_waktu`` (the label), ``tahun`` (the plan's year, default for the year),
    ``jadwal`` (the schedule kind chosen, '' = automatic), ``tenggat`` (ISO date of a
    "tanggal tertentu"), ``nama`` and ``langkah`` (the row's text, read for recurrence words).
    Pure computation, no data: any signed-in user may call it.
    """
    label = request.GET.get("target_waktu", "")[:300]
    try:
        tahun = int(request.GET.get("tahun", ""))
    except ValueError:
        tahun = None
    teks = f"{request.GET.get('nama', '')[:2000]} {request.GET.get('langkah', '')[:2000]}"
    pilihan = request.GET.get("jadwal", "")
    pilihan = pilihan if pilihan in dict(JADWAL_PILIHAN) else ""
    try:
        tenggat = datetime.date.fromisoformat(request.GET.get("tenggat", ""))
    except ValueError:
        tenggat = None
    hasil = parse_target_waktu(label, tahun_default=tahun, teks_baris=teks)
    if not label.strip():
        hasil = None
    dibaca = pola_otomatis(label, teks_baris=teks)
    periode = due_periods(
        bulan=hasil.bulan if hasil else (),
        minggu=hasil.minggu if hasil else (),
        tahun=hasil.tahun if hasil else None,
        label=label,
        tahun_default=tahun,
        pola=pilihan or dibaca,
        tenggat=tenggat,
    )
    luar_tahun = sorted({p.tahun for p in periode if tahun and p.tahun != tahun})
    context = {
        "hasil": hasil,
        "bulan_nama": BULAN_NAMA,
        "bulan": range(1, 13),
        "dibaca": POLA_LABEL[dibaca],
        "pilihan": POLA_LABEL.get(pilihan, ""),
        "periode": periode,
        "tahun_rencana": tahun,
        "luar_tahun": luar_tahun,
    }
    return render(request, "plans/_target_waktu_pratinjau.html", context)
