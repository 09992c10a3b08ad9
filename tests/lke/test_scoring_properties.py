"""Properties of the scoring engine over random complete and partial answer sets (hypothesis):
scores stay within their weights, a better answer never lowers any score, totals are the sums
of their parts. Plus the count formulas and the answer checks."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lke.loading import DATA_DIR
from lke.master import iter_soal, pohon, soal_of
from lke.scoring import (
    EPS,
    INDEKS,
    JUMLAH,
    KEPATUHAN,
    PENURUNAN,
    PILIHAN,
    RASIO,
    Butir,
    Soal,
    butir_of,
    hitung,
    nilai_butir,
    walk,
)
from lke.validation import JawabanTidakSah, format_jawaban, periksa_jawaban

MASTER = json.loads((DATA_DIR / "lke-zi-2026-master-soal.json").read_text(encoding="utf-8"))
ROOTS = pohon(MASTER)
SOALS = [soal_of(s) for s, _n in iter_soal(MASTER)]
BY_ID = {s.id: s for s in SOALS}


def _all_nodes(node):
    yield node
    for child in node.children:
        yield from _all_nodes(child)


GROUPS = [b for r in ROOTS for n in _all_nodes(r) for b in butir_of(n)]


def _answer(soal: Soal):
    if soal.jenis == PILIHAN:
        return st.sampled_from([p.key for p in soal.pilihan])
    if soal.jenis == INDEKS:
        return st.floats(min_value=0, max_value=4, allow_nan=False)
    return st.integers(min_value=0, max_value=50).map(float)


ANSWERS = st.fixed_dictionaries({}, optional={s.id: _answer(s) for s in SOALS})
COMPLETE = st.fixed_dictionaries({s.id: _answer(s) for s in SOALS})


def _nodes(hasil):
    return [n for root in hasil.pohon for n in walk(root)]


@settings(max_examples=60, deadline=None)
@given(ANSWERS)
def test_scores_stay_within_their_weights(jawaban):
    hasil = hitung(ROOTS, jawaban)
    for n in _nodes(hasil):
        assert -EPS <= n.nilai <= n.node.bobot + 1e-6, n.node.nama
    for area in hasil.area.values():
        assert -EPS <= area.nilai <= area.bobot + 1e-6
    assert 0 <= hasil.total <= 100 + 1e-6


@settings(max_examples=60, deadline=None)
@given(ANSWERS)
def test_totals_equal_the_sum_of_their_parts(jawaban):
    hasil = hitung(ROOTS, jawaban)
    for n in _nodes(hasil):
        if n.anak:
            assert n.nilai == pytest.approx(sum(a.nilai for a in n.anak), abs=1e-9)
    assert hasil.total == pytest.approx(hasil.pengungkit + hasil.hasil)
    assert hasil.pengungkit == pytest.approx(sum(a.nilai for a in hasil.area.values()))
    assert hasil.birokrasi == pytest.approx(hasil.ipak + hasil.capaian)


def _better(data, soal: Soal, jawaban: dict) -> dict:
    """A new answer set in which ``soal``'s answer (or its count group) is at least as good."""
    new = dict(jawaban)
    if soal.jenis == PILIHAN:
        current = next(p.multiplier for p in soal.pilihan if p.key == jawaban[soal.id])
        better = [p.key for p in soal.pilihan if p.multiplier >= current]
        new[soal.id] = data.draw(st.sampled_from(better))
    elif soal.jenis == INDEKS:
        new[soal.id] = data.draw(st.floats(min_value=jawaban[soal.id], max_value=4))
    else:
        butir = next(b for b in GROUPS if soal in b.soals)
        if butir.rumus == PENURUNAN:  # fewer violations this year is better
            ini = butir.soals[1].id
            new[ini] = float(data.draw(st.integers(0, int(jawaban[ini]))))
        else:  # more realised is better
            last = butir.soals[-1].id
            new[last] = jawaban[last] + data.draw(st.integers(0, 30))
    return new


