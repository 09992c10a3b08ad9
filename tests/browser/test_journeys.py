"""Each role's weekly journey in a real browser (Chromium), against the production stack.

See ``conftest.py`` for the server and the browser. The journeys share one demo database, so
each works on its own plan: Kudus 2023 (import), Kudus 2022 (editing, evidence, printing),
Kota Tegal 2022 (review workflow), Karanganyar 2022 (monev).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import SAMPLES
from tests.evidence import files

pytestmark = pytest.mark.browser

PDF_BYTES = files.pdf("Notulen rapat Tim ZI")


def plan_url(page, app_server, satker_name: str, tahun: int = 2022) -> str:
    """The plan page of ``satker_name`` for ``tahun`` found through the plan list."""
    page.goto(f"{app_server}/rencana/?tahun={tahun}")
    link = page.get_by_role("link", name=satker_name, exact=True).first
    href = link.get_attribute("href")
    assert href, f"rencana {satker_name} {tahun} tidak ada di daftar"
    return app_server + href


def test_import_an_sk_file_previews_and_saves(login, app_server, screenshot):
    """An operator uploads the SK as a file (the browser sends CRLF line breaks back in any
    hidden field), previews it and saves it: the plan exists with the document's rows."""
    page = login("operator.kudus")
    page.goto(app_server + "/rencana/impor/")
    page.locator("input[type=file][name=berkas]").set_input_files(str(SAMPLES["kudus"]))
    page.locator("input[name=tahun]").fill("2023")
    page.get_by_role("button", name=re.compile("pratinjau", re.I)).click()
    expect(page.get_by_role("heading", name=re.compile("Pratinjau", re.I))).to_be_visible()
    page.get_by_role("button", name=re.compile("Simpan rencana aksi", re.I)).click()
    page.wait_for_load_state()
    expect(page.locator("body")).not_to_contain_text("berubah sejak pratinjau")
    assert re.search(r"/rencana/\d+/$", page.url), page.url
    expect(page.locator(".breadcrumb")).to_contain_text("KPU Kabupaten Kudus 2023")
    assert page.locator("table.table-lampiran tbody tr").count() >= 70
    screenshot()


def test_edit_a_row_with_the_live_target_waktu_preview(login, app_server, screenshot):
    page = login("operator.kudus")
    page.goto(
        plan_url(page, app_server, "KPU Kabupaten Kudus").replace("/rencana/", "/rencana/", 1)
        + "ubah/"
    )
    page.locator("[id^=bukti-] a", has_text="Ubah").first.click()
    field = page.locator("input[name=target_waktu], textarea[name=target_waktu]").first
    field.fill("Maret dan Juni 2022")
    expect(page.locator("#pratinjau-target")).to_contain_text("Jun")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_load_state()
    assert "/ubah/" in page.url
    expect(page.locator("body")).to_contain_text("Maret dan Juni 2022")
    screenshot()


def test_submit_return_and_approve(login, app_server, page, screenshot):
    """Kota Tegal's Tim ZI submits, the province returns it with a note (which the Tim ZI then
    sees on the plan page and as a notification), the Tim ZI resubmits, the province approves."""
    page = login("timzi.tegal")
    plan = plan_url(page, app_server, "KPU Kota Tegal")
    pk = re.search(r"/rencana/(\d+)/", plan).group(1)

    def step(user: str, aksi: str, catatan: str = "") -> None:
        page.context.clear_cookies()
        login(user)
        page.goto(f"{app_server}/rencana/{pk}/status/{aksi}/")
        if catatan:
            page.locator("textarea[name=catatan]").fill(catatan)
        page.locator("main form button[type=submit]").last.click()
        page.wait_for_load_state()

    step("timzi.tegal", "ajukan")
    step("reviewer.jateng", "kembalikan", "Lengkapi bukti fisik area III.")
    page.context.clear_cookies()
    login("timzi.tegal")
    page.goto(plan)
    expect(page.locator(".alert-warning")).to_contain_text("Lengkapi bukti fisik area III.")
    expect(page.locator("nav").get_by_role("link", name=re.compile("Notifikasi"))).to_contain_text(
        "1"
    )
    step("timzi.tegal", "ajukan")
    step("reviewer.jateng", "setujui")
    page.goto(plan)
    expect(page.locator("main")).to_contain_text("Disetujui")
    screenshot()


def test_kasubbag_goes_from_the_overdue_list_to_an_upload(login, app_server, screenshot):
    """From the dashboard's overdue list to the upload page of that period, a file dropped on
    the drop zone, uploaded; the Tim ZI then accepts it."""
    page = login("kasubbag.kudus")
    page.goto(app_server + "/monev/")
    card = page.locator(".card", has=page.locator(".card-header", has_text="Tertunggak"))
    card.locator("tbody a").first.click()
    page.wait_for_load_state()
    assert "/bukti/fisik/" in page.url
    assert "periode=" in page.url
    chosen = page.locator("[name=periode]").input_value()
    assert chosen == re.search(r"periode=(\d+)", page.url).group(1)

    data_transfer = page.evaluate_handle(
        """(bytes) => { const dt = new DataTransfer();
           dt.items.add(new File([new Uint8Array(bytes)], 'notulen-rapat.pdf', {type: 'application/pdf'}));
           return dt; }""",
        list(PDF_BYTES),
    )
    page.dispatch_event("#drop-zone", "drop", {"dataTransfer": data_transfer})
    expect(page.locator("#daftar-berkas")).to_contain_text("notulen-rapat.pdf")
    # the upload goes by XHR (with a progress bar), then the page reloads on the saved file
    with page.expect_navigation(timeout=30000):
        page.get_by_role("button", name="Unggah").click()
    page.wait_for_load_state()
    expect(page.locator("#daftar-berkas")).not_to_contain_text("notulen-rapat.pdf")
    expect(page.locator("main")).to_contain_text("notulen-rapat.pdf")
    bukti_url = page.url.split("?")[0].split("#")[0]
    screenshot("kasubbag")

    page.context.clear_cookies()
    login("timzi.kudus")
    page.goto(bukti_url)
    page.get_by_role("link", name="Verifikasi").first.click()
    page.locator("[name=status][value=diterima]").check()
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    expect(page.locator("main")).to_contain_text("Diterima")
    screenshot("timzi")


