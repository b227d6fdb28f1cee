"""The plan page's history (chart, recent updates, timetable) in Chromium: axe, the Nu checker and reflow.

The sample plan, whose updates record statuses on three dates, draws the chart here; the
bundled plans' pages (North Tyneside's chart of two months among them) are checked with every
page in test_axe.py and test_html_validity.py.
"""

from __future__ import annotations

import json
import subprocess

import pytest

from actionplan.commands.build import build
from actionplan.pipeline import Options
from tests.helpers import AS_OF, SAMPLE

from .conftest import Served
from .report import Problems
from .test_axe import _check
from .test_layout import SCROLL_REGIONS

pytestmark = pytest.mark.browser

PAGES = ("exampleton/cpc-2025/", "exampleton/cpc-2025/1/")


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory, _serve) -> Served:
    folder = tmp_path_factory.mktemp("sample") / "site"
    build(Options(content=SAMPLE, output=folder, as_of=AS_OF))
    return Served(folder, _serve(folder, folder / "404.html"))


@pytest.mark.parametrize("width", [1280, 320])
def test_the_history_sections_have_no_axe_violations(sample_site: Served, axe_context, width: int) -> None:
    page = axe_context.new_page()
    page.set_viewport_size({"width": width, "height": 800})
    found = Problems(f"axe violations at {width}px")
    for url in PAGES:
        page.goto(sample_site.url + url)
        assert page.locator("svg.history__chart").count() == (url == PAGES[0])
        _check(page, found, f"/{url}")
    page.close()
    assert not found, str(found)


def test_the_history_sections_reflow_at_320px(sample_site: Served, page) -> None:
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(sample_site.url + PAGES[0])
    assert page.evaluate("() => document.documentElement.scrollWidth") == 320
    assert page.evaluate(SCROLL_REGIONS) == []
    chart = page.locator("svg.history__chart").bounding_box()
    assert chart is not None and chart["x"] >= 0 and chart["x"] + chart["width"] <= 320


def test_the_history_sections_are_valid_html(sample_site: Served, vnu_command: list[str]) -> None:
    files = [str(sample_site.folder / url / "index.html") for url in PAGES]
    result = subprocess.run(
        [*vnu_command, "--errors-only", "--format", "json", "--stdout", *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = [m for m in json.loads(result.stdout)["messages"] if m.get("type") != "info"]
    assert messages == []
