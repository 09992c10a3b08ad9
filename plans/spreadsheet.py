"""A plan's rows as a spreadsheet and back (issue 4), with django-import-export.

One line per bukti fisik, in document order, with its ancestors' texts:
``id | area | area_judul | komponen_nomor | komponen | indikator | langkah_aksi | bukti_fisik |
target_waktu | bulan | penanggung_jawab``. Export cells that would start a formula are prefixed
with ``'`` (``plans.resources.safe_cell``); import removes that prefix again, so a round trip
gives the same text back.

Import rules (``RencanaBarisResource(rencana=…)``):
- a line with an ``id`` updates that bukti fisik, which must belong to this plan (else the line
  is an error); changed ancestor texts (komponen, indikator, langkah aksi, area title) update
  that ancestor in place; two lines giving one ancestor different texts are an error;
- a line without ``id`` adds a bukti fisik under the area (by number) → komponen → indikator →
  langkah aksi named by its texts, creating the missing ones at the end;
- ``bulan`` (``1, 2, 3``) is the ✓ grid of a monthly-schedule plan; elsewhere the months are read
  from target waktu (the column only counts when the label gives no month);
- rows are never deleted by an import (delete in the browser, where the confirmation says
  what goes with the row);
- the caller imports with ``dry_run=True`` first and writes only when no line has an error;
  ``import_data(..., rollback_on_validation_errors=True)`` rolls everything back otherwise.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db.models import Max
from import_export import fields, resources
from import_export.widgets import IntegerWidget, Widget

from plans.models import BuktiFisik, Indikator, Komponen, LangkahAksi, RencanaAksi, RencanaArea
from plans.resources import FORMULA_PREFIXES, safe_cell
from plans.target_waktu import parse_target_waktu

KOLOM = (
    "id",
    "area",
    "area_judul",
    "komponen_nomor",
    "komponen",
    "indikator",
    "langkah_aksi",
    "bukti_fisik",
    "target_waktu",
    "bulan",
    "penanggung_jawab",
)


def unsafe_cell(value) -> str:
    """Undo ``safe_cell``: ``'=SUM(…)`` back to ``=SUM(…)``; ``None`` → ``""``."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith("'") and text[1:].startswith(FORMULA_PREFIXES):
        return text[1:]
    return text


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip().casefold()


class TeksWidget(Widget):
    """Text cells: formula guard on export, guard removed on import."""

    def clean(self, value, row=None, **kwargs):
        return unsafe_cell(value)

    def render(self, value, obj=None, **kwargs):
        return safe_cell(value or "")


