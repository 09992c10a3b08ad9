"""Forms of the workflow transitions (notes; the signed SK's number and date)."""

from __future__ import annotations

from crispy_forms.layout import Div
from django import forms

from plans.forms.layout import form_helper, tanggal_input


class CatatanForm(forms.Form):
    """Notes of a workflow transition (required when returning a plan)."""

    catatan = forms.CharField(
        label="Catatan", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, wajib: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if wajib:
            self.fields["catatan"].required = True
            self.fields["catatan"].label = "Catatan perbaikan untuk satker"
        self.helper = form_helper("catatan")


class TetapkanForm(CatatanForm):
    """Enactment: the signed SK's number and date."""

    sk_nomor = forms.CharField(label="Nomor SK", max_length=100)
    sk_tanggal = forms.DateField(label="Tanggal penetapan", widget=tanggal_input())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Div(
                Div("sk_nomor", css_class="col-md-6"),
                Div("sk_tanggal", css_class="col-md-4"),
                css_class="row",
            ),
            "catatan",
        )
