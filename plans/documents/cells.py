"""Turn the text of one table cell (its lines or paragraphs) into the parser's one-line form.

A table row is one line of tab-separated cells in the parser's text form, so a cell's own line
breaks must go: wrapped lines are joined with a space, except after a hyphen, where a PDF line
breaks only at a hyphen the text has (no automatic hyphenation in Word, LibreOffice or the
app's print), so ``Januari-`` + ``Desember`` stays ``Januari-Desember``; likewise after a slash,
where line breaking allows a break (``WBK/`` + ``WBBM``, ``Kabupaten/`` + ``Kota``). Lines that start a
bulleted item (``-``, ``•``, ``–``, ``*``) become ``<ul><li>`` items, which the parser renders
as ``- item`` lines, exactly as it reads lists in extracted text. ``<``, ``>`` and ``&`` in the
text are escaped, so the parser's markup reading never takes a literal ``<`` for a tag.
"""

from __future__ import annotations

import html
import re

_BULLET = re.compile(r"^\s*[-•–\u2022\u25aa\u25cf*]\s+")


def join_wrapped(left: str, right: str) -> str:
    """Join two wrapped lines of one paragraph (see the module docstring for the hyphen rule)."""
    if not left:
        return right
    if not right:
        return left
    if left.endswith(("-", "/")) and not left.endswith((" -", " /")):
        return left + right
    return left + " " + right


_INLINE_LIST = re.compile(r"^(.*?:)\s+-\s+(\S.*)$", re.S)


def _inline_list(text: str) -> tuple[str, list[str]]:
    """``yaitu: - Email - Whatsapp`` (a list printed as one run of text) → head and items.

    Only after a colon and with at least two items: a lone `` - `` also separates ranges
    (``Januari - Maret``).
    """
    match = _INLINE_LIST.match(text)
    if not match:
        return text, []
    items = [item.strip() for item in re.split(r"\s+-\s+", match.group(2)) if item.strip()]
    if len(items) < 2:
        return text, []
    return match.group(1), items


def cell_markup(paragraphs: list[str], *, wrapped: bool) -> str:
    """One cell as a single line of text with list markup.

    Args:
        paragraphs: the cell's lines (PDF: visual lines, ``wrapped=True``) or paragraphs
            (Word: ``wrapped=False``; a paragraph is never a wrap of the one before it, but the
            parser joins a cell's paragraphs with spaces as well, except list items).
        wrapped: True when a line that does not start a bullet continues the item before it
            (PDF lines), False when each paragraph stands alone.

    Returns:
        The cell as one line: text, then ``<ul><li>…</li></ul>`` for bulleted items, with tabs
        and line breaks replaced by spaces.
    """
    head: list[str] = []
    items: list[str] = []
    for raw in paragraphs:
        line = raw.replace("\t", " ").replace("\r", " ").replace("\n", " ").strip()
        if not line:
            continue
        if _BULLET.match(line):
            items.append(_BULLET.sub("", line))
        elif items:
            # A line after a bullet continues that item (a PDF wrap, or a Word paragraph
            # typed under the item): the parser has no place for text after a list.
            items[-1] = join_wrapped(items[-1], line) if wrapped else items[-1] + " " + line
        else:
            head.append(line)
    text = ""
    for line in head:
        text = join_wrapped(text, line) if wrapped else (text + " " + line if text else line)
    if wrapped and not items:
        text, items = _inline_list(text)
    out = html.escape(text, quote=False)
    if items:
        out += "<ul>" + "".join(f"<li>{html.escape(i, quote=False)}</li>" for i in items) + "</ul>"
    return out
