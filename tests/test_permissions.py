"""The permission matrix: every URL of the project × role × whose satker × read/write → status.

Generated from the URL conf: ``test_every_url_has_an_entry`` walks the resolver and fails,
naming the URL, when a route has no entry in ``MATRIX`` (or an entry names a route that no
longer exists). Each entry says how to build the URL's kwargs for a satker and the expected
status per role on the user's *own* satker; the other two columns follow from the rule of
docs/architecture.md §3 and are checked for every URL:

- ``satker_lain`` (Kota Tegal 3376, same province): 404 for members of Kudus; the province
  reviewer sees it as its own; the system admin sees everything;
- ``provinsi_lain`` (a kabupaten of another province, created here): 404 for everyone but the
  system admin;
- anonymous: a redirect to the login page (302), except the public login page.

One test case is one URL × method × role (anonymous included), checked on the three satker
columns. A refused write (403/404) must leave the uploads, plans and memberships as they were.
This is the one matrix of the project: the per-app matrices of evidence and monitoring were
merged into it.

Roles: O = operator, K = kasubbag, T = Tim ZI (of Kudus 3319), R = Reviewer Provinsi (of 33),
A = system admin. Every request runs inside a savepoint that is rolled back, so one request's
writes never change another's expectation.

The Django admin (namespace ``admin``) has its own table, ``ADMIN_MATRIX``: for every model
registered in the admin (``test_every_admin_model_has_an_entry``), the add, change and delete
pages of an object of the own satker, per role, every role being staff (a Tim ZI is staff; a
member may be staff through another satker). Objects of other satkers are never shown to
anyone but the system admin and their province reviewer. Behaviour behind the statuses (read-
only fields, scoped filters, versi) is in ``tests/plans/test_admin.py``.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from access.models import Keanggotaan, Satker
from evidence.models import Unggahan
from evidence.services import unggahan_withdraw
from jobs.models import Job
from lke.services import lke_mulai
from lke.signing import token_bukti
from monitoring.services import monev_mulai
from notifications.models import Notifikasi
from plans import tree
from plans.models import Indikator, Komponen, RencanaAksi, RencanaArea
from tests.conftest import private_settings
from tests.evidence import files
from tests.evidence.conftest import bukti_of, upload_service
from tests.factories import UserFactory, make_member, make_plan
from zona_integritas.hasil import hasil_storage

ROLES = ("O", "K", "T", "R", "A")
WHOSE = ("sendiri", "satker_lain", "provinsi_lain")
KODE = {"sendiri": "3319", "satker_lain": "3376", "provinsi_lain": "3404"}
EXCLUDED_NAMESPACES = {"admin": "Django admin, see tests/plans/test_admin.py"}


def s(o: int, k: int, t: int, r: int, a: int) -> dict[str, int]:
    """Expected statuses on the own satker for O, K, T, R, A."""
    return dict(zip(ROLES, (o, k, t, r, a), strict=True))


ALL_200 = s(200, 200, 200, 200, 200)
WRITERS = s(200, 403, 200, 403, 200)  # rencana.ubah: operator, Tim ZI (and the admin)
WRITERS_302 = s(302, 403, 302, 403, 302)


@dataclass
class Entry:
    """How to call one URL and what each role must get on its own satker.

    ``kwargs(world, whose)`` builds the URL kwargs for that satker; ``get``/``post`` are the
    expected statuses (``None``: the method is not part of this URL's contract); ``scoped``
    False for URLs with no satker in them (only the own column is checked); ``data`` builds
    the POST body.
    """

    kwargs: Callable[[World, str], dict] = lambda w, whose: {}
    get: dict[str, int] | None = None
    post: dict[str, int] | None = None
    scoped: bool = True
    query: str = ""
    data: Callable[[World, str], dict] = lambda w, whose: {}
    anonymous: int = 302


@dataclass
class World:
    """The objects every URL is called on, per ``whose`` column."""

    rencana: dict = field(default_factory=dict)
    komponen: dict = field(default_factory=dict)
    indikator: dict = field(default_factory=dict)
    bukti: dict = field(default_factory=dict)
    satker: dict = field(default_factory=dict)
    provinsi: dict = field(default_factory=dict)
    anggota: dict = field(default_factory=dict)
    unggahan: dict = field(default_factory=dict)
    ditarik: dict = field(default_factory=dict)
    notifikasi_lain: object = None
    job: dict = field(default_factory=dict)
    lke: dict = field(default_factory=dict)
    jawaban: dict = field(default_factory=dict)
    pengguna: dict = field(default_factory=dict)  # role letter (ROLES) → the user playing it


def _rencana(w, whose):
    return {"rencana_pk": w.rencana[whose].pk}


def _satker(w, whose):
    return {"kode": w.satker[whose].kode}


def _provinsi(w, whose):
    return {"kode": w.provinsi[whose].kode}


def _monev(triwulan):
    return lambda w, whose: {"rencana_pk": w.rencana[whose].pk, "triwulan": triwulan}


def _lke(w, whose):
    return {"pk": w.lke[whose].pk}


def _jawaban(w, whose):
    return {"pk": w.lke[whose].pk, "jawaban_pk": w.jawaban[whose].pk}


LKE_ISI = s(200, 403, 200, 403, 200)  # lke.isi: operator, Tim ZI
LKE_ISI_302 = s(302, 403, 302, 403, 302)
# PortalRB authenticates with its own Bearer token, not the session; no token is configured
# in the test settings, so every caller gets 503 (see tests/lke/test_api.py for 200/401).
PORTALRB = Entry(get=s(503, 503, 503, 503, 503), scoped=False, anonymous=503, query="?tahun=2026")


def _row(tingkat, attr):
    return lambda w, whose: {
        "rencana_pk": w.rencana[whose].pk,
        "tingkat": tingkat,
        "row_id": getattr(w, attr)[whose].pk,
    }


MATRIX: dict[str, list[Entry]] = {
    # --- project ---
    "home": [Entry(get=s(302, 302, 302, 302, 302), scoped=False)],
    "login": [Entry(get=ALL_200, scoped=False, anonymous=200)],
    "logout": [Entry(post=s(302, 302, 302, 302, 302), scoped=False)],
    # the health page answers without login (it names no host, path or secret)
    "sehat": [Entry(get=ALL_200, scoped=False, anonymous=200)],
    "favicon": [Entry(get=s(301, 301, 301, 301, 301), scoped=False, anonymous=301)],
    # an admin page of a model that moved from plans to access: redirected, the admin checks
    "admin_lama": [
        Entry(
            get=s(301, 301, 301, 301, 301),
            scoped=False,
            anonymous=301,
            kwargs=lambda w, whose: {"model": "satker", "rest": ""},
        )
    ],
    # --- notifications: each user's own list (no satker in the URL) ---
    "notifications:list": [Entry(get=ALL_200, scoped=False)],
    "notifications:baca_semua": [Entry(post=s(302, 302, 302, 302, 302), scoped=False)],
    # someone else's notification: a 404 for everyone, the system admin included
    "notifications:buka": [
        Entry(
            kwargs=lambda w, whose: {"pk": w.notifikasi_lain.pk},
            get=s(404, 404, 404, 404, 404),
            scoped=False,
        )
    ],
    # Every user changes their own password (an empty POST: the form comes back with errors).
    "password_change": [Entry(get=ALL_200, post=ALL_200, scoped=False)],
    "password_change_done": [Entry(get=ALL_200, scoped=False)],
    # --- plans: browse, import, print ---
    "plans:rencana_list": [Entry(get=ALL_200, scoped=False)],
    "plans:rencana_detail": [Entry(_rencana, get=ALL_200)],
    "plans:impor": [Entry(get=WRITERS, post=WRITERS, scoped=False)],
    "plans:rencana_cetak": [Entry(_rencana, get=ALL_200, query="?html=1")],
    # --- plans: editing ---
    "plans:rencana_baru": [Entry(get=WRITERS, post=WRITERS, scoped=False)],
    "plans:target_waktu_pratinjau": [Entry(get=ALL_200, scoped=False, query="?target_waktu=Mei")],
    "plans:rencana_ubah": [Entry(_rencana, get=WRITERS)],
    "plans:rencana_sk": [Entry(_rencana, get=WRITERS, post=WRITERS)],
    "plans:baris_tambah": [
        Entry(
            lambda w, whose: {
                "rencana_pk": w.rencana[whose].pk,
                "tingkat": "indikator",
                "induk_id": w.komponen[whose].pk,
            },
            get=WRITERS,
            post=WRITERS,  # empty POST: the form comes back with its errors
        )
    ],
    "plans:baris_ubah": [Entry(_row("indikator", "indikator"), get=WRITERS, post=WRITERS)],
    "plans:baris_hapus": [Entry(_row("komponen", "komponen"), get=WRITERS, post=WRITERS)],
    "plans:baris_pindah": [
        Entry(_row("komponen", "komponen"), post=WRITERS_302, data=lambda w, x: {"arah": "naik"})
    ],
    "plans:rencana_transisi": [
        Entry(
            lambda w, whose: {"rencana_pk": w.rencana[whose].pk, "aksi": "ajukan"},
            get=WRITERS,
            post=WRITERS_302,
        ),
        Entry(
            lambda w, whose: {"rencana_pk": w.rencana[whose].pk, "aksi": "kembalikan"},
            get=s(403, 403, 403, 200, 200),
            post=s(403, 403, 403, 200, 200),  # a draft cannot be returned: the form says why
        ),
        Entry(
            lambda w, whose: {"rencana_pk": w.rencana[whose].pk, "aksi": "tetapkan"},
            get=s(403, 403, 200, 403, 200),
        ),
    ],
    "plans:rencana_revisi": [Entry(_rencana, get=WRITERS, post=WRITERS_302)],
    "plans:antrean_tinjauan": [Entry(get=s(403, 403, 403, 200, 200), scoped=False)],
    "plans:rencana_riwayat": [Entry(_rencana, get=ALL_200)],
    "plans:baris_pulihkan": [Entry(_rencana, post=WRITERS_302)],
    "plans:rencana_xlsx": [Entry(_rencana, get=ALL_200)],
    "plans:rencana_xlsx_impor": [Entry(_rencana, get=WRITERS, post=WRITERS)],
    "plans:anggota": [
        Entry(
            lambda w, whose: {"kode": KODE[whose]},
            get=s(403, 403, 200, 403, 200),
            post=s(403, 403, 200, 403, 200),
        )
    ],
    "plans:anggota_hapus": [
        Entry(
            lambda w, whose: {"kode": KODE[whose], "pk": w.anggota[whose].pk},
            get=s(403, 403, 200, 403, 200),
            post=s(403, 403, 302, 403, 302),
        )
    ],
    # --- evidence (statuses as in tests/evidence/test_permissions.py) ---
    "evidence:rencana_bukti": [Entry(_rencana, get=ALL_200)],
    "evidence:paket": [Entry(_rencana, get=ALL_200)],
    "evidence:bukti_detail": [Entry(lambda w, x: {"pk": w.bukti[x].pk}, get=ALL_200)],
    "evidence:unggah": [
        Entry(
            lambda w, x: {"pk": w.bukti[x].pk},
            post=s(403, 302, 302, 403, 302),
            data=lambda w, x: {
                "periode": "3",
                "berkas": SimpleUploadedFile("Baru.pdf", files.pdf("b")),
            },
        )
    ],
    "evidence:unduh": [
        Entry(lambda w, x: {"pk": w.unggahan[x].pk}, get=ALL_200),
        # a withdrawn file: its uploader's satker still reads it, an operator does not
        Entry(lambda w, x: {"pk": w.ditarik[x].pk}, get=s(404, 200, 200, 200, 200)),
    ],
    "evidence:pratinjau": [Entry(lambda w, x: {"pk": w.unggahan[x].pk}, get=ALL_200)],
    "evidence:verifikasi": [
        Entry(
            lambda w, x: {"pk": w.unggahan[x].pk},
            get=s(403, 403, 200, 200, 200),
            post=s(403, 403, 302, 302, 302),
            data=lambda w, x: {"status": "diterima", "catatan": ""},
        )
    ],
    "evidence:tarik": [
        Entry(
            lambda w, x: {"pk": w.unggahan[x].pk},
            get=s(403, 200, 200, 403, 200),
            post=s(403, 302, 302, 403, 302),
            data=lambda w, x: {"alasan": "diganti"},
        )
    ],
    "evidence:pulihkan": [
        Entry(lambda w, x: {"pk": w.ditarik[x].pk}, post=s(404, 302, 302, 403, 302))
    ],
    "evidence:musnahkan": [
        Entry(lambda w, x: {"pk": w.ditarik[x].pk}, get=s(404, 403, 403, 403, 200))
    ],
    "evidence:tautkan": [
        Entry(lambda w, x: {"pk": w.unggahan[x].pk}, get=s(403, 200, 200, 403, 200))
    ],
    # --- monitoring ---
    # The entry page redirects every user to the dashboard of their scope.
    "monitoring:dasbor": [Entry(get=s(302, 302, 302, 302, 302), scoped=False)],
    "monitoring:dasbor_satker": [Entry(_satker, get=ALL_200)],
    "monitoring:butir_list": [Entry(_satker, get=ALL_200)],
    "monitoring:dasbor_provinsi": [
        # Kudus members cannot see their province's page; the reviewer of 33 can.
        Entry(_provinsi, get=s(404, 404, 404, 200, 200))
    ],
    # The province recap (page, PDF, XLSX) follows the province dashboard.
    **{
        f"monitoring:{name}": [Entry(_provinsi, get=s(404, 404, 404, 200, 200))]
        for name in ("rekap", "rekap_pdf", "rekap_xlsx")
    },
    # The old addresses by database id redirect (301) to the kode address wherever the target
    # page would find the satker, and are a 404 wherever it would be (test_old_satker_urls).
    **{
        f"monitoring:{name}_lama": [
            Entry(lambda w, x: {"pk": w.satker[x].pk}, get=s(301, 301, 301, 301, 301))
        ]
        for name in ("dasbor_satker", "butir_list")
    },
    **{
        f"monitoring:{name}_lama": [
            Entry(lambda w, x: {"pk": w.provinsi[x].pk}, get=s(404, 404, 404, 301, 301))
        ]
        for name in ("dasbor_provinsi", "rekap", "rekap_pdf", "rekap_xlsx")
    },
    "monitoring:monev_list": [Entry(_rencana, get=ALL_200)],
    "monitoring:monev_form": [
        Entry(
            _monev(1),
            get=ALL_200,
            post=s(403, 403, 302, 403, 302),  # monev.tulis: the Tim ZI saves the quarter
        ),
        # Quarter II is started in this world: an empty POST comes back with its errors.
        Entry(_monev(2), get=ALL_200, post=s(403, 403, 200, 403, 200)),
    ],
    # No monev has been written for quarter I in this world: the writer gets 404 (nothing to
    # submit or print), a reader without the right still gets 403 first.
    "monitoring:monev_ajukan": [
        Entry(_monev(1), post=s(403, 403, 404, 403, 404)),
        Entry(_monev(2), get=s(403, 403, 200, 403, 200)),  # the confirmation page
    ],
    # --- lke ---
    "lke:daftar": [Entry(get=ALL_200, scoped=False)],
    # Members without lke.isi get the form refused (a message), never another satker's LKE.
    "lke:mulai": [
        Entry(
            post=s(302, 302, 302, 302, 302),
            scoped=False,
            data=lambda w, x: {"satker": w.satker[x].pk, "tahun": 2026},
        )
    ],
    "lke:lke_detail": [Entry(_lke, get=ALL_200)],
    "lke:jawaban": [
        Entry(
            _jawaban,
            get=ALL_200,
            post=LKE_ISI_302,
            data=lambda w, x: {"jawaban": "Ya", "catatan": "", "versi": 1},
        )
    ],
    "lke:tambah_rencana": [
        Entry(
            _jawaban,
            get=LKE_ISI,
            post=LKE_ISI_302,
            data=lambda w, x: {"indikator": w.indikator[x].pk},
        )
    ],
    # Submitting needs lke.ajukan (Tim ZI); with nothing answered it is refused with a message.
    "lke:transisi": [
        Entry(
            lambda w, x: {"pk": w.lke[x].pk, "aksi": "ajukan"},
            get=s(403, 403, 200, 403, 200),  # the confirmation page
            post=s(403, 403, 302, 403, 302),
            data=lambda w, x: {"versi": 1},
        )
    ],
    "lke:riwayat": [Entry(_lke, get=ALL_200)],
    "lke:skor": [Entry(_lke, get=ALL_200)],
    "lke:tautan": [
        Entry(_lke, get=ALL_200, post=LKE_ISI_302, data=lambda w, x: {"saran_semua": "1"})
    ],
    "lke:xlsx": [Entry(_lke, get=ALL_200)],
    "lke:xlsx_impor": [Entry(_lke, get=LKE_ISI)],
    "lke:pdf": [Entry(_lke, get=ALL_200, query="?html=1")],
    # A signed link works without an account, but only for an accepted upload: the world's
    # uploads await verification, so every caller gets 404.
    "lke:bukti_unduh": [
        Entry(
            lambda w, x: {"token": token_bukti(w.unggahan[x])},
            get=s(404, 404, 404, 404, 404),
            scoped=False,
            anonymous=404,
        )
    ],
    "lke:rencana_lke": [Entry(_rencana, get=ALL_200)],
    "portalrb:unit_wbk": [PORTALRB],
    "portalrb:unit_wbbm": [PORTALRB],
    "portalrb:jawaban_unit": [
        Entry(
            lambda w, x: {"unit_id": "UNIT-3319"},
            get=s(503, 503, 503, 503, 503),
            scoped=False,
            anonymous=503,
            query="?tahun=2026",
        )
    ],
    "monitoring:monev_pdf": [
        Entry(_monev(1), get=s(404, 404, 404, 404, 404)),
        Entry(_monev(2), get=ALL_200),  # a started quarter prints (as a background job)
    ],
    # --- background jobs: the capability of the job (here bukti.lihat) on its satker ---
    "jobs:status": [Entry(lambda w, x: {"pk": w.job[x].pk}, get=ALL_200)],
    "jobs:status_json": [Entry(lambda w, x: {"pk": w.job[x].pk}, get=ALL_200)],
    "jobs:unduh": [Entry(lambda w, x: {"pk": w.job[x].pk}, get=ALL_200)],
}


def url_names(patterns=None, namespace: str | None = None) -> set[str]:
    """Every named route of the URL conf as ``namespace:name`` (admin left out)."""
    names: set[str] = set()
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            if p.namespace in EXCLUDED_NAMESPACES:
                continue
            inner = p.namespace or namespace
            names |= url_names(p.url_patterns, inner)
        elif isinstance(p, URLPattern):
            assert p.name, f"URL {p.pattern} has no name: name it and add it to MATRIX"
            names.add(f"{namespace}:{p.name}" if namespace else p.name)
    return names


def test_every_url_has_an_entry():
    names = url_names()
    missing = sorted(names - MATRIX.keys())
    stale = sorted(MATRIX.keys() - names)
    assert not missing, f"URL tanpa entri di tests/test_permissions.py MATRIX: {missing}"
    assert not stale, f"Entri MATRIX untuk URL yang sudah tidak ada: {stale}"


def _other_province() -> tuple[Satker, Satker]:
    provinsi = Satker.objects.create(
        kode="34", jenis="provinsi", wilayah="Daerah Istimewa Yogyakarta"
    )
    kabupaten = Satker.objects.create(
        kode="3404", jenis="kabupaten", wilayah="Sleman", induk=provinsi
    )
    return provinsi, kabupaten


def _build_world() -> World:
    """Every object the matrix calls URLs on (see ``World``); files under ``DATA_DIR``."""
    _other_province()
    w = World()
    for whose, kode in KODE.items():
        rencana = make_plan(
            satker_kode=kode, areas=1, komponen_per_area=1, indikator_per_komponen=1, sk_nomor=""
        )
        satker = rencana.satker
        w.rencana[whose] = rencana
        w.satker[whose] = satker
        w.provinsi[whose] = satker.induk
        w.komponen[whose] = Komponen.objects.get(rencana_area__rencana=rencana)
        w.indikator[whose] = Indikator.objects.get(**{tree.lookup("indikator", "rencana"): rencana})
        bukti = bukti_of(rencana)[0]
        bukti.bulan, bukti.target_waktu = [3], "Maret 2022"
        bukti.save()
        w.bukti[whose] = bukti
        kasubbag = make_member("kasubbag", kode)
        w.anggota[whose] = Keanggotaan.objects.get(user=kasubbag)
        [w.unggahan[whose]] = upload_service(bukti, kasubbag, ("Aktif.pdf", files.pdf(kode)))
        [ditarik] = upload_service(bukti, kasubbag, ("Ditarik.pdf", files.pdf(kode + "x")))
        w.ditarik[whose] = unggahan_withdraw(unggahan=ditarik, user=kasubbag, alasan="salah")
        w.job[whose] = Job.objects.create(
            kind="paket_bukti",
            key=f"uji:{kode}",
            judul="Paket bukti fisik",
            satker=satker,
            capability="bukti.lihat",
            status=Job.Status.SELESAI,
            nama_hasil=hasil_storage().save(f"paket/{kode}.zip", ContentFile(b"PK")),
            nama_unduhan="paket.zip",
            content_type="application/zip",
        )
        w.lke[whose] = lke_mulai(satker=satker, tahun=2026, user=None)
        w.jawaban[whose] = w.lke[whose].jawaban.get(soal__id_master=1)
        monev_mulai(rencana=rencana, triwulan=2, hari_ini=date(2022, 7, 1))
    assert RencanaArea.objects.count() == 3
    w.notifikasi_lain = Notifikasi.objects.create(
        user=UserFactory(), jenis=Notifikasi.Jenis.RENCANA, judul="Milik orang lain", tautan="/"
    )
    w.pengguna = {role: _user(role) for role in ROLES}
    return w


@pytest.fixture(scope="module")
def _world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world built once per module (per xdist worker): ``(World, its DATA_DIR)``.

    Building it (plans, uploads, LKE, monev, the role users) costs more than most cases and
    the matrix has hundreds of them, so it is built once, inside an outer transaction that is
    rolled back after the module's last test. Each test's own ``db`` transaction nests as a savepoint and is rolled back, so one
    test's writes never reach the next; ``world`` hands each test its own copies of the
    instances and of the files.
    """
    tmp = tmp_path_factory.mktemp("permissions")
    with django_db_blocker.unblock(), transaction.atomic():
        try:
            with override_settings(**private_settings(tmp)):
                built = _build_world()
            # no database access between tests: each test opens its own (``db``)
            with django_db_blocker.block():
                yield built, private_settings(tmp)["DATA_DIR"]
        finally:
            transaction.set_rollback(True)


@pytest.fixture
def world(_world, db, _private_data_dir, settings) -> World:
    """This test's copy of the module's world: fresh instances, its files in this test's
    ``DATA_DIR`` (so a test that changes an instance or a file leaves the next one alone)."""
    built, data_dir = _world
    if data_dir.exists():
        shutil.copytree(data_dir, settings.DATA_DIR, dirs_exist_ok=True)
    return _reread(built)


def _reread(w: World) -> World:
    """A ``World`` of the same objects read again from the database (one query per model).

    Cheaper than ``copy.deepcopy``, which drags along every cached relation and queryset.
    """
    pks: dict[type, set] = {}
    for value in vars(w).values():
        for obj in value.values() if isinstance(value, dict) else [value]:
            pks.setdefault(type(obj), set()).add(obj.pk)
    fresh = {model: model._base_manager.in_bulk(ids) for model, ids in pks.items()}

    def again(obj):
        return fresh[type(obj)][obj.pk]

    return World(
        **{
            name: {k: again(o) for k, o in value.items()}
            if isinstance(value, dict)
            else again(value)
            for name, value in vars(w).items()
        }
    )


def _user(role: str):
    """The user playing ``role`` (a letter of ``ROLES``) on Kudus 3319 / province 33."""
    if role == "A":
        return UserFactory(is_superuser=True, is_staff=True)
    peran = {"O": "operator", "K": "kasubbag", "T": "tim_zi", "R": "reviewer_provinsi"}[role]
    return make_member(peran, "33" if role == "R" else "3319")


def expected_for(entry: Entry, table: dict[str, int], role: str, whose: str) -> int:
    """The rule of the module docstring applied to the own-satker table."""
    if role == "A" or whose == "sendiri":
        return table[role]
    if whose == "satker_lain" and role == "R":
        return table[role]
    return 404


def _state() -> tuple:
    """What a refused write must not change: uploads, plans, memberships."""
    return (
        list(Unggahan.objects.order_by("pk").values_list("pk", "status", "ditarik")),
        list(RencanaAksi.objects.order_by("pk").values_list("pk", "status", "versi")),
        list(Keanggotaan.objects.order_by("pk").values_list("pk", "peran")),
    )


def _request(client, entry: Entry, name: str, method: str, w: World, whose: str):
    """The response, and whether a refused (403/404) request changed the state."""
    url = reverse(name, kwargs=entry.kwargs(w, whose)) + entry.query
    sid = transaction.savepoint()
    try:
        if method == "get":
            return client.get(url), False
        before = _state()
        response = client.post(url, entry.data(w, whose))
        return response, response.status_code in (403, 404) and _state() != before
    finally:
        transaction.savepoint_rollback(sid)


ANONIM = "anonim"
CASES = [
    pytest.param(name, i, method, role, id=f"{name}-{i}-{method}-{role}")
    for name, entries in MATRIX.items()
    for i, entry in enumerate(entries)
    for method in ("get", "post")
    if getattr(entry, method) is not None
    for role in (*ROLES, ANONIM)
]


@pytest.mark.parametrize(("name", "index", "method", "role"), CASES)
def test_matrix(client, world, name, index, method, role):
    entry = MATRIX[name][index]
    table = getattr(entry, method)
    if role != ANONIM:
        client.force_login(world.pengguna[role])
    wrong = []
    for whose in WHOSE if entry.scoped else ("sendiri",):
        if role == ANONIM:
            expected = entry.anonymous
        else:
            expected = expected_for(entry, table, role, whose) if entry.scoped else table[role]
        response, changed = _request(client, entry, name, method, world, whose)
        if response.status_code != expected:
            wrong.append(f"{whose}: {response.status_code} ≠ {expected}")
        elif role == ANONIM and expected == 302 and reverse("login") not in response["Location"]:
            wrong.append(f"{whose}: redirect to {response['Location']}, not login")
        if changed:
            wrong.append(f"{whose}: refused with {response.status_code} but changed data")
    assert not wrong, f"{method.upper()} {name} as {role}: " + "; ".join(wrong)


def test_refused_writes_change_nothing(client, world, member):
    """A reader's evidence POSTs (403) neither store a file nor change a status, for real
    (no savepoint around them)."""
    client.force_login(member("operator", "3319"))
    bukti, aktif = world.bukti["sendiri"], world.unggahan["sendiri"]
    count = Unggahan.objects.count()
    for name, pk in [("unggah", bukti.pk), ("verifikasi", aktif.pk), ("tarik", aktif.pk)]:
        data = {"periode": "3", "berkas": SimpleUploadedFile("Baru.pdf", files.pdf("x"))}
        response = client.post(reverse(f"evidence:{name}", args=[pk]), data)
        assert response.status_code == 403, name
    aktif.refresh_from_db()
    assert aktif.status == "menunggu"
    assert not aktif.ditarik
    assert Unggahan.objects.count() == count


OLD_SATKER_URLS = [
    # (old name, new name, "satker" | "provinsi")
    ("dasbor_satker_lama", "dasbor_satker", "satker"),
    ("butir_list_lama", "butir_list", "satker"),
    ("dasbor_provinsi_lama", "dasbor_provinsi", "provinsi"),
    ("rekap_lama", "rekap", "provinsi"),
    ("rekap_pdf_lama", "rekap_pdf", "provinsi"),
    ("rekap_xlsx_lama", "rekap_xlsx", "provinsi"),
]


@pytest.mark.parametrize(("old", "new", "kind"), OLD_SATKER_URLS)
def test_old_satker_urls_redirect_to_the_kode_address(client, world, member, old, new, kind):
    """A bookmark by database id lands on the kode address with its query string (301); for a
    satker the target would not show, the old address is the same 404, revealing nothing."""
    target = getattr(world, kind)
    client.force_login(member("reviewer_provinsi", "33"))
    response = client.get(reverse(f"monitoring:{old}", args=[target["sendiri"].pk]) + "?tahun=2022")
    assert response.status_code == 301
    kode = target["sendiri"].kode
    assert response["Location"] == reverse(f"monitoring:{new}", args=[kode]) + "?tahun=2022"
    assert (
        client.get(reverse(f"monitoring:{old}", args=[target["provinsi_lain"].pk])).status_code
        == 404
    )
    assert client.get(reverse(f"monitoring:{old}", args=[987654])).status_code == 404


# --- the Django admin ----------------------------------------------------------------------

NONE_403 = s(403, 403, 403, 403, 403)
VIEW_ONLY = s(200, 200, 200, 200, 200)  # member staff may look (rencana.lihat), never write
ADMIN_ONLY = s(403, 403, 403, 403, 200)
# The system admin's delete is answered with "cannot delete" (200) where PROTECT forbids it.
PROTECTED = s(403, 403, 403, 403, 200)


@dataclass
class AdminEntry:
    """Statuses of GET add, GET change and GET/POST delete of ``obj(world)`` per role."""

    obj: Callable[[World], object]
    add: dict[str, int]
    change: dict[str, int]
    delete: dict[str, int]
    delete_post: dict[str, int] | None = None  # default: as ``delete`` with 302 for 200


def _plan_entry(obj) -> AdminEntry:
    """A plan row: members look (rencana.lihat), only the system admin writes."""
    return AdminEntry(obj, ADMIN_ONLY, VIEW_ONLY, ADMIN_ONLY, delete_post=PROTECTED)


def _plan_row(model):
    return lambda w: model.objects.filter(
        **{model.SATKER_PATH.removesuffix("__satker"): w.rencana["sendiri"]}
    ).first()


def _admin_objects():
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.auth.models import Group

    from access.models import WajibGantiSandi
    from evidence.models import Berkas
    from plans.models import Kerangka, LangkahAksi

    def attempt(model, **extra):
        def make(w):
            return model.objects.create(
                username="tebak", ip_address="10.0.0.9", user_agent="uji", **extra
            )

        return make

    return {
        "auth.Group": AdminEntry(
            lambda w: Group.objects.get_or_create(name="uji")[0], ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY
        ),
        "auth.User": AdminEntry(
            lambda w: w.anggota["sendiri"].user, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY
        ),
        "axes.AccessAttempt": AdminEntry(
            attempt(AccessAttempt, failures_since_start=3, get_data="", post_data=""),
            NONE_403,
            ADMIN_ONLY,
            ADMIN_ONLY,
        ),
        "axes.AccessLog": AdminEntry(attempt(AccessLog), NONE_403, ADMIN_ONLY, ADMIN_ONLY),
        # the task queue's results: read-only, and only for the system admin
        "django_tasks_database.DBTaskResult": AdminEntry(
            lambda w: DBTaskResult.objects.create(
                args_kwargs={"args": [], "kwargs": {}},
                task_path="jobs.tasks.run_job",
                backend_name="default",
                run_after=timezone.now(),
            ),
            NONE_403,
            ADMIN_ONLY,
            NONE_403,
        ),
        "axes.AccessFailureLog": AdminEntry(
            attempt(AccessFailureLog), NONE_403, ADMIN_ONLY, ADMIN_ONLY
        ),
        "evidence.Berkas": AdminEntry(
            lambda w: Berkas.objects.get(unggahan=w.unggahan["sendiri"]),
            NONE_403,
            ADMIN_ONLY,
            NONE_403,
        ),
        "evidence.Unggahan": AdminEntry(
            lambda w: w.unggahan["sendiri"], NONE_403, ADMIN_ONLY, NONE_403
        ),
        "plans.Kerangka": AdminEntry(
            lambda w: Kerangka.objects.get(kode="zi"),
            ADMIN_ONLY,
            ADMIN_ONLY,
            ADMIN_ONLY,
            # every plan points at it (PROTECT): the admin is told it cannot be deleted
            delete_post=PROTECTED,
        ),
        "access.Satker": AdminEntry(
            # Tim ZI corrects its signatories (identity read-only); others only look
            lambda w: w.satker["sendiri"],
            ADMIN_ONLY,
            VIEW_ONLY,
            ADMIN_ONLY,
            delete_post=PROTECTED,  # PROTECTed by its plans
        ),
        "access.Keanggotaan": AdminEntry(
            lambda w: w.anggota["sendiri"], ADMIN_ONLY, s(403, 403, 200, 403, 200), ADMIN_ONLY
        ),
        "plans.RencanaAksi": AdminEntry(
            lambda w: w.rencana["sendiri"],
            ADMIN_ONLY,
            VIEW_ONLY,
            ADMIN_ONLY,
            delete_post=PROTECTED,  # its rows' evidence PROTECTs it
        ),
        "plans.RencanaArea": _plan_entry(_plan_row(RencanaArea)),
        "plans.Komponen": _plan_entry(lambda w: w.komponen["sendiri"]),
        "plans.Indikator": _plan_entry(lambda w: w.indikator["sendiri"]),
        "plans.LangkahAksi": _plan_entry(_plan_row(LangkahAksi)),
        "plans.BuktiFisik": _plan_entry(lambda w: w.bukti["sendiri"]),
        "access.WajibGantiSandi": AdminEntry(
            lambda w: WajibGantiSandi.objects.get_or_create(user=w.anggota["sendiri"].user)[0],
            ADMIN_ONLY,
            ADMIN_ONLY,
            ADMIN_ONLY,
        ),
    }


def test_every_admin_model_has_an_entry():
    from django.contrib import admin as django_admin

    registered = {m._meta.label for m in django_admin.site._registry}
    table = set(_admin_objects())
    assert not sorted(registered - table), (
        f"model admin tanpa entri ADMIN_MATRIX di tests/test_permissions.py: "
        f"{sorted(registered - table)}"
    )
    assert not sorted(table - registered), (
        f"entri untuk model yang tidak terdaftar: {sorted(table - registered)}"
    )


def _staff_users(world: World) -> dict[str, object]:
    """The role users of ``world``, every one made staff (for this test only)."""
    users = world.pengguna
    for user in users.values():
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return users


@pytest.mark.parametrize("label", sorted(_admin_objects()))
def test_admin_matrix(client, world, label):
    entry = _admin_objects()[label]
    obj = entry.obj(world)
    app, model = obj._meta.app_label, obj._meta.model_name
    users = _staff_users(world)
    urls = {
        "add": reverse(f"admin:{app}_{model}_add"),
        "change": reverse(f"admin:{app}_{model}_change", args=[obj.pk]),
        "delete": reverse(f"admin:{app}_{model}_delete", args=[obj.pk]),
    }
    post_table = entry.delete_post or {
        role: 302 if status == 200 else status for role, status in entry.delete.items()
    }
    wrong = []
    for role, user in users.items():
        client.force_login(user)
        for kind, url in urls.items():
            sid = transaction.savepoint()
            status = client.get(url).status_code
            transaction.savepoint_rollback(sid)
            if status != getattr(entry, kind)[role]:
                wrong.append(f"{role} GET {kind}: {status} ≠ {getattr(entry, kind)[role]}")
        sid = transaction.savepoint()
        status = client.post(urls["delete"], {"post": "yes"}).status_code
        transaction.savepoint_rollback(sid)
        if status != post_table[role]:
            wrong.append(f"{role} POST delete: {status} ≠ {post_table[role]}")
    client.logout()
    response = client.get(urls["change"])
    if response.status_code != 302 or "login" not in response["Location"]:
        wrong.append(f"anonim: {response.status_code}")
    assert not wrong, f"{label}: " + "; ".join(wrong)


@pytest.mark.parametrize("whose", ["satker_lain", "provinsi_lain"])
def test_admin_never_shows_objects_of_other_satkers(client, world, whose):
    from plans.models import BuktiFisik, RencanaAksi

    users = _staff_users(world)
    objects = [world.rencana[whose], world.bukti[whose], world.satker[whose]]
    objects += [world.anggota[whose], world.unggahan[whose]]
    wrong = []
    for role, user in users.items():
        client.force_login(user)
        for obj in objects:
            app, model = obj._meta.app_label, obj._meta.model_name
            url = reverse(f"admin:{app}_{model}_change", args=[obj.pk])
            status = client.get(url).status_code
            sees = role == "A" or (role == "R" and whose == "satker_lain")
            if not sees and status == 200:
                wrong.append(f"{role} sees {model} of {whose}")
        for model in (RencanaAksi, BuktiFisik):
            listing = client.get(reverse(f"admin:plans_{model._meta.model_name}_changelist")).text
            other = world.satker[whose].nama
            sees = role == "A" or (role == "R" and whose == "satker_lain")
            if not sees and other in listing:
                wrong.append(f"{role} lists {other} in {model._meta.model_name}")
    assert not wrong, "; ".join(wrong)
