"""The import page: upload (text, Word or PDF) or paste an SK, preview, correct cells, confirm.

Steps on one URL, chosen by ``langkah``: ``pratinjau`` reads the document (dry run) and keeps
its bytes on the server (``plans.import_drafts``); ``koreksi`` shows the preview again with the
cells the user corrected; ``simpan`` writes the previewed document with those corrections.
Nothing is written before ``simpan``, and any error leaves the database unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from access.models import Satker
from access.permissions import can, satkers_where
from plans import import_drafts
from plans.forms import ImporForm, KonfirmasiImporForm
from plans.lampiran import HasilParse, LampiranError
from plans.lampiran.koreksi import FIELDS, proposals
from plans.services.importing import lampiran_impor, resolve_satker

BULAN = list(range(1, 13))
#: Columns of the preview per format: (field, title). RB calls its levels differently.
KOLOM = {
    "zi": [("komponen", "Komponen"), ("indikator", "Indikator"), ("langkah_aksi", "Langkah aksi"),
           ("bukti_fisik", "Bukti fisik"), ("target_waktu", "Target waktu")],
    "zi_bulanan": [("komponen", "Komponen"), ("indikator", "Indikator"),
                   ("langkah_aksi", "Langkah aksi"), ("bukti_fisik", "Bukti fisik"),
                   ("penanggung_jawab", "Penanggung jawab")],
    "rb": [("langkah_aksi", "Sub kegiatan"), ("indikator", "Indikator keberhasilan"),
           ("target_waktu", "Waktu")],
}  # fmt: skip
#: Cells a row cannot be saved well without, per format (an empty one makes the row editable).
WAJIB = {
    "zi": ("komponen", "indikator", "langkah_aksi", "bukti_fisik"),
    "zi_bulanan": ("komponen", "indikator", "langkah_aksi", "bukti_fisik"),
    "rb": ("indikator", "langkah_aksi"),
}


@dataclass
class BarisPratinjau:
    """One preview row: its place in the file, area, cells ``(field, text, editable)``, months."""

    index: int
    tempat: str
    area: str
    cells: list[tuple[str, str, bool]]
    bulan: list[int]
    diperingatkan: bool


def _check_satker(user, satker: Satker) -> None:
    if not can(user, "rencana.impor", satker):
        raise ValidationError(f"Anda tidak berhak mengimpor rencana aksi untuk {satker}.")


def _document_satker(hasil: HasilParse) -> Satker | None:
    """The satker the document's heading names, None when it names none we know."""
    try:
        return resolve_satker(hasil, None)
    except (ValidationError, LampiranError):
        return None


def _koreksi(post) -> dict[tuple[int, str], str]:
    """``{(row index, field): text}`` from the preview's ``koreksi-<index>-<field>`` inputs."""
    out = {}
    for name, value in post.items():
        parts = name.split("-", 2)
        if len(parts) == 3 and parts[0] == "koreksi" and parts[1].isdigit() and parts[2] in FIELDS:
            out[(int(parts[1]), parts[2])] = value
    return out


def _usulan(post) -> set[tuple[int, str]]:
    """``{(line, field)}`` of the proposals ticked in the preview (``usulan`` = ``line|field``)."""
    out = set()
    for value in post.getlist("usulan"):
        line, _, field = value.partition("|")
        if line.isdigit() and field:
            out.add((int(line), field))
    return out


def _rows(hasil: HasilParse) -> list[BarisPratinjau]:
    warned = {w.line for w in hasil.warnings}
    wajib = WAJIB[hasil.format]
    out = []
    for index, row in enumerate(hasil.rows):
        empty = any(not getattr(row, field) for field in wajib)
        editable = row.line in warned or empty
        cells = [(f, getattr(row, f), editable) for f, _title in KOLOM[hasil.format]]
        out.append(
            BarisPratinjau(index, hasil.tempat(row.line), row.area, cells, row.bulan, editable)
        )
    return out


def _pratinjau(
    request, *, data: bytes, opsi: dict, token: str, koreksi=None, usulan=None, error=None
):
    """Parse the stored document again (dry run, with corrections) and render the preview."""
    satker = Satker.objects.get(kode=opsi["satker"])
    pratinjau = lampiran_impor(
        data=data,
        satker=satker,
        tahun=opsi["tahun"],
        replace=opsi["ganti"],
        dry_run=True,
        koreksi=koreksi,
        usulan=usulan,
    )
    hasil = pratinjau.hasil
    beda = Satker.objects.filter(kode=opsi.get("satker_dokumen") or "").first()
    context = {
        "hasil": hasil,
        "baris": _rows(hasil),
        "kolom": KOLOM[hasil.format],
        "satker": satker,
        "satker_dokumen": beda,
        "tahun": opsi["tahun"],
        "counts": hasil.counts(),
        "konfirmasi": KonfirmasiImporForm(initial={"token": token}),
        "sumber": opsi["sumber"],
        "ganti": opsi["ganti"],
        "bulan": BULAN,
        # uploads of rows the new document drops, each with the row proposed to carry them
        "bukti_terdampak": pratinjau.bukti_terdampak,
        "dikoreksi": len(koreksi or {}) + len(usulan or ()),
        # proposed fixes (realignment, a shifted row's cells), each with its box ticked or not
        "usulan": [
            (w, f"{w.line}|{w.field}", (w.line, w.field) in (usulan or ()))
            for w in proposals(hasil)
        ],
        "galat": error,
    }
    return render(request, "plans/impor_pratinjau.html", context)


