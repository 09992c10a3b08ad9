"""Deadline rules (plans.deadlines): every TARGET WAKTU form of the sample SKs, quarter
boundaries, late vs overdue, and items without a schedule."""

from __future__ import annotations

from datetime import date

import pytest

from plans.deadlines import (
    JenisPeriode,
    Status,
    akhir_minggu,
    assign_uploads,
    due_periods,
    evaluate,
    jadwal,
    triwulan_of,
    triwulan_rentang,
)
from plans.target_waktu import parse_target_waktu


def periods_of(label: str, *, tahun_default: int = 2022):
    tw = parse_target_waktu(label, tahun_default=tahun_default)
    return due_periods(
        bulan=tw.bulan, minggu=tw.minggu, tahun=tw.tahun, label=tw.label,
        tahun_default=tahun_default,
    )  # fmt: skip


def deadlines(label: str) -> list[date]:
    return [p.tenggat for p in periods_of(label)]


D = date


def month_ends(months) -> list[date]:
    """Last day of each month of 2022, written out by hand so the test does not reuse the code."""
    days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return [D(2022, m, days[m - 1]) for m in months]


# Every TARGET WAKTU form found in fixtures/lampiran (Kudus, Tegal) and docs/architecture.md §1, with the
# deadlines the rules give (module docstring of plans.deadlines).
SEED_FORMS = [
    ("Januari 2022", [D(2022, 1, 31)]),
    ("Februari 2022", [D(2022, 2, 28)]),
    ("Agustus 2022", [D(2022, 8, 31)]),
    ("Maret, Juni 2022", [D(2022, 3, 31), D(2022, 6, 30)]),
    (
        "April, Juli, Oktober dan Desember 2022",
        [D(2022, 4, 30), D(2022, 7, 31), D(2022, 10, 31), D(2022, 12, 31)],
    ),
    (
        "Maret, Juni, Septem-ber, Desember 2022",
        [D(2022, 3, 31), D(2022, 6, 30), D(2022, 9, 30), D(2022, 12, 31)],
    ),
    ("Juni, September, Desember 2022", [D(2022, 6, 30), D(2022, 9, 30), D(2022, 12, 31)]),
    # A range is one window due at its end unless it says it recurs.
    ("Januari-Desember 2022", [D(2022, 12, 31)]),
    ("Januari – Desember 2022", [D(2022, 12, 31)]),
    ("Per-bulan (Januari-Desember)", month_ends(range(1, 13))),
    ("Feb-Des 2022", [D(2022, 12, 31)]),
    ("Januari-Maret 2022", [D(2022, 3, 31)]),
    ("Tahun 2022", [D(2022, 12, 31)]),
    ("Tiap 3 bulan", [D(2022, 3, 31), D(2022, 6, 30), D(2022, 9, 30), D(2022, 12, 31)]),
    ("triwulanan", [D(2022, 3, 31), D(2022, 6, 30), D(2022, 9, 30), D(2022, 12, 31)]),
    ("Januari-Maret 2022 setiap bulan", month_ends(range(1, 4))),
    ("per semester 2022", [D(2022, 6, 30), D(2022, 12, 31)]),
    ("Januari minggu ke-3 2022", [D(2022, 1, 21)]),
    ("Paling lambat Mei-Juni 2022", [D(2022, 6, 30)]),
    ("Januari dan Desember", [D(2022, 1, 31), D(2022, 12, 31)]),
    ("Januari Minggu ke 1 2022", [D(2022, 1, 7)]),
    ("Januari minggu ke-2 tahun 2022", [D(2022, 1, 14)]),
    ("Juli Minggu ke 2 2022", [D(2022, 7, 14)]),
    ("Maret minggu ke 4 2022", [D(2022, 3, 28)]),
    ("April Minggu ke 1 2022", [D(2022, 4, 7)]),
    ("April Minggu ke 1 April 2022", [D(2022, 4, 7)]),
    ("April Minggu ke 3 2022", [D(2022, 4, 21)]),
    ("April Minggu ke 3 April 2022", [D(2022, 4, 21)]),
    ("April minggu ke 4 2022", [D(2022, 4, 28)]),
    ("April minggu ke 5 2022", [D(2022, 4, 30)]),
    # First monev in April, then every quarter: April falls in triwulan II, one window to June.
    (
        "April Minggu ke 3 April 2022, tiap triwulan minggu ke 3,4,5",
        [D(2022, 6, 30), D(2022, 9, 30), D(2022, 12, 31)],
    ),
]


