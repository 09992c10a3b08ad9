"""What an OOXML (DOCX/XLSX/PPTX) or ODF (ODT/ODS) document may contain.

Fed part by part by ``evidence.validation.archive`` while it inflates the archive; every XML
part that matters is parsed as a stream with expat (character references decoded, no tree
kept, a DTD refused), so nothing hides behind ``&#68;`` escapes or a split run of text.

OOXML (ECMA-376), refused:
- macros and controls: a ``vbaProject``/``activeX``/``oleObject``/``control`` relationship
  (whatever the target part is called), a macro-enabled or OLE content type, a part named
  ``vbaProject.bin`` or under ``activeX/``;
- anything fetched from outside: a relationship with ``TargetMode="External"`` other than a
  hyperlink (remote ``attachedTemplate``, external ``oleObject``, frames, linked images);
- DDE: a ``DDE``/``DDEAUTO`` field code in a Word part (runs of one field are joined first),
  a spreadsheet formula calling another program (``cmd|' /c calc'!A1``: the ``|`` operator),
  a ``ddeLink``/``oleLink`` external link;
- an embedded document that itself fails these checks (checked recursively, two levels).
ODF, refused: Basic/script folders, DDE connections and script event listeners.
"""

from __future__ import annotations

import io
import re
import xml.parsers.expat
from typing import Any

from evidence.validation.jenis import JENIS, OOXML, BerkasDitolak, JenisBerkas

_OOXML_MAIN = {
    "wordprocessingml.document.main+xml": "docx",
    "spreadsheetml.sheet.main+xml": "xlsx",
    "presentationml.presentation.main+xml": "pptx",
}
_ODF_TYPES = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
}
_BAD_CONTENT_TYPES = ("vbaproject", "macroenabled", "oleobject", "activex", "vbadata")
_BAD_RELATIONS = {"vbaproject", "oleobject", "activex", "activexcontrolbinary", "control"}
_SAFE_EXTERNAL = {"hyperlink"}
_NESTED_MAX = 20 * 1024 * 1024
_SMALL_PART_MAX = 2 * 1024 * 1024
_DDE_FIELD = re.compile(r"\bDDE(AUTO)?\b", re.IGNORECASE)
_FORMULA_STRING = re.compile(r'"[^"]*"')
_ODF_REFUSED = {"dde-connection-decl", "dde-source", "dde-link", "event-listener"}

MACRO = (
    "dokumen berisi makro (VBA/ActiveX) yang tidak diizinkan; simpan ulang sebagai dokumen "
    "tanpa makro (DOCX/XLSX/PPTX) atau PDF."
)


def inspector_for(names: set[str], *, depth: int):
    """The inspector for an archive with entry ``names``: ODF, OOXML, or ``None`` (a plain ZIP)."""
    if "mimetype" in names:
        return OdfInspector(names)
    if "[Content_Types].xml" in names:
        return OoxmlInspector(names, depth=depth)
    return None


class _Xml:
    """A streaming expat parser calling ``start(local, attrs)``, ``end(local)``, ``text(s)``."""

    def __init__(self, owner: Any, limit: int | None = None) -> None:
        self.owner = owner
        self.limit = limit
        self.seen = 0
        parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
        parser.StartElementHandler = lambda name, attrs: owner.start(_local(name), attrs)
        parser.EndElementHandler = lambda name: owner.end(_local(name))
        parser.CharacterDataHandler = owner.text
        parser.StartDoctypeDeclHandler = self._doctype
        self.parser = parser

    @staticmethod
    def _doctype(*args) -> None:
        raise BerkasDitolak("dokumen berisi deklarasi DTD yang tidak sah untuk dokumen Office.")

    def feed(self, chunk: bytes) -> None:
        self.seen += len(chunk)
        if self.limit is not None and self.seen > self.limit:
            raise BerkasDitolak("bagian struktur dokumen Office terlalu besar (tidak wajar).")
        try:
            self.parser.Parse(chunk, False)
        except xml.parsers.expat.ExpatError as exc:
            raise BerkasDitolak("dokumen Office rusak (XML tidak sah).") from exc

    def close(self) -> None:
        try:
            self.parser.Parse(b"", True)
        except xml.parsers.expat.ExpatError as exc:
            raise BerkasDitolak("dokumen Office rusak (XML tidak sah).") from exc


def _local(name: str) -> str:
    return name.rsplit(" ", 1)[-1]


class _Handler:
    def start(self, local: str, attrs: dict) -> None:
        pass

    def end(self, local: str) -> None:
        pass

    def text(self, data: str) -> None:
        pass


class _ContentTypes(_Handler):
    def __init__(self, inspector: OoxmlInspector) -> None:
        self.inspector = inspector

    def start(self, local, attrs):
        kind = attrs.get("ContentType", "").lower()
        if any(bad in kind for bad in _BAD_CONTENT_TYPES):
            raise BerkasDitolak(MACRO)
        for suffix, kode in _OOXML_MAIN.items():
            if kind == f"{OOXML.lower()}.{suffix}":
                self.inspector.kode = kode


class _Relationships(_Handler):
    def start(self, local, attrs):
        if local != "Relationship":
            return
        kind = attrs.get("Type", "").rstrip("/").rsplit("/", 1)[-1].lower()
        if kind in _BAD_RELATIONS:
            raise BerkasDitolak(MACRO)
        if attrs.get("TargetMode", "").lower() == "external" and kind not in _SAFE_EXTERNAL:
            raise BerkasDitolak(
                f"dokumen memuat bagian dari luar berkas (tautan eksternal “{kind}”) yang "
                "tidak diizinkan; simpan ulang tanpa tautan ke templat/objek luar."
            )


