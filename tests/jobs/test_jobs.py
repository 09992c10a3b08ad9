"""Background jobs: large prints and packs go to the worker, identical requests share one job,
the status page and its JSON, downloads (FileResponse / X-Accel-Redirect), failures, the
heartbeat, the generated-files cap, the import and reminder tasks."""

from __future__ import annotations

import datetime
import hashlib
import io
import zipfile
from io import StringIO

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from evidence.services import unggahan_verify
from jobs import heartbeat
from jobs.models import Job
from jobs.services import mulai_job
from jobs.tasks import run_job
from monitoring.tasks import kirim_pengingat_task
from plans import tree
from plans.models import RencanaAksi
from tests.evidence import files
from tests.evidence.conftest import bukti_of, upload_service
from tests.factories import make_plan
from zona_integritas.hasil import HasilStorage, hasil_storage, pangkas

pytestmark = pytest.mark.django_db

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def plan():
    return make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=2)


@pytest.fixture
def operator(member):
    return member("operator", "3319")


def cetak_url(rencana) -> str:
    return reverse("plans:rencana_cetak", args=[rencana.pk])


def test_small_print_renders_in_the_request(client, plan, operator, settings):
    settings.ZI_CETAK_LANGSUNG_MAX_BARIS = 100
    client.force_login(operator)
    response = client.get(cetak_url(plan))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert not Job.objects.exists()


def test_large_print_runs_as_a_job_then_the_cache_answers(client, plan, operator, settings):
    settings.ZI_CETAK_LANGSUNG_MAX_BARIS = 1
    client.force_login(operator)
    response = client.get(cetak_url(plan))
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("jobs:status", args=[job.pk])
    # the immediate backend of the tests ran it already
    assert job.status == Job.Status.SELESAI
    assert job.progress == 100
    assert job.nama_hasil.startswith("cetak/sk-")
    assert job.nama_unduhan.endswith(".pdf")

    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert reverse("jobs:unduh", args=[job.pk]) in html
    assert "<script>" not in html
    assert "style=" not in html
    assert 'src="/static/jobs/status.js"' in html

    download = client.get(reverse("jobs:unduh", args=[job.pk]))
    pdf = b"".join(download.streaming_content)
    assert download["Content-Type"] == "application/pdf"
    assert pdf.startswith(b"%PDF")
    # the next request for the same version is served from the cache, no new job
    again = client.get(cetak_url(plan))
    assert again.status_code == 200
    assert again.content == pdf
    assert Job.objects.count() == 1


def test_identical_requests_share_one_waiting_job(client, plan, operator, member, settings):
    settings.ZI_CETAK_LANGSUNG_MAX_BARIS = 1
    settings.TASKS = DUMMY  # enqueue only: nothing runs until the worker does
    heartbeat.beat("worker-1")  # a worker is alive
    client.force_login(operator)
    first = client.get(cetak_url(plan))
    client.force_login(member("tim_zi", "3319"))
    second = client.get(cetak_url(plan))
    assert first["Location"] == second["Location"]
    job = Job.objects.get()
    assert job.status == Job.Status.MENUNGGU
    assert job.task_id
    data = client.get(reverse("jobs:status_json", args=[job.pk])).json()
    assert data["status"] == "menunggu"
    assert not data["selesai"]
    assert data["unduh"] == ""
    assert data["pekerja_aktif"] is True
    # another option is another document: another job
    client.get(cetak_url(plan) + "?kertas=a4")
    assert Job.objects.count() == 2
    # what the worker does
    assert run_job.call(str(job.pk)) == "selesai"
    assert run_job.call(str(job.pk)) == "dilewati"  # a second delivery does nothing
    data = client.get(reverse("jobs:status_json", args=[job.pk])).json()
    assert data["selesai"]
    assert data["progress"] == 100
    assert data["unduh"]


