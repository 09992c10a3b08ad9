"""Forms of the editing pages (crispy layouts; rules live in ``plans.services``).

Every edit form carries the hidden ``versi`` the page was rendered with, so the service can
refuse a stale save (optimistic locking, ``plans.services.guards.claim_version``).
"""

from __future__ import annotations

import datetime
import json
import re

from crispy_forms.layout import Div, Field
from django import forms
from django.urls import reverse

from access.permissions import satkers_where
from plans.calendar_id import NAMA_BULAN_PENDEK
from plans.forms.layout import form_helper, tanggal_input
from plans.models import Kerangka, RencanaAksi
from plans.selectors import sumber_salinan
from plans.services.rows import FIELDS, SK_FIELDS, SK_LIST_FIELDS

BULAN_PILIHAN = [(n, NAMA_BULAN_PENDEK[n]) for n in range(1, 13)]


class RencanaBaruForm(forms.Form):
    """Create a plan for a year: empty, from last year's plan, or a copy of a visible plan."""

    CARA = [
        ("kosong", "Rencana kosong"),
        ("tahun_lalu", "Salin rencana tahun lalu satker ini"),
        ("salin", "Salin rencana lain (satker lain yang dapat Anda lihat, atau templat provinsi)"),
    ]
    satker = forms.ModelChoiceField(label="Satker", queryset=None)
    tahun = forms.IntegerField(label="Tahun", min_value=2000, max_value=2100)
    kerangka = forms.ModelChoiceField(
        label="Kerangka", queryset=Kerangka.objects.all(), required=False, empty_label=None
    )
    format_lampiran = forms.ChoiceField(
        label="Format lampiran", choices=RencanaAksi.Format.choices, required=False
    )
    cara = forms.ChoiceField(
        label="Isi awal", choices=CARA, widget=forms.RadioSelect, initial="tahun_lalu"
    )
    sumber = forms.ModelChoiceField(
        label="Rencana sumber",
        queryset=None,
        required=False,
        help_text="Hanya untuk pilihan \u201csalin rencana lain\u201d.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["satker"].queryset = satkers_where(user, "rencana.ubah")
        if self.fields["satker"].queryset.count() == 1:
            self.fields["satker"].initial = self.fields["satker"].queryset.get()
        self.fields["sumber"].queryset = sumber_salinan(user=user)
        self.fields["tahun"].initial = datetime.date.today().year
        # ZI is what almost every satker writes; RB plans are the exception.
        self.fields["kerangka"].initial = Kerangka.objects.filter(kode="zi").first()
        self.helper = form_helper(
            Div(
                Div("satker", css_class="col-md-6"),
                Div("tahun", css_class="col-md-2"),
                Div("kerangka", css_class="col-md-4"),
                css_class="row",
            ),
            "cara",
            "sumber",
            "format_lampiran",
        )

    def clean(self):
        data = super().clean()
        cara = data.get("cara")
        if cara == "salin" and not data.get("sumber"):
            self.add_error("sumber", "Pilih rencana yang akan disalin.")
        if cara == "tahun_lalu" and data.get("satker") and data.get("tahun"):
            lalu = (
                RencanaAksi.objects.filter(
                    satker=data["satker"],
                    tahun=data["tahun"] - 1,
                    kerangka=data.get("kerangka") or Kerangka.objects.get(kode="zi"),
                )
                .order_by("-revisi")
                .first()
            )
            if lalu is None:
                raise forms.ValidationError(
                    f"{data['satker']} tidak memiliki rencana aksi tahun {data['tahun'] - 1} "
                    "untuk disalin. Pilih \u201crencana kosong\u201d atau salin rencana lain."
                )
            data["sumber"] = lalu
        if cara == "kosong":
            data["sumber"] = None
        if not data.get("kerangka"):
            data["kerangka"] = Kerangka.objects.get(kode="zi")
        return data


class VersiForm(forms.Form):
    """Just the version: the delete confirmation."""

    versi = forms.IntegerField(widget=forms.HiddenInput)


def baris_form_class(tingkat: str, model) -> type[forms.ModelForm]:
    """The ModelForm of one tree level with its ``FIELDS`` and the hidden ``versi``."""
    fields = [f for f in FIELDS[tingkat] if f != "bulan"]

    class BarisForm(forms.ModelForm):
        versi = forms.IntegerField(widget=forms.HiddenInput, required=False)

        class Meta:
            pass

        Meta.model = model
        Meta.fields = fields
        Meta.widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("nama", "judul")
            if name in fields and tingkat != "area"
        }

        def __init__(self, *args, rencana: RencanaAksi, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["versi"].initial = self.instance.versi
            layout = [*fields, "versi"]
            if tingkat == "area":
                self.fields["area"].queryset = rencana.kerangka.area.all()
            if tingkat == "bukti":
                self._jadwal_fields(rencana)
                self.fields["target_waktu"].help_text = (
                    "Tulis seperti di SK, mis. \u201cMaret, Juni, September, Desember "
                    f"{rencana.tahun}\u201d. Bulan yang terbaca tampil di bawah."
                )
                if rencana.format_lampiran == RencanaAksi.Format.ZI_BULANAN:
                    self.fields["bulan"] = forms.TypedMultipleChoiceField(
                        label="Pelaksanaan bulan (✓)",
                        choices=BULAN_PILIHAN,
                        coerce=int,
                        required=False,
                        widget=forms.CheckboxSelectMultiple,
                        initial=self.instance.bulan,
                    )
                    layout.insert(2, Field("bulan", css_class="d-inline"))
            if tingkat == "bukti":
                at = layout.index("jadwal")
                layout[at : at + 2] = [
                    Div(
                        Div("jadwal", css_class="col-md-6"),
                        Div("tenggat", css_class="col-md-4"),
                        css_class="row",
                    )
                ]
            self.helper = form_helper(*layout)

        def _jadwal_fields(self, rencana: RencanaAksi) -> None:
            """Target waktu, schedule kind and date refresh the preview of the deadlines."""
            langkah = getattr(self.instance, "langkah_aksi", None) if self.instance.pk else None
            preview = {
                "hx-get": reverse("plans:target_waktu_pratinjau"),
                "hx-target": "#pratinjau-target",
                "hx-include": "[name='target_waktu'],[name='jadwal'],[name='tenggat'],"
                "[name='nama']",
                "hx-vals": json.dumps(
                    {"tahun": rencana.tahun, "langkah": langkah.nama if langkah else ""}
                ),
            }
            self.fields["target_waktu"].widget.attrs.update(
                preview, **{"hx-trigger": "input changed delay:300ms, load", "autocomplete": "off"}
            )
            self.fields["jadwal"].choices = [("", "Otomatis (sesuai target waktu)")] + [
                c for c in self.fields["jadwal"].choices if c[0]
            ]
            self.fields[
                "jadwal"
            ].help_text = "Pilihan Anda menggantikan cara aplikasi membaca target waktu."
            self.fields["jadwal"].widget.attrs.update(preview, **{"hx-trigger": "change"})
            self.fields["tenggat"].widget = tanggal_input()
            self.fields["tenggat"].widget.attrs.update(preview, **{"hx-trigger": "change"})
            self.fields["tenggat"].help_text = "Hanya untuk jadwal “tanggal tertentu”."

        def clean(self):
            data = super().clean()
            if tingkat == "bukti":
                if data.get("jadwal") == "tanggal" and not data.get("tenggat"):
                    self.add_error("tenggat", "Isi tanggal tenggat untuk jadwal tanggal tertentu.")
                if data.get("jadwal") != "tanggal":
                    data["tenggat"] = None
            return data

    BarisForm.__name__ = f"{model.__name__}Form"
    return BarisForm


def _split_items(text: str) -> list[str]:
    """Paragraphs (separated by a blank line) → list items, inner line breaks kept."""
    blocks = re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n"))
    return [b.strip() for b in blocks if b.strip()]


_DIKTUM_LABEL = re.compile(r"^([A-Z][A-Z ]{2,20})\s*:\s*(.+)$", re.S)


class SKForm(forms.ModelForm):
    """The SK metadata and text. List fields are edited as paragraphs (blank line between)."""

    menimbang_teks = forms.CharField(
        label="Menimbang",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Satu butir per paragraf (pisahkan dengan baris kosong), mis. \u201ca. bahwa …\u201d.",
    )
    mengingat_teks = forms.CharField(
        label="Mengingat",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Satu butir per paragraf.",
    )
    memperhatikan_teks = forms.CharField(
        label="Memperhatikan",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Boleh kosong. Satu butir per paragraf.",
    )
    diktum_teks = forms.CharField(
        label="Diktum",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Satu diktum per paragraf, diawali labelnya: \u201cKESATU: Menetapkan …\u201d.",
    )
    versi = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = RencanaAksi
        # The SK fields the service saves, less the lists edited as text below.
        fields = [f for f in SK_FIELDS if f not in SK_LIST_FIELDS]
        widgets = {
            "judul": forms.Textarea(attrs={"rows": 2}),
            "judul_tabel": forms.Textarea(attrs={"rows": 2}),
            "menetapkan": forms.Textarea(attrs={"rows": 2}),
            "lampiran_tentang": forms.Textarea(attrs={"rows": 2}),
            "sk_tanggal": tanggal_input(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        r = self.instance
        self.fields["versi"].initial = r.versi
        self.fields["menimbang_teks"].initial = "\n\n".join(r.menimbang)
        self.fields["mengingat_teks"].initial = "\n\n".join(r.mengingat)
        self.fields["memperhatikan_teks"].initial = "\n\n".join(r.memperhatikan)
        self.fields["diktum_teks"].initial = "\n\n".join(
            f"{d.get('label', '')}: {d.get('isi', '')}" for d in r.diktum
        )
        self.helper = form_helper(
            "judul",
            "judul_tabel",
            Div(
                Div("sk_nomor", css_class="col-md-4"),
                Div("sk_tanggal", css_class="col-md-3"),
                Div("sk_tempat", css_class="col-md-3"),
                Div("format_lampiran", css_class="col-md-2"),
                css_class="row",
            ),
            Div(
                Div("ketua_nama", css_class="col-md-4"),
                Div("pejabat_salinan_nama", css_class="col-md-4"),
                Div("pejabat_salinan_jabatan", css_class="col-md-4"),
                css_class="row",
            ),
            "menimbang_teks",
            "mengingat_teks",
            "memperhatikan_teks",
            "menetapkan",
            "diktum_teks",
            Div(
                Div("lampiran_nomor", css_class="col-md-4"),
                Div("lampiran_tanggal", css_class="col-md-3"),
                css_class="row",
            ),
            "lampiran_tentang",
            "versi",
        )

    def clean_diktum_teks(self) -> list[dict[str, str]]:
        diktum = []
        for i, block in enumerate(_split_items(self.cleaned_data.get("diktum_teks", "")), 1):
            match = _DIKTUM_LABEL.match(block)
            if not match:
                raise forms.ValidationError(
                    f"Diktum ke-{i} tidak diawali label (mis. \u201cKESATU:\u201d): "
                    f"\u201c{block[:40]}…\u201d"
                )
            diktum.append({"label": match.group(1).strip(), "isi": match.group(2).strip()})
        return diktum

    def service_data(self) -> dict:
        """The cleaned data in the shape ``rencana_sk_simpan`` takes (lists for list fields)."""
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        for name in ("menimbang", "mengingat", "memperhatikan"):
            data[name] = _split_items(self.cleaned_data.get(f"{name}_teks", ""))
        data["diktum"] = self.cleaned_data["diktum_teks"]
        return data
