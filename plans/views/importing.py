"""The import page: upload or paste an SK, preview the parsed rows and warnings, then confirm."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from plans.forms import ImporForm, KonfirmasiImporForm
from plans.lampiran import LampiranError
from plans.models import Satker
from plans.services import decode_lampiran, lampiran_impor, resolve_satker
from zona_integritas.permissions import can, satkers_where

BULAN = list(range(1, 13))


def _check_satker(user, satker: Satker) -> None:
    if not can(user, "rencana.impor", satker):
        raise ValidationError(f"Anda tidak berhak mengimpor rencana aksi untuk {satker}.")


@login_required
def impor_view(request: HttpRequest) -> HttpResponse:
    """Two steps on one URL: ``langkah=pratinjau`` parses (dry run), ``langkah=simpan`` writes.

    Nothing is written until the user confirms; the confirmed text is the previewed text
    (signed), and any error leaves the database unchanged.
    """
    if not satkers_where(request.user, "rencana.impor").exists():
        raise PermissionDenied("Anda tidak memiliki hak mengimpor rencana aksi.")
    if request.method == "POST" and request.POST.get("langkah") == "simpan":
        return _simpan(request)
    form = ImporForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["berkas"]:
                sumber = data["berkas"].name
                teks = decode_lampiran(data["berkas"].read())
            else:
                sumber = "teks tempelan"
                teks = decode_lampiran(data["teks"].encode("utf-8"))
            satker = data["satker"]
            pratinjau = lampiran_impor(
                text=teks, satker=satker, tahun=data["tahun"], replace=data["ganti"], dry_run=True
            )
            hasil = pratinjau.hasil
            satker = satker or resolve_satker(hasil, None)
            _check_satker(request.user, satker)
        except LampiranError as exc:
            where = f" (baris {exc.line})" if getattr(exc, "line", None) else ""
            form.add_error(None, f"Dokumen tidak dapat dibaca: {exc}{where}")
        except ValidationError as exc:
            form.add_error(None, " ".join(exc.messages))
        else:
            konfirmasi = KonfirmasiImporForm(
                initial={
                    "teks": teks,
                    "tanda": KonfirmasiImporForm.sign(teks),
                    "sumber": sumber,
                    "satker": satker.kode,
                    "tahun": data["tahun"] or hasil.sk.tahun,
                    "ganti": data["ganti"],
                }
            )
            context = {
                "hasil": hasil,
                "satker": satker,
                "tahun": data["tahun"] or hasil.sk.tahun,
                "counts": hasil.counts(),
                "konfirmasi": konfirmasi,
                "sumber": sumber,
                "ganti": data["ganti"],
                "bulan": BULAN,
                "bukti_terdampak": pratinjau.bukti_terdampak,
            }
            return render(request, "plans/impor_pratinjau.html", context)
    return render(request, "plans/impor.html", {"form": form})


def _simpan(request: HttpRequest) -> HttpResponse:
    form = KonfirmasiImporForm(request.POST)
    if not form.is_valid():
        for error in form.non_field_errors() or ["Formulir tidak lengkap; ulangi impor."]:
            messages.error(request, error)
        return redirect("plans:impor")
    data = form.cleaned_data
    try:
        satker = Satker.objects.get(kode=data["satker"])
        _check_satker(request.user, satker)
        result = lampiran_impor(
            text=data["teks"],
            satker=satker,
            tahun=data["tahun"],
            replace=data["ganti"],
            user=request.user,
            sumber=data["sumber"] or "",
            # ids of the old bukti fisik whose uploads the user chose to carry over; only rows
            # the import itself finds affected are ever moved, so other ids do nothing
            bawa_bukti={int(v) for v in request.POST.getlist("bawa_bukti") if v.isdigit()},
        )
        rencana, hasil = result.rencana, result.hasil
    except (Satker.DoesNotExist, LampiranError, ValidationError) as exc:
        text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        messages.error(request, f"Impor dibatalkan, tidak ada yang disimpan: {text}")
        return redirect("plans:impor")
    messages.success(
        request,
        f"Rencana aksi {rencana.tahun} {rencana.satker} tersimpan: {len(hasil.rows)} baris bukti fisik"
        + (f", {len(hasil.warnings)} peringatan." if hasil.warnings else ".")
        + (
            f" {result.dipindahkan} unggahan bukti dipindahkan ke baris baru."
            if result.dipindahkan
            else ""
        ),
    )
    return redirect("plans:rencana_detail", pk=rencana.pk)