@pytest.mark.parametrize(("label", "expected"), SEED_FORMS, ids=[f[0] for f in SEED_FORMS])
def test_every_seed_form_gets_its_deadlines(label, expected):
    assert deadlines(label) == expected


def test_month_deadline_is_last_day_including_leap_year():
    assert deadlines("Februari 2024") == [D(2024, 2, 29)]
    assert deadlines("Februari 2023") == [D(2023, 2, 28)]
    assert deadlines("Desember 2022") == [D(2022, 12, 31)]


def test_week_five_of_february_ends_with_the_month():
    assert akhir_minggu(2022, 2, 5) == D(2022, 2, 28)
    assert akhir_minggu(2022, 2, 4) == D(2022, 2, 28)
    assert akhir_minggu(2022, 1, 4) == D(2022, 1, 28)


def test_week_period_window_and_label():
    (p,) = periods_of("April Minggu ke 3 2022")
    assert p.jenis == JenisPeriode.MINGGU
    assert p.mulai == D(2022, 4, 15)
    assert p.label == "Minggu ke-3 April 2022"


def test_paling_lambat_is_one_window_due_at_the_end():
    (p,) = periods_of("Paling lambat Mei-Juni 2022")
    assert p.jenis == JenisPeriode.RENTANG
    assert (p.mulai, p.tenggat, p.bulan) == (D(2022, 5, 1), D(2022, 6, 30), (5, 6))
    assert p.label == "Mei–Juni 2022"


def test_named_quarter_is_one_period_per_quarter():
    got = periods_of("Triwulan I 2022")
    assert [(p.jenis, p.tenggat) for p in got] == [(JenisPeriode.TRIWULAN, D(2022, 3, 31))]
    got = periods_of("TW I - TW IV 2022")
    assert [p.tenggat for p in got] == [D(2022, 3, 31), D(2022, 6, 30), D(2022, 9, 30),
                                        D(2022, 12, 31)]  # fmt: skip
    assert got[2].label == "Triwulan III 2022"


def test_recurring_quarter_is_one_window_per_quarter_due_at_its_end():
    got = periods_of("setiap triwulan 2022")
    assert [p.jenis for p in got] == [JenisPeriode.TRIWULAN] * 4
    assert [(p.mulai, p.tenggat) for p in got][1] == (D(2022, 4, 1), D(2022, 6, 30))
    assert got[3].label == "Triwulan IV 2022"


def row_deadlines(label: str, teks_baris: str) -> list[date]:
    tw = parse_target_waktu(label, tahun_default=2022)
    got = due_periods(bulan=tw.bulan, minggu=tw.minggu, tahun=tw.tahun, label=label,
                      teks_baris=teks_baris)  # fmt: skip
    return [p.tenggat for p in got]


def test_row_text_saying_per_bulan_makes_a_range_monthly():
    assert row_deadlines("Januari-Desember 2022", "Data nominatif pegawai per bulan") == (
        month_ends(range(1, 13))
    )
    assert row_deadlines("Januari-Desember 2022", "Kartu Kendali SPIP") == [D(2022, 12, 31)]
    # Single months listed stay each due, whatever the text says.
    assert row_deadlines("Maret, Juni 2022", "evaluasi setiap triwulan") == month_ends([3, 6])


