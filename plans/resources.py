"""django-import-export resources: a plan's rows as a flat spreadsheet (one line per bukti fisik)."""

from __future__ import annotations

from import_export import fields, resources
from import_export.widgets import CharWidget, Widget

from plans import tree
from plans.models import BuktiFisik
from plans.target_waktu import parse_target_waktu

#: Characters that make a spreadsheet cell a formula; such text is prefixed with "'" on export
#: (OWASP "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Neutralise spreadsheet formula injection in exported text cells."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class ListWidget(Widget):
    """Months as ``1, 2, 3`` in a cell."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return []
        return sorted({int(v) for v in str(value).replace(";", ",").split(",") if v.strip()})

    def render(self, value, obj=None, **kwargs):
        return ", ".join(str(v) for v in value or [])


class Baris(fields.Field):
    """A read-only text column taken from an ancestor of the bukti fisik."""

    def __init__(self, attribute: str, column_name: str):
        super().__init__(attribute=attribute, column_name=column_name, readonly=True)

    def export(self, instance, **kwargs):
        return safe_cell(super().export(instance, **kwargs))


_TEKS = CharWidget(allow_blank=True)


class BuktiFisikResource(resources.ModelResource):
    """Flat export of plan rows; import updates existing rows by ``id`` (text and target).

    Columns: id, rencana, area, komponen, indikator, langkah aksi (read-only context), bukti
    fisik, target waktu, bulan, penanggung jawab. On import the months are re-parsed from the
    target waktu unless the file gives them.
    """

    # Headers are the lampiran's column names, as in the plan's own XLSX export.
    id = fields.Field(attribute="id", column_name="ID")
    rencana = Baris(tree.lookup("bukti", "area", "rencana_id"), "ID RENCANA")
    area = Baris(tree.lookup("bukti", "area", "nomor"), "NO AREA")
    komponen = Baris(tree.lookup("bukti", "komponen", "nama"), "KOMPONEN")
    indikator = Baris(tree.lookup("bukti", "indikator", "nama"), "INDIKATOR")
    langkah = Baris("langkah_aksi__nama", "LANGKAH AKSI")
    # An empty XLSX cell reads as None: stored as '' (the text columns are NOT NULL).
    nama = fields.Field(attribute="nama", column_name="BUKTI FISIK", widget=_TEKS)
    target_waktu = fields.Field(attribute="target_waktu", column_name="TARGET WAKTU", widget=_TEKS)
    bulan = fields.Field(attribute="bulan", column_name="PELAKSANAAN BULAN", widget=ListWidget())
    penanggung_jawab = fields.Field(
        attribute="penanggung_jawab", column_name="PENANGGUNG JAWAB", widget=_TEKS
    )

    class Meta:
        model = BuktiFisik
        fields = (
            "id",
            "rencana",
            "area",
            "komponen",
            "indikator",
            "langkah",
            "nama",
            "target_waktu",
            "bulan",
            "penanggung_jawab",
        )
        export_order = fields
        import_id_fields = ("id",)
        skip_unchanged = True
        report_skipped = False
        use_transactions = True

    def __init__(self, *, queryset=None, **kwargs):
        super().__init__(**kwargs)
        self._scope = queryset

    def get_queryset(self):
        qs = self._scope if self._scope is not None else super().get_queryset()
        return qs.select_related(tree.lookup("bukti", "area")).order_by(
            tree.lookup("bukti", "area", "rencana_id"),
            tree.lookup("bukti", "area", "urutan"),
            tree.lookup("bukti", "komponen", "urutan"),
            tree.lookup("bukti", "indikator", "urutan"),
            "langkah_aksi__urutan",
            "urutan",
        )

    def dehydrate_nama(self, obj):
        return safe_cell(obj.nama)

    def dehydrate_penanggung_jawab(self, obj):
        return safe_cell(obj.penanggung_jawab)

    def export(self, *args, **kwargs):
        """The dataset titled (its XLSX sheet name) instead of tablib's "Tablib Dataset"."""
        dataset = super().export(*args, **kwargs)
        dataset.title = "Bukti fisik"
        return dataset

    def before_save_instance(self, instance, row, **kwargs):
        if not row.get("PELAKSANAAN BULAN"):
            instance.bulan = list(parse_target_waktu(instance.target_waktu).bulan)
