"""``manage.py render_sk_pdf`` (stable interface used by other tools)."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from tests.factories import make_plan
from tests.plans.sk_support import A4_PT, F4_PT, PdfText

# Each test renders an SK with WeasyPrint (seconds each).
pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture
def plan():
    return make_plan(areas=2, komponen_per_area=1, indikator_per_komponen=2)


def run(*args) -> str:
    out = io.StringIO()
    call_command("render_sk_pdf", *[str(a) for a in args], stdout=out)
    return out.getvalue()


def test_writes_the_pdf(plan, tmp_path):
    target = tmp_path / "sk.pdf"
    message = run(plan.pk, "--output", target)
    pdf = PdfText.from_bytes(target.read_bytes())
    assert plan.sk_nomor in pdf.full
    assert pdf.sizes[0] == pytest.approx(F4_PT, abs=0.5)
    assert message.startswith("Ditulis:")


def test_options_paper_and_layout(plan, tmp_path):
    target = tmp_path / "sk-a4.pdf"
    run(plan.pk, "--output", target, "--kertas", "a4", "--tata-letak", "zi_bulanan")
    pdf = PdfText.from_bytes(target.read_bytes())
    assert pdf.sizes[0] == pytest.approx(A4_PT, abs=0.5)
    assert "PELAKSANAAN BULAN" in pdf.full


def test_html_mode_writes_the_html_that_would_be_rendered(plan, tmp_path):
    target = tmp_path / "sk.html"
    run(plan.pk, "--output", target, "--html")
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>")
    assert plan.sk_nomor in html
    assert "table-header-group" not in html  # CSS is linked, not inlined
    assert "/static/print/sk.css" in html


def test_replacing_an_existing_file_is_reported(plan, tmp_path):
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "sk.pdf"
    target.write_bytes(b"old")
    message = run(plan.pk, "--output", target)
    assert message.startswith("Ditimpa:")
    assert target.read_bytes().startswith(b"%PDF")
    assert [p.name for p in target.parent.iterdir()] == ["sk.pdf"]  # no temporary file left


def test_unknown_plan_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="tidak ditemukan"):
        run(999999, "--output", tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_missing_directory_is_a_command_error(plan, tmp_path):
    with pytest.raises(CommandError, match="Folder tujuan tidak ada"):
        run(plan.pk, "--output", tmp_path / "tidak-ada" / "x.pdf")


def test_bad_paper_is_refused_by_the_parser(plan, tmp_path):
    with pytest.raises(CommandError):
        run(plan.pk, "--output", tmp_path / "x.pdf", "--kertas", "a3")
