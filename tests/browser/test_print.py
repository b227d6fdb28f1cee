"""A report page prints from Chromium as the committee appendix: A4 landscape, nothing cut off, no navigation."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

REPORT = "exampleton/cpc-2025/reports/2026-02-10/"
A4_LONG, A4_SHORT = 842, 595  # points
MEDIA_BOX = re.compile(rb"/MediaBox \[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]")


def test_a_report_prints_on_a4_landscape(site, page) -> None:
    page.goto(site.url + REPORT)
    pdf = page.pdf(prefer_css_page_size=True)
    boxes = {(round(float(w)), round(float(h))) for w, h in MEDIA_BOX.findall(pdf)}
    assert boxes == {(A4_LONG, A4_SHORT)}


def test_the_printed_table_fits_the_page_with_its_header_on_every_page(site, page) -> None:
    page.goto(site.url + REPORT)
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 1000, "height": 700})  # about the width of A4 landscape's text
    fits = page.evaluate(
        "() => { const t = document.querySelector('.report-table');"
        " return t.getBoundingClientRect().right <= document.querySelector('main').getBoundingClientRect().right + 1; }"
    )
    assert fits
    assert page.locator(".report-table thead").evaluate("e => getComputedStyle(e).display") == "table-header-group"
    for hidden in (".site-header", ".breadcrumbs", ".site-footer", ".report-download"):
        assert not page.locator(hidden).is_visible(), hidden
    # What changed comes before the table.
    order = page.evaluate("() => [...document.querySelectorAll('main h2')].map(h => h.id)")
    assert order.index("changes") < order.index("actions")
