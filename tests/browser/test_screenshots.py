"""Screenshots of each kind of page at a phone's and a desktop's width, for people to look at.

Set ACTIONPLAN_SCREENSHOTS to a folder to take them; otherwise this test is skipped.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

PAGE_TYPES = {
    "home": "",
    "council": "harlow/",
    "plan": "harlow/cpc-2023/",
    "recommendation": "north-tyneside/cpc-2019/3/",
    "accessibility": "accessibility/",
    "404": "no/such/page/",
    "embed": "harlow/cpc-2023/embed/",
}
WIDTHS = (320, 1280)


def test_screenshots_of_each_page_type(site, request) -> None:
    folder = os.environ.get("ACTIONPLAN_SCREENSHOTS")
    if not folder:
        pytest.skip("set ACTIONPLAN_SCREENSHOTS to a folder to save screenshots of each page type")
    context = request.getfixturevalue("context")
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    page = context.new_page()
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        for name, url in PAGE_TYPES.items():
            page.goto(site.url + url)
            page.screenshot(path=out / f"{name}-{width}.png", full_page=True, animations="disabled")
    page.close()
    assert len(list(out.glob("*.png"))) >= len(PAGE_TYPES) * len(WIDTHS)
