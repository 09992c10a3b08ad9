"""Forms of the evidence app (crispy ``FormHelper`` layouts only; rules live in services)."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms

from evidence.models import Unggahan, nama_bulan
from evidence.services import periode_pilihan
from plans.models import BuktiFisik


def _periode_choices(bukti: BuktiFisik) -> list[tuple[str, str]]:
    tahun = bukti.tahun or ""
    return [
        ("" if b is None else str(b), nama_bulan(b) + (f" {tahun}" if b and tahun else ""))
        for b in periode_pilihan(bukti)
    ]


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


class MultipleFileInput(forms.ClearableFileInput):
    """A file input that lets the browser pick several files (Django docs' recipe)."""

    allow_multiple_selected = True


class UnggahForm(forms.Form):
    """Period and note of an upload. The files are read from ``request.FILES["berkas"]`` by
    the view (the streaming size check runs before any form sees them)."""

    periode = forms.TypedChoiceField(label="Periode", coerce=int, empty_value=None, required=False)
    catatan = forms.CharField(
        label="Catatan",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Mis. kegiatan apa dan kapan; terlihat oleh verifikator.",
    )
    revisi_dari = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, bukti: BuktiFisik, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["periode"].choices = _periode_choices(bukti)
        self.helper = _helper()


class VerifikasiForm(forms.Form):
    """A verification decision: diterima/ditolak, with a note (required to reject)."""

    status = forms.ChoiceField(
        label="Keputusan",
        choices=[
            (Unggahan.Status.DITERIMA, "Diterima"),
            (Unggahan.Status.DITOLAK, "Ditolak (perlu unggah ulang)"),
        ],
        widget=forms.RadioSelect,
    )
    catatan = forms.CharField(
        label="Catatan verifikasi",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Wajib bila ditolak: tuliskan apa yang harus diperbaiki.",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class AlasanForm(forms.Form):
    """The reason of a withdrawal or a purge; a purge also needs an explicit confirmation."""

    alasan = forms.CharField(
        label="Alasan", max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, konfirmasi: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if konfirmasi:
            self.fields["yakin"] = forms.BooleanField(label=konfirmasi, required=True)
        self.helper = _helper()


class TautkanForm(forms.Form):
    """Link an existing file to another bukti fisik of the same plan."""

    bukti_fisik = forms.ModelChoiceField(
        label="Bukti fisik tujuan", queryset=BuktiFisik.objects.none()
    )
    periode = forms.TypedChoiceField(
        label="Periode",
        coerce=int,
        empty_value=None,
        required=False,
        choices=[("", "Tanpa periode")] + [(str(b), nama_bulan(b)) for b in range(1, 13)],
        help_text="Harus salah satu bulan target waktu bukti fisik tujuan, atau tanpa periode.",
    )
    catatan = forms.CharField(label="Catatan", required=False, max_length=2000)

    def __init__(self, *args, pilihan, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bukti_fisik"].queryset = pilihan
        self.fields["bukti_fisik"].label_from_instance = lambda b: (
            f"{b.langkah_aksi.indikator.nama[:60]} — {b.nama[:80] or b.langkah_aksi.nama[:80]}"
        )
        self.helper = _helper()