class BulanWidget(Widget):
    """Months as ``1, 2, 3``; anything but whole numbers 1–12 is an error of that cell."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return []
        months = set()
        for part in str(value).replace(";", ",").split(","):
            part = part.strip()
            if not part:
                continue
            if not part.isdigit() or not 1 <= int(part) <= 12:
                raise ValueError(f"bulan \u201c{part}\u201d bukan angka 1\u201312")
            months.add(int(part))
        return sorted(months)

    def render(self, value, obj=None, **kwargs):
        return ", ".join(str(v) for v in value or [])


def _f(attribute: str | None, column: str, widget=None, readonly=False) -> fields.Field:
    return fields.Field(
        attribute=attribute, column_name=column, widget=widget or TeksWidget(), readonly=readonly
    )


class RencanaBarisResource(resources.ModelResource):
    """The rows of one plan (see module doc). ``rencana`` is required; it scopes everything."""

    id = fields.Field(attribute="id", column_name="id", widget=IntegerWidget())
    area = _f("langkah_aksi__indikator__komponen__rencana_area__nomor", "area", readonly=True)
    area_judul = _f(
        "langkah_aksi__indikator__komponen__rencana_area__judul", "area_judul", readonly=True
    )
    komponen_nomor = _f("langkah_aksi__indikator__komponen__nomor", "komponen_nomor", readonly=True)
    komponen = _f("langkah_aksi__indikator__komponen__nama", "komponen", readonly=True)
    indikator = _f("langkah_aksi__indikator__nama", "indikator", readonly=True)
    langkah_aksi = _f("langkah_aksi__nama", "langkah_aksi", readonly=True)
    bukti_fisik = _f("nama", "bukti_fisik")
    target_waktu = _f("target_waktu", "target_waktu")
    bulan = _f("bulan", "bulan", widget=BulanWidget())
    penanggung_jawab = _f("penanggung_jawab", "penanggung_jawab")

    class Meta:
        model = BuktiFisik
        fields = KOLOM
        export_order = KOLOM
        import_id_fields = ("id",)
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        clean_model_instances = True

    def __init__(self, *, rencana: RencanaAksi, **kwargs):
        super().__init__(**kwargs)
        self.rencana = rencana
        self._ancestor_text: dict[tuple, tuple[str, int]] = {}
        self._changed_ancestors = False

    def get_queryset(self):
        return (
            BuktiFisik.objects.filter(
                langkah_aksi__indikator__komponen__rencana_area__rencana=self.rencana,
                diarsipkan=False,
            )
            .select_related("langkah_aksi__indikator__komponen__rencana_area")
            .order_by(
                "langkah_aksi__indikator__komponen__rencana_area__urutan",
                "langkah_aksi__indikator__komponen__rencana_area__pk",
                "langkah_aksi__indikator__komponen__urutan",
                "langkah_aksi__indikator__komponen__pk",
                "langkah_aksi__indikator__urutan",
                "langkah_aksi__indikator__pk",
                "langkah_aksi__urutan",
                "langkah_aksi__pk",
                "urutan",
                "pk",
            )
        )

    def get_instance(self, instance_loader, row):
        raw = row.get("id")
        if raw in (None, ""):
            return None
        try:
            pk = int(raw)
        except (TypeError, ValueError):
            raise ValidationError({"id": f"id \u201c{raw}\u201d bukan angka"}) from None
        instance = self.get_queryset().filter(pk=pk).first()
        if instance is None:
            raise ValidationError(
                {"id": f"id {pk} bukan bukti fisik rencana ini (kosongkan id untuk baris baru)"}
            )
        return instance

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        number = kwargs.get("row_number", 0)
        try:
            if instance.pk:
                self._update_ancestors(instance, row, number)
            else:
                instance.langkah_aksi = self._resolve(row, number)
                last = instance.langkah_aksi.bukti_fisik.aggregate(m=Max("urutan"))["m"]
                instance.urutan = 0 if last is None else last + 1
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        target = parse_target_waktu(instance.target_waktu, tahun_default=self.rencana.tahun)
        grid = self.rencana.format_lampiran == RencanaAksi.Format.ZI_BULANAN
        if target.bulan and not grid:
            # Six-column plans: the months follow the label (the sheet's column is a preview).
            instance.bulan = list(target.bulan)
        elif row.get("bulan") in (None, "") and not grid:
            instance.bulan = []
        instance.minggu = list(target.minggu)
        instance.tahun = target.tahun or self.rencana.tahun
        if errors:
            raise ValidationError(errors)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if self._changed_ancestors:
            self._changed_ancestors = False
            return False
        return super().skip_row(instance, original, row, import_validation_errors)

    # --- ancestors -------------------------------------------------------------------------

    def _claim(self, key: tuple, text: str, column: str, number: int) -> None:
        """One ancestor, one text: a second line giving it another text is an error."""
        seen = self._ancestor_text.get(key)
        if seen and _norm(seen[0]) != _norm(text):
            raise ValidationError(
                {column: f"berbeda dengan baris {seen[1] + 1} untuk {column} yang sama"}
            )
        self._ancestor_text.setdefault(key, (text, number))

    def _update_ancestors(self, bukti: BuktiFisik, row, number: int) -> None:
        langkah = bukti.langkah_aksi
        indikator = langkah.indikator
        komponen = indikator.komponen
        area = komponen.rencana_area
        for obj, attr, column in (
            (langkah, "nama", "langkah_aksi"),
            (indikator, "nama", "indikator"),
            (komponen, "nama", "komponen"),
            (komponen, "nomor", "komponen_nomor"),
            (area, "judul", "area_judul"),
        ):
            if column not in row:
                continue
            text = unsafe_cell(row.get(column)).strip()
            self._claim((type(obj), obj.pk, attr), text, column, number)
            if text != (getattr(obj, attr) or "").strip():
                setattr(obj, attr, text)
                obj.full_clean()
                obj.versi += 1
                obj.save(update_fields=[attr, "versi"])
                self._changed_ancestors = True

    def _resolve(self, row, number: int) -> LangkahAksi:
        """The langkah aksi a new line goes under, creating missing ancestors at the end."""
        nomor = unsafe_cell(row.get("area")).strip()
        if not nomor:
            raise ValidationError({"area": "nomor area wajib diisi untuk baris baru"})
        area = RencanaArea.objects.filter(rencana=self.rencana, nomor__iexact=nomor).first()
        if area is None:
            area = _append(
                RencanaArea,
                {"rencana": self.rencana},
                nomor=nomor,
                judul=unsafe_cell(row.get("area_judul")).strip() or nomor,
            )
        komponen = _find_or_append(
            Komponen,
            {"rencana_area": area},
            nama=unsafe_cell(row.get("komponen")).strip(),
            nomor=unsafe_cell(row.get("komponen_nomor")).strip(),
        )
        indikator_nama = unsafe_cell(row.get("indikator")).strip()
        langkah_nama = unsafe_cell(row.get("langkah_aksi")).strip()
        if not indikator_nama or not langkah_nama:
            raise ValidationError(
                {"indikator": "indikator dan langkah aksi wajib diisi untuk baris baru"}
            )
        indikator = _find_or_append(Indikator, {"komponen": komponen}, nama=indikator_nama)
        return _find_or_append(LangkahAksi, {"indikator": indikator}, nama=langkah_nama)


def _append(model, parent: dict, **values):
    last = model.objects.filter(**parent).aggregate(m=Max("urutan"))["m"]
    obj = model(**parent, **values, urutan=0 if last is None else last + 1)
    obj.full_clean()
    obj.save()
    return obj


def _find_or_append(model, parent: dict, *, nama: str, **extra):
    for obj in model.objects.filter(**parent, diarsipkan=False).order_by("urutan", "pk"):
        if _norm(obj.nama) == _norm(nama):
            return obj
    return _append(model, parent, nama=nama, **extra)
