"""A plan's rows as a spreadsheet and back, with django-import-export.

One line per bukti fisik, in document order, with its ancestors' texts, under the lampiran's
column names (``KOLOM``): ``ID | NO AREA | AREA PERUBAHAN | NO KOMPONEN | KOMPONEN | INDIKATOR |
LANGKAH AKSI | BUKTI FISIK | TARGET WAKTU | PELAKSANAAN BULAN | PENANGGUNG JAWAB | VERSI``
(sheets exported with the earlier snake_case headers still import: ``HEADER_LAMA``). Export
cells that would start a formula are prefixed with ``'`` (``plans.resources.safe_cell``); import
removes that prefix again, so a round trip gives the same text back.

Import rules (``RencanaBarisResource(rencana=…)``):
- a line with an ``id`` updates that bukti fisik, which must belong to this plan (else the line
  is an error); changed ancestor texts (komponen, indikator, langkah aksi, area title) update
  that ancestor in place; two lines giving one ancestor different texts are an error;
- a line without ``id`` adds a bukti fisik under the area (by number) → komponen → indikator →
  langkah aksi named by its texts, creating the missing ones at the end; a line whose texts
  match a live bukti fisik already there is that row (so importing a file twice adds nothing
  twice);
- ``VERSI`` is the row's version when it was exported: a line whose row was saved since (in
  the browser) and that the file would change is a *conflict*: recorded in ``konflik`` and not
  applied unless its id is in ``timpa`` (the user confirmed overwriting it);
- every new and changed line is recorded in ``perubahan`` with its fields before and after, for
  the preview;
- ``bulan`` (``1, 2, 3``) is the ✓ grid of a monthly-schedule plan; elsewhere the months are read
  from target waktu (the column only counts when the label gives no month);
- rows are never deleted by an import (delete in the browser, where the confirmation says
  what goes with the row);
- the caller imports with ``dry_run=True`` first and writes only when no line has an error;
  ``import_data(..., rollback_on_validation_errors=True)`` rolls everything back otherwise.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from import_export import fields, resources
from import_export.widgets import IntegerWidget, Widget

from plans import tree
from plans.models import BuktiFisik, Indikator, Komponen, LangkahAksi, RencanaAksi, RencanaArea
from plans.resources import safe_cell
from plans.services.guards import ensure_can_edit
from plans.spreadsheet_kolom import (  # noqa: F401  (KOLOM: re-exported for callers)
    HEADER_LAMA,
    KOLOM,
    H,
    Perubahan,
    changed_fields,
    new_fields,
    norm,
    row_text,
    stale,
    unsafe_cell,
)
from plans.target_waktu import parse_target_waktu


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

    id = fields.Field(attribute="id", column_name=H["id"], widget=IntegerWidget())
    area = _f(tree.lookup("bukti", "area", "nomor"), H["area"], readonly=True)
    area_judul = _f(tree.lookup("bukti", "area", "judul"), H["area_judul"], readonly=True)
    komponen_nomor = _f(
        tree.lookup("bukti", "komponen", "nomor"), H["komponen_nomor"], readonly=True
    )
    komponen = _f(tree.lookup("bukti", "komponen", "nama"), H["komponen"], readonly=True)
    indikator = _f(tree.lookup("bukti", "indikator", "nama"), H["indikator"], readonly=True)
    langkah_aksi = _f("langkah_aksi__nama", H["langkah_aksi"], readonly=True)
    bukti_fisik = _f("nama", H["bukti_fisik"])
    target_waktu = _f("target_waktu", H["target_waktu"])
    bulan = _f("bulan", H["bulan"], widget=BulanWidget())
    penanggung_jawab = _f("penanggung_jawab", H["penanggung_jawab"])
    versi = fields.Field(
        attribute="versi", column_name=H["versi"], widget=IntegerWidget(), readonly=True
    )

    class Meta:
        model = BuktiFisik
        fields = tuple(H)
        export_order = tuple(H)
        import_id_fields = ("id",)
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        clean_model_instances = True

    def __init__(self, *, rencana: RencanaAksi, timpa: set[int] | None = None, **kwargs):
        super().__init__(**kwargs)
        self.rencana = rencana
        self.timpa = set(timpa or ())
        self._ancestor_text: dict[tuple, tuple[str, int]] = {}
        self._changed_ancestors = False
        self._ancestor_changes: list[tuple[str, str, str]] = []
        self._row_stale = False
        self._number = 0
        self.perubahan: list[Perubahan] = []
        self.konflik: list[Perubahan] = []
        self.ids_berkas: set[int] = set()

    def before_import(self, dataset, **kwargs):
        """Sheets exported with the earlier snake_case headers import as well."""
        dataset.headers = [HEADER_LAMA.get(str(h).strip(), h) for h in dataset.headers or []]
        return super().before_import(dataset, **kwargs)

    def get_queryset(self):
        return (
            BuktiFisik.objects.filter(
                **{tree.lookup("bukti", "rencana"): self.rencana},
                diarsipkan=False,
            )
            .select_related(tree.lookup("bukti", "area"))
            .order_by(
                tree.lookup("bukti", "area", "urutan"),
                tree.lookup("bukti", "area", "pk"),
                tree.lookup("bukti", "komponen", "urutan"),
                tree.lookup("bukti", "komponen", "pk"),
                tree.lookup("bukti", "indikator", "urutan"),
                tree.lookup("bukti", "indikator", "pk"),
                "langkah_aksi__urutan",
                "langkah_aksi__pk",
                "urutan",
                "pk",
            )
        )

    def get_instance(self, instance_loader, row):
        raw = row.get(H["id"])
        if raw in (None, ""):
            return self._same_texts(row)
        try:
            pk = int(raw)
        except (TypeError, ValueError):
            raise ValidationError({"id": f"id \u201c{raw}\u201d bukan angka"}) from None
        instance = self.get_queryset().filter(pk=pk).first()
        if instance is None:
            raise ValidationError(
                {"id": f"id {pk} bukan bukti fisik rencana ini (kosongkan id untuk baris baru)"}
            )
        self.ids_berkas.add(pk)
        return instance

    def _same_texts(self, row) -> BuktiFisik | None:
        """A live bukti fisik of this plan with the line's texts (area number, komponen,
        indikator, langkah aksi, bukti fisik), so a new line imported again is not added twice."""
        nama = norm(unsafe_cell(row.get(H["bukti_fisik"])))
        wanted = [
            norm(unsafe_cell(row.get(H[key])))
            for key in ("area", "komponen", "indikator", "langkah_aksi")
        ]
        if not nama:
            return None
        for bukti in self.get_queryset().filter(
            langkah_aksi__nama__iexact=row_text(row, "langkah_aksi")
        ):
            langkah = bukti.langkah_aksi
            komponen = langkah.indikator.komponen
            found = [
                norm(komponen.rencana_area.nomor),
                norm(komponen.nama),
                norm(langkah.indikator.nama),
                norm(langkah.nama),
            ]
            if found == wanted and norm(bukti.nama) == nama:
                self.ids_berkas.add(bukti.pk)
                return bukti
        return None

    def import_instance(self, instance, row, **kwargs):
        errors: dict[str, list] = {}
        pk = instance.pk
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if pk is not None:  # a line matched by its texts has no ID: it stays that row
            instance.pk = pk
        number = kwargs.get("row_number", 0)
        self._number = number
        self._ancestor_changes = []
        self._row_stale = stale(instance, row)
        try:
            if instance.pk and not (self._row_stale and instance.pk not in self.timpa):
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
        elif row.get(H["bulan"]) in (None, "") and not grid:
            instance.bulan = []
        instance.minggu = list(target.minggu)
        instance.tahun = target.tahun or self.rencana.tahun
        if errors:
            raise ValidationError(errors)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        number = self._number + 1  # the line in the sheet (header = line 1)
        if original is None or original.pk is None:
            self.perubahan.append(Perubahan("baru", number, None, instance.nama, new_fields(row)))
            return False
        changed = changed_fields(original, instance) + self._ancestor_changes
        if self._changed_ancestors:
            self._changed_ancestors = False
        if changed and self._row_stale:
            conflict = Perubahan("konflik", number, instance.pk, original.nama, changed)
            self.konflik.append(conflict)
            if instance.pk not in self.timpa:
                return True  # the browser's newer values stay; nothing overwritten
        if changed:
            self.perubahan.append(Perubahan("ubah", number, instance.pk, original.nama, changed))
            return False
        return super().skip_row(instance, original, row, import_validation_errors)

    def before_save_instance(self, instance, row, **kwargs):
        if instance.pk:  # an import is an edit like any other: a stale browser form is refused
            instance.versi += 1

    def dihapus(self) -> list[BuktiFisik]:
        """Live rows of the plan the file does not carry: an import never deletes them, the
        preview lists them so the user sees what the file lacks (delete in the editor)."""
        return list(self.get_queryset().exclude(pk__in=self.ids_berkas))

    # --- ancestors -------------------------------------------------------------------------

    def _claim(self, key: tuple, text: str, column: str, number: int) -> None:
        """One ancestor, one text: a second line giving it another text is an error."""
        seen = self._ancestor_text.get(key)
        if seen and norm(seen[0]) != norm(text):
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
            if H[column] not in row:
                continue
            text = unsafe_cell(row.get(H[column])).strip()
            self._claim((type(obj), obj.pk, attr), text, H[column], number)
            before = (getattr(obj, attr) or "").strip()
            if text != before:
                self._ancestor_changes.append((H[column].capitalize(), before, text))
                setattr(obj, attr, text)
                obj.full_clean()
                obj.versi += 1
                obj.save(update_fields=[attr, "versi"])
                self._changed_ancestors = True

    def _resolve(self, row, number: int) -> LangkahAksi:
        """The langkah aksi a new line goes under, creating missing ancestors at the end."""
        nomor = unsafe_cell(row.get(H["area"])).strip()
        if not nomor:
            raise ValidationError({H["area"]: "nomor area wajib diisi untuk baris baru"})
        area = RencanaArea.objects.filter(rencana=self.rencana, nomor__iexact=nomor).first()
        if area is None:
            area = _append(
                RencanaArea,
                {"rencana": self.rencana},
                nomor=nomor,
                judul=row_text(row, "area_judul") or nomor,
            )
        komponen = _find_or_append(
            Komponen,
            {"rencana_area": area},
            nama=row_text(row, "komponen"),
            nomor=row_text(row, "komponen_nomor"),
        )
        indikator_nama = row_text(row, "indikator")
        langkah_nama = row_text(row, "langkah_aksi")
        if not indikator_nama or not langkah_nama:
            raise ValidationError(
                {H["indikator"]: "indikator dan langkah aksi wajib diisi untuk baris baru"}
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
        if norm(obj.nama) == norm(nama):
            return obj
    return _append(model, parent, nama=nama, **extra)


class NewConflicts(Exception):
    """Rows were saved in the browser after the preview: the write was rolled back."""


def rencana_xlsx_impor(
    *,
    rencana: RencanaAksi,
    user,
    dataset,
    dry_run: bool,
    timpa: set[int] | None = None,
    known: set[int] | None = None,
):
    """Import the rows of ``dataset`` (a ``tablib.Dataset`` of this module's columns) into
    ``rencana``; returns ``(result, resource)`` (django-import-export's ``Result`` and the
    ``RencanaBarisResource`` with its ``perubahan`` and ``konflik``).

    ``dry_run`` previews and writes nothing. ``timpa``: ids of conflicting rows the user
    confirmed overwriting. ``known``: the conflicts the user saw in the preview; a write that
    meets another one raises ``NewConflicts`` and writes nothing. A line with an error rolls
    every line back (``rollback_on_validation_errors``). Raises ``PermissionDenied`` /
    ``RencanaTerkunci`` like every edit (``ensure_can_edit``).
    """
    ensure_can_edit(rencana=rencana, user=user)
    resource = RencanaBarisResource(rencana=rencana, timpa=timpa)
    with transaction.atomic():
        result = resource.import_data(dataset, dry_run=dry_run, rollback_on_validation_errors=True)
        if known is not None and {k.id for k in resource.konflik} - known:
            raise NewConflicts
    return result, resource
