"""The *Impor SK* page as a browser walks it: upload any format, preview, correct, save.

A browser submits a form's textarea with CRLF line breaks and sends back only what the page's
form holds; ``submit_preview`` does the same with the rendered preview page (every input and
textarea of its form, textareas CRLF-encoded), so the round trip is the browser's.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plans.models import BuktiFisik, RencanaAksi
from tests.conftest import SAMPLES
from tests.factories import KeanggotaanFactory, satker
from tests.plans.document_support import DOCUMENTS

pytestmark = pytest.mark.django_db

FILES = {
    "txt": SAMPLES["tegal"],
    "docx": DOCUMENTS / "tegal.docx",
    "pdf": DOCUMENTS / "tegal.pdf",
}


class _FormFields(HTMLParser):
    """The named inputs and textareas of the form with id ``form-impor``, as a browser sends."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self._inside = False
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._inside = attrs.get("id") == "form-impor"
        elif self._inside and tag == "input" and attrs.get("name"):
            if attrs.get("type") not in ("checkbox", "submit"):
                self.fields[attrs["name"]] = attrs.get("value", "")
        elif self._inside and tag == "textarea":
            self._textarea = attrs["name"]
            self.fields[self._textarea] = ""

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._inside = False


def form_fields(html: str) -> dict[str, str]:
    parser = _FormFields()
    parser.feed(html)
    # HTML drops a newline right after <textarea>; browsers submit line breaks as CRLF.
    return {k: v.replace("\r\n", "\n").replace("\n", "\r\n") for k, v in parser.fields.items()}


def submit_preview(client, preview, langkah="simpan", **changes):
    data = form_fields(preview.content.decode()) | {"langkah": langkah} | changes
    return client.post(reverse("plans:impor"), data)


def upload(client, name: str, data: bytes, **fields):
    berkas = SimpleUploadedFile(name, data, content_type="application/octet-stream")
    return client.post(reverse("plans:impor"), {"langkah": "pratinjau", "berkas": berkas, **fields})


@pytest.mark.parametrize("ext", ["txt", "docx", "pdf"])
def test_uploaded_file_previews_and_saves_through_the_browser_form(client, member, ext):
    client.force_login(member("operator", "3376"))
    data = FILES[ext].read_bytes()
    if ext == "txt":
        data = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")  # saved on Windows
    preview = upload(client, f"tegal.{ext}", data)
    assert preview.status_code == 200
    assert "Pratinjau impor" in preview.text
    assert f"tegal.{ext} ({ext.upper()})" in preview.text
    assert RencanaAksi.objects.count() == 0, "the preview writes nothing"
    saved = submit_preview(client, preview)
    rencana = RencanaAksi.objects.get()
    assert saved.status_code == 302
    assert saved["Location"] == reverse("plans:rencana_detail", args=[rencana.pk])
    assert (rencana.satker.kode, rencana.tahun, rencana.sk_nomor) == ("3376", 2022, "5/2022")
    assert rencana.sumber_dokumen == f"tegal.{ext}"
    assert BuktiFisik.objects.count() == 70


def test_pasted_text_sent_with_crlf_saves(client, member, sample_text):
    client.force_login(member("operator", "3376"))
    pasted = sample_text("tegal").replace("\n", "\r\n")
    preview = client.post(reverse("plans:impor"), {"langkah": "pratinjau", "teks": pasted})
    submit_preview(client, preview)
    assert BuktiFisik.objects.count() == 70


def test_preview_names_pages_for_a_pdf_and_table_rows_for_word(client, member):
    client.force_login(member("operator", "3376"))
    pdf = upload(client, "tegal.pdf", FILES["pdf"].read_bytes())
    assert "Halaman 5, baris tabel 3: Baris ini adalah lanjutan" in pdf.text
    docx = upload(client, "tegal.docx", FILES["docx"].read_bytes())
    assert "Paragraf 97: Nama pejabat pada blok salinan" in docx.text
    assert ">tabel 1, baris 4<" in docx.text