def test_users_choice_wins_over_the_reading():
    tw = parse_target_waktu("Januari-Desember 2022")

    def kind(pola, **extra):
        got = due_periods(bulan=tw.bulan, tahun=2022, label=tw.label, pola=pola, **extra)
        return [p.tenggat for p in got]

    assert kind("bulanan") == month_ends(range(1, 13))
    assert kind("triwulanan") == month_ends([3, 6, 9, 12])
    assert kind("semesteran") == month_ends([6, 12])
    assert kind("sekali") == [D(2022, 12, 31)]
    assert kind("tanggal", tenggat=D(2022, 8, 17)) == [D(2022, 8, 17)]
    # A date schedule without its date falls back to the reading, never to nothing.
    assert kind("tanggal") == [D(2022, 12, 31)]
    (on_date,) = due_periods(bulan=[], tahun=None, pola="tanggal", tenggat=D(2022, 8, 17))
    assert on_date.label == "17 Agustus 2022"
    assert on_date.mulai == D(2022, 8, 1)


def test_year_falls_back_to_plan_year():
    (p,) = due_periods(bulan=[3], tahun=None, tahun_default=2023)
    assert p.tenggat == D(2023, 3, 31)


@pytest.mark.parametrize("label", ["", "segera", "sesuai kebutuhan", "TBD"])
def test_no_parsable_target_is_tanpa_jadwal_not_dropped(label):
    status, per_period = evaluate(
        bulan=parse_target_waktu(label).bulan, tahun=2022, label=label, tanggal=D(2022, 6, 1)
    )
    assert status == Status.TANPA_JADWAL
    assert per_period == []


def test_no_year_at_all_is_tanpa_jadwal():
    assert due_periods(bulan=[3], tahun=None) == []


def test_invalid_month_values_are_ignored_not_guessed():
    assert [p.bulan for p in due_periods(bulan=[0, 3, 13, "4"], tahun=2022)] == [(3,)]


@pytest.mark.parametrize(
    ("month", "quarter"), [(1, 1), (3, 1), (4, 2), (6, 2), (7, 3), (9, 3), (10, 4), (12, 4)]
)
def test_quarter_boundaries(month, quarter):
    assert triwulan_of(month) == quarter


def test_quarter_ranges_and_period_quarter_by_deadline():
    assert triwulan_rentang(2022, 1) == (D(2022, 1, 1), D(2022, 3, 31))
    assert triwulan_rentang(2022, 4) == (D(2022, 10, 1), D(2022, 12, 31))
    (window,) = periods_of("Paling lambat Maret-April 2022")
    assert window.triwulan == 2  # due end of April → triwulan II
    with pytest.raises(ValueError, match="bulan harus 1–12"):
        triwulan_of(13)
    with pytest.raises(ValueError, match="triwulan harus 1–4"):
        triwulan_rentang(2022, 5)


class TestStatus:
    """Rule 10: the same item seen on several reference dates."""

    def status(self, uploads, tanggal, label="Maret 2022"):
        tw = parse_target_waktu(label)
        return evaluate(
            bulan=tw.bulan, minggu=tw.minggu, tahun=tw.tahun, label=label,
            uploads=uploads, tanggal=tanggal,
        )[0]  # fmt: skip

    def test_before_deadline_without_evidence(self):
        assert self.status([], D(2022, 3, 31)) == Status.BELUM_JATUH_TEMPO

    def test_day_after_deadline_without_evidence_is_tertunggak(self):
        assert self.status([], D(2022, 4, 1)) == Status.TERTUNGGAK

    def test_upload_on_the_deadline_is_on_time(self):
        assert self.status([(3, D(2022, 3, 31))], D(2022, 5, 1)) == Status.TEPAT_WAKTU

    def test_upload_after_deadline_is_late_not_overdue(self):
        uploads = [(3, D(2022, 4, 10))]
        assert self.status(uploads, D(2022, 4, 5)) == Status.TERTUNGGAK  # not yet uploaded
        assert self.status(uploads, D(2022, 4, 10)) == Status.TERLAMBAT

    def test_uploads_after_reference_date_are_ignored(self):
        assert self.status([(3, D(2022, 3, 20))], D(2022, 3, 10)) == Status.BELUM_JATUH_TEMPO

    def test_worst_period_wins(self):
        label = "Per-bulan (Januari-Desember 2022)"
        uploads = [(1, D(2022, 1, 5)), (2, D(2022, 3, 2))]
        assert self.status(uploads, D(2022, 2, 15), label) == Status.TEPAT_WAKTU
        assert self.status(uploads, D(2022, 3, 1), label) == Status.TERTUNGGAK
        assert self.status(uploads, D(2022, 3, 2), label) == Status.TERLAMBAT
        assert self.status(uploads, D(2022, 4, 1), label) == Status.TERTUNGGAK  # March missing


