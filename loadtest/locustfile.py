"""Locust scenario: an office at work (run headless by ``loadtest/run.py``, loopback only).

Virtual user ``i`` takes satker ``i mod N`` and a role in turn (operator, kasubbag, Tim ZI,
province reviewer, kasubbag), logs in once, then, with 1–3 s of think time, browses
dashboards and plan pages, edits langkah aksi rows (each user its own rows, so no edit
conflicts by design), uploads evidence (a unique PDF each time) and prints the SK (following
the background job when the PDF is not cached).

Every upload and edit the server *acknowledged* is appended to ``LOADTEST_ACK_LOG`` (JSON
lines, with what was attempted but not acknowledged too), for ``loadtest/verify.py``.
Request names start with ``page:``, ``edit:``, ``upload``, ``login`` or ``job:`` so the
figures can be split by kind.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import json
import os
import random
import re
import time
import uuid

from locust import HttpUser, between, task

MANIFEST = json.loads(open(os.environ["LOADTEST_MANIFEST"]).read())  # noqa: SIM115
ACK_LOG = open(os.environ["LOADTEST_ACK_LOG"], "a", buffering=1)  # noqa: SIM115
ROLE_CYCLE = ("operator", "kasubbag", "tim_zi", "reviewer", "kasubbag")
_next_index = itertools.count()
#: Size of each uploaded PDF; the kill-worker fault uses larger ones, so that uploads are in
#: flight when a worker is killed.
UPLOAD_BYTES = int(os.environ.get("LOADTEST_UPLOAD_KB", "20")) * 1024
_VERSI = re.compile(r'name="versi"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="versi"')


def record(**entry) -> None:
    entry["t"] = time.time()
    ACK_LOG.write(json.dumps(entry) + "\n")


def unique_pdf(label: str, size: int = 20_000) -> bytes:
    """A valid one-page PDF whose metadata makes it unique (about ``size`` bytes)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Title": label, "/Subject": os.urandom(size // 2).hex()})
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


class OfficeUser(HttpUser):
    wait_time = between(1, 3)

    def on_start(self) -> None:
        self.index = next(_next_index)
        satkers = MANIFEST["satker"]
        self.satker = satkers[self.index % len(satkers)]
        self.role = ROLE_CYCLE[(self.index // len(satkers)) % len(ROLE_CYCLE)]
        username = (
            MANIFEST["reviewer"] if self.role == "reviewer" else self.satker["users"][self.role]
        )
        langkah = self.satker["langkah"]
        # Operator and Tim ZI of a satker edit disjoint halves of its rows.
        self.my_rows = langkah[0::2] if self.role == "operator" else langkah[1::2]
        self.client.get("/masuk/", name="login")
        self.client.post(
            "/masuk/",
            data={
                "username": username,
                "password": MANIFEST["password"],
                "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
            },
            name="login",
        )

    # -- what each role does, weighted -----------------------------------------------------

    @task
    def work(self) -> None:
        choices = {
            "operator": [(self.dashboard, 3), (self.plan, 3), (self.edit, 4), (self.print_sk, 1)],
            "tim_zi": [(self.dashboard, 3), (self.plan, 2), (self.edit, 3), (self.evidence, 2)],
            "kasubbag": [(self.evidence, 2), (self.upload, 4), (self.plan, 1), (self.dashboard, 1)],
            "reviewer": [
                (self.province, 4),
                (self.dashboard, 2),
                (self.plan, 2),
                (self.print_sk, 1),
            ],
        }[self.role]
        actions, weights = zip(*choices, strict=True)
        random.choices(actions, weights)[0]()

    # -- pages -----------------------------------------------------------------------------

    def dashboard(self) -> None:
        self.client.get(f"/monev/satker/kode/{self.satker['kode']}/", name="page: dasbor satker")

    def province(self) -> None:
        self.client.get(
            f"/monev/provinsi/kode/{MANIFEST['provinsi_kode']}/", name="page: dasbor provinsi"
        )

    def plan(self) -> None:
        self.client.get(f"/rencana/{self.satker['rencana_id']}/", name="page: rencana")

    def evidence(self) -> None:
        self.client.get(f"/bukti/rencana/{self.satker['rencana_id']}/", name="page: bukti rencana")

    # -- writes ----------------------------------------------------------------------------

    def edit(self) -> None:
        if not self.my_rows:
            return self.plan()
        row = random.choice(self.my_rows)
        url = f"/rencana/{self.satker['rencana_id']}/langkah/{row}/ubah/"
        form = self.client.get(url, name="page: ubah baris")
        match = _VERSI.search(form.text or "")
        if form.status_code != 200 or not match:
            return None
        nama = f"Langkah uji beban {uuid.uuid4().hex[:12]}"
        response = self.client.post(
            url,
            data={
                "nama": nama,
                "versi": match.group(1) or match.group(2),
                "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
            },
            allow_redirects=False,
            name="edit: langkah",
        )
        record(kind="edit", langkah=row, nama=nama, status=response.status_code,
               ack=response.status_code == 302)  # fmt: skip
        return None

    def upload(self) -> None:
        bukti = random.choice(self.satker["bukti"])
        content = unique_pdf(f"lt-{self.index}-{uuid.uuid4().hex}", size=UPLOAD_BYTES)
        digest = hashlib.sha256(content).hexdigest()
        data = {"catatan": "uji beban"}
        if bukti["periode"]:
            data["periode"] = str(bukti["periode"])
        response = self.client.post(
            f"/bukti/fisik/{bukti['id']}/unggah/",
            data=data,
            files={"berkas": (f"uji-{digest[:8]}.pdf", content, "application/pdf")},
            headers={
                "Accept": "application/json",
                "X-CSRFToken": self.client.cookies.get("csrftoken", ""),
            },
            name="upload",
        )
        ok = False
        if response.status_code == 200:
            try:
                ok = bool(response.json().get("ok"))
            except ValueError:
                ok = False
        record(kind="upload", bukti=bukti["id"], sha256=digest, status=response.status_code,
               ack=ok)  # fmt: skip

    # -- jobs (excluded from the page latency target) ----------------------------------------

    def print_sk(self) -> None:
        url = f"/rencana/{self.satker['rencana_id']}/cetak/"
        response = self.client.get(url, allow_redirects=False, name="job: cetak SK")
        if response.status_code != 302:
            return
        status_url = response.headers["Location"].rstrip("/") + "/status.json"
        deadline = time.time() + 120
        while time.time() < deadline:
            time.sleep(1.5)
            data = self.client.get(status_url, name="job: status").json()
            if data.get("selesai"):
                self.client.get(data["unduh"], name="job: unduh")
                return
            if data.get("gagal"):
                return
