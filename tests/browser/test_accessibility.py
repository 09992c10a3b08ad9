"""Automated accessibility check (axe-core, shipped inside the axe-playwright-python package)
of the main pages, as each role sees them: no *serious* or *critical* violation, which
includes text contrast below WCAG AA (4.5:1)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.test_journeys import plan_url

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}

PAGES = [
    ("operator.kudus", "/monev/"),
    ("operator.kudus", "/rencana/"),
    ("operator.kudus", "/rencana/impor/"),
    ("kasubbag.kudus", "/monev/"),
    ("reviewer.jateng", "/monev/"),
    ("reviewer.jateng", "/rencana/tinjauan/"),
    ("timzi.kudus", "/notifikasi/"),
]


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize(("user", "path"), PAGES)
def test_no_serious_accessibility_violation(login, app_server, axe, user, path):
    page = login(user)
    page.goto(app_server + path)
    page.wait_for_load_state("networkidle")
    results = axe.run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING]
    report = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(", ".join(n["target"]) for n in v["nodes"][:5])
        for v in blocking
    )
    assert not blocking, f"{path} sebagai {user}:\n{report}"


def test_plan_pages_have_no_serious_violation(login, app_server, axe):
    page = login("operator.kudus")
    plan = plan_url(page, app_server, "KPU Kabupaten Kudus")
    pk = plan.rstrip("/").rsplit("/", 1)[1]
    for url in (plan, plan + "ubah/", f"{app_server}/monev/rencana/{pk}/triwulan/2/"):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        violations = [
            f"{v['id']} ({v['impact']}): {v['help']}"
            for v in axe.run(page).response["violations"]
            if v["impact"] in BLOCKING
        ]
        assert not violations, f"{url}: {violations}"