def test_a_token_is_used_once_and_only_by_its_user(client, member):
    operator = member("operator", "3376")
    client.force_login(operator)
    preview = upload(client, "tegal.docx", FILES["docx"].read_bytes())
    fields = form_fields(preview.text)
    client.force_login(member("operator", "3376"))
    other = client.post(reverse("plans:impor"), fields | {"langkah": "simpan"}, follow=True)
    assert "milik pengguna lain" in other.text
    assert RencanaAksi.objects.count() == 0
    client.force_login(operator)
    client.post(reverse("plans:impor"), fields | {"langkah": "simpan"})
    assert RencanaAksi.objects.count() == 1
    again = client.post(reverse("plans:impor"), fields | {"langkah": "simpan"}, follow=True)
    assert "tidak ditemukan" in again.text
    assert RencanaAksi.objects.count() == 1


def test_another_satkers_document_warns_and_needs_a_confirmation(client, member):
    user = member("operator", "3319")
    KeanggotaanFactory(user=user, satker=satker("3376"), peran="operator")
    client.force_login(user)
    kudus = satker("3319")
    preview = upload(client, "tegal.docx", FILES["docx"].read_bytes(), satker=kudus.pk)
    assert "Periksa satker." in preview.text
    assert "Dokumen ini adalah SK <strong>KPU Kota Tegal</strong>" in preview.text
    refused = submit_preview(client, preview)
    assert refused.status_code == 200
    assert "Centang konfirmasi" in refused.text
    assert RencanaAksi.objects.count() == 0
    submit_preview(client, refused, setuju_satker="on")
    assert RencanaAksi.objects.get().satker.kode == "3319"
    # the document's own satker needs no confirmation
    plain = upload(client, "tegal.docx", FILES["docx"].read_bytes())
    assert "Periksa satker." not in plain.text


def test_a_corrected_cell_flows_into_the_save(client, member):
    client.force_login(member("operator", "3319"))
    preview = upload(client, "kudus.txt", SAMPLES["kudus"].read_bytes())
    hasil = preview.context["hasil"]
    empty = [i for i, r in enumerate(hasil.rows) if not r.target_waktu]
    assert empty, "Kudus has rows with an empty TARGET WAKTU (warned in the preview)"
    index = empty[0]
    name = f"koreksi-{index}-target_waktu"
    assert name in form_fields(preview.text)
    shown = submit_preview(client, preview, langkah="koreksi", **{name: "Maret 2022"})
    assert shown.status_code == 200
    assert RencanaAksi.objects.count() == 0
    assert "TARGET WAKTU dikoreksi di pratinjau menjadi &#x27;Maret 2022&#x27;" in shown.text
    submit_preview(client, shown)
    stored = {(b.nama, b.target_waktu, tuple(b.bulan)) for b in BuktiFisik.objects.all()}
    assert (hasil.rows[index].bukti_fisik, "Maret 2022", (3,)) in stored
    # only that row changed: every other row as the document has it
    expected = {(r.bukti_fisik, r.target_waktu, tuple(r.bulan)) for r in hasil.rows}
    expected.discard((hasil.rows[index].bukti_fisik, "", ()))
    if any(r.bukti_fisik == hasil.rows[index].bukti_fisik and not r.target_waktu
           for i, r in enumerate(hasil.rows) if i != index):  # fmt: skip
        expected.add((hasil.rows[index].bukti_fisik, "", ()))
    assert stored == expected | {(hasil.rows[index].bukti_fisik, "Maret 2022", (3,))}
    assert BuktiFisik.objects.count() == len(hasil.rows)


def test_unreadable_upload_shows_a_message_and_writes_nothing(client, member):
    client.force_login(member("operator", "3319"))
    response = upload(client, "kudus.pdf", (DOCUMENTS / "scan.pdf").read_bytes())
    assert response.status_code == 200
    assert "hasil pindaian" in response.text
    assert RencanaAksi.objects.count() == 0


