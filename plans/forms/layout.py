"""Shared pieces of the plans forms: the crispy helper without its own <form> tag, the date
picker."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms


def tanggal_input() -> forms.DateInput:
    """A browser date picker. Its value must be ISO ``YYYY-MM-DD``: the browser shows a date
    input's value only in that format (a localised ``01-03-2022`` leaves it empty)."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def form_helper(*fields) -> FormHelper:
    """A crispy helper that writes no <form> tag and no CSRF field (templates do), laid out
    as ``fields`` when given."""
    helper = FormHelper()
    helper.form_tag = False  # templates write the <form> (CSRF, buttons, cancel link)
    helper.disable_csrf = True
    if fields:
        helper.layout = Layout(*fields)
    return helper
