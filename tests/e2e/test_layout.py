"""Every page type at phone and desktop widths (320, 390 and 1280 px): no document wider than
the screen, axe-core finds no violations at all, key columns come first; Swagger UI and ReDoc
render their operations with every request off this machine blocked; no JavaScript leaves a
message and a link to the table; no public page shows an internal identifier."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import httpx
import pytest

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("browser")]

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
WIDTHS = (320, 390, 1280)
PAGES = {
    "overview": "/",
    "borough": "/borough/E09000016",
    "ward": "/?area=E05013967",
    "measure": "/measure/total-notifiable-offences-rate",
    "map": "/map",
    "data": "/data",
    "methods": "/methods",
    "city": "/borough/E09000001",
}
# England and Wales (issue 18), over SYNTHETIC police.uk records of five forces: the list of
# forces, a force with records, a force without, a partnership.
NATIONAL_PAGES = {
    "national": "/national",
    "force": "/force/E23000010",
    "force-not-loaded": "/force/E23000002",
    "partnership": "/partnership/E22000345",
}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def open_page(browser: Any, base_url: str, path: str, width: int, **kw: Any) -> Any:
    # bypass_csp: axe-core is injected as an inline script, which the site's CSP refuses.
    context = browser.new_context(viewport={"width": width, "height": 800}, bypass_csp=True, **kw)
    # Anything not on loopback is refused: the pages must not need the internet.
    context.route(re.compile(r"^(?!http://127\.0\.0\.1)(?!data:)(?!blob:).*"), lambda r: r.abort())
    page = context.new_page()
    page.set_default_timeout(180_000)
    page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    return page


def ready(page: Any) -> None:
    for selector in ("#map", ".cp-chart"):
        if page.locator(selector).count():
            page.wait_for_selector(f"{selector}[data-ready=true]")


def fits_the_screen_and_passes_axe(browser: Any, url: str, width: int) -> None:
    page = open_page(browser, "", url, width)
    ready(page)
    doc = page.evaluate("document.documentElement.scrollWidth")
    assert doc <= width, f"{url} at {width} px is {doc} px wide"
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    bad = [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"][:5]]}
        for v in result["violations"]
    ]
    assert bad == [], json.dumps(bad, indent=1)
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(PAGES))
def test_fits_the_screen_and_passes_axe(browser: Any, base_url: str, name: str, width: int) -> None:
    fits_the_screen_and_passes_axe(browser, base_url + PAGES[name], width)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(NATIONAL_PAGES))
def test_national_pages_fit_the_screen_and_pass_axe(
    browser: Any, national_url: str, name: str, width: int
) -> None:
    fits_the_screen_and_passes_axe(browser, national_url + NATIONAL_PAGES[name], width)


def test_key_columns_first_and_more_columns_on_a_phone(browser: Any, base_url: str) -> None:
    page = open_page(browser, base_url, "/borough/E09000016", 390)
    region = page.locator(".cp-collapsible").first
    heads = region.locator("thead th")
    assert [heads.nth(i).inner_text() for i in range(5)] == [
        "Measure",
        "Value",
        "RAG",
        "Direction of travel",
        "Statistical signal",
    ]
    for i in range(5):  # the key columns are on the screen without scrolling
        box = heads.nth(i).bounding_box()
        assert box["x"] + box["width"] <= 390
    assert region.get_attribute("tabindex") == "0" and region.get_attribute("aria-label")
    assert not page.locator(".cp-collapsible th.cp-more").first.is_visible()
    button = page.locator(".cp-more-toggle").first
    assert button.inner_text().startswith("Show more columns")
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert button.inner_text().startswith("Show fewer columns")
    assert page.locator(".cp-collapsible th.cp-more").first.is_visible()
    page.context.close()


@pytest.mark.parametrize("width", (320, 1280))
def test_data_page_shows_numbers_at_every_width(browser: Any, base_url: str, width: int) -> None:
    page = open_page(browser, base_url, "/data", width)
    table = page.locator("table[data-table=measures]")
    value_head = table.locator("thead th").nth(1)
    assert value_head.inner_text() == "Value"
    box = value_head.bounding_box()
    assert box["x"] + box["width"] <= width  # numbers in view, not past the right edge
    first_value = table.locator("tbody tr").first.locator("td").nth(1).inner_text()
    assert re.search(r"\d", first_value)
    page.context.close()


def test_measure_page_shows_the_london_comparison_and_caveats(browser: Any, base_url: str) -> None:
    page = open_page(browser, base_url, "/measure/total-notifiable-offences-rate", 390)
    head = page.locator("#ranking-table thead th").filter(has_text="Against the London rate")
    box = head.bounding_box()
    assert box["x"] + box["width"] <= 390 * 1.6  # one short scroll at most, beside the value
    caveats = page.locator(".cp-caveats")
    assert caveats.is_visible() and "Westminster" in caveats.inner_text()
    page.context.close()


@pytest.mark.parametrize(
    ("path", "operation"), [("/docs", ".opblock"), ("/redoc", "[data-section-id^='operation']")]
)
def test_api_docs_render_offline(browser: Any, base_url: str, path: str, operation: str) -> None:
    page = open_page(browser, base_url, path, 1280)
    page.wait_for_selector(operation, timeout=60_000)
    assert page.locator(operation).count() >= 3
    assert "/api/v1/values" in page.content()
    page.context.close()


@pytest.mark.parametrize(
    ("path", "what"),
    [
        ("/map", "map"),
        ("/borough/E09000016", "chart"),
        ("/measure/total-notifiable-offences-rate", "funnel plot"),
    ],
)
def test_without_javascript_a_message_links_to_the_table(
    browser: Any, base_url: str, path: str, what: str
) -> None:
    page = open_page(browser, base_url, path, 390, java_script_enabled=False)
    message = page.locator(".cp-nojs").filter(has_text=f"The {what} needs JavaScript")
    assert message.count() >= 1 and message.first.is_visible()
    target = message.first.locator("a").get_attribute("href")
    assert page.locator(target).count() == 1 and page.locator(target + " td").count() > 3
    page.context.close()


INTERNAL = [
    "mps-crime",
    "police-uk",
    "ethnic_group",
    "age_band",
    "rate_per_1000",
    "lower_is_better",
    ".txt",
    ".yaml",
]


def test_no_public_page_shows_an_internal_identifier(base_url: str) -> None:
    """The text people read (not links, attributes or scripts) holds no source id, breakdown
    id, unit id or plan file name where a label exists."""
    from html.parser import HTMLParser

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.parts: list[str] = []
            self.skip = 0

        def handle_starttag(self, tag: str, attrs: Any) -> None:
            self.skip += tag in ("script", "style")

        def handle_endtag(self, tag: str) -> None:
            self.skip -= tag in ("script", "style")

        def handle_data(self, data: str) -> None:
            if not self.skip:
                self.parts.append(data)

    for path in [*PAGES.values(), "/map?measure=burglary", "/data?area=E09000001"]:
        parser = Text()
        parser.feed(httpx.get(base_url + path, timeout=120).text)
        text = " ".join(parser.parts)
        found = [word for word in INTERNAL if word in text]
        assert found == [], f"{path} shows {found}"
        assert re.search(
            r"(January|February|March|April|May|June|July|August|September|October|November|December) \d{4}",
            text,
        ), path
