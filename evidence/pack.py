"""The evaluator's evidence pack: one ZIP per plan, streamed with flat memory.

Layout, in the plan's numbering::

    INDEKS BUKTI FISIK.html
    I Manajemen Perubahan/1 Tim Kerja/1.1 <indikator>/1.1.1 <bukti fisik>/Maret/<file>

Folders: area (its Roman number and the framework's area name), komponen (its number),
indikator (``komponen.indikator``), bukti fisik (``komponen.indikator.n`` counting across the
indikator's langkah aksi), then the period month when the upload was filed under one. By
default each file is its latest *accepted* revision; ``semua_revisi`` puts every
non-withdrawn revision in, whatever its status, named ``<name> (revisi N, <status>)``.
The index lists every bukti fisik with its files, status, size and SHA-256, and the items
still missing accepted evidence.

Memory: the ZIP is produced by zipstream-ng while it is read; each file is read from the
storage in ``CHUNK`` pieces, entries are stored (evidence is already compressed: PDF, JPEG,
DOCX, MP4) and the total size is known beforehand (``len(paket.stream())`` → Content-Length).
Large packs are built by the background worker into the ``hasil`` storage (``jobs.handlers``)
and sent from there (``X-Accel-Redirect`` behind nginx), keyed by ``PaketBukti.versi``.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import quote

from django.template.loader import render_to_string
from django.utils import timezone
from zipstream import ZipStream

from evidence.models import Unggahan, nama_bulan
from evidence.names import sanitize_component, split_extension
from evidence.selectors import RingkasanBukti, ringkas, unggahan_rencana
from evidence.storage import bukti_storage
from plans import tree
from plans.models import BuktiFisik, RencanaAksi
from plans.selectors import rencana_tree

CHUNK = 1024 * 1024
INDEX_NAME = "INDEKS BUKTI FISIK.html"


@dataclass
class EntriBerkas:
    """One file in the pack: the upload and its path inside the ZIP."""

    unggahan: Unggahan
    arcname: str

    @property
    def href(self) -> str:
        """The arcname as a relative URL for the HTML index."""
        return "/".join(quote(part) for part in self.arcname.split("/"))


@dataclass
class BarisIndeks:
    """One bukti fisik in the index: its place in the plan, status and packed files."""

    nomor: str
    area: str
    komponen: str
    indikator: str
    langkah: str
    bukti: BuktiFisik
    ringkasan: RingkasanBukti
    berkas: list[EntriBerkas] = field(default_factory=list)

    @property
    def kurang(self) -> list[str]:
        """Labels of scheduled periods without accepted evidence (empty when complete)."""
        return [p.label for p in self.ringkasan.kurang]


@dataclass
class PaketBukti:
    """A plan's evidence pack, ready to stream: ``stream()`` or ``write_to(fileobj)``."""

    rencana: RencanaAksi
    semua_revisi: bool
    baris: list[BarisIndeks]
    dibuat: datetime.datetime
    #: Archived bukti fisik (a re-import dropped them) with their accepted evidence, marked.
    arsip: list[BarisIndeks] = field(default_factory=list)

    @property
    def entri(self) -> list[EntriBerkas]:
        return [e for b in (*self.baris, *self.arsip) for e in b.berkas]

    @property
    def nama_zip(self) -> str:
        """Download name, e.g. ``bukti-fisik-3319-zi-2022.zip``."""
        r = self.rencana
        rev = f"-rev{r.revisi}" if r.revisi > 1 else ""
        semua = "-semua-revisi" if self.semua_revisi else ""
        return f"bukti-fisik-{r.satker.kode}-{r.kerangka.kode}-{r.tahun}{rev}{semua}.zip"

    @property
    def versi(self) -> str:
        """SHA-256 (hex) of everything the pack holds: files, their status and checksums, the
        index rows and the plan's last change. Equal versions give the same ZIP contents, so a
        pack built in the background is reused while this does not change."""
        parts = [
            self.semua_revisi,
            self.rencana.pk,
            getattr(self.rencana, "versi", None),
            self.rencana.diubah.isoformat() if self.rencana.diubah else "",
        ]
        for b in self.baris:
            parts.append((b.nomor, b.bukti.pk, b.bukti.versi, b.kurang))
            parts.extend(
                (e.arcname, e.unggahan.pk, e.unggahan.status, e.unggahan.berkas.sha256)
                for e in b.berkas
            )
        return hashlib.sha256(repr(parts).encode()).hexdigest()

    @property
    def total_bytes(self) -> int:
        return sum(e.unggahan.berkas.ukuran for e in self.entri)

    def index_html(self) -> str:
        """The HTML index (self-contained, no external resources)."""
        lengkap = sum(1 for b in self.baris if not b.kurang)
        return render_to_string(
            "evidence/paket_index.html",
            {
                "paket": self,
                "rencana": self.rencana,
                "baris": self.baris,
                "kurang": [b for b in self.baris if b.kurang],
                "arsip": self.arsip,
                "jumlah_lengkap": lengkap,
                "jumlah_berkas": len(self.entri),
            },
        )

    def stream(self) -> ZipStream:
        """A sized ``ZipStream`` of the index and every file; iterate it to get the bytes."""
        storage = bukti_storage()
        zs = ZipStream(sized=True)
        zs.add(self.index_html().encode("utf-8"), INDEX_NAME)
        for entri in self.entri:
            berkas = entri.unggahan.berkas
            zs.add(
                _read_chunks(storage, berkas.nama_penyimpanan),
                entri.arcname,
                size=berkas.ukuran,
            )
        return zs

    def write_to(self, out) -> int:
        """Write the ZIP to the binary file ``out``; return the number of bytes written."""
        written = 0
        for chunk in self.stream():
            out.write(chunk)
            written += len(chunk)
        return written