class _WordFields(_Handler):
    """Joins the instruction text of Word fields (``w:instrText``, ``w:fldSimple/@instr``)."""

    def __init__(self) -> None:
        self.inside = False
        self.code: list[str] = []

    def start(self, local, attrs):
        if local == "instrText":
            self.inside = True
        elif local == "fldSimple":
            self._check("".join(v for k, v in attrs.items() if _local(k) == "instr"))
        elif local == "fldChar":
            kind = next((v for k, v in attrs.items() if _local(k) == "fldCharType"), "")
            if kind in ("separate", "end"):
                self._check("".join(self.code))
                self.code = []

    def end(self, local):
        if local == "instrText":
            self.inside = False

    def text(self, data):
        if self.inside:
            self.code.append(data)

    def _check(self, code: str) -> None:
        if _DDE_FIELD.search(" ".join(code.split())):
            raise BerkasDitolak(
                "dokumen berisi kode field DDE/DDEAUTO (menjalankan program lain) yang tidak "
                "diizinkan."
            )


class _SheetFormulas(_Handler):
    """Formulas of a worksheet (``<f>``) and external links (``ddeLink``/``oleLink``)."""

    def __init__(self) -> None:
        self.inside = False
        self.formula: list[str] = []

    def start(self, local, attrs):
        if local in ("ddeLink", "oleLink"):
            raise BerkasDitolak("lembar kerja berisi tautan DDE/OLE ke program lain.")
        if local == "f":
            self.inside, self.formula = True, []

    def end(self, local):
        if local == "f":
            self.inside = False
            # "|" is no Excel operator: outside a string literal it is a DDE call.
            if "|" in _FORMULA_STRING.sub("", "".join(self.formula)):
                raise BerkasDitolak(
                    "lembar kerja berisi rumus DDE (memanggil program lain) yang tidak diizinkan."
                )

    def text(self, data):
        if self.inside:
            self.formula.append(data)


class _Nested:
    """An embedded document, kept (bounded) and checked like an upload once complete."""

    def __init__(self, depth: int) -> None:
        self.depth = depth
        self.buffer = io.BytesIO()

    def feed(self, chunk: bytes) -> None:
        if self.buffer.tell() + len(chunk) > _NESTED_MAX:
            raise BerkasDitolak("dokumen berisi berkas sisipan yang terlalu besar.")
        self.buffer.write(chunk)

    def close(self) -> None:
        from evidence.validation.archive import check_zip

        data = self.buffer.getvalue()
        if not data.startswith(b"PK\x03\x04"):
            return
        if self.depth >= 2:
            raise BerkasDitolak("dokumen berisi sisipan bertingkat terlalu dalam.")
        try:
            check_zip(io.BytesIO(data), len(data), depth=self.depth + 1)
        except BerkasDitolak as exc:
            raise BerkasDitolak(f"berkas sisipan di dalam dokumen ditolak: {exc}") from exc


class OoxmlInspector:
    """Collects the main content type and refuses active parts of an OOXML package."""

    def __init__(self, names: set[str], *, depth: int) -> None:
        self.kode: str | None = None
        self.depth = depth
        lower = {n.lower() for n in names}
        if any(n.rsplit("/", 1)[-1] == "vbaproject.bin" for n in lower) or any(
            "/activex/" in f"/{n}" for n in lower
        ):
            raise BerkasDitolak(MACRO)

    def consumer(self, name: str):
        lower = name.lower()
        if name == "[Content_Types].xml":
            return _Xml(_ContentTypes(self), _SMALL_PART_MAX)
        if lower.endswith(".rels"):
            return _Xml(_Relationships(), _SMALL_PART_MAX)
        if lower.startswith("word/") and lower.endswith(".xml"):
            return _Xml(_WordFields())
        if lower.startswith("xl/") and lower.endswith(".xml"):
            return _Xml(_SheetFormulas())
        if "/embeddings/" in f"/{lower}":
            return _Nested(self.depth)
        return None

    def result(self) -> JenisBerkas:
        if self.kode is None:
            raise BerkasDitolak(
                "dokumen Office tidak dikenali (bagian utama Word/Excel/PowerPoint tidak "
                "ditemukan)."
            )
        return JENIS[self.kode]


class _OdfContent(_Handler):
    def start(self, local, attrs):
        if local in _ODF_REFUSED:
            raise BerkasDitolak("dokumen berisi tautan DDE atau skrip yang tidak diizinkan.")


class _Raw:
    def __init__(self) -> None:
        self.data = b""

    def feed(self, chunk: bytes) -> None:
        self.data = (self.data + chunk)[:4096]

    def close(self) -> None:
        pass


class OdfInspector:
    """ODT/ODS: the ``mimetype`` entry decides; macros, DDE and scripts are refused."""

    def __init__(self, names: set[str]) -> None:
        lower = {n.lower() for n in names}
        if "meta-inf/manifest.xml" not in lower:
            raise BerkasDitolak("dokumen OpenDocument rusak (META-INF/manifest.xml tidak ada).")
        if any(n.startswith(("basic/", "scripts/")) for n in lower):
            raise BerkasDitolak("dokumen berisi makro/skrip yang tidak diizinkan.")
        self.mimetype = _Raw()

    def consumer(self, name: str):
        if name == "mimetype":
            return self.mimetype
        if name.lower().endswith(".xml") and "/" not in name:
            return _Xml(_OdfContent())
        return None

    def result(self) -> JenisBerkas:
        mimetype = self.mimetype.data.strip().decode("ascii", errors="replace")
        kode = _ODF_TYPES.get(mimetype)
        if kode is None:
            raise BerkasDitolak(
                f"dokumen OpenDocument jenis {mimetype[:80]!r} tidak diizinkan (hanya ODT dan ODS)."
            )
        return JENIS[kode]