@settings(max_examples=80, deadline=None)
@given(COMPLETE, st.data())
def test_a_better_answer_never_lowers_any_score(jawaban, data):
    soal = data.draw(st.sampled_from(SOALS))
    before = hitung(ROOTS, jawaban)
    after = hitung(ROOTS, _better(data, soal, jawaban))
    for b, a in zip(_nodes(before), _nodes(after), strict=True):
        assert a.nilai >= b.nilai - 1e-9, (soal.id, b.node.nama)
    assert after.total >= before.total - 1e-9


def test_count_formulas_follow_the_criteria():
    def group(*ids):
        return next(b for b in GROUPS if tuple(s.id for s in b.soals) == ids)

    agen = group(88, 89)
    assert agen.rumus == RASIO
    assert nilai_butir(agen, {88: 10.0, 89: 15.0}) == 1.0  # capped at 1
    assert nilai_butir(agen, {88: 0.0, 89: 3.0}) is None  # no reference: not scored
    disiplin = group(102, 103, 104)
    assert disiplin.rumus == PENURUNAN
    assert nilai_butir(disiplin, {102: 4.0, 103: 6.0, 104: 0.0}) == 0.0  # more: capped at 0
    assert nilai_butir(disiplin, {102: 0.0, 103: 0.0, 104: 0.0}) == 1.0  # none at all
    assert nilai_butir(disiplin, {102: 0.0, 103: 2.0, 104: 0.0}) == 0.0
    lhkpn = group(113, 114, 115, 116)
    assert lhkpn.rumus == KEPATUHAN
    assert nilai_butir(lhkpn, {113: 1.0, 114: 4.0, 115: 5.0, 116: 8.0}) == pytest.approx(0.8)
    assert group(110, 111, 112).rumus == RASIO
    assert nilai_butir(group(110, 111, 112), {110: 10.0, 111: 5.0, 112: 4.0}) == pytest.approx(0.4)
    assert sum(1 for b in GROUPS if b.rumus in (RASIO, PENURUNAN, KEPATUHAN)) == 8


def test_unanswered_questions_do_not_enter_the_mean():
    # Sub area "i. Penyusunan Tim Kerja" (0.5): only question 1 answered "Ya" → full weight.
    hasil = hitung(ROOTS, {1: "Ya"})
    assert hasil.pengungkit == pytest.approx(0.5)
    hasil = hitung(ROOTS, {1: "Ya", 2: "C"})
    assert hasil.pengungkit == pytest.approx(0.25)


@pytest.mark.parametrize(
    ("soal_id", "raw", "expected"),
    [(1, "ya", "Ya"), (1, " Tidak ", "Tidak"), (2, "b", "B"), (88, "12", 12.0), (88, 7, 7.0),
     (125, "3,55", 3.55), (125, 4, 4.0), (125, "", None), (2, None, None)],
)  # fmt: skip
def test_answers_are_checked_by_type(soal_id, raw, expected):
    assert periksa_jawaban(BY_ID[soal_id], raw) == expected


@pytest.mark.parametrize(
    ("soal_id", "raw", "pesan"),
    [(2, "D", "tidak termasuk pilihan"), (14, "F", "tidak termasuk pilihan"),
     (1, "B", "tidak termasuk pilihan"), (88, "-1", "negatif"), (88, "2.5", "bilangan bulat"),
     (88, "dua", "bukan angka"), (125, "4.01", "antara 0 dan 4"), (125, "-0.5", "antara 0 dan 4"),
     (127, "nan", "bukan angka")],
)  # fmt: skip
def test_answers_outside_their_type_are_refused(soal_id, raw, pesan):
    with pytest.raises(JawabanTidakSah, match=pesan):
        periksa_jawaban(BY_ID[soal_id], raw)


def test_stored_text_round_trips():
    for soal, raw in ((BY_ID[88], 12.0), (BY_ID[125], 3.55), (BY_ID[2], "B")):
        assert periksa_jawaban(soal, format_jawaban(soal, raw)) == raw
    assert {s.jenis for s in SOALS} == {PILIHAN, INDEKS, JUMLAH}
    assert isinstance(GROUPS[0], Butir)
