"""Active content in evidence is refused, each hostile file made here; harmless ones pass."""

from __future__ import annotations

import io
import time

import pytest

from evidence.validation import BerkasDitolak, detect_type
from tests.evidence import files, hostile
from tests.evidence.hostile import R_TYPE, docx, pdf_with, rels, xlsx


def check(data: bytes):
    return detect_type(io.BytesIO(data), size=len(data))


def refused(data: bytes, reason: str) -> None:
    with pytest.raises(BerkasDitolak) as exc:
        check(data)
    assert reason.lower() in str(exc.value).lower(), str(exc.value)


JS_ACTION = b"<< /Type /Action /S /JavaScript /JS (app.alert(1)) >>"
OPEN_JS = b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>"


# --- PDF ---------------------------------------------------------------------------------


def test_plain_hand_made_pdf_passes_also_with_object_streams():
    assert check(hostile.pdf_with()).kode == "pdf"
    assert check(hostile.pdf_with(packed={2, 3})).kode == "pdf"
    # Opening at a page is a destination, not an action.
    at_page = b"<< /Type /Catalog /Pages 2 0 R /OpenAction [3 0 R /Fit] >>"
    assert check(pdf_with(at_page)).kode == "pdf"


def test_pdf_javascript_inside_a_compressed_object_stream():
    data = pdf_with(OPEN_JS, {4: JS_ACTION}, packed={4})
    assert b"JavaScript" not in data  # a byte search cannot see it
    refused(data, "javascript")


@pytest.mark.parametrize(
    ("action", "reason"),
    [
        (b"<< /S /J#61vaScript /JS (app.alert(1)) >>", "javascript"),
        (b"<< /S /L#61unch /F (cmd.exe) >>", "launch"),
    ],
)
def test_pdf_names_with_hex_escapes(action, reason):
    refused(pdf_with(OPEN_JS, {4: action}, packed={4}), reason)
    refused(pdf_with(OPEN_JS, {4: action}), reason)


def test_pdf_embedded_executable():
    catalog = b"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 4 0 R >> >>"
    extra = {
        4: b"<< /Names [(setup.exe) 5 0 R] >>",
        5: b"<< /Type /Filespec /F (setup.exe) /EF << /F 6 0 R >> >>",
        6: b"<< /Type /EmbeddedFile /Length 4 >>\nstream\nMZ\x90\x00\nendstream",
    }
    refused(pdf_with(catalog, extra, packed={4, 5}), "sisipan")


def test_pdf_automatic_actions():
    # An action run at opening (here: a link to a web site), and page additional actions.
    uri = b"<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /URI /URI (http://x.test) >> >>"
    refused(pdf_with(uri), "openaction")
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 9 9] /AA << /O 4 0 R >> >>"
    refused(hostile.pdf({1: hostile.CATALOG, 2: hostile.PAGES, 3: page, 4: b"<< >>"}), "(aa)")


def test_pdf_submit_form_and_remote_goto():
    refused(pdf_with(OPEN_JS, {4: b"<< /S /SubmitForm /F (http://x.test) >>"}), "formulir")
    refused(pdf_with(OPEN_JS, {4: b"<< /S /GoToR /F (other.pdf) /D [0 /Fit] >>"}), "dokumen lain")


# --- OOXML -------------------------------------------------------------------------------

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024
OLE_TYPE = 'ContentType="application/vnd.openxmlformats-officedocument.oleObject"'


def test_harmless_docx_with_a_hyperlink_passes():
    data = docx(
        {"word/_rels/document.xml.rels": rels(("hyperlink", "https://kpu.go.id", "External"))}
    )
    assert check(data).kode == "docx"


def test_docx_ole_package():
    # An OLE "Package" object (it wraps any program) under a neutral name and content type.
    data = docx(
        {
            "word/embeddings/data1.dat": OLE,
            "word/_rels/document.xml.rels": rels(("package", "embeddings/data1.dat", None)),
        }
    )
    refused(data, "ole")


def test_docx_external_attached_template():
    data = docx(
        {
            "word/_rels/settings.xml.rels": rels(
                ("attachedTemplate", "http://evil.test/t.dotm", "External")
            )
        }
    )
    refused(data, "eksternal")


@pytest.mark.parametrize("kind", ["oleObject", "frame", "subDocument"])
def test_docx_external_objects_and_frames(kind):
    data = docx({"word/_rels/document.xml.rels": rels((kind, "\\\\evil\\share\\x", "External"))})
    refused(data, "makro" if kind == "oleObject" else "eksternal")


def test_docx_vba_project_under_another_name():
    data = docx(
        {
            "word/gambar.png": b"x" * 64,
            "word/_rels/document.xml.rels": rels(("vbaProject", "gambar.png", None)).replace(
                R_TYPE, "http://schemas.microsoft.com/office/2006/relationships"
            ),
        }
    )
    refused(data, "makro")


@pytest.mark.parametrize(
    "body",
    [
        "<w:p><w:fldSimple w:instr=' DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe \"/k calc\"'/></w:p>",
        # The field code split over runs and one letter written as a character reference.
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> D</w:instrText>'
        '</w:r><w:r><w:instrText>&#68;E cmd "/c calc"</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>',
    ],
    ids=["fldSimple", "split-runs"],
)
def test_docx_dde_fields(body):
    refused(docx({}, body=body), "dde")


def test_docx_ordinary_fields_pass():
    body = '<w:p><w:fldSimple w:instr=" PAGE \\* MERGEFORMAT "/></w:p>'
    assert check(docx({}, body=body)).kode == "docx"


def test_xlsx_dde_formula():
    refused(xlsx("<row><c r=\"A1\"><f>cmd|' /C calc'!A0</f></c></row>"), "dde")
    refused(
        xlsx("", {"xl/externalLinks/externalLink1.xml": "<externalLink><ddeLink/></externalLink>"}),
        "dde",
    )
    ok = xlsx('<row><c r="A1"><f>SUM(B1:B3)&amp;"a|b"</f></c></row>')
    assert check(ok).kode == "xlsx"


def test_nested_document_with_a_macro():
    inner = files.docx_with_macro()
    data = docx(
        {
            "word/embeddings/Lampiran.docx": inner,
            "word/_rels/document.xml.rels": rels(("package", "embeddings/Lampiran.docx", None)),
        }
    )
    refused(data, "sisipan")


def test_zip_entry_inflating_far_past_its_declared_size():
    data = hostile.lying_zip(declared=1024, actual=64 * 1024 * 1024)
    assert len(data) < 1024 * 1024
    started = time.monotonic()
    refused(data, "zip bomb")
    # Stopped at the first chunk past the declared size, not after inflating 64 MB.
    assert time.monotonic() - started < 2


def test_ole_content_type_is_refused():
    refused(docx({}, types=f'<Default Extension="bin" {OLE_TYPE}/>'), "makro")
