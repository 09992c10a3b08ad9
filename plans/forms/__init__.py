"""Forms of the plans app (crispy ``FormHelper`` layouts only; rules live in services)."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout, Submit
from django import forms

from access.permissions import satkers_where


class ImporForm(forms.Form):
    """Step 1 of the import page: a document (file or pasted text) and optional overrides."""

    berkas = forms.FileField(
        label="Berkas SK",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.pdf,.txt"}),
        help_text="SK beserta lampirannya: Word (.docx), PDF digital (bukan hasil pindaian) "
        "atau teks (.txt). Maks. 5 MB.",
    )
    teks = forms.CharField(
        label="…atau tempel teks SK/tabel lampiran",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "placeholder": "NO\tKOMPONEN\tINDIKATOR\t…"}),
    )
    satker = forms.ModelChoiceField(
        label="Satker",
        queryset=None,
        required=False,
        empty_label="(sesuai kop dokumen)",
    )
    tahun = forms.IntegerField(
        label="Tahun",
        required=False,
        min_value=2000,
        max_value=2100,
        help_text="Kosongkan: dari dokumen.",
    )
    ganti = forms.BooleanField(
        label="Ganti rencana yang sudah ada (bukti fisik yang sudah diunggah tetap disimpan)",
        required=False,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["satker"].queryset = satkers_where(user, "rencana.impor")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "berkas",
            "teks",
            Div(
                Div("satker", css_class="col-md-6"),
                Div("tahun", css_class="col-md-3"),
                css_class="row",
            ),
            Field("ganti"),
        )

    def clean(self):
        data = super().clean()
        if bool(data.get("berkas")) == bool((data.get("teks") or "").strip()):
            raise forms.ValidationError("Pilih salah satu: unggah berkas atau tempel teks.")
        return data


class KonfirmasiImporForm(forms.Form):
    """Step 2: the token of the document kept on the server since the preview
    (``plans.import_drafts``), and the confirmation asked for another satker's document."""

    token = forms.CharField(widget=forms.HiddenInput)
    setuju_satker = forms.BooleanField(
        required=False,
        label="Saya yakin: simpan dokumen ini sebagai rencana aksi satker yang saya pilih.",
    )


class RencanaFilterForm(forms.Form):
    """Filters of the plan list."""

    tahun = forms.IntegerField(label="Tahun", required=False)
    satker = forms.CharField(
        label="Satker", required=False, help_text="Kode atau nama, mis. 3319 atau Kudus"
    )
    q = forms.CharField(label="Cari", required=False)

    helper = FormHelper()
    helper.form_method = "get"
    helper.form_class = "row row-cols-md-auto g-2 align-items-end"
    helper.layout = Layout("tahun", "satker", "q", Submit("", "Saring", css_class="btn-secondary"))
