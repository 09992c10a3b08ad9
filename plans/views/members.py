"""The member page of a satker: its Tim ZI adds and removes members (``anggota.kelola``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from access.models import Keanggotaan, Satker
from access.permissions import get_satker_for_user, require
from plans.forms.members import AnggotaForm
from plans.services.members import anggota_hapus, anggota_tambah, peran_boleh_diberikan


def _satker(request: HttpRequest, kode: str) -> Satker:
    satker = get_satker_for_user(request.user, kode=kode)
    require(request.user, "anggota.kelola", satker)
    return satker


@login_required
def anggota_view(request: HttpRequest, kode: str) -> HttpResponse:
    """List the satker's members and add one (existing account or a new one)."""
    satker = _satker(request, kode)
    form = AnggotaForm(request.POST if request.method == "POST" else None, satker=satker)
    boleh = peran_boleh_diberikan(request.user)
    form.fields["peran"].choices = [c for c in form.fields["peran"].choices if c[0] in boleh]
    if not request.user.is_superuser:
        form.fields["username"].help_text = (
            "Nama pengguna untuk akun baru, atau akun yang sudah menjadi anggota satker ini "
            "(untuk peran tambahan). Akun baru wajib mengganti kata sandinya saat pertama masuk."
        )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            keanggotaan, password = anggota_tambah(satker=satker, user=request.user, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            pesan = f"{keanggotaan.user.get_username()} ditambahkan sebagai {keanggotaan.get_peran_display()}."
            if password:
                pesan += (
                    f" Akun baru dibuat dengan kata sandi awal: {password} — sampaikan kepada "
                    "yang bersangkutan; kata sandi ini tidak ditampilkan lagi dan wajib diganti "
                    "saat pertama masuk."
                )
            messages.success(request, pesan)
            return redirect("plans:anggota", kode=satker.kode)
    anggota = (
        Keanggotaan.objects.filter(satker=satker)
        .select_related("user")
        .order_by("peran", "user__username")
    )
    return render(
        request,
        "plans/anggota.html",
        {"satker": satker, "anggota": anggota, "form": form, "peran_boleh": boleh},
    )


@login_required
def anggota_hapus_view(request: HttpRequest, kode: str, pk: int) -> HttpResponse:
    """Confirm (GET) and remove (POST) a membership of the satker."""
    satker = _satker(request, kode)
    keanggotaan = get_object_or_404(
        Keanggotaan.objects.filter(satker=satker).select_related("user", "satker"), pk=pk
    )
    if request.method == "POST":
        try:
            anggota_hapus(keanggotaan=keanggotaan, user=request.user)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                f"Keanggotaan {keanggotaan.user.get_username()} "
                f"({keanggotaan.get_peran_display()}) dihapus.",
            )
        return redirect("plans:anggota", kode=satker.kode)
    return render(
        request, "plans/anggota_hapus.html", {"satker": satker, "keanggotaan": keanggotaan}
    )
