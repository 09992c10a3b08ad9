"""Cell and line cleaning shared by the table readers and the SK reader.

The input is text extracted from a PDF (or pasted from Word): cells carry HTML-ish markup
(``<i>``, ``<b>``, ``<u>``, ``<a href>``, ``<ul><li>``), markdown emphasis (``**bold**``,
``*italic*``), odd spacing (``<i>WBS</i> , serta``, ``( bit.ly/x )``) and words hyphenated at a
line end (``Septem-ber``). Lists are rendered as one ``- item`` line per item, joined with
``"\\n"`` (the plan page shows cell text with line breaks kept); text before the list stays on the
first line.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata

from plans.calendar_id import NAMA_BULAN, ROMAWI

MONTH_NAMES = tuple(name.lower() for name in NAMA_BULAN[1:])
_MONTH_WORDS = set(MONTH_NAMES) | {"pebruari", "nopember"}

ROMAN = ROMAWI[1:]

_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")
# "**bold**", "__bold__", "*italic*": markdown emphasis added by the extraction.
_MD_STRONG = re.compile(r"(\*\*|__)(.+?)\1", re.S)
_MD_EM = re.compile(r"(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])")
# A word broken at a line end: "pelaksa- naan", "pelaksa-\nnaan" (hyphen then whitespace).
_BROKEN_WORD = re.compile(r"([A-Za-z]{2,})-(?:[ \t]+\n?|\n)[ \t]*(?=[a-z]{2,})")
_MONTH_SPLIT = re.compile(r"\b([A-Za-z]{3,8})-([a-z]{2,6})\b")
CHECK_MARKS = frozenset("√✓✔☑✅vV")


def normalize_spaces(text: str) -> str:
    """Collapse runs of spaces per line, trim lines, drop empty lines at both ends."""
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(lines).strip()


def strip_markdown(text: str) -> str:
    """Remove markdown emphasis markers (``**x**``, ``__x__``, ``*x*``), keeping the words."""
    text = _MD_STRONG.sub(r"\2", text)
    text = _MD_EM.sub(r"\1", text)
    return text.replace("**", "")


def _is_reduplication(left: str, right: str) -> bool:
    """True for Indonesian reduplication such as ``masing-masing``, ``perundang-undangan``."""
    left, right = left.lower(), right.lower()
    return right[:3] in left or left[-3:] in right


def dehyphenate(text: str) -> str:
    """Join words hyphenated at a line end, keeping real hyphens.

    ``pelaksa- naan`` (hyphen followed by a space or line break, then lower case) is always
    joined unless it is a reduplication (``masing- masing``). Without whitespace (``Septem-ber``)
    the parts are joined only when together they make a month name, because ``Feb-Des``,
    ``e-PPID`` and ``unit-unit`` are real hyphens.
    """

    def broken(match: re.Match[str]) -> str:
        left = match.group(1)
        right_start = text[match.end() : match.end() + 6]
        if _is_reduplication(left, right_start):
            return match.group(0)
        return left

    text = _BROKEN_WORD.sub(broken, text)

    def month(match: re.Match[str]) -> str:
        joined = match.group(1) + match.group(2)
        return joined if joined.lower() in _MONTH_WORDS else match.group(0)

    return _MONTH_SPLIT.sub(month, text)


def _render_tags(raw: str) -> str:
    """Turn HTML-ish markup into plain text: lists become ``- item`` lines, links their text."""
    out: list[str] = []
    pos = 0
    list_depth = 0
    for match in _TAG.finditer(raw):
        chunk = raw[pos : match.start()]
        if list_depth:
            # Items inside <ul> written as " - Email - Whatsapp" (no <li>): one per line.
            chunk = re.sub(r"(^|\s)[-•]\s+", "\n- ", chunk)
        out.append(chunk)
        pos = match.end()
        closing, name = match.group(1), match.group(2).lower()
        if name in ("ul", "ol"):
            list_depth += -1 if closing else 1
            list_depth = max(list_depth, 0)
            out.append("\n")
        elif name == "li":
            out.append("\n" if closing else "\n- ")
        elif name in ("br", "p", "div", "tr"):
            out.append("\n")
        else:
            out.append("")  # inline markup (<i>, <b>, <u>, <a>, <span>...): keep the words only
    chunk = raw[pos:]
    if list_depth:
        chunk = re.sub(r"(^|\s)[-•]\s+", "\n- ", chunk)
    out.append(chunk)
    return "".join(out)


def _tidy_punctuation(text: str) -> str:
    text = re.sub(r"[ \t]+([,;:.)\]])", r"\1", text)
    text = re.sub(r"([(\[])[ \t]+", r"\1", text)
    # "- - item" after nested conversions, and "\n- " lists must not leave "- -".
    text = re.sub(r"(?m)^- -\s+", "- ", text)
    return text


def _bullet_lines(text: str) -> str:
    """A cell that starts with a ``- `` bullet and has more ``" - "`` items: one item per line."""
    if not text.startswith("- ") or "\n" in text:
        return text
    parts = re.split(r"\s+-\s+(?=\S)", text[2:])
    if len(parts) < 2:
        return text
    return "\n".join(f"- {part.strip()}" for part in parts)


@functools.lru_cache(maxsize=16384)
def clean_cell(raw: str) -> str:
    """Clean one table cell (or one line of prose) to plain text.

    Args:
        raw: the cell as extracted, with markup, entities, markdown and odd spacing.

    Returns:
        Plain text: tags removed (link text kept, ``<li>``/``<ul>`` items as ``- item`` lines),
        entities decoded, markdown emphasis removed, spaces collapsed, no space before ``,;:.)``
        or after ``(``, line-end hyphenation joined (see ``dehyphenate``), NFC normalised.
    """
    if not raw:
        return ""
    text = unicodedata.normalize("NFC", raw).replace("\u00ad", "").replace("\r", "")
    text = _render_tags(text)
    text = html.unescape(text)
    text = strip_markdown(text)
    text = normalize_spaces(text)
    text = re.sub(r"\n{2,}", "\n", text)
    text = dehyphenate(text)
    text = _tidy_punctuation(text)
    text = _bullet_lines(text)
    return text.strip()


def is_mark(text: str) -> bool:
    """True when a cell holds only a schedule tick (✓, √, ✔, v) of the monthly grid."""
    stripped = text.strip()
    return bool(stripped) and len(stripped) <= 2 and all(ch in CHECK_MARKS for ch in stripped)


# Words that cannot end a finished phrase: a cell ending with one was cut by a page break.
_OPEN_ENDINGS = frozenset(
    [
        "dan",
        "atau",
        "serta",
        "yang",
        "dengan",
        "di",
        "ke",
        "dari",
        "pada",
        "untuk",
        "terhadap",
        "oleh",
        "dalam",
        "bagi",
        "sebagai",
        "melalui",
        "tentang",
        "antara",
        "atas",
        "kepada",
        "secara",
        "agar",
        "supaya",
        "maupun",
        "beserta",
        "berupa",
        "yaitu",
        "ialah",
        "adalah",
        "telah",
        "sudah",
        "akan",
        "sesuai",
        "mengacu",
    ]
)


def ends_open(text: str) -> bool:
    """True when ``text`` visibly stops mid-phrase (comma, hyphen, slash or a function word)."""
    stripped = text.rstrip()
    if not stripped:
        return False
    if stripped[-1] in ",-/(&":
        return True
    last = re.findall(r"[A-Za-z]+", stripped[-20:])
    return bool(last) and last[-1].lower() in _OPEN_ENDINGS


def ends_closed(text: str) -> bool:
    """True when ``text`` ends with sentence punctuation (``.``, ``;``, ``:``, ``!``, ``?``)."""
    stripped = text.rstrip()
    return bool(stripped) and stripped[-1] in ".;:!?"


def starts_lower(text: str) -> bool:
    """True when the first letter is lower case or the text starts with a bare number.

    ``2019 pegawai`` counts (a number that is not a list label like ``1)``/``1.``); ``e-PPID``
    does not, because words like it start real rows as well.
    """
    stripped = text.lstrip()
    if not stripped:
        return False
    if re.match(r"\d+\s", stripped):
        return True
    if re.match(r"[a-z]-[A-Z]", stripped):
        return False
    return stripped[0].islower()


def join_text(head: str, tail: str) -> str:
    """Join the two halves of a cell cut by a page break.

    A trailing line-end hyphen is removed when the tail goes on in lower case (``Septem-`` +
    ``ber``) and kept without a space before a capital (``Januari-`` + ``Desember``); a tail that starts with a bullet or list label goes on a new line; otherwise one
    space.
    """
    if not head:
        return tail
    if not tail:
        return head
    if re.search(r"[A-Za-z]-$", head) and re.match(r"[a-z]", tail):
        return head[:-1] + tail
    if re.search(r"[A-Za-z]-$", head) and re.match(r"[A-Z]", tail):
        return head + tail  # a range or compound cut after its hyphen: "Januari-" + "Desember"
    if re.match(r"(- |• |[a-z0-9]{1,2}[.)]\s)", tail):
        return head + "\n" + tail
    return head + " " + tail


def roman_to_int(token: str) -> int | None:
    """``"IV"`` → 4 for I..XII (the numerals area rows use); None otherwise."""
    token = token.strip().rstrip(".").upper()
    return ROMAN.index(token) + 1 if token in ROMAN else None


def int_to_roman(number: int) -> str:
    """4 → ``"IV"`` for 1..12; ``str(number)`` beyond."""
    return ROMAN[number - 1] if 1 <= number <= len(ROMAN) else str(number)


def title_case(text: str) -> str:
    """``"KARANGANYAR"`` → ``"Karanganyar"``, ``"JAWA TENGAH"`` → ``"Jawa Tengah"``."""
    return " ".join(word.capitalize() for word in text.split())
