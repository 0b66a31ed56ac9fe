"""End to end in Chromium: overview -> change the measure on the map -> click a borough ->
download the CSV and compare it with the API; keyboard use; axe-core on every page type;
screenshots of every page type (kept under CRIMEPLAN_SCREENSHOTS if set)."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Any

import httpx
import pytest

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("browser")]

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
PAGE_TYPES = {
    "overview": "/",
    "map": "/map",
    "borough": "/borough/E09000016",
    "measure": "/measure/total-notifiable-offences-rate",
    "data": "/data",
    "methods": "/methods",
    "error": "/borough/Narnia",
}


def only_loopback(page: Any, base_url: str) -> None:
    outside = [u for u in page.requested if not u.startswith((base_url, "data:", "blob:"))]
    assert outside == [], f"requests left the machine: {outside}"


def test_overview_map_borough_download(page: Any, base_url: str, tmp_path: Path) -> None:
    page.goto(base_url + "/")
    assert "how the plan is doing" in page.locator("h1").inner_text()
    assert page.locator("tr[data-measure]").count() > 10

    page.get_by_role("link", name="Map", exact=True).click()
    page.wait_for_selector("#map[data-ready=true]")
    page.select_option("#measure", "burglary")
    page.click("#show-measure")
    page.wait_for_url("**/map?measure=burglary*")
    page.wait_for_selector("#map[data-ready=true]")
    assert page.locator("h2").first.inner_text().startswith("Burglary")

    page.locator('path[data-code="E09000016"]').click()  # Havering
    page.wait_for_url("**/borough/E09000016")
    assert page.locator("h1").inner_text() == "Havering"

    page.get_by_role("link", name="Download its figures").click()
    page.wait_for_url("**/data?*")
    with page.expect_download() as info:
        page.locator('[data-download="measures-csv"]').click()
    saved = tmp_path / "measures.csv"
    info.value.save_as(saved)
    rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8"))))

    period = page.locator("#period").input_value()
    api = httpx.get(
        base_url + "/api/v1/values", params={"area": "E09000016", "period": period}
    ).json()
    assert [r["measure_id"] for r in rows] == [i["measure_id"] for i in api["items"]]
    for row, item in zip(rows, api["items"], strict=True):
        assert row["area_code"] == item["area_code"] == "E09000016"
        assert (float(row["value"]) if row["value"] else None) == item["value"]
        assert (float(row["ytd_value"]) if row["ytd_value"] else None) == item["ytd_value"]
        assert row["rag"] == (item["rag"] or "")
    only_loopback(page, base_url)


def test_boroughs_open_from_the_keyboard(page: Any, base_url: str) -> None:
    page.goto(base_url + "/map")
    page.wait_for_selector("#map[data-ready=true]")
    page.locator("#show-measure").focus()
    for _ in range(40):  # Tab past the map's zoom buttons to the first borough
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('data-code')"):
            break
    code = page.evaluate("document.activeElement.getAttribute('data-code')")
    assert code and code.startswith("E09")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/borough/{code}")


@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_no_serious_accessibility_violations(browser: Any, base_url: str, name: str) -> None:
    # bypass_csp: axe-core is injected as an inline script, which the site's CSP refuses.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.requested = []
    page.on("request", lambda req: page.requested.append(req.url))
    page.set_default_timeout(60_000)
    page.goto(base_url + PAGE_TYPES[name])
    page.wait_for_load_state("networkidle")
    for ready in ("#map", ".cp-chart"):
        if page.locator(ready).count():
            page.wait_for_selector(f"{ready}[data-ready=true]")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """() => axe.run(document, {runOnly: {type: 'tag', values:
            ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})"""
    )
    bad = [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"][:5]]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert bad == [], json.dumps(bad, indent=1)
    shots = (
        Path(os.environ.get("CRIMEPLAN_SCREENSHOTS", ""))
        if os.environ.get("CRIMEPLAN_SCREENSHOTS")
        else None
    )
    if shots:
        shots.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
    only_loopback(page, base_url)
    context.close()