class TestAssignUploads:
    """Rule 9: which upload counts for which period."""

    periods = due_periods(bulan=[3, 6, 9, 12], tahun=2022)

    def test_tagged_upload_counts_for_its_month(self):
        assert assign_uploads(self.periods, [(6, D(2022, 2, 1))]) == [None, D(2022, 2, 1), None,
                                                                     None]  # fmt: skip

    def test_untagged_upload_covers_every_open_period(self):
        # "tanpa periode" covers the whole item (evidence app): March/June late, Sept/Dec early.
        done = assign_uploads(self.periods, [(3, D(2022, 3, 5)), (None, D(2022, 7, 2))])
        assert done == [D(2022, 3, 5), D(2022, 7, 2), D(2022, 7, 2), D(2022, 7, 2)]
        statuses = [s.status for s in jadwal(bulan=[3, 6, 9, 12], tahun=2022, uploads=[
            (3, D(2022, 3, 5)), (None, D(2022, 7, 2))]).status_periode(D(2022, 12, 31))]  # fmt: skip
        assert statuses == [Status.TEPAT_WAKTU, Status.TERLAMBAT, Status.TEPAT_WAKTU,
                            Status.TEPAT_WAKTU]  # fmt: skip

    def test_tag_outside_every_period_counts_for_earliest_started_open_period(self):
        done = assign_uploads(self.periods, [(7, D(2022, 7, 2)), (8, D(2022, 7, 3))])
        assert done == [D(2022, 7, 2), D(2022, 7, 3), None, None]

    def test_early_upload_tagged_outside_counts_for_first_open_period(self):
        late_start = due_periods(bulan=[6], tahun=2022)
        assert assign_uploads(late_start, [(1, D(2022, 1, 10))]) == [D(2022, 1, 10)]

    def test_second_upload_for_a_fulfilled_period_adds_nothing(self):
        done = assign_uploads(self.periods, [(3, D(2022, 3, 1)), (3, D(2022, 3, 5))])
        assert done == [D(2022, 3, 1), None, None, None]

    def test_status_on_a_date_depends_only_on_uploads_up_to_it(self):
        early = [(7, D(2022, 4, 2))]
        later = [*early, (3, D(2022, 5, 1))]
        on = D(2022, 4, 15)
        a = jadwal(bulan=[3, 6], tahun=2022, uploads=early).status_periode(on)
        b = jadwal(bulan=[3, 6], tahun=2022, uploads=later).status_periode(on)
        assert a == b
        assert a[0].status == Status.TERLAMBAT


def test_karanganyar_grid_months_are_one_period_per_run_of_ticks():
    # The monthly-schedule format stores the ✓ months directly, without a label.
    got = due_periods(bulan=[2, 5, 8, 11], tahun=2022, label="")
    assert [p.tenggat for p in got] == [D(2022, 2, 28), D(2022, 5, 31), D(2022, 8, 31),
                                        D(2022, 11, 30)]  # fmt: skip
    assert [p.kunci for p in got] == ["2022-02", "2022-05", "2022-08", "2022-11"]
    # Consecutive ticks are one window, unless the row says it recurs.
    assert [p.kunci for p in due_periods(bulan=[6, 7], tahun=2022)] == ["2022-06..07"]
    monthly = due_periods(bulan=[6, 7], tahun=2022, teks_baris="Data nominatif per bulan")
    assert [p.kunci for p in monthly] == ["2022-06", "2022-07"]
