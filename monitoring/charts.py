"""Server-side SVG charts for print (no JavaScript in a PDF). Pure standard library.

Every chart prints its numbers next to the bars and uses hatching as well as colour, so it reads
in black and white and without colour vision. Output is an SVG fragment (``<svg …>…</svg>``)
with all text escaped, ready to embed in HTML.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape


@dataclass(frozen=True)
class Seri:
    """One series of a stacked bar chart: its name, one value per bar, fill colour and pattern
    (``"solid"``, ``"hatch"``, ``"dots"``, ``"empty"``)."""

    nama: str
    nilai: Sequence[int]
    warna: str
    pola: str = "solid"


_PATTERNS = """<defs>
<pattern id="pola-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
<rect width="6" height="6" fill="white"/><line x1="0" y1="0" x2="0" y2="6" stroke="black" stroke-width="2"/></pattern>
<pattern id="pola-dots" width="5" height="5" patternUnits="userSpaceOnUse">
<rect width="5" height="5" fill="white"/><circle cx="2.5" cy="2.5" r="1.1" fill="black"/></pattern>
</defs>"""


def _fill(seri: Seri) -> str:
    if seri.pola in ("hatch", "dots"):
        return f"url(#pola-{seri.pola})"
    if seri.pola == "empty":
        return "white"
    return seri.warna


#: Average advance of a 10 px sans-serif character, for laying out labels without a font engine.
CHAR_W = 5.6
LINE_H = 11


def _wrap(text: str, chars: int, lines: int = 2) -> list[str]:
    """``text`` broken at spaces into at most ``lines`` lines of about ``chars`` characters; the
    last line ends in "…" only if the text still does not fit (a chart label is never cut off
    silently mid-word without the mark)."""
    words, out, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > chars:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        out.append(line)
    if len(out) > lines:
        rest = " ".join(out[lines - 1 :])
        out = [*out[: lines - 1], rest[: chars - 1] + "…"]
    return [o if len(o) <= chars else o[: chars - 1] + "…" for o in out] or [""]


def _label_layout(labels: Sequence[str], width: int) -> tuple[int, int]:
    """Width of the label column (px) and characters per label line: wide enough for the
    longest label on two lines, at most 40 % of the chart."""
    longest = max((len(label) for label in labels), default=10)
    label_w = min(int(width * 0.4), int(CHAR_W * (longest / 2 + 6)) + 12)
    label_w = max(label_w, 120)
    return label_w, int((label_w - 12) / CHAR_W)


def _label_svg(x: int, y_mid: float, lines: list[str]) -> str:
    top = y_mid - (len(lines) - 1) * LINE_H / 2 + 3.5
    spans = "".join(
        f'<tspan x="{x}" y="{top + i * LINE_H:.1f}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text text-anchor="end">{spans}</text>'


def _svg_open(width: int, height: int) -> str:
    # width 100 % + viewBox: the chart scales to the column it is printed in, never overflows.
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0 0 {width} {height}" '
        f'preserveAspectRatio="xMinYMin meet" font-family="sans-serif" font-size="10" role="img">'
    )


def _fmt(value) -> str:
    return str(value).replace(".", ",")


def persen_bar_svg(
    labels: Sequence[str], values: Sequence, *, width: int = 1000, bar: int = 18
) -> str:
    """Horizontal bars of percentages 0–100 (int or Decimal), one per label, the figure printed
    after each bar (Indonesian decimal comma). ``None`` prints "—" (nothing due). Raises
    ``ValueError`` if the lengths differ."""
    if len(labels) != len(values):
        raise ValueError("labels dan values harus sama panjang")
    label_w, chars = _label_layout(labels, width)
    gap, right = 10, 60
    plot_w = width - label_w - right
    height = len(labels) * (bar + gap) + 24
    parts = [_svg_open(width, height)]
    for tick in (0, 25, 50, 75, 100):
        x = label_w + plot_w * tick / 100
        parts.append(
            f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height - 16}" stroke="#bbb" '
            f'stroke-dasharray="2,2"/><text x="{x:.1f}" y="{height - 4}" '
            f'text-anchor="middle">{tick}%</text>'
        )
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = i * (bar + gap)
        parts.append(_label_svg(label_w - 6, y + bar / 2, _wrap(label, chars)))
        if value is not None:
            w = plot_w * max(0, min(float(value), 100)) / 100
            parts.append(
                f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar}" fill="#2e6f9e" '
                f'stroke="black" stroke-width="0.5"/>'
            )
        text = "—" if value is None else f"{_fmt(value)}%"
        x = label_w + (plot_w * float(value or 0) / 100) + 4
        parts.append(f'<text x="{x:.1f}" y="{y + bar / 2 + 3.5:.1f}">{text}</text>')
    parts.append("</svg>")
    return "".join(parts)


def stacked_bar_svg(
    labels: Sequence[str], series: Sequence[Seri], *, width: int = 1000, bar: int = 18
) -> str:
    """Horizontal stacked bars of counts (one bar per label), with a legend above the bars
    (wrapped inside the chart's width) and the count of each segment printed inside it when it
    fits, and the bar total after it.

    Raises ``ValueError`` when a series has a different length than ``labels``.
    """
    for s in series:
        if len(s.nilai) != len(labels):
            raise ValueError(f"seri {s.nama!r} harus sepanjang labels")
    label_w, chars = _label_layout(labels, width)
    gap, right = 10, 50
    plot_w = width - label_w - right
    legend, x, row = [], label_w, 0
    for s in series:
        item_w = 24 + CHAR_W * len(s.nama)
        if x + item_w > width and x > label_w:
            x, row = label_w, row + 1
        y = 4 + row * 16
        legend.append(
            f'<rect x="{x:.1f}" y="{y}" width="12" height="10" fill="{_fill(s)}" stroke="black" '
            f'stroke-width="0.5"/><text x="{x + 16:.1f}" y="{y + 9}">{escape(s.nama)}</text>'
        )
        x += item_w
    legend_h = 22 + row * 16
    totals = [sum(s.nilai[i] for s in series) for i in range(len(labels))]
    scale = plot_w / max(max(totals, default=0), 1)
    height = legend_h + len(labels) * (bar + gap) + 4
    parts = [_svg_open(width, height), _PATTERNS, *legend]
    for i, label in enumerate(labels):
        y = legend_h + i * (bar + gap)
        parts.append(_label_svg(label_w - 6, y + bar / 2, _wrap(label, chars)))
        x0 = float(label_w)
        for s in series:
            value = s.nilai[i]
            if not value:
                continue
            w = value * scale
            parts.append(
                f'<rect x="{x0:.1f}" y="{y}" width="{w:.1f}" height="{bar}" fill="{_fill(s)}" '
                f'stroke="black" stroke-width="0.5"/>'
            )
            if w >= 14 and s.pola in ("solid", "empty"):
                color = "white" if s.pola == "solid" else "black"
                parts.append(
                    f'<text x="{x0 + w / 2:.1f}" y="{y + bar / 2 + 3.5:.1f}" '
                    f'text-anchor="middle" fill="{color}">{value}</text>'
                )
            x0 += w
        parts.append(f'<text x="{x0 + 4:.1f}" y="{y + bar / 2 + 3.5:.1f}">{totals[i]}</text>')
    parts.append("</svg>")
    return "".join(parts)
