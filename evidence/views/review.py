"""Verification, withdrawal, restore, purge and linking of uploads (confirm, then POST)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from access.permissions import require
from evidence.forms import AlasanForm, TautkanForm, VerifikasiForm
from evidence.services import (
    unggahan_link,
    unggahan_purge,
    unggahan_restore,
    unggahan_verify,
    unggahan_withdraw,
)
from evidence.views.common import get_unggahan, rencana_dari, satker_dari
from plans import tree
from plans.models import BuktiFisik


def _detail(unggahan) -> str:
    return reverse("evidence:bukti_detail", args=[unggahan.bukti_fisik_id])


def _form_errors(form, exc: ValidationError) -> None:
    for message in exc.messages:
        form.add_error(None, message)


@login_required
@require_http_methods(["GET", "POST"])
def verifikasi(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept or reject an upload with a note (``bukti.verifikasi``: Tim ZI, reviewer)."""
    unggahan = get_unggahan(request, pk)
    require(request.user, "bukti.verifikasi", satker_dari(unggahan.bukti_fisik))
    form = VerifikasiForm(request.POST or None, initial={"status": unggahan.status})
    if request.method == "POST" and form.is_valid():
        try:
            unggahan_verify(
                unggahan=unggahan,
                user=request.user,
                status=form.cleaned_data["status"],
                catatan=form.cleaned_data["catatan"],
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(
                request, f"“{unggahan.nama_berkas}” {unggahan.get_status_display().lower()}."
            )
            return redirect(_detail(unggahan))
    return render(
        request,
        "evidence/konfirmasi.html",
        {
            "unggahan": unggahan,
            "form": form,
            "judul": "Verifikasi berkas",
            "tombol": "Simpan keputusan",
            "kelas_tombol": "btn-primary",
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def tarik(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw an upload after confirmation (``bukti.unggah``); it is kept, not deleted."""
    unggahan = get_unggahan(request, pk)
    require(request.user, "bukti.unggah", satker_dari(unggahan.bukti_fisik))
    form = AlasanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            unggahan_withdraw(
                unggahan=unggahan, user=request.user, alasan=form.cleaned_data["alasan"]
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(
                request,
                f"“{unggahan.nama_berkas}” ditarik. Berkasnya tetap tersimpan dan dapat "
                "dipulihkan.",
            )
            return redirect(_detail(unggahan))
    return render(
        request,
        "evidence/konfirmasi.html",
        {
            "unggahan": unggahan,
            "form": form,
            "judul": "Tarik berkas",
            "penjelasan": "Berkas akan disembunyikan dari daftar, paket bukti dan "
            "perhitungan kemajuan, tetapi tetap tersimpan dan dapat dipulihkan.",
            "tombol": "Ya, tarik berkas",
            "kelas_tombol": "btn-warning",
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def pulihkan(request: HttpRequest, pk: int) -> HttpResponse:
    """Undo a withdrawal (``bukti.unggah``)."""
    unggahan = get_unggahan(request, pk)
    require(request.user, "bukti.unggah", satker_dari(unggahan.bukti_fisik))
    try:
        unggahan_restore(unggahan=unggahan, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"“{unggahan.nama_berkas}” dipulihkan.")
    return redirect(_detail(unggahan))


@login_required
@require_http_methods(["GET", "POST"])
def musnahkan(request: HttpRequest, pk: int) -> HttpResponse:
    """Purge a withdrawn upload for good: the system admin only, after confirmation."""
    unggahan = get_unggahan(request, pk)
    if not request.user.is_superuser:
        raise PermissionDenied("Hanya admin sistem yang dapat memusnahkan berkas.")
    form = AlasanForm(
        request.POST or None,
        konfirmasi="Saya mengerti berkas ini akan dihapus permanen dan tidak dapat dipulihkan.",
    )
    if request.method == "POST" and form.is_valid():
        try:
            unggahan_purge(unggahan=unggahan, user=request.user, alasan=form.cleaned_data["alasan"])
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(
                request, f"“{unggahan.nama_berkas}” dimusnahkan (tercatat di riwayat)."
            )
            return redirect(reverse("evidence:bukti_detail", args=[unggahan.bukti_fisik_id]))
    return render(
        request,
        "evidence/konfirmasi.html",
        {
            "unggahan": unggahan,
            "form": form,
            "judul": "Musnahkan berkas",
            "penjelasan": "Tindakan ini menghapus catatan unggahan dan — bila tidak dipakai "
            "bukti fisik lain — isi berkasnya secara permanen. Riwayat pemusnahan dicatat.",
            "tombol": "Musnahkan permanen",
            "kelas_tombol": "btn-danger",
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def tautkan(request: HttpRequest, pk: int) -> HttpResponse:
    """File an upload's content under another bukti fisik of the same plan (no new copy)."""
    unggahan = get_unggahan(request, pk)
    require(request.user, "bukti.unggah", satker_dari(unggahan.bukti_fisik))
    rencana = rencana_dari(unggahan.bukti_fisik)
    pilihan = (
        BuktiFisik.objects.for_user(request.user)
        .filter(**{tree.lookup("bukti", "rencana"): rencana}, diarsipkan=False)
        .exclude(pk=unggahan.bukti_fisik_id)
        .select_related("langkah_aksi__indikator")
        .order_by(
            tree.lookup("bukti", "area", "urutan"),
            tree.lookup("bukti", "komponen", "urutan"),
            tree.lookup("bukti", "indikator", "urutan"),
            "langkah_aksi__urutan",
            "urutan",
        )
    )
    form = TautkanForm(request.POST or None, pilihan=pilihan)
    if request.method == "POST" and form.is_valid():
        try:
            link = unggahan_link(
                unggahan=unggahan,
                bukti_fisik=form.cleaned_data["bukti_fisik"],
                user=request.user,
                periode_bulan=form.cleaned_data["periode"],
                catatan=form.cleaned_data["catatan"],
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(
                request, f"“{unggahan.nama_berkas}” ditautkan; menunggu verifikasi di sana."
            )
            return redirect(reverse("evidence:bukti_detail", args=[link.bukti_fisik_id]))
    return render(
        request,
        "evidence/konfirmasi.html",
        {
            "unggahan": unggahan,
            "form": form,
            "judul": "Tautkan ke bukti fisik lain",
            "penjelasan": "Isi berkas tidak disalin; bukti fisik tujuan memakai berkas yang "
            "sama dan diverifikasi tersendiri.",
            "tombol": "Tautkan",
            "kelas_tombol": "btn-primary",
        },
        status=400 if form.errors else 200,
    )
