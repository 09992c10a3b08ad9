"""Forms of the LKE pages. Answers are checked by the services (``lke.validation``); the
forms only shape the input (a choice list for choice questions, a number box otherwise)."""

from __future__ import annotations

from django import forms

from lke.models import SoalLke


def _jawaban_field(soal: SoalLke, label: str) -> forms.Field:
    if soal.skema:
        choices = [("", "— belum dijawab —")] + [
            (p["key"], f"{p['key']} — {p['label']}" if p.get("label") != p["key"] else p["key"])
            for p in soal.skema
        ]
        return forms.ChoiceField(
            label=label,
            choices=choices,
            required=False,
            widget=forms.Select(attrs={"class": "form-select"}),
        )
    help_text = (
        "Bilangan bulat ≥ 0." if soal.jenis_jawaban.casefold() == "jumlah" else "Angka 0 sampai 4."
    )
    return forms.CharField(
        label=label,
        required=False,
        max_length=20,
        help_text=help_text,
        widget=forms.TextInput(attrs={"class": "form-control", "inputmode": "decimal"}),
    )


class JawabanUnitForm(forms.Form):
    """The unit's answer, note and bukti dukung (accepted uploads of the satker)."""

    catatan = forms.CharField(
        label="Catatan unit",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
    )
    bukti = forms.MultipleChoiceField(
        label="Bukti dukung (berkas yang sudah diterima)",
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    versi = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, soal: SoalLke, bukti_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {"jawaban": _jawaban_field(soal, "Jawaban unit"), **self.fields}
        self.fields["bukti"].choices = bukti_choices


class JawabanTpiForm(forms.Form):
    """The TPI's answer and note."""

    catatan = forms.CharField(
        label="Catatan TPI",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
    )
    versi = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, soal: SoalLke, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {"jawaban": _jawaban_field(soal, "Jawaban TPI"), **self.fields}


class MulaiForm(forms.Form):
    """Start a satker's LKE for a year that has a loaded master."""

    satker = forms.ModelChoiceField(
        label="Satker", queryset=None, widget=forms.Select(attrs={"class": "form-select"})
    )
    tahun = forms.TypedChoiceField(
        label="Tahun", coerce=int, choices=(), widget=forms.Select(attrs={"class": "form-select"})
    )

    def __init__(self, *args, satkers, tahun_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["satker"].queryset = satkers
        self.fields["tahun"].choices = [(t, t) for t in tahun_choices]


class ImporForm(forms.Form):
    """Upload of an evaluators' workbook."""

    berkas = forms.FileField(
        label="Lembar kerja LKE (XLSX)",
        widget=forms.ClearableFileInput(attrs={"class": "form-control"}),
    )
    penilai = forms.ChoiceField(
        label="Kolom yang dibaca",
        choices=[("unit", "Jawaban unit"), ("tpi", "Jawaban TPI")],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