def test_without_a_live_worker_a_large_print_renders_in_the_request(
    client, plan, operator, settings
):
    settings.ZI_CETAK_LANGSUNG_MAX_BARIS = 1
    settings.TASKS = DUMMY
    heartbeat.beat("worker-1", now=1.0)  # last seen long ago
    client.force_login(operator)
    response = client.get(cetak_url(plan))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert not Job.objects.exists()


def test_a_changed_plan_is_a_new_job(plan, operator, settings):
    settings.TASKS = DUMMY
    kwargs = {
        "kind": "sk_pdf",
        "judul": "Cetak",
        "params": {},
        "satker": plan.satker,
        "capability": "rencana.cetak",
    }
    a = mulai_job(key="sk:1:v1", **kwargs)
    assert mulai_job(key="sk:1:v1", **kwargs).pk == a.pk
    assert mulai_job(key="sk:1:v2", **kwargs).pk != a.pk


def test_a_stale_running_job_is_replaced(plan, settings):
    settings.TASKS = DUMMY
    kwargs = {"kind": "sk_pdf", "judul": "Cetak", "params": {}, "satker": plan.satker}
    old = mulai_job(key="k", capability="rencana.cetak", **kwargs)
    Job.objects.filter(pk=old.pk).update(status=Job.Status.BERJALAN)
    assert mulai_job(key="k", capability="rencana.cetak", **kwargs).pk == old.pk
    Job.objects.filter(pk=old.pk).update(diperbarui=timezone.now() - datetime.timedelta(hours=1))
    new = mulai_job(key="k", capability="rencana.cetak", **kwargs)
    assert new.pk != old.pk
    old.refresh_from_db()
    assert old.status == Job.Status.GAGAL
    assert "berhenti" in old.galat


def test_a_failing_job_tells_the_user(client, plan, operator, settings, monkeypatch):
    settings.ZI_CETAK_LANGSUNG_MAX_BARIS = 1
    from zona_integritas import printing

    def broken(*args, **kwargs):
        raise RuntimeError("font hilang")

    monkeypatch.setattr(printing, "html_to_pdf", broken)
    client.force_login(operator)
    response = client.get(cetak_url(plan))
    job = Job.objects.get()
    assert job.status == Job.Status.GAGAL
    assert "Terjadi kesalahan" in job.galat
    assert "font" not in job.galat
    page = client.get(response["Location"]).content.decode()
    assert "Gagal." in page
    assert "Terjadi kesalahan" in page
    # the download of a failed job sends back to its page
    assert client.get(reverse("jobs:unduh", args=[job.pk]))["Location"] == response["Location"]


def test_job_of_another_satker_is_404_and_without_right_403(client, plan, member, settings):
    settings.ZI_CETAK_LANGSUNG_MAX_BARIS = 1
    client.force_login(member("operator", "3319"))
    client.get(cetak_url(plan))
    job = Job.objects.get()
    client.force_login(member("tim_zi", "3376"))
    assert client.get(reverse("jobs:status", args=[job.pk])).status_code == 404
    assert client.get(reverse("jobs:unduh", args=[job.pk])).status_code == 404
    job.capability = "rencana.ubah"  # a capability the kasubbag lacks
    job.save()
    client.force_login(member("kasubbag", "3319"))
    assert client.get(reverse("jobs:status", args=[job.pk])).status_code == 403


def _accepted_upload(plan, member):
    kasubbag, tim = member("kasubbag", "3319"), member("tim_zi", "3319")
    data = files.pdf("paket")
    [unggahan] = upload_service(bukti_of(plan)[0], kasubbag, ("Notulen.pdf", data), periode=1)
    unggahan_verify(unggahan=unggahan, user=tim, status="diterima", catatan="")
    return tim, data