def test_print_the_sk(login, app_server, page):
    page = login("operator.kudus")
    plan = plan_url(page, app_server, "KPU Kabupaten Kudus")
    response = page.request.get(plan + "cetak/")
    assert response.ok
    if response.headers["content-type"].startswith("application/pdf"):
        assert response.body()[:5] == b"%PDF-"
    else:  # a large plan renders in the background: the page shows its progress
        page.goto(plan + "cetak/")
        expect(page.locator("main")).to_contain_text(re.compile("PDF|cetak", re.I))


def test_province_dashboard_drill_down(login, app_server, screenshot):
    page = login("reviewer.jateng")
    page.goto(app_server + "/monev/")
    expect(page.locator("h1")).to_contain_text("Jawa Tengah")
    page.get_by_role("link", name="KPU Kabupaten Kudus").first.click()
    page.wait_for_load_state()
    expect(page.locator("h1")).to_contain_text("Kudus")
    page.locator("table a[href*='status=tertunggak']").first.click()
    page.wait_for_load_state()
    assert "/butir/" in page.url
    expect(page.locator("main table tbody tr").first).to_be_visible()
    screenshot()


def test_fill_and_submit_a_monev(login, app_server, page, screenshot):
    """The Tim ZI opens the quarter's monev, types a kendala, saves the draft (the typed text
    is there after the reload), then submits: it saves first, asks for the signatory and a
    confirmation, and the monev is locked."""
    page = login("timzi.karanganyar")
    plan = plan_url(page, app_server, "KPU Kabupaten Karanganyar")
    pk = re.search(r"/(\d+)/$", plan).group(1)
    page.goto(f"{app_server}/monev/rencana/{pk}/triwulan/1/")
    page.get_by_role("button", name=re.compile("Buat monev")).click()
    page.wait_for_load_state()
    kendala = page.locator("textarea[name$='-kendala']").first
    kendala.fill("Narasumber pelatihan berhalangan; dijadwalkan ulang.")
    page.get_by_role("button", name="Simpan draf").click()
    page.wait_for_load_state()
    expect(page.locator("textarea[name$='-kendala']").first).to_have_value(
        "Narasumber pelatihan berhalangan; dijadwalkan ulang."
    )
    page.locator("textarea[name$='-tindak_lanjut']").first.fill("Pelatihan ulang bulan April.")
    page.get_by_role("button", name=re.compile("ajukan dan kunci")).click()
    page.wait_for_load_state()
    page.locator("input[name=disahkan_nama]").fill("Ketua Tim ZI Karanganyar")
    page.locator("input[name=konfirmasi]").check()
    page.get_by_role("button", name="Ajukan dan kunci").click()
    page.wait_for_load_state()
    page.goto(f"{app_server}/monev/rencana/{pk}/triwulan/1/")
    expect(page.locator("main")).to_contain_text("Pelatihan ulang bulan April.")
    expect(page.locator("textarea[name$='-kendala']")).to_have_count(0)  # locked: read only
    screenshot()


PAGES = {
    "dasbor": ("kasubbag.kudus", "/monev/"),
    "dasbor-provinsi": ("reviewer.jateng", "/monev/"),
    "editor": ("operator.kudus", "{plan}ubah/"),
    "unggah": ("kasubbag.kudus", "upload"),
    "monev": ("timzi.kudus", "{monev}"),
}


@pytest.mark.parametrize("width", [1366, 390])
@pytest.mark.parametrize("name", list(PAGES))
def test_main_pages_fit_the_screen(login, app_server, screenshot, name, width):
    """Desktop and phone width: no horizontal scrolling (tables scroll inside their card or
    stack), and a screenshot of each page for people to look at."""
    user, path = PAGES[name]
    page = login(user, width=width, height=900 if width > 1000 else 844)
    if path == "upload":
        page.goto(app_server + "/monev/")
        page.locator(".card", has=page.locator(".card-header", has_text="Tertunggak")).locator(
            "tbody a"
        ).first.click()
    elif path == "{monev}":
        plan = plan_url(page, app_server, "KPU Kabupaten Kudus")
        pk = re.search(r"/(\d+)/$", plan).group(1)
        page.goto(f"{app_server}/monev/rencana/{pk}/triwulan/2/")
        start = page.get_by_role("button", name=re.compile("Buat monev"))
        if start.count():  # the first of the two widths opens the quarter's monev
            start.click()
            page.wait_for_load_state()
    elif "{plan}" in path:
        page.goto(path.format(plan=plan_url(page, app_server, "KPU Kabupaten Kudus")))
    else:
        page.goto(app_server + path)
    page.wait_for_load_state()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    screenshot(f"{name}-{width}")
    assert overflow <= 1, f"{page.url}: lebar halaman melebihi layar {overflow}px"