@login_required
def impor_view(request: HttpRequest) -> HttpResponse:
    """Upload/paste → ``pratinjau``; ``koreksi`` re-previews with corrections; ``simpan`` writes."""
    if not satkers_where(request.user, "rencana.impor").exists():
        raise PermissionDenied("Anda tidak memiliki hak mengimpor rencana aksi.")
    langkah = request.POST.get("langkah") if request.method == "POST" else None
    if langkah in ("simpan", "koreksi"):
        return _lanjut(request, simpan=langkah == "simpan")
    form = ImporForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["berkas"]:
                sumber = data["berkas"].name
                dokumen = data["berkas"].read()
            else:
                sumber = "teks tempelan"
                dokumen = data["teks"].encode("utf-8")
            hasil = lampiran_impor(
                data=dokumen,
                satker=data["satker"],
                tahun=data["tahun"],
                replace=data["ganti"],
                dry_run=True,
            ).hasil
            satker = data["satker"] or resolve_satker(hasil, None)
            _check_satker(request.user, satker)
        except LampiranError as exc:
            where = f" (baris {exc.line})" if getattr(exc, "line", None) else ""
            form.add_error(None, f"Dokumen tidak dapat dibaca: {exc}{where}")
        except ValidationError as exc:
            form.add_error(None, " ".join(exc.messages))
        else:
            named = _document_satker(hasil)
            opsi = {
                "satker": satker.kode,
                "tahun": data["tahun"] or hasil.sk.tahun,
                "ganti": data["ganti"],
                "sumber": sumber,
                # Another satker's SK under the chosen satker: the save asks for a confirmation.
                "satker_dokumen": named.kode if named and named != satker else None,
            }
            token = import_drafts.store(dokumen, user_id=request.user.pk, options=opsi)
            return _pratinjau(request, data=dokumen, opsi=opsi, token=token)
    return render(request, "plans/impor.html", {"form": form})


def _lanjut(request: HttpRequest, *, simpan: bool) -> HttpResponse:
    """The preview's buttons: show the corrections (``simpan=False``) or save."""
    form = KonfirmasiImporForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Formulir tidak lengkap; ulangi impor.")
        return redirect("plans:impor")
    token = form.cleaned_data["token"]
    try:
        data, opsi = import_drafts.load(token, user_id=request.user.pk)
        satker = Satker.objects.get(kode=opsi["satker"])
        _check_satker(request.user, satker)
    except (import_drafts.DraftError, Satker.DoesNotExist, ValidationError) as exc:
        text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        messages.error(request, f"Impor dibatalkan, tidak ada yang disimpan: {text}")
        return redirect("plans:impor")
    koreksi = _koreksi(request.POST)
    usulan = _usulan(request.POST)
    if not simpan:
        return _pratinjau(
            request, data=data, opsi=opsi, token=token, koreksi=koreksi, usulan=usulan
        )
    if opsi.get("satker_dokumen") and not form.cleaned_data["setuju_satker"]:
        return _pratinjau(
            request,
            data=data,
            opsi=opsi,
            token=token,
            koreksi=koreksi,
            usulan=usulan,
            error="Dokumen ini menyebut satker lain. Centang konfirmasi di bawah bila memang "
            "ingin menyimpannya untuk satker yang dipilih.",
        )
    try:
        result = lampiran_impor(
            data=data,
            satker=satker,
            tahun=opsi["tahun"],
            replace=opsi["ganti"],
            user=request.user,
            sumber=opsi["sumber"] or "",
            koreksi=koreksi,
            usulan=usulan,
            # ids of the old bukti fisik whose uploads the user chose to carry over; only rows
            # the import itself finds affected are ever moved, so other ids do nothing
            bawa_bukti={int(v) for v in request.POST.getlist("bawa_bukti") if v.isdigit()},
        )
        rencana, hasil = result.rencana, result.hasil
    except (LampiranError, ValidationError) as exc:
        text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        messages.error(request, f"Impor dibatalkan, tidak ada yang disimpan: {text}")
        return redirect("plans:impor")
    import_drafts.discard(token)
    messages.success(
        request,
        f"Rencana aksi {rencana.tahun} {rencana.satker} tersimpan: {len(hasil.rows)} baris bukti fisik"
        + (f", {len(hasil.warnings)} peringatan." if hasil.warnings else "."),
    )
    return redirect("plans:rencana_detail", rencana_pk=rencana.pk)
