"""Tests for ``plans.target_waktu``: every TARGET WAKTU cell of the sample SKs, then edge cases.

Pure: no database and no Django settings (``pytest tests/plans/test_target_waktu.py -p no:django``).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from plans.target_waktu import Pola, TargetWaktu, parse_target_waktu, pola_otomatis, pola_teks

ALL = tuple(range(1, 13))
QUARTER_ENDS = (3, 6, 9, 12)
LAMPIRAN = Path(__file__).resolve().parents[2] / "fixtures" / "lampiran"
SIX_COLUMN_DOCUMENTS = ["kudus-2022-rencana-kerja-zi.txt", "tegal-2022-rencana-aksi-zi.txt"]

# Every distinct non-empty TARGET WAKTU cell (6th cell of the six-column tables) of the Kudus and
# Tegal SKs, extracted by hand: (label, bulan, minggu). All are 2022 plans, parsed with
# tahun_default=2022; only "Per-bulan (Januari-Desember)" needs the default. The Karanganyar SK
# has no TARGET WAKTU text (its months are a ✓ grid), and two Kudus rows (usulan diklat, formulir
# monitoring diklat) have an empty cell: that is the "" case of UNREADABLE below.
SEED_CELLS: list[tuple[str, tuple[int, ...], tuple[int, ...]]] = [
    # Kudus
    ("Januari 2022", (1,), ()),
    ("Februari 2022", (2,), ()),
    ("Maret 2022", (3,), ()),
    ("April 2022", (4,), ()),
    ("Mei 2022", (5,), ()),
    ("Juni 2022", (6,), ()),
    ("Agustus 2022", (8,), ()),
    ("Januari-Desember 2022", ALL, ()),
    ("Januari – Desember 2022", ALL, ()),  # en dash with spaces
    ("Per-bulan (Januari-Desember)", ALL, ()),
    ("April, Juli, Oktober dan Desember 2022", (4, 7, 10, 12), ()),
    ("Paling lambat Mei-Juni 2022", (5, 6), ()),
    ("Maret, Juni, Septem-ber, Desember 2022", QUARTER_ENDS, ()),
    ("Maret, Juni 2022", (3, 6), ()),
    ("Feb-Des 2022", tuple(range(2, 13)), ()),
    # Tegal
    ("Desember 2022", (12,), ()),
    ("April Minggu ke 1 April 2022", (4,), (1,)),
    ("April Minggu ke 3 April 2022", (4,), (3,)),
    ("April Minggu ke 3 April 2022, tiap triwulan minggu ke 3,4,5", (4, 6, 9, 12), (3, 4, 5)),
    ("April Minggu ke 1 2022", (4,), (1,)),
    ("April Minggu ke 3 2022", (4,), (3,)),
    ("April Minggu ke 4 2022", (4,), (4,)),
    ("April minggu ke 4 2022", (4,), (4,)),
    ("April Minggu ke 5 2022", (4,), (5,)),
    ("April minggu ke 5 2022", (4,), (5,)),
    ("Januari Minggu ke 1 2022", (1,), (1,)),
    ("Maret minggu ke 4 2022", (3,), (4,)),
    ("Juli Minggu ke 2 2022", (7,), (2,)),
    ("Juni, September, Desember 2022", (6, 9, 12), ()),
]
SEED_LABELS = {label for label, _, _ in SEED_CELLS}


@pytest.mark.parametrize(("label", "bulan", "minggu"), SEED_CELLS)
def test_seed_cell(label: str, bulan: tuple[int, ...], minggu: tuple[int, ...]) -> None:
    parsed = parse_target_waktu(label, tahun_default=2022)
    assert parsed == TargetWaktu(
        label=label, bulan=bulan, minggu=minggu, tahun=2022, terbaca=True, catatan="",
        pola=SEED_POLA.get(label, Pola.BULANAN),
    )  # fmt: skip


# The schedule kind of the seed cells that are not single months listed (those are each due).
SEED_POLA = {
    "Januari-Desember 2022": Pola.SEKALI,
    "Januari – Desember 2022": Pola.SEKALI,
    "Feb-Des 2022": Pola.SEKALI,
    "Paling lambat Mei-Juni 2022": Pola.SEKALI,
    "Per-bulan (Januari-Desember)": Pola.BULANAN,
    "April Minggu ke 3 April 2022, tiap triwulan minggu ke 3,4,5": Pola.TRIWULANAN,
}


@pytest.mark.parametrize(
    ("label", "teks_baris", "bulan", "pola"),
    [
        ("Tahun 2022", "", ALL, Pola.SEKALI),
        ("2022", "", ALL, Pola.SEKALI),
        ("Tiap 3 bulan", "", QUARTER_ENDS, Pola.TRIWULANAN),
        ("setiap 6 bulan", "", (6, 12), Pola.SEMESTERAN),
        ("setiap 1 bulan", "", ALL, Pola.BULANAN),
        ("triwulanan", "", QUARTER_ENDS, Pola.TRIWULANAN),
        ("Januari-Maret 2022", "Laporan LHKPN", (1, 2, 3), Pola.SEKALI),
        ("Januari-Desember 2022", "Data nominatif pegawai per bulan", ALL, Pola.BULANAN),
        ("Januari-Desember 2022", "Rekapitulasi setiap triwulan", ALL, Pola.TRIWULANAN),
        ("Januari-Desember 2022", "Rapat per semester atau per triwulan", ALL, Pola.TRIWULANAN),
        ("Januari-Desember 2022", "Daftar hadir setiap hari", ALL, Pola.BULANAN),
        ("Januari-Maret, Juli-September 2022", "", (1, 2, 3, 7, 8, 9), Pola.RENTANG),
        ("Triwulan I - Triwulan II", "", (1, 2, 3, 4, 5, 6), Pola.TRIWULANAN),
        ("Semester II", "", tuple(range(7, 13)), Pola.SEMESTERAN),
        ("Januari minggu ke-3 2022", "", (1,), Pola.BULANAN),
    ],
)
def test_schedule_kind_is_what_the_office_means(label, teks_baris, bulan, pola) -> None:
    parsed = parse_target_waktu(label, tahun_default=2022, teks_baris=teks_baris)
    assert parsed.terbaca, parsed.catatan
    assert (parsed.bulan, parsed.pola) == (bulan, pola)


def test_grid_rows_are_runs_of_ticks_unless_the_text_recurs() -> None:
    assert pola_otomatis("") == Pola.RENTANG
    assert pola_otomatis("", teks_baris="Data nominatif per bulan") == Pola.BULANAN
    # Single months listed stay each due whatever the text says; a range takes the recurrence.
    assert pola_otomatis("Maret, Juni 2022", teks_baris="setiap triwulan") == Pola.BULANAN
    assert pola_otomatis("Maret-Juni 2022", teks_baris="setiap triwulan") == Pola.TRIWULANAN
    assert pola_teks("Laporan bulanan") == Pola.BULANAN
    assert pola_teks("Kartu Kendali SPIP") is None


def _target_waktu_cells(name: str) -> list[str]:
    """The non-empty 6th cells of the six-column table rows, without the repeated headers."""
    cells = []
    for line in (LAMPIRAN / name).read_text(encoding="utf-8").splitlines():
        row = line.split("\t")
        if len(row) == 6 and row[5].strip() not in {"", "TARGET WAKTU", "6"}:
            cells.append(row[5].strip())
    return cells


@pytest.mark.parametrize(("name", "count"), zip(SIX_COLUMN_DOCUMENTS, [68, 70], strict=True))
def test_every_cell_of_the_documents_is_listed_and_read(name: str, count: int) -> None:
    cells = _target_waktu_cells(name)
    assert len(cells) == count
    assert set(cells) <= SEED_LABELS  # the table above is complete
    for cell in cells:
        parsed = parse_target_waktu(cell, tahun_default=2022)
        assert (parsed.terbaca, parsed.catatan, parsed.tahun) == (True, "", 2022), cell
        assert parsed.bulan, cell


# (label, tahun_default, bulan, minggu, tahun): forms of docs/architecture.md §1 and the brief, all readable.
READABLE: list[tuple[str, int | None, tuple[int, ...], tuple[int, ...], int | None]] = [
    ("Januari minggu ke-2 tahun 2022", None, (1,), (2,), 2022),
    ("Januari dan Desember", None, (1, 12), (), None),
    ("Januari dan Desember", 2023, (1, 12), (), 2023),
    ("Per-bulan (Januari-Desember)", None, ALL, (), None),
    ("Januari 2022", 2030, (1,), (), 2022),  # the text's year wins over the default
    # recurrences
    ("setiap bulan", None, ALL, (), None),
    ("Tiap Bulan", None, ALL, (), None),
    ("per bulan", None, ALL, (), None),
    ("perbulan", None, ALL, (), None),
    ("Bulanan", None, ALL, (), None),
    ("triwulan", None, QUARTER_ENDS, (), None),
    ("per triwulan", None, QUARTER_ENDS, (), None),
    ("per-triwulan", None, QUARTER_ENDS, (), None),
    ("setiap triwulan", None, QUARTER_ENDS, (), None),
    ("Triwulanan 2022", None, QUARTER_ENDS, (), 2022),
    ("semester", None, (6, 12), (), None),
    ("per semester", None, (6, 12), (), None),
    ("setiap minggu", None, ALL, (1, 2, 3, 4, 5), None),
    ("setiap minggu ke 2", None, ALL, (2,), None),
    ("setiap bulan Januari dan Juli", None, (1, 7), (), None),  # every January and July
    ("setiap hari", None, ALL, (1, 2, 3, 4, 5), None),
    ("Harian", None, ALL, (1, 2, 3, 4, 5), None),
    ("Minggu ke-4 setiap bulan", None, ALL, (4,), None),
    # a recurrence is restricted to a range, or starts at the first single month
    ("setiap triwulan Januari–Juni 2022", None, (3, 6), (), 2022),
    ("Setiap Triwulan (Maret, Juni, September, Desember)", None, QUARTER_ENDS, (), None),
    ("Per Semester (Juni dan Desember) 2022", None, (6, 12), (), 2022),
    ("Juli, setiap bulan", None, tuple(range(7, 13)), (), None),
    ("tiap triwulan minggu ke 3,4,5", None, QUARTER_ENDS, (3, 4, 5), None),
    # named periods read as their range
    ("Triwulan I", None, (1, 2, 3), (), None),
    ("TW II", None, (4, 5, 6), (), None),
    ("TW.III 2022", None, (7, 8, 9), (), 2022),
    ("Triwulan ke-4", None, (10, 11, 12), (), None),
    ("triwulan kedua", None, (4, 5, 6), (), None),
    ("Triwulan III & IV 2022", None, tuple(range(7, 13)), (), 2022),
    ("TW I - TW IV", None, ALL, (), None),
    ("Triwulan I s.d. II", None, tuple(range(1, 7)), (), None),
    ("Semester I", None, tuple(range(1, 7)), (), None),
    ("Semester 2 tahun 2022", None, tuple(range(7, 13)), (), 2022),
    ("setiap bulan pada Triwulan II", None, (4, 5, 6), (), None),
    # ranges, abbreviations, range words, wrapping
    ("Januari 2022 – Desember 2022", None, ALL, (), 2022),
    ("Januari s.d. Desember 2022", None, ALL, (), 2022),
    ("Januari s/d Juni", None, tuple(range(1, 7)), (), None),
    ("Maret sampai dengan Mei", None, (3, 4, 5), (), None),
    ("Juli hingga Agustus", None, (7, 8), (), None),
    ("Jan Feb Mar Apr Mei Jun Jul Agu Sep Okt Nov Des", None, ALL, (), None),
    ("Agt, Ags, Sept, Nop", None, (8, 9, 11), (), None),
    ("Pebruari dan Nopember 2022", None, (2, 11), (), 2022),
    ("Januari - Maret dan Oktober - Desember", None, (1, 2, 3, 10, 11, 12), (), None),
    ("Oktober-Maret", None, (1, 2, 3, 10, 11, 12), (), None),
    ("Nov-Feb 2023", None, (1, 2, 11, 12), (), 2023),
    ("Mei-Mei 2022", None, (5,), (), 2022),
    ("selambat-lambatnya Juni 2022", None, (6,), (), 2022),
    ("Maksimal Maret 2022", None, (3,), (), 2022),
    ("paling lambat akhir Juni 2022", None, (6,), (), 2022),
    ("akhir bulan Juni", None, (6,), (), None),
    ("akhir triwulan", None, QUARTER_ENDS, (), None),
    ("Akhir tahun 2022", None, (12,), (), 2022),
    ("Sepanjang tahun 2022", None, ALL, (), 2022),
    # weeks
    ("Minggu ke-1 s.d. ke-2 April 2022", None, (4,), (1, 2), 2022),
    ("minggu ketiga Mei", None, (5,), (3,), None),
    ("Maret minggu ke 3 dan minggu ke 4", None, (3,), (3, 4), None),
    ("Juni minggu III", None, (6,), (3,), None),
    # numeric and roman months, only with a year
    ("12/2022", None, (12,), (), 2022),
    ("3-2022", None, (3,), (), 2022),
    ("XII/2022", None, (12,), (), 2022),
    # markup, spacing, case, punctuation, line-break hyphenation
    ("<i>Januari</i> 2022", None, (1,), (), 2022),
    ("<b>April</b>&nbsp;2022.", None, (4,), (), 2022),
    ("Januari\u00a0–\u00a0Desember\u00a02022", None, ALL, (), 2022),
    ("  JANUARI   2022 ;", None, (1,), (), 2022),
    ("Januari,2022", None, (1,), (), 2022),
    ("Maret, Juni, Septem-\nber, Desember 2022", None, QUARTER_ENDS, (), 2022),
    ("Septem- ber 2022", None, (9,), (), 2022),
    ("Sep-tember 2022", None, (9,), (), 2022),
    ("Des ember 2022", None, (12,), (), 2022),
    ("Okto\u00adber 2022", None, (10,), (), 2022),  # soft hyphen
    ("bulan Agustus tahun 2022", None, (8,), (), 2022),
    ("Juni/Desember TA 2022", None, (6, 12), (), 2022),
]


@pytest.mark.parametrize(("label", "tahun_default", "bulan", "minggu", "tahun"), READABLE)
def test_readable(
    label: str,
    tahun_default: int | None,
    bulan: tuple[int, ...],
    minggu: tuple[int, ...],
    tahun: int | None,
) -> None:
    parsed = parse_target_waktu(label, tahun_default=tahun_default)
    assert (parsed.bulan, parsed.minggu, parsed.tahun) == (bulan, minggu, tahun)
    assert (parsed.terbaca, parsed.catatan) == (True, "")


# (label, bulan read anyway, tahun, a fragment the catatan must contain): never guessed.
UNREADABLE: list[tuple[str, tuple[int, ...], int | None, str]] = [
    ("", (), None, "Target waktu kosong"),
    ("   \u00a0", (), None, "Target waktu kosong"),
    ("<i></i>", (), None, "Target waktu kosong"),
    ("segera", (), None, "Tidak dipahami: 'segera'"),
    ("Sesuai kebutuhan", (), None, "Tidak dipahami: 'sesuai kebutuhan'"),
    ("TBD", (), None, "Tidak dipahami: 'tbd'"),
    ("-", (), None, "Tidak ada bulan yang dapat dibaca"),
    ("setiap tahun", (), None, "Tidak dipahami: 'setiap tahun'"),
    ("Januari 1999", (1,), None, "Angka 1999 bukan tahun (2000–2100)"),
    ("Desember 2101", (12,), None, "Angka 2101 bukan tahun"),
    ("Juni atau Juli 2022", (6, 7), 2022, "Tidak dipahami: 'atau'"),
    ("Mei 2022 dan Juni 2023", (5, 6), None, "Lebih dari satu tahun disebut (2022, 2023)"),
    ("Oktober 2022 - Maret 2023", (), None, "Rentang bulan melewati pergantian tahun"),
    ("15 Maret 2022", (3,), 2022, "Tanggal 15 tidak disimpan"),
    ("minggu ke 2", (), None, "Tidak ada bulan yang dapat dibaca"),
    ("hari Minggu", (), None, "Tidak dipahami: 'hari minggu'"),
    ("Januari-Februari setiap triwulan", (), None, "Periode berulang tidak jatuh"),
    ("13/2022", (), 2022, "Tidak dipahami: '13'"),
    ("Jan 22", (1,), None, "Tidak dipahami: '22'"),
    ("Maret minggu ke 4-2", (3,), None, "Rentang 4-2 terbalik"),
    ("minggu ke 7 April", (4,), None, "Minggu ke-7 tidak ada (minggu 1–5)"),
    ("Triwulan V", (3, 6, 9, 12), None, "Tidak dipahami: 'v'"),
    ("Mulai April 2022", (4,), 2022, "Tidak dipahami: 'mulai'"),
    ("akhir bulan", (), None, "Tidak dipahami: 'akhir bulan'"),
    ("Setiap hari kerja", ALL, None, "Tidak dipahami: 'kerja'"),
    ("Insidental / sesuai kebutuhan", (), None, "Tidak dipahami: 'insidental', 'sesuai kebutuhan'"),
]


@pytest.mark.parametrize(("label", "bulan", "tahun", "fragment"), UNREADABLE)
def test_unreadable_is_reported_not_guessed(
    label: str, bulan: tuple[int, ...], tahun: int | None, fragment: str
) -> None:
    parsed = parse_target_waktu(label)
    assert parsed.terbaca is False
    assert (parsed.bulan, parsed.tahun) == (bulan, tahun)
    assert fragment in parsed.catatan


def test_tahun_default_fills_only_a_missing_year() -> None:
    assert parse_target_waktu("Maret", tahun_default=2024).tahun == 2024
    assert parse_target_waktu("Maret 2022", tahun_default=2024).tahun == 2022
    # two years named: the default does not hide the conflict
    assert parse_target_waktu("Maret 2022, Juni 2023", tahun_default=2024).tahun is None


def test_label_is_kept_verbatim_but_stripped() -> None:
    parsed = parse_target_waktu("  <i>Septem-ber</i>\u00a02022 \n")
    assert parsed.label == "<i>Septem-ber</i>\u00a02022"
    assert parsed.bulan == (9,)


def test_result_is_frozen() -> None:
    parsed = parse_target_waktu("Januari 2022")
    with pytest.raises(dataclasses.FrozenInstanceError):
        parsed.bulan = (2,)  # type: ignore[misc]


def test_non_string_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="label must be str"):
        parse_target_waktu(None)  # type: ignore[arg-type]


ALL_LABELS = (
    [label for label, _, _ in SEED_CELLS]
    + [label for label, *_ in READABLE]
    + [label for label, *_ in UNREADABLE]
)


@pytest.mark.parametrize("label", ALL_LABELS)
def test_invariants(label: str) -> None:
    """Whatever the text: months and weeks sorted, distinct, in range; catatan iff not terbaca."""
    parsed = parse_target_waktu(label)
    assert list(parsed.bulan) == sorted(set(parsed.bulan))
    assert all(1 <= month <= 12 for month in parsed.bulan)
    assert list(parsed.minggu) == sorted(set(parsed.minggu))
    assert all(1 <= week <= 5 for week in parsed.minggu)
    assert parsed.terbaca == (parsed.catatan == "")
    assert parsed.tahun is None or 2000 <= parsed.tahun <= 2100
