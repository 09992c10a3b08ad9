"""``manage.py render_sk_pdf RENCANA_ID --output PATH [--kertas f4|a4] [--tata-letak zi|zi_bulanan|rb] [--html]``.

Other tools rely on this interface: keep it stable. Writes the SK with its Lampiran of
plan ``RENCANA_ID`` as PDF (or, with ``--html``, the HTML that would be rendered) to ``PATH``.
The file is written to a temporary name then renamed, so ``PATH`` never holds half a document;
an existing ``PATH`` is replaced and the command says so. Runs with full access (an operator's
tool): the web view is where per-user access is enforced.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from plans.models import RencanaAksi
from plans.reports import KERTAS, TATA_LETAK, SkReport


class Command(BaseCommand):
    help = "Cetak SK beserta Lampiran sebuah rencana aksi ke berkas PDF (atau HTML dengan --html)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("rencana_id", type=int, metavar="RENCANA_ID")
        parser.add_argument("--output", "-o", required=True, metavar="PATH")
        parser.add_argument("--kertas", choices=sorted(KERTAS), default="f4")
        parser.add_argument(
            "--tata-letak",
            dest="tata_letak",
            choices=sorted(TATA_LETAK),
            default=None,
            help="Tata letak tabel lampiran (bawaan: format lampiran rencana).",
        )
        sumber = parser.add_mutually_exclusive_group()
        sumber.add_argument(
            "--salinan",
            action="store_const",
            const=True,
            default=None,
            help="Cetak sebagai SALINAN (bawaan: seperti dokumen sumbernya).",
        )
        sumber.add_argument(
            "--asli", dest="salinan", action="store_const", const=False, help="Cetak sebagai asli."
        )
        parser.add_argument("--html", action="store_true", help="Tulis HTML, bukan PDF.")
        parser.add_argument(
            "--tanpa-cache",
            dest="use_cache",
            action="store_false",
            help="Render ulang walaupun PDF versi yang sama sudah ada di cache.",
        )

    def handle(self, *args, **options) -> None:
        try:
            rencana = RencanaAksi.objects.select_related("satker", "kerangka").get(
                pk=options["rencana_id"]
            )
        except RencanaAksi.DoesNotExist as exc:
            raise CommandError(
                f"Rencana aksi dengan id {options['rencana_id']} tidak ditemukan."
            ) from exc
        filename, _content_type, content = SkReport().render(
            rencana=rencana,
            kertas=options["kertas"],
            tata_letak=options["tata_letak"],
            salinan=options["salinan"],
            html_only=options["html"],
            use_cache=options["use_cache"],
        )
        output = Path(options["output"])
        existed = output.exists()
        write_atomically(output, content)
        verb = "Ditimpa" if existed else "Ditulis"
        self.stdout.write(f"{verb}: {output} ({len(content)} bita; {filename})")


def write_atomically(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` through a temporary file in the same directory + rename.

    Raises ``CommandError`` when the directory does not exist or is not writable.
    """
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise CommandError(f"Folder tujuan tidak ada: {directory}")
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise CommandError(f"Tidak dapat menulis ke {directory}: {exc}") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
