"""The result of reading a document file: lines in the lampiran parser's text form, with places.

Pure standard library (no Django).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Ekstraksi:
    """A document (text, Word or PDF) turned into the text form ``parse_lampiran`` reads.

    ``format`` is ``"txt"``, ``"docx"`` or ``"pdf"``; ``lines`` are the document's lines, a table
    row being one line of tab-separated cells (cell markup as ``<ul><li>`` where a cell holds a
    list); ``lokasi`` maps a 1-based line number of ``lines`` to the place a user finds it in the
    file (``"halaman 3, baris tabel 5"``, ``"tabel 1, baris 12"``); lines without an entry are
    named by their line number (plain text). ``warnings`` are ``(line, message)`` pairs about the
    file itself (pages without text, tables not read).
    """

    format: str
    lines: list[str]
    lokasi: dict[int, str] = field(default_factory=dict)
    warnings: list[tuple[int, str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The lines joined with ``"\\n"``."""
        return "\n".join(self.lines)

    def add(self, line: str, lokasi: str | None = None) -> None:
        """Append one line (no newline inside) and remember where it came from."""
        self.lines.append(line)
        if lokasi:
            self.lokasi[len(self.lines)] = lokasi
