"""Export a plan's rows to XLSX and import them back with a dry-run preview."""

from __future__ import annotations

import base64
import hashlib

import tablib
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify

from access.permissions import require
from plans.selectors import rencana_for_user
from plans.services.guards import ensure_can_edit
from plans.services.spreadsheet import NewConflicts, rencana_xlsx_impor
from plans.spreadsheet_xlsx import ekspor_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_BYTES = 5 * 1024 * 1024
_SESSION_KEY = "plans.xlsx_impor"


class XlsxForm(forms.Form):
    berkas = forms.FileField(
        label="Berkas XLSX", help_text="Hasil ekspor rencana ini (maks. 5 MB)."
    )


@login_required
def rencana_xlsx_view(request: HttpRequest, rencana_pk: int) -> HttpResponse:
    """The plan's rows as an XLSX workbook (formula-safe cells)."""
    rencana = get_object_or_404(rencana_for_user(user=request.user), pk=rencana_pk)
    require(request.user, "rencana.lihat", rencana.satker)
    name = slugify(f"rencana-{rencana.satker.kode}-{rencana.tahun}-rev{rencana.revisi}")
    response = HttpResponse(ekspor_xlsx(rencana), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


def _load(data: bytes) -> tablib.Dataset:
    try:
        return tablib.Dataset().load(data, format="xlsx")
    except Exception as exc:  # openpyxl raises many types for a non-XLSX file
        raise ValidationError(
            "Berkas bukan lembar kerja XLSX yang dapat dibaca; unggah hasil ekspor rencana."
        ) from exc


def _errors(result) -> list[str]:
    """Every row error as ``Baris N: …`` (N = the row number in the sheet, header = 1)."""
    out = []
    for row in result.invalid_rows:
        for column, msgs in row.error_dict.items():
            for msg in msgs:
                col = "" if column == "__all__" else f"kolom {column}: "
                out.append(f"Baris {row.number + 1}: {col}{msg}")
    for number, errors in result.row_errors():
        for error in errors:
            out.append(f"Baris {number + 1}: {error.error}")
    return sorted(out, key=lambda s: int(s.split()[1].rstrip(":")))


def _preview(request, rencana, *, result, resource, sha, status=200, pesan=""):
    """The preview page: errors, or each new/changed/conflicting line with its fields before
    and after, and the plan's rows the file lacks (never deleted by an import)."""
    context = {
        "rencana": rencana,
        "result": result,
        "errors": _errors(result),
        "totals": result.totals,
        "sha": sha,
        "baru": [p for p in resource.perubahan if p.jenis == "baru"],
        "diubah": [p for p in resource.perubahan if p.jenis == "ubah"],
        "konflik": resource.konflik,
        "dihapus": resource.dihapus(),
        "pesan": pesan,
    }
    return render(request, "plans/xlsx_pratinjau.html", context, status=status)


@login_required
def rencana_xlsx_impor_view(request: HttpRequest, rencana_pk: int) -> HttpResponse:
    """Upload → dry-run preview (every change, conflict and row error) → confirm → write.

    Nothing is written while any row has an error. The confirmed workbook is the previewed
    one (kept in the session with its digest). A line whose row was saved in the browser after
    the export is a conflict: written only when the user ticked it (``timpa``); a conflict that
    appears between the preview and the save rolls everything back with status 409.
    """
    rencana = get_object_or_404(rencana_for_user(user=request.user), pk=rencana_pk)
    require(request.user, "rencana.ubah", rencana.satker)
    try:
        ensure_can_edit(rencana=rencana, user=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("plans:rencana_detail", rencana_pk=rencana.pk)
    form = XlsxForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and request.POST.get("langkah") == "simpan":
        stored = request.session.get(_SESSION_KEY) or {}
        if stored.get("rencana") != rencana.pk or stored.get("sha") != request.POST.get("sha"):
            messages.error(request, "Pratinjau kedaluwarsa; unggah berkasnya lagi.")
            return redirect("plans:rencana_xlsx_impor", rencana_pk=rencana.pk)
        return _save(request, rencana, stored)
    if request.method == "POST" and form.is_valid():
        berkas = form.cleaned_data["berkas"]
        data = berkas.read(MAX_BYTES + 1)
        try:
            if len(data) > MAX_BYTES:
                raise ValidationError("Berkas terlalu besar (maks. 5 MB).")
            dataset = _load(data)
        except ValidationError as exc:
            form.add_error("berkas", exc)
        else:
            result, resource = rencana_xlsx_impor(
                rencana=rencana, user=request.user, dataset=dataset, dry_run=True
            )
            sha = hashlib.sha256(data).hexdigest()
            if not _errors(result):
                request.session[_SESSION_KEY] = {
                    "rencana": rencana.pk,
                    "sha": sha,
                    "data": base64.b64encode(data).decode(),
                    "konflik": [k.id for k in resource.konflik],
                }
            return _preview(request, rencana, result=result, resource=resource, sha=sha)
    return render(request, "plans/xlsx_impor.html", {"rencana": rencana, "form": form})


def _save(request, rencana, stored: dict) -> HttpResponse:
    """Write the previewed workbook; the ticked conflicts overwrite, the others stay."""
    known = set(stored.get("konflik") or [])
    timpa = {int(v) for v in request.POST.getlist("timpa") if v.isdigit()} & known
    dataset = _load(base64.b64decode(stored["data"]))
    try:
        result, _resource = rencana_xlsx_impor(
            rencana=rencana, user=request.user, dataset=dataset, dry_run=False, timpa=timpa,
            known=known,
        )  # fmt: skip
    except NewConflicts:
        # Someone saved rows in the browser since the preview: show them, write nothing.
        result, dry = rencana_xlsx_impor(
            rencana=rencana, user=request.user, dataset=dataset, dry_run=True
        )
        stored["konflik"] = [k.id for k in dry.konflik]
        request.session[_SESSION_KEY] = stored
        pesan = (
            "Tidak ada yang disimpan: baris berikut diubah di peramban setelah pratinjau. "
            "Periksa lagi, lalu simpan."
        )
        return _preview(
            request, rencana, result=result, resource=dry, sha=stored["sha"], status=409,
            pesan=pesan,
        )  # fmt: skip
    del request.session[_SESSION_KEY]
    if result.has_errors() or result.has_validation_errors():
        messages.error(
            request,
            "Impor dibatalkan, tidak ada yang disimpan: " + "; ".join(_errors(result)[:5]),
        )
        return redirect("plans:rencana_xlsx_impor", rencana_pk=rencana.pk)
    kept = len(known - timpa)
    totals = result.totals
    messages.success(
        request,
        f"Lembar kerja diimpor: {totals['new']} baris baru, {totals['update']} diubah, "
        f"{totals['skip'] - kept} tidak berubah"
        + (f", {kept} baris yang diubah di peramban dibiarkan." if kept else "."),
    )
    return redirect("plans:rencana_ubah", rencana_pk=rencana.pk)