def test_preview_shows_a_decoded_signatory_marked_as_decoded(client, member):
    from tests.plans.test_lampiran_signature_font import kudus_with_shifted_block

    client.force_login(member("operator", "3319"))
    text = kudus_with_shifted_block(300, which=0).encode("utf-8")
    preview = upload(client, "kudus.txt", text)
    assert preview.status_code == 200
    assert RencanaAksi.objects.count() == 0
    signatories = preview.text[preview.text.index('id="penanda-tangan"') :]
    signatories = signatories[: signatories.index("</dl>")]
    assert "NAILY SYARIFAH" in signatories
    assert signatories.count("dibaca ulang dari huruf rusak") == 1
    # the same document with the font intact: the name shown, not marked
    plain = upload(client, "kudus.txt", SAMPLES["kudus"].read_bytes())
    assert "NAILY SYARIFAH" in plain.text
    assert "dibaca ulang dari huruf rusak" not in plain.text


def test_preview_shows_the_lampiran_heading(client, member):
    client.force_login(member("operator", "3376"))
    preview = upload(client, "tegal.txt", SAMPLES["tegal"].read_bytes())
    kepala = preview.text[preview.text.index('id="kepala-lampiran"') :]
    kepala = " ".join(kepala[: kepala.index("</dl>")].split())
    assert "NOMOR 5/2022" in kepala
    assert "tanggal penetapan SK" in kepala
    assert "TENTANG RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS DI LINGKUNGAN" in kepala


REALIGN = Path(__file__).parent / "data" / "lampiran" / "rb-bergeser-sragen-2023.txt"


def _sub_kegiatan_by_indikator(prefix: str) -> dict[str, str]:
    from plans.models import LangkahAksi

    rows = LangkahAksi.objects.filter(indikator__nama__startswith=prefix)
    return {la.indikator.nama: la.nama for la in rows.select_related("indikator")}


@pytest.mark.parametrize("ticked", [True, False])
def test_a_ticked_realignment_is_saved_and_an_unticked_one_is_not(client, member, ticked):
    client.force_login(member("operator", "3314"))
    preview = upload(client, REALIGN.name, REALIGN.read_bytes())
    offered = [value for _w, value, _checked in preview.context["usulan"]]
    realign = [v for v in offered if v.split("|")[0] in ("113", "114", "115")]
    assert realign == ["113|Sub Kegiatan", "114|Sub Kegiatan", "115|Sub Kegiatan"]
    assert all(f'value="{v}"' in preview.text for v in realign)
    response = submit_preview(client, preview, **({"usulan": realign} if ticked else {}))
    assert response.status_code == 302
    assert RencanaAksi.objects.count() == 1
    stored = (
        _sub_kegiatan_by_indikator("Standar pelayanan")
        | _sub_kegiatan_by_indikator("Survei kepuasan")
        | _sub_kegiatan_by_indikator("Inovasi layanan")
    )
    if ticked:  # each sub kegiatan one row lower: beside the indikator that shares its words
        assert stored == {
            "Standar pelayanan dan maklumat pelayanan ditetapkan": "Penerapan standar pelayanan",
            "Standar pelayanan dipublikasikan di website": "Penerapan standar pelayanan",
            "Survei kepuasan masyarakat dilaksanakan": "Survei kepuasan masyarakat",
            "Inovasi layanan informasi kepemiluan diluncurkan": "Inovasi layanan informasi",
        }
    else:  # the document's version
        assert stored == {
            "Standar pelayanan dan maklumat pelayanan ditetapkan": "Penerapan standar pelayanan",
            "Standar pelayanan dipublikasikan di website": "Survei kepuasan masyarakat",
            "Survei kepuasan masyarakat dilaksanakan": "Inovasi layanan informasi",
            "Inovasi layanan informasi kepemiluan diluncurkan": "Inovasi layanan informasi",
        }


def test_a_ticked_proposal_stays_ticked_and_shown_applied_in_the_preview(client, member):
    client.force_login(member("operator", "3314"))
    preview = upload(client, REALIGN.name, REALIGN.read_bytes())
    shown = submit_preview(client, preview, langkah="koreksi", usulan=["114|Sub Kegiatan"])
    assert shown.status_code == 200
    assert RencanaAksi.objects.count() == 0
    ticked = [value for _w, value, checked in shown.context["usulan"] if checked]
    assert ticked == ["114|Sub Kegiatan"]
    assert "Usulan diterapkan: sel Sub Kegiatan baris ini menjadi" in shown.text
