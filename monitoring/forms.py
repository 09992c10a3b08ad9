"""Forms of the monitoring app: dashboard filters, the monev rows and the submit confirmation."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from monitoring.models import BarisMonev


class DasborFilterForm(forms.Form):
    """Year, framework and reference date of a dashboard (GET)."""

    tahun = forms.TypedChoiceField(label=_("Tahun"), coerce=int, required=False, empty_value=None)
    kerangka = forms.ChoiceField(label=_("Kerangka"), required=False)
    tanggal = forms.DateField(
        label=_("Tanggal acuan"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Kosongkan untuk hari ini."),
    )

    def __init__(self, *args, tahun_pilihan: list[int], kerangka_pilihan: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tahun"].choices = [(t, str(t)) for t in tahun_pilihan]
        self.fields["kerangka"].choices = [(k.kode, k.nama) for k in kerangka_pilihan]
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "mb-3"
        self.helper.layout = Layout(
            Row(
                Column("tahun", css_class="col-md-2"),
                Column("kerangka", css_class="col-md-4"),
                Column("tanggal", css_class="col-md-3"),
                Column(
                    Submit("", _("Tampilkan"), css_class="btn-primary mt-md-4"),
                    css_class="col-md-2",
                ),
            )
        )


class BarisMonevForm(forms.ModelForm):
    """One langkah aksi of a monev (used in a model formset)."""

    class Meta:
        model = BarisMonev
        fields = ["realisasi_status", "realisasi_persen", "kendala", "tindak_lanjut", "catatan"]
        widgets = {
            "realisasi_persen": forms.NumberInput(attrs={"min": 0, "max": 100, "step": 1}),
            "kendala": forms.Textarea(attrs={"rows": 2}),
            "tindak_lanjut": forms.Textarea(attrs={"rows": 2}),
            "catatan": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self):
        data = super().clean()
        status, persen = data.get("realisasi_status"), data.get("realisasi_persen")
        if status == BarisMonev.Realisasi.SELESAI and persen is not None and persen < 100:
            self.add_error(
                "realisasi_persen", _("Status selesai berarti realisasi 100%. Periksa kembali.")
            )
        if status == BarisMonev.Realisasi.BELUM and persen:
            self.add_error(
                "realisasi_persen",
                _("Status belum dilaksanakan tidak dapat memiliki realisasi di atas 0%."),
            )
        return data


BarisMonevFormSet = forms.modelformset_factory(BarisMonev, form=BarisMonevForm, extra=0)


class MonevUmumForm(forms.Form):
    """The monev's general conclusion (saved with the rows)."""

    kesimpulan = forms.CharField(
        label=_("Kesimpulan umum"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class AjukanMonevForm(forms.Form):
    """Submit (lock) a monev: who signs it off, and an explicit confirmation."""

    disahkan_nama = forms.CharField(label=_("Nama penandatangan"), max_length=150)
    disahkan_jabatan = forms.CharField(
        label=_("Jabatan"), max_length=200, initial="Ketua Tim Zona Integritas"
    )
    konfirmasi = forms.BooleanField(
        label=_("Saya memahami bahwa monev yang diajukan terkunci dan tidak dapat diubah lagi."),
        required=True,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("ajukan", _("Ajukan dan kunci"), css_class="btn-danger"))
