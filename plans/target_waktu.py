"""TARGET WAKTU parser: the free-text schedule cell of a lampiran row → months, weeks, year.

Pure standard library (no Django), shared by the importer, the admin and the deadline engine.
The forms come from the sample SKs (``fixtures/lampiran``) and docs/architecture.md §1.2. Rules:

* A *range* (``Januari-Desember``, ``Feb – Des``, ``Januari s.d. Desember``) yields all its
  months. ``Paling lambat Mei-Juni 2022`` → (5, 6): "paling lambat" only stresses the deadline,
  which the deadline engine takes from the last month (end of June).
* A *wrapping* range (``Oktober-Maret``) is read when both ends are month names joined by a range
  marker and no year is written on its start: a plan covers one calendar year, so it means
  Oct–Dec and Jan–Mar of that year. ``Oktober 2022 - Maret 2023`` spans two years: not read.
* A *recurrence* (``setiap/tiap/per bulan``, ``bulanan``, ``triwulan``, ``per triwulan``,
  ``semester``, ``setiap minggu``, ``setiap hari``) falls due at each period's end: monthly →
  1..12; quarterly → (3, 6, 9, 12), the ends of triwulan I–IV when the quarterly monev is held;
  half-yearly → (6, 12); weekly and daily → every month, weeks 1..5 (the finest grain held).
* A *named period* reads as the range it abbreviates: ``Triwulan I``/``TW I`` = Januari–Maret →
  (1, 2, 3); ``Semester II`` → 7..12; ``TW I - TW IV`` → 1..12.
* A recurrence with a range or named period is restricted to it (``Per-bulan (Januari-Desember)``
  → 1..12; ``setiap triwulan Januari–Juni`` → (3, 6)). After single months it starts at the
  earliest of them, the first occurrence: Tegal's monev row ``April Minggu ke 3 April 2022, tiap
  triwulan minggu ke 3,4,5`` = first monev in April, then at the end of every later quarter →
  (4, 6, 9, 12), weeks (3, 4, 5) (a month's last weeks, which fits the quarter-end reading).
* ``minggu`` is the union of all weeks named: the interface keeps one week list per label, so the
  Tegal row above also gives April weeks 3–5.
* A numeric month only as ``M/YYYY`` or ``M-YYYY`` (also roman, ``XII/2022``, as in Indonesian
  letter numbers). A day (``15 Maret``) cannot be kept, so it is reported, not dropped silently.
* ``akhir Juni``/``akhir triwulan`` = that period (its end is the deadline anyway); ``akhir
  tahun`` = Desember; ``sepanjang tahun`` = Januari–Desember.
* A year is a number 2000–2100 (``tahun``/``th``/``TA`` may precede it) and applies to the whole
  label; two different years give ``tahun`` None; none gives ``tahun_default``.

* ``setiap N bulan`` / ``tiap N bulan``: N = 1 monthly, 3 quarterly, 6 half-yearly, 12 once a
  year (due in December); other N every N-th month from N.
* ``Tahun 2022`` alone (a year, no month) = the whole year as one window (due 31 December).

**Schedule kind** (``pola``, see ``Pola``): how the months become deadlines, read as the office
means it. A *range* is ONE window due at its end (``Januari-Maret`` for a yearly LHKPN report is
one deadline, not three) unless the label or the row's own text (``teks_baris``: the bukti fisik
and langkah aksi) says it recurs (``per bulan``, ``setiap bulan``, ``bulanan``, ``tiap
triwulan``, ``per semester``, ``setiap hari``…); single months listed are each due; a recurrence
is due at each period's end; a named triwulan/semester is one window per period.

Anything else (``segera``, ``sesuai kebutuhan``, ``TBD``, ``setiap tahun``, ``Juni atau Juli``)
is never guessed: ``terbaca=False``, the months that could be read, and an Indonesian ``catatan``.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

_MONTHS: dict[str, int] = {
    "januari": 1, "februari": 2, "pebruari": 2, "maret": 3, "april": 4, "mei": 5,
    "juni": 6, "juli": 7, "agustus": 8, "september": 9, "oktober": 10, "november": 11,
    "nopember": 11, "desember": 12,
}  # fmt: skip
_MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1, "feb": 2, "peb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "agu": 8, "agt": 8,
    "ags": 8, "agus": 8, "sep": 9, "sept": 9, "okt": 10, "nov": 11, "nop": 11, "des": 12,
}  # fmt: skip
_ALL_MONTHS = {**_MONTHS, **_MONTH_ABBREVIATIONS}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9,
          "x": 10, "xi": 11, "xii": 12}  # fmt: skip
_ORDINAL = {"pertama": 1, "kesatu": 1, "kedua": 2, "ketiga": 3, "keempat": 4, "kelima": 5}
_EVERY_MONTH = frozenset(range(1, 13))
# Months in which a recurring item falls due: the end of each period (see module docstring).
_PERIOD_ENDS = {"bulan": _EVERY_MONTH, "triwulan": frozenset({3, 6, 9, 12}),
                "tw": frozenset({3, 6, 9, 12}), "semester": frozenset({6, 12}),
                "minggu": _EVERY_MONTH, "pekan": _EVERY_MONTH, "hari": _EVERY_MONTH}  # fmt: skip
_RECURRENCE_WORDS = {"bulanan": "bulan", "perbulan": "bulan", "triwulanan": "triwulan",
                     "pertriwulan": "triwulan", "semesteran": "semester",
                     "persemester": "semester", "mingguan": "minggu", "perminggu": "minggu",
                     "harian": "hari"}  # fmt: skip
_EVERY = {"setiap", "tiap", "per"}
_SEPARATORS = {",", ";", "/", "&", "+", "(", ")", "-", "dan", "serta", "pada"}
# Fixed phrases rewritten before tokenising. "paling lambat Juni" = by the end of June, and
# "akhir Juni"/"akhir triwulan" = at the end of it: the deadline is a period's end anyway.
_PHRASES = [
    (re.compile(r"\bpaling\s+(lambat|lama)\b|\bselambat-?\s*lambatnya\b|\bselambatnya\b"), " "),
    (re.compile(r"\bmaksimal\b|\bakhir\s+(?=[^\W\d_])(?!tahun\b|bulan\b(?!\s+[^\W\d_]))"), " "),
    (re.compile(r"\bakhir\s+tahun\b"), " desember "),
    (re.compile(r"\bsepanjang\s+tahun\b"), " januari - desember "),
    (re.compile(r"\bs\s*[./]\s*d\b\.?|\bsampai(\s+dengan)?\b|\bhingga\b|\bsd\b"), " - "),
]
_YEAR_WORDS = {"tahun", "th", "thn", "ta"}
_WORDS = (set(_ALL_MONTHS) | set(_PERIOD_ENDS) | set(_RECURRENCE_WORDS) | set(_ORDINAL) | _EVERY
          | _YEAR_WORDS | {"dan", "serta", "pada", "ke", "minggu", "bulan"})  # fmt: skip
_FULL_WORDS = _WORDS - set(_MONTH_ABBREVIATIONS)
_TOKEN = re.compile(r"\d+|[^\W\d_]+|[-,;/&+()]")


class Pola(StrEnum):
    """How an item's months become deadlines (``plans.deadlines.due_periods``).

    ``sekali``: one window from the first to the last month, due at its end; ``rentang``: one
    window per run of consecutive months; ``bulanan``: each month its own deadline;
    ``triwulanan``/``semesteran``: one window per calendar quarter/half-year among the months, due
    at the end of its last month; ``tanggal``: one deadline on a date the user sets.
    """

    SEKALI = "sekali"
    RENTANG = "rentang"
    BULANAN = "bulanan"
    TRIWULANAN = "triwulanan"
    SEMESTERAN = "semesteran"
    TANGGAL = "tanggal"


POLA_LABEL = {
    Pola.SEKALI: "Sekali (satu tenggat di akhir rentang)",
    Pola.RENTANG: "Tiap bulan/rentang yang disebut",
    Pola.BULANAN: "Bulanan (tiap bulan satu tenggat)",
    Pola.TRIWULANAN: "Triwulanan (akhir tiap triwulan)",
    Pola.SEMESTERAN: "Semesteran (akhir tiap semester)",
    Pola.TANGGAL: "Tanggal tertentu",
}
# Recurrence words of a row's own text, finest first: a row saying "per semester atau per
# triwulan" is held to the finer one, so no deadline is missed.
_TEXT_RECURRENCE = (
    (Pola.BULANAN, re.compile(
        r"\b(setiap|tiap|per)[\s-]*(bulan|hari|minggu|pekan)\b|\b(bulanan|harian|mingguan)\b"
        r"|\b(setiap|tiap)\s+1\s+bulan\b", re.I)),
    (Pola.TRIWULANAN, re.compile(
        r"\b(setiap|tiap|per)[\s-]*(triwulan|tw)\b|\btriwulanan\b|\b(setiap|tiap)\s+3\s+bulan\b",
        re.I)),
    (Pola.SEMESTERAN, re.compile(
        r"\b(setiap|tiap|per)[\s-]*semester\b|\bsemesteran\b|\b(setiap|tiap)\s+6\s+bulan\b",
        re.I)),
)  # fmt: skip
_WORD_POLA = {"bulan": Pola.BULANAN, "minggu": Pola.BULANAN, "pekan": Pola.BULANAN,
              "hari": Pola.BULANAN, "triwulan": Pola.TRIWULANAN, "tw": Pola.TRIWULANAN,
              "semester": Pola.SEMESTERAN}  # fmt: skip


_FINENESS = {Pola.BULANAN: 0, Pola.TRIWULANAN: 1, Pola.SEMESTERAN: 2, Pola.SEKALI: 3}


def pola_teks(teks: str) -> Pola | None:
    """The recurrence a row's text states (``Data nominatif pegawai per bulan`` → bulanan), the
    finest when several are named; ``None`` when it states none. Pure; never raises for str."""
    return next((pola for pola, pattern in _TEXT_RECURRENCE if pattern.search(teks or "")), None)


def runs_of(months) -> list[tuple[int, ...]]:
    """Months (any order, 1–12) → runs of consecutive months: ``[1, 2, 3, 6]`` →
    ``[(1, 2, 3), (6,)]``."""
    runs: list[list[int]] = []
    for m in sorted(set(months)):
        if runs and m == runs[-1][-1] + 1:
            runs[-1].append(m)
        else:
            runs.append([m])
    return [tuple(r) for r in runs]


def pola_otomatis(label: str, *, teks_baris: str = "") -> Pola:
    """The schedule kind the app reads for an item (rules in the module docstring).

    Args:
        label: the TARGET WAKTU text ('' in the monthly ✓ format).
        teks_baris: the row's own text (bukti fisik and langkah aksi names).

    Returns a ``Pola``; an empty label (✓ grid) is read as runs of consecutive ✓ months unless
    the row's text says it recurs. Never raises for str input.
    """
    return pola_dari(label or "", pola_teks(teks_baris))


@lru_cache(maxsize=4096)
def pola_dari(label: str, berulang: Pola | None) -> Pola:
    """``pola_otomatis`` given the recurrence of the row's text (``pola_teks``) instead of the
    text itself; cached, as many rows share a label (a dashboard reads thousands of rows)."""
    if not label.strip():
        return berulang or Pola.RENTANG
    read = parse_target_waktu(label).pola
    # Only a range (or a bare year) takes the row's recurrence: listed months stay each due.
    if berulang is not None and read in (Pola.SEKALI, Pola.RENTANG):
        return berulang
    return read


@dataclass(frozen=True)
class TargetWaktu:
    """What a TARGET WAKTU cell says (see ``parse_target_waktu`` for the rules)."""

    label: str  # the original text, verbatim (stripped)
    bulan: tuple[int, ...]  # sorted distinct months 1..12 in which the item is due
    minggu: tuple[int, ...]  # sorted distinct weeks of the month (1..5) if given, else ()
    tahun: int | None  # year if the text says it (or tahun_default), else None
    terbaca: bool  # True when the text was understood completely
    catatan: str  # Indonesian explanation of what could not be read ('' if terbaca)
    pola: Pola = Pola.BULANAN  # how the months become deadlines (see ``Pola``)


def _tokens(label: str) -> list[str]:
    """Cell text → lower-case words, numbers and punctuation, after removing markup and entities,
    folding NBSP and dashes, and rejoining words split by hyphenation (``Septem-ber``) when the
    joined word is known and the second part is not a word of its own (``Feb-Des`` stays apart).
    """
    text = html.unescape(re.sub(r"<[^>]*>", " ", label))
    text = unicodedata.normalize("NFKC", text).casefold().replace("\u00ad", "")
    text = re.sub(r"[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]", "-", text)
    for pattern, replacement in _PHRASES:
        text = pattern.sub(replacement, text)
    raw = _TOKEN.findall(text)
    out: list[str] = []
    i = 0
    while i < len(raw):
        gap = 2 if i + 2 < len(raw) and raw[i + 1] == "-" else 1
        if i + gap < len(raw) and raw[i].isalpha() and raw[i + gap].isalpha():
            joined = raw[i] + raw[i + gap]
            if joined in _FULL_WORDS and raw[i + gap] not in _WORDS:
                out.append(joined)
                i += gap + 1
                continue
        out.append(raw[i])
        i += 1
    return out


class _Reader:
    """One left-to-right pass over the tokens, collecting what each construct says."""

    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.i = 0
        self.points: set[int] = set()  # single months ("Januari", "12/2022")
        self.windows: set[int] = set()  # months of ranges and named periods
        self.recurrence: set[int] | None = None
        self.recurrence_kind: Pola | None = None
        self.named: Pola | None = None  # a named triwulan/semester read as its window
        self.year_only_ok = True
        self.weeks: set[int] = set()
        self.years: list[int] = []
        self.problems: list[str] = []
        self.unknown: list[list[str]] = []
        self.last_unknown = -2  # token index of the latest unknown word

    def peek(self, offset: int = 0) -> str:
        j = self.i + offset
        return self.tokens[j] if j < len(self.tokens) else ""

    def numeral(self, maximum: int) -> int | None:
        """Read one numeral 1..maximum (digits, roman or ordinal word) at the cursor."""
        t = self.peek()
        value = int(t) if t.isdigit() else _ROMAN.get(t, _ORDINAL.get(t))
        if value is None or not 1 <= value <= maximum:
            return None
        self.i += 1
        return value

    def numeral_list(self, maximum: int, keywords: set[str]) -> list[int]:
        """Read ``[ke] N (sep [keyword] [ke] N)*``; ``-`` between numerals is a range."""
        start = self.i
        while self.peek() in {"ke", "-"}:
            self.i += 1
        first = self.numeral(maximum)
        if first is None:
            self.i = start
            return []
        values = [first]
        while self.peek() in {",", "dan", "&", "/", "-", "+", "serta"}:
            save, sep = self.i, self.peek()
            self.i += 1
            while self.peek() in keywords | {"ke", "-"}:
                self.i += 1
            value = self.numeral(maximum)
            if value is None:
                self.i = save
                break
            if sep == "-" and value < values[-1]:
                self.problems.append(f"Rentang {values[-1]}-{value} terbalik")
            values.extend(range(values[-1] + 1, value + 1) if sep == "-" else [value])
        return values

    def year(self) -> bool:
        """Consume ``[tahun] YYYY`` at the cursor; a 4-digit number outside 2000–2100 is reported."""
        offset = 1 if self.peek() in _YEAR_WORDS else 0
        t = self.peek(offset)
        if not (t.isdigit() and len(t) == 4):
            return False
        self.i += offset + 1
        if 2000 <= int(t) <= 2100:
            self.years.append(int(t))
        else:
            self.problems.append(f"Angka {t} bukan tahun (2000–2100)")
        return True

    def month(self, start: int) -> None:
        """After a month name: a single month, or a range ``M [YYYY] - M [YYYY]``."""
        has_year = self.year()
        end = _ALL_MONTHS.get(self.peek(1)) if self.peek() == "-" else None
        if end is None:
            self.points.add(start)
            return
        self.i += 2
        self.year()
        if end >= start:
            self.windows.update(range(start, end + 1))
        elif has_year:
            self.problems.append("Rentang bulan melewati pergantian tahun")
        else:  # wraps inside one plan year: see module docstring
            self.windows.update([*range(start, 13), *range(1, end + 1)])

    def period(self, word: str, every: bool) -> None:
        """After triwulan/tw/semester/minggu/bulan: a named period, weeks, or a recurrence."""
        if word in {"minggu", "pekan", "hari"}:
            weeks = self.numeral_list(5, {word}) if word != "hari" else []
            skip = 0
            while self.peek(skip) in {"ke", "-"}:
                skip += 1
            if not weeks and word != "hari" and self.peek(skip).isdigit():  # "minggu ke 7"
                self.problems.append(f"Minggu ke-{self.peek(skip)} tidak ada (minggu 1–5)")
                self.i += skip + 1
                return
            self.weeks.update(weeks or (range(1, 6) if every else ()))
            if every:  # "setiap minggu": every week of every month; "setiap minggu ke 2": week 2
                self.recur(_EVERY_MONTH)
            elif not weeks:  # a bare "minggu" may be Sunday ("hari Minggu"): not guessed
                self.i -= 1
                self.note_unknown(word)
            return
        if word in {"triwulan", "tw", "semester"} and not every:
            size = 6 if word == "semester" else 3
            named = self.numeral_list(12 // size, {word, "triwulan", "tw"})
            for n in named:  # Triwulan I = Januari–Maret: a named period reads as its range
                self.windows.update(range(size * n - size + 1, size * n + 1))
            if named:
                self.named = _WORD_POLA[word]
                return
        if word == "bulan" and self.peek() in _ALL_MONTHS:
            return  # "bulan Januari"; "setiap bulan Januari" is every January, not every month
        if word == "bulan" and not every:
            self.i -= 1
            self.note_unknown(word)
            return
        self.recur(_PERIOD_ENDS[word], _WORD_POLA[word])

    def recur(self, months, kind: Pola = Pola.BULANAN) -> None:
        self.recurrence = {*months, *(self.recurrence or ())}
        if self.recurrence_kind is None or _FINENESS[kind] < _FINENESS[self.recurrence_kind]:
            self.recurrence_kind = kind

    def every_n_months(self) -> bool:
        """``setiap 3 bulan`` at the cursor (after ``setiap``): a recurrence every N months."""
        t, unit = self.peek(), self.peek(1)
        if not (t.isdigit() and unit == "bulan" and 1 <= int(t) <= 12):
            return False
        self.i += 2
        n = int(t)
        kinds = {1: Pola.BULANAN, 3: Pola.TRIWULANAN, 6: Pola.SEMESTERAN, 12: Pola.SEKALI}
        self.recur(range(n, 13, n), kinds.get(n, Pola.BULANAN))
        return True

    def number(self, t: str) -> None:
        """A number that is not a year: ``M/YYYY`` month, a day before a month, or unknown."""
        value = _ROMAN.get(t) or (int(t) if t.isdigit() else 0)
        nxt, after = self.peek(1), self.peek(2)
        if 1 <= value <= 12 and nxt in {"/", "-"} and after.isdigit() and len(after) == 4:
            self.points.add(value)
            self.i += 2
            self.year()
            return
        if t.isdigit() and 1 <= value <= 31 and nxt in _ALL_MONTHS:
            self.problems.append(f"Tanggal {value} tidak disimpan (hanya bulan yang dibaca)")
            self.i += 1
        else:
            self.note_unknown(t)

    def run(self) -> None:
        while self.i < len(self.tokens):
            t = self.peek()
            if t in _SEPARATORS:
                self.i += 1
            elif t in _ALL_MONTHS:
                self.i += 1
                self.month(_ALL_MONTHS[t])
            elif self.year():
                pass
            elif t in _EVERY and self.peek(1).isdigit():
                self.i += 1
                if not self.every_n_months():
                    self.i -= 1
                    self.note_unknown(t)
            elif t in _EVERY and self.peek(1 + (self.peek(1) == "-")) in _PERIOD_ENDS:
                self.i += 2 + (self.peek(1) == "-")
                self.period(self.tokens[self.i - 1], every=True)
            elif t in _RECURRENCE_WORDS:
                self.i += 1
                self.period(_RECURRENCE_WORDS[t], every=True)
            elif t in _PERIOD_ENDS:
                self.i += 1
                self.period(t, every=False)
            elif t.isdigit() or t in _ROMAN:
                self.number(t)
            else:
                self.note_unknown(t)

    def note_unknown(self, t: str) -> None:
        """Record a word not understood; consecutive ones make one phrase for the catatan."""
        if self.unknown and self.last_unknown == self.i - 1:
            self.unknown[-1].append(t)
        else:
            self.unknown.append([t])
        self.last_unknown = self.i
        self.i += 1


def parse_target_waktu(
    label: str, *, tahun_default: int | None = None, teks_baris: str = ""
) -> TargetWaktu:
    """Read a TARGET WAKTU cell as a person would (rules in the module docstring).

    Args:
        label: the cell text as extracted from the SK lampiran; may carry markup, odd spacing,
            non-breaking spaces, en dashes and line-break hyphenation.
        tahun_default: the plan's year, used when the text names no year.
        teks_baris: the row's own text (bukti fisik, langkah aksi); only read for ``pola``: a
            range in a row that says ``per bulan`` is monthly.

    Returns:
        ``TargetWaktu`` with the stripped label, sorted distinct months 1..12, sorted weeks 1..5,
        the year (text, else ``tahun_default``, else None), ``terbaca`` True only when every word
        was understood, at least one month was read and at most one year named, and otherwise a
        ``catatan`` in Indonesian naming what was not understood, and the ``pola`` (schedule
        kind, module docstring). Never raises for a ``str``;
        raises ``TypeError`` for anything else.
    """
    if not isinstance(label, str):
        raise TypeError(f"label must be str, not {type(label).__name__}")
    stripped = label.strip()
    reader = _Reader(_tokens(stripped))
    reader.run()
    bulan = set(reader.points)
    if reader.recurrence is None:
        bulan |= reader.windows
    elif reader.windows:
        inside = reader.windows & reader.recurrence
        if not inside:
            reader.problems.append("Periode berulang tidak jatuh di dalam rentang bulan")
        bulan |= inside
    else:  # the earliest single month is the first occurrence of the recurrence
        first = min(reader.points, default=1)
        bulan |= {m for m in reader.recurrence if m >= first}
    years = sorted(set(reader.years))
    if not bulan and len(years) == 1 and not reader.unknown and not reader.problems:
        bulan = set(_EVERY_MONTH)  # "Tahun 2022": the whole year, one window
    pola = _pola(reader, bulan, teks_baris)
    problems = []
    if not reader.tokens:
        problems.append("Target waktu kosong")
    if reader.unknown:
        phrases = ", ".join(f"'{' '.join(words)}'" for words in reader.unknown)
        problems.append(f"Tidak dipahami: {phrases}")
    problems += reader.problems
    if len(years) > 1:
        problems.append(f"Lebih dari satu tahun disebut ({', '.join(map(str, years))})")
    if not bulan and reader.tokens:
        problems.append("Tidak ada bulan yang dapat dibaca")
    return TargetWaktu(
        label=stripped,
        bulan=tuple(sorted(bulan)),
        minggu=tuple(sorted(reader.weeks)),
        tahun=years[0] if len(years) == 1 else (tahun_default if not years else None),
        terbaca=not problems,
        catatan="; ".join(problems),
        pola=pola,
    )


def _pola(reader: _Reader, bulan: set[int], teks_baris: str) -> Pola:
    """Schedule kind of a read label (module docstring): recurrence, named period, range, list."""
    if reader.recurrence_kind is not None:
        return reader.recurrence_kind
    if reader.named is not None and not reader.points:
        return reader.named
    if reader.windows or not reader.points:  # a range, or "Tahun 2022"
        recurring = pola_teks(teks_baris)
        if recurring is not None:
            return recurring
        return Pola.SEKALI if len(runs_of(bulan)) <= 1 else Pola.RENTANG
    return Pola.BULANAN