def test_large_pack_is_built_into_storage_and_served(client, plan, member, settings):
    settings.ZI_PAKET_LANGSUNG_MAX_MB = 0
    tim, data = _accepted_upload(plan, member)
    client.force_login(tim)
    url = reverse("evidence:paket", args=[plan.pk])
    response = client.get(url)
    job = Job.objects.get(kind="paket_bukti")
    assert response["Location"] == reverse("jobs:unduh", args=[job.pk])  # done already
    assert job.nama_hasil.startswith("paket/")
    assert hasil_storage().exists(job.nama_hasil)
    download = client.get(response["Location"])
    assert download["Content-Disposition"] == 'attachment; filename="bukti-fisik-3319-zi-2022.zip"'
    zf = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    [notulen] = [n for n in zf.namelist() if n.endswith("Notulen.pdf")]
    assert hashlib.sha256(zf.read(notulen)).digest() == hashlib.sha256(data).digest()
    assert job.ukuran == hasil_storage().size(job.nama_hasil)
    # unchanged evidence: the built pack is reused; behind nginx it is sent by X-Accel-Redirect
    settings.ZI_HASIL_X_ACCEL_PREFIX = "/_hasil/"
    again = client.get(url)
    assert again["Location"] == response["Location"]
    accel = client.get(again["Location"])
    assert accel["X-Accel-Redirect"] == f"/_hasil/{job.nama_hasil}"
    assert accel.content == b""
    # a pruned file: 410 with a way back, and the next request builds it again
    hasil_storage().delete(job.nama_hasil)
    assert client.get(accel.wsgi_request.path).status_code == 410
    client.get(url)
    assert Job.objects.filter(kind="paket_bukti").count() == 2


