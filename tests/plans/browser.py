"""A minimal "browser" over the Django test client: follow links and submit real forms.

It reads the HTML the user would see, so a journey test fails when a link or a form field the
user needs is missing from a page (unlike posting hand-written dicts). No JavaScript: htmx
enhancements are skipped, as with a browser that has scripts off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Form:
    action: str
    method: str
    fields: list[tuple[str, str]] = field(default_factory=list)  # as the browser would send
    options: dict[str, list[str]] = field(default_factory=dict)  # select/radio choices
    buttons: list[tuple[str | None, str | None, str]] = field(default_factory=list)
    text: str = ""


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[Form] = []
        self.links: list[tuple[str, str]] = []
        self._form: Form | None = None
        self._select: str | None = None
        self._option: str | None = None
        self._textarea: str | None = None
        self._textarea_value = ""
        self._link: str | None = None
        self._link_text = ""
        self._button: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = Form(
                action=a.get("action") or "", method=(a.get("method") or "get").lower()
            )
            self.forms.append(self._form)
        elif tag == "a" and a.get("href"):
            self._link, self._link_text = a["href"], ""
        if self._form is None:
            return
        if tag == "input":
            self._input(self._form, a)
        elif tag == "textarea":
            self._textarea, self._textarea_value = a.get("name"), ""
        elif tag == "select":
            self._select = a.get("name")
            self._form.options[self._select] = []
        elif tag == "option" and self._select:
            value = a.get("value") or ""
            self._form.options[self._select].append(value)
            if "selected" in a:
                self._form.fields.append((self._select, value))
        elif tag == "button":
            self._button = {"name": a.get("name"), "value": a.get("value"), "text": ""}

    @staticmethod
    def _input(form: Form, a: dict[str, str | None]) -> None:
        """Record an ``<input>`` with attributes ``a`` in ``form`` as a browser would send it:
        a submit input is a button, checkboxes/radios are choices (sent when ``checked``),
        other named inputs are fields; file and button inputs are not sent."""
        kind = (a.get("type") or "text").lower()
        name = a.get("name")
        if not name or kind in {"submit", "button", "file"}:
            if kind == "submit":
                form.buttons.append((name, a.get("value"), a.get("value") or ""))
            return
        if kind in {"checkbox", "radio"}:
            form.options.setdefault(name, []).append(a.get("value") or "on")
            if "checked" in a:
                form.fields.append((name, a.get("value") or "on"))
        else:
            form.fields.append((name, a.get("value") or ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._form is not None and self._textarea:
            self._form.fields.append((self._textarea, self._textarea_value.lstrip("\n")))
            self._textarea = None
        elif tag == "select":
            # A browser sends the first option when none is marked selected.
            name = self._select
            form = self._form
            if (
                name
                and form is not None
                and form.options.get(name)
                and not any(k == name for k, _v in form.fields)
            ):
                form.fields.append((name, form.options[name][0]))
            self._select = None
        elif tag == "a" and self._link:
            self.links.append((self._link, " ".join(self._link_text.split())))
            self._link = None
        elif tag == "button" and self._button is not None and self._form is not None:
            b = self._button
            self._form.buttons.append((b["name"], b["value"], " ".join(b["text"].split())))
            self._button = None

    def handle_data(self, data):
        if self._textarea:
            self._textarea_value += data
        if self._link:
            self._link_text += data
        if self._button is not None:
            self._button["text"] += data
        if self._form is not None:
            self._form.text += data


class Browser:
    """Pages of one user session: ``get``, ``click`` a link by its text, ``submit`` a form."""

    def __init__(self, client):
        self.client = client
        self.url = ""
        self.response = None

    def get(self, url: str):
        self.response = self.client.get(url, follow=True)
        self.url = self.response.request["PATH_INFO"]
        assert self.response.status_code == 200, (url, self.response.status_code)
        return self

    @property
    def html(self) -> str:
        return self.response.content.decode()

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", self.html))

    def _parse(self) -> _Parser:
        parser = _Parser()
        parser.feed(self.html)
        return parser

    def click(self, label: str, *, href_contains: str = "") -> Browser:
        """Follow the first link whose visible text contains ``label``."""
        for href, text in self._parse().links:
            if label in text and href_contains in href:
                return self.get(href)
        raise AssertionError(f"link \u201c{label}\u201d not on {self.url}")

    def submit(self, button: str, **values) -> Browser:
        """Submit the form holding the button labelled ``button``, with ``values`` changed."""
        for form in self._parse().forms:
            chosen = next((b for b in form.buttons if button in b[2]), None)
            if chosen is None:
                continue
            name, value, _text = chosen
            data: dict[str, list[str]] = {}
            for k, v in form.fields:
                data.setdefault(k, []).append(v)
            for k, v in values.items():
                if k not in data and k not in form.options:
                    raise AssertionError(f"field {k} not in the form of \u201c{button}\u201d")
                if k in form.options and v not in form.options[k]:
                    raise AssertionError(f"{v!r} is not a choice of {k}: {form.options[k]}")
                data[k] = [v]
            if name:
                data[name] = [value or ""]
            action = form.action or self.url
            self.response = self.client.post(action, data, follow=True)
            self.url = self.response.request["PATH_INFO"]
            assert self.response.status_code == 200, (action, self.response.status_code)
            return self
        raise AssertionError(f"no form with a \u201c{button}\u201d button on {self.url}")

    def messages(self) -> list[str]:
        return [
            " ".join(m.split()) for m in re.findall(r'role="alert">(.*?)<button', self.html, re.S)
        ]
