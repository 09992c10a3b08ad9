"""Forms of the member page of a satker."""

from __future__ import annotations

import re

from crispy_forms.layout import Div
from django import forms

from access.models import Peran
from plans.forms.layout import form_helper


class AnggotaForm(forms.Form):
    """Add a member to a satker: an existing account by username, or a new account."""

    username = forms.CharField(
        label="Nama pengguna",
        max_length=150,
        help_text="Akun yang sudah ada akan ditambahkan; bila belum ada, akun baru dibuat.",
    )
    nama = forms.CharField(label="Nama lengkap (akun baru)", max_length=150, required=False)
    email = forms.EmailField(label="Surel (akun baru)", required=False)
    peran = forms.ChoiceField(label="Peran", choices=Peran.choices)

    def __init__(self, *args, satker, **kwargs):
        super().__init__(*args, **kwargs)
        if satker.jenis != "provinsi":
            # The province reviewer role only makes sense on a province.
            self.fields["peran"].choices = [
                c for c in Peran.choices if c[0] != Peran.REVIEWER_PROVINSI
            ]
        self.helper = form_helper(
            Div(
                Div("username", css_class="col-md-3"),
                Div("nama", css_class="col-md-3"),
                Div("email", css_class="col-md-3"),
                Div("peran", css_class="col-md-3"),
                css_class="row",
            )
        )

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip()
        if not re.fullmatch(r"[\w.@+-]+", username):
            raise forms.ValidationError(
                "Nama pengguna hanya boleh berisi huruf, angka dan . @ + - _"
            )
        return username