def _read_chunks(storage, name: str) -> Iterator[bytes]:
    with storage.open(name, "rb") as f:
        while chunk := f.read(CHUNK):
            yield chunk


def _pilih(uploads: list[Unggahan], semua_revisi: bool) -> list[Unggahan]:
    """The uploads to pack: every non-withdrawn revision, or the latest accepted per file."""
    live = [u for u in uploads if not u.ditarik]
    if semua_revisi:
        return sorted(live, key=lambda u: (u.periode_bulan or 0, u.kunci_revisi, u.revisi))
    best: dict[tuple, Unggahan] = {}
    for u in live:
        if u.status != Unggahan.Status.DITERIMA:
            continue
        key = (u.periode_bulan, u.kunci_revisi)
        if key not in best or u.revisi > best[key].revisi:
            best[key] = u
    return sorted(best.values(), key=lambda u: (u.periode_bulan or 0, u.kunci_revisi))


def _file_name(u: Unggahan, semua_revisi: bool) -> str:
    if not semua_revisi:
        return u.nama_berkas
    stem, ext = split_extension(u.nama_berkas)
    return f"{stem} (revisi {u.revisi}, {u.get_status_display().lower()}){ext}"


def _unique(path: str, used: set[str]) -> str:
    candidate, n = path, 2
    stem, ext = split_extension(path)
    while candidate.casefold() in used:
        candidate = f"{stem} ({n}){ext}"
        n += 1
    used.add(candidate.casefold())
    return candidate