def test_small_pack_still_streams_in_the_request(client, plan, member, settings):
    tim, _data = _accepted_upload(plan, member)
    client.force_login(tim)
    response = client.get(reverse("evidence:paket", args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert not Job.objects.exists()


def test_import_job_writes_the_plan(sample_text, member):
    user = member("operator", "3319")
    from access.models import Satker

    job = mulai_job(
        kind="impor_lampiran",
        key="impor:kudus",
        judul="Impor SK Kudus",
        params={"text": sample_text("kudus"), "satker_id": None, "user_id": user.pk},
        satker=Satker.objects.get(kode="3319"),
        capability="rencana.ubah",
        user=user,
        reuse_finished=False,
    )
    rencana = RencanaAksi.objects.get(satker__kode="3319")
    assert job.status == Job.Status.SELESAI
    assert job.tautan == reverse("plans:rencana_detail", args=[rencana.pk])


def test_import_job_with_an_unreadable_document_fails_with_the_reason(member):
    from access.models import Satker

    job = mulai_job(
        kind="impor_lampiran",
        key="impor:rusak",
        judul="Impor",
        params={"text": "bukan SK"},
        satker=Satker.objects.get(kode="3319"),
        capability="rencana.ubah",
    )
    assert job.status == Job.Status.GAGAL
    assert "lampiran" in job.galat.lower()
    assert not RencanaAksi.objects.exists()


def test_reminder_task_sends_the_mail(member):
    from plans.models import BuktiFisik

    rencana = make_plan(areas=1, komponen_per_area=1, indikator_per_komponen=1)
    BuktiFisik.objects.filter(**{tree.lookup("bukti", "rencana"): rencana}).update(bulan=[3])
    member("tim_zi", "3319", email="tim@kpu.example")
    result = kirim_pengingat_task.enqueue(tanggal="2022-03-28", hari=7)
    assert result.return_value == {"email": 1, "butir": 1, "gagal": []}
    assert mail.outbox[0].to == ["tim@kpu.example"]


def test_reminder_command_can_queue_the_task(settings):
    settings.TASKS = DUMMY
    out = StringIO()
    call_command("kirim_pengingat", "--latar", stdout=out)
    assert "diantrekan" in out.getvalue()
    assert mail.outbox == []


def test_heartbeat_age():
    from django.core.cache import cache

    cache.clear()  # the local-memory cache outlives a test
    assert heartbeat.worker_heartbeat_age() is None
    heartbeat.beat("w1", now=1000.0)
    assert heartbeat.worker_heartbeat_age(now=1012.5) == 12.5
    assert not heartbeat.worker_alive()  # 1000 is long ago
    heartbeat.beat("w1")
    assert heartbeat.worker_alive()


def test_db_worker_runs_queued_jobs_and_beats(plan, settings, monkeypatch):
    # The worker closes connections that are inside a transaction: the test's own, here.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.ZI_CETAK_LANGSUNG_MAX_BARIS = 1
    job = mulai_job(
        kind="sk_pdf",
        key="sk:worker",
        judul="Cetak",
        params={"rencana_id": plan.pk, "kertas": "f4"},
        satker=plan.satker,
        capability="rencana.cetak",
    )
    assert job.status == Job.Status.MENUNGGU
    call_command(
        "db_worker", "--batch", "--no-reload", "--no-startup-delay", "--interval", "0", "--nice", "0",
        stdout=StringIO(),
    )  # fmt: skip
    job.refresh_from_db()
    assert job.status == Job.Status.SELESAI, job.galat
    assert hasil_storage().open(job.nama_hasil).read(4) == b"%PDF"
    assert heartbeat.worker_heartbeat_age() < 5


def test_storage_saves_atomically_and_never_overwrites(tmp_path):
    storage = HasilStorage(location=tmp_path)
    a = storage.save("cetak/x.pdf", ContentFile(b"one"))
    b = storage.save("cetak/x.pdf", ContentFile(b"two"))
    assert a == "cetak/x.pdf"
    assert b != a
    assert storage.open(a).read() == b"one"
    assert storage.open(b).read() == b"two"
    assert not list((tmp_path / "cetak").glob(".tmp-*"))


def test_pangkas_drops_old_files_then_the_oldest_beyond_the_size(tmp_path):
    import os

    storage = HasilStorage(location=tmp_path)
    now = timezone.now()
    for i, age_days in enumerate([40, 3, 2, 1]):
        name = storage.save(f"paket/{i}.zip", ContentFile(b"x" * 100))
        stamp = (now - datetime.timedelta(days=age_days)).timestamp()
        os.utime(storage.path(name), (stamp, stamp))
    result = pangkas(storage=storage, max_age=datetime.timedelta(days=30), max_bytes=250, now=now)
    assert (result.dihapus, result.disimpan) == (2, 2)
    assert sorted(storage.listdir("paket")[1]) == ["2.zip", "3.zip"]


def test_pangkas_hasil_command(settings):
    storage = hasil_storage()
    storage.save("cetak/a.pdf", ContentFile(b"x" * 2048))
    out = StringIO()
    call_command("pangkas_hasil", "--mb", "0", stdout=out)
    assert out.getvalue().startswith("1 berkas dihapus")
    assert storage.listdir("cetak")[1] == []


def test_large_monev_report_runs_as_a_job(client, plan, member, settings):
    from monitoring.services import monev_mulai

    settings.ZI_CETAK_LANGSUNG_MAX_BARIS = 1
    monev = monev_mulai(rencana=plan, triwulan=1, hari_ini=datetime.date(2022, 5, 1))
    client.force_login(member("kasubbag", "3319"))
    url = reverse("monitoring:monev_pdf", args=[plan.pk, 1])
    response = client.get(url)
    job = Job.objects.get(kind="monev_pdf")
    assert response["Location"] == reverse("jobs:status", args=[job.pk])
    assert job.params == {"monev_id": monev.pk, "kertas": "f4"}
    assert job.status == Job.Status.SELESAI
    assert job.capability == "monev.lihat"
    pdf = b"".join(client.get(reverse("jobs:unduh", args=[job.pk])).streaming_content)
    assert pdf.startswith(b"%PDF")
    assert client.get(url).content == pdf  # now from the cache, in the request
