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


def _trim(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def persen_bar_svg(
    labels: Sequence[str], values: Sequence[int | None], *, width: int = 640, bar: int = 16
) -> str:
    """Horizontal bars of percentages 0–100, one per label, the figure printed after each bar.

    ``None`` prints "—" (nothing due). Raises ``ValueError`` if the lengths differ.
    """
    if len(labels) != len(values):
        raise ValueError("labels dan values harus sama panjang")
    label_w, gap, right = 230, 6, 50
    plot_w = width - label_w - right
    height = len(labels) * (bar + gap) + 24
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="10" role="img">'
    ]
    for tick in (0, 50, 100):
        x = label_w + plot_w * tick / 100
        parts.append(
            f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height - 16}" stroke="#bbb" '
            f'stroke-dasharray="2,2"/><text x="{x:.1f}" y="{height - 4}" '
            f'text-anchor="middle">{tick}%</text>'
        )
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = i * (bar + gap)
        parts.append(
            f'<text x="{label_w - 6}" y="{y + bar - 4}" text-anchor="end">'
            f"{escape(_trim(label, 42))}</text>"
        )
        if value is not None:
            w = plot_w * max(0, min(value, 100)) / 100
            parts.append(
                f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar}" fill="#2e6f9e" '
                f'stroke="black" stroke-width="0.5"/>'
            )
        text = "—" if value is None else f"{value}%"
        x = label_w + (plot_w * (value or 0) / 100) + 4
        parts.append(f'<text x="{x:.1f}" y="{y + bar - 4}">{text}</text>')
    parts.append("</svg>")
    return "".join(parts)


def stacked_bar_svg(
    labels: Sequence[str], series: Sequence[Seri], *, width: int = 640, bar: int = 16
) -> str:
    """Horizontal stacked bars of counts (one bar per label), with a legend and the count of each
    segment printed inside it when it fits, and the bar total after it.

    Raises ``ValueError`` when a series has a different length than ``labels``.
    """
    for s in series:
        if len(s.nilai) != len(labels):
            raise ValueError(f"seri {s.nama!r} harus sepanjang labels")
    label_w, gap, right, legend_h = 230, 6, 40, 22
    plot_w = width - label_w - right
    totals = [sum(s.nilai[i] for s in series) for i in range(len(labels))]
    scale = plot_w / max(max(totals, default=0), 1)
    height = legend_h + len(labels) * (bar + gap) + 4
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="10" role="img">',
        _PATTERNS,
    ]
    x = label_w
    for s in series:
        parts.append(
            f'<rect x="{x}" y="4" width="12" height="10" fill="{_fill(s)}" stroke="black" '
            f'stroke-width="0.5"/><text x="{x + 16}" y="13">{escape(s.nama)}</text>'
        )
        x += 24 + 6 * len(s.nama)
    for i, label in enumerate(labels):
        y = legend_h + i * (bar + gap)
        parts.append(
            f'<text x="{label_w - 6}" y="{y + bar - 4}" text-anchor="end">'
            f"{escape(_trim(label, 42))}</text>"
        )
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
                    f'<text x="{x0 + w / 2:.1f}" y="{y + bar - 4}" text-anchor="middle" '
                    f'fill="{color}">{value}</text>'
                )
            x0 += w
        parts.append(f'<text x="{x0 + 4:.1f}" y="{y + bar - 4}">{totals[i]}</text>')
    parts.append("</svg>")
    return "".join(parts)