def paket_bukti(*, rencana: RencanaAksi, semua_revisi: bool = False) -> PaketBukti:
    """Collect the evidence pack of ``rencana`` (7 queries whatever its size).

    ``rencana`` must already be permission-checked (fetched through ``for_user``, with
    ``bukti.lihat``). Archived bukti fisik are left out of the plan's list like on the plan
    page; their accepted evidence is packed apart and marked (``PaketBukti.arsip``). Returns a
    ``PaketBukti``; nothing is read from the storage until it is streamed.
    """
    areas = rencana_tree(rencana=rencana)
    uploads: dict[int, list[Unggahan]] = {}
    for u in unggahan_rencana(rencana=rencana):
        uploads.setdefault(u.bukti_fisik_id, []).append(u)

    baris: list[BarisIndeks] = []
    used: set[str] = set()
    for area in areas:
        area_nama = area.area.nama if area.area else area.judul
        area_dir = sanitize_component(f"{area.nomor} {area_nama}")
        for k_pos, komponen in enumerate(area.komponen.all(), start=1):
            k_no = (komponen.nomor or str(k_pos)).strip(". ")
            komponen_dir = sanitize_component(f"{k_no} {komponen.nama}")
            for i_pos, indikator in enumerate(komponen.indikator.all(), start=1):
                i_no = f"{k_no}.{i_pos}"
                indikator_dir = sanitize_component(f"{i_no} {indikator.nama}")
                b_pos = 0
                for langkah in indikator.langkah_aksi.all():
                    for bukti in langkah.bukti_fisik.all():
                        b_pos += 1
                        nomor = f"{i_no}.{b_pos}"
                        bukti_dir = sanitize_component(f"{nomor} {bukti.nama or langkah.nama}")
                        base = f"{area_dir}/{komponen_dir}/{indikator_dir}/{bukti_dir}"
                        own = uploads.get(bukti.pk, [])
                        row = BarisIndeks(
                            nomor=nomor,
                            area=f"{area.nomor} {area_nama}",
                            komponen=f"{k_no} {komponen.nama}",
                            indikator=indikator.nama,
                            langkah=langkah.nama,
                            bukti=bukti,
                            ringkasan=ringkas(bukti, own),
                        )
                        for u in _pilih(own, semua_revisi):
                            folder = base
                            if u.periode_bulan:
                                folder += "/" + nama_bulan(u.periode_bulan)
                            arcname = _unique(f"{folder}/{_file_name(u, semua_revisi)}", used)
                            row.berkas.append(EntriBerkas(unggahan=u, arcname=arcname))
                        baris.append(row)
    return PaketBukti(
        rencana=rencana,
        semua_revisi=semua_revisi,
        baris=baris,
        dibuat=timezone.now(),
        arsip=_arsip(rencana, used),
    )


#: Folder of the evidence of archived rows inside the ZIP.
ARSIP_DIR = "ARSIP - baris tidak ada lagi di rencana"


def _arsip(rencana: RencanaAksi, used: set[str]) -> list[BarisIndeks]:
    """Accepted, non-withdrawn evidence of the plan's archived bukti fisik (one query).

    A replacing import archives a row whose text changed together with its uploads; what a
    verifier accepted stays in the pack, under ``ARSIP_DIR`` and marked in the index.
    """
    qs = (
        Unggahan.objects.filter(
            **{tree.lookup("bukti", "rencana", via="bukti_fisik"): rencana},
            bukti_fisik__diarsipkan=True,
            ditarik=False,
            status=Unggahan.Status.DITERIMA,
        )
        .select_related(
            "berkas",
            "diunggah_oleh",
            tree.lookup("bukti", "area", via="bukti_fisik"),
        )
        .order_by("bukti_fisik_id", "periode_bulan", "kunci_revisi", "-revisi")
    )
    uploads: dict[int, list[Unggahan]] = {}
    for u in qs:
        uploads.setdefault(u.bukti_fisik_id, []).append(u)
    rows = []
    for number, own in enumerate(uploads.values(), start=1):
        bukti = own[0].bukti_fisik
        langkah = bukti.langkah_aksi
        komponen = langkah.indikator.komponen
        area = komponen.rencana_area
        nomor = f"arsip-{number}"
        base = f"{ARSIP_DIR}/{sanitize_component(f'{nomor} {bukti.nama or langkah.nama}')}"
        row = BarisIndeks(
            nomor=nomor,
            area=f"{area.nomor} {area.judul}",
            komponen=f"{komponen.nomor} {komponen.nama}".strip(),
            indikator=langkah.indikator.nama,
            langkah=langkah.nama,
            bukti=bukti,
            ringkasan=ringkas(bukti, own),
        )
        for u in _pilih(own, False):
            folder = base + (f"/{nama_bulan(u.periode_bulan)}" if u.periode_bulan else "")
            arcname = _unique(f"{folder}/{_file_name(u, False)}", used)
            row.berkas.append(EntriBerkas(unggahan=u, arcname=arcname))
        rows.append(row)
    return rows
