"""Forms of the monitoring app: dashboard filters, the monev rows and the submit confirmation."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from monitoring.models import BarisMonev, Monev
from plans.deadlines import triwulan_rentang


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
    """One langkah aksi of a monev (used in a model formset), with the ``versi`` it was loaded
    with (optimistic locking, ``monitoring.konflik``)."""

    realisasi_persen = forms.IntegerField(
        label=_("Realisasi (%)"),
        widget=forms.NumberInput(attrs={"min": 0, "max": 100, "step": 1, "inputmode": "numeric"}),
        error_messages={"invalid": _("Realisasi harus berupa bilangan bulat 0 sampai 100.")},
    )
    versi = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = BarisMonev
        fields = ["realisasi_status", "realisasi_persen", "kendala", "tindak_lanjut", "catatan"]
        widgets = {
            "kendala": forms.Textarea(attrs={"rows": 2}),
            "tindak_lanjut": forms.Textarea(attrs={"rows": 2}),
            "catatan": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["versi"].initial = self.instance.versi

    def clean_realisasi_persen(self):
        # Its own message, not the generic "nilai harus ≤ 100": people type 120 meaning 12,0.
        value = self.cleaned_data["realisasi_persen"]
        if value is not None and not 0 <= value <= 100:
            raise forms.ValidationError(
                _("Persentase realisasi harus antara 0 dan 100 (terisi %(nilai)s)."),
                params={"nilai": value},
            )
        return value

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


class MonevUmumForm(forms.ModelForm):
    """The monev's report fields: number, date, "Mengetahui" and the general conclusion, with
    the ``versi`` they were loaded with (saved together with a page of rows)."""

    versi = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Monev
        fields = [
            "nomor_laporan", "tanggal_laporan", "mengetahui_jabatan", "mengetahui_nama",
            "mengetahui_nip", "kesimpulan",
        ]  # fmt: skip
        labels = {
            "tanggal_laporan": _("Tanggal laporan"),
            "mengetahui_jabatan": _("Mengetahui: jabatan"),
            "mengetahui_nama": _("Mengetahui: nama"),
            "mengetahui_nip": _("Mengetahui: NIP"),
            "kesimpulan": _("Kesimpulan umum"),
        }
        help_texts = {
            "tanggal_laporan": _("Tanggal di atas tanda tangan; bawaan: akhir triwulan."),
            "mengetahui_jabatan": _("Ketua KPU atau Sekretaris, mis. Ketua KPU Kabupaten Kudus."),
        }
        widgets = {
            # ISO value: the only format a browser's date input accepts.
            "tanggal_laporan": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "kesimpulan": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["versi"].initial = self.instance.versi
        self.fields["tanggal_laporan"].required = True
        if self.instance.pk and not self.instance.tanggal_laporan:
            # Monevs opened before the report date existed: the figures are as of quarter end.
            rencana = self.instance.rencana
            self.initial["tanggal_laporan"] = triwulan_rentang(
                rencana.tahun, self.instance.triwulan
            )[1]


class AjukanMonevForm(forms.Form):
    """Submit (lock) a monev: who signs it off, and an explicit confirmation."""

    disahkan_nama = forms.CharField(label=_("Nama penandatangan"), max_length=150)
    disahkan_jabatan = forms.CharField(
        label=_("Jabatan"), max_length=200, initial="Ketua Tim Zona Integritas"
    )
    disahkan_nip = forms.CharField(label=_("NIP"), max_length=30, required=False)
    konfirmasi = forms.BooleanField(
        label=_("Saya memahami bahwa monev yang diajukan terkunci dan tidak dapat diubah lagi."),
        required=True,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("ajukan", _("Ajukan dan kunci"), css_class="btn-danger"))
