"""axe-core on every page of the built site, in headless Chromium: no violations at all."""

from __future__ import annotations

import pytest

from .report import Problems

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
RUN_AXE = """tags => axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
})"""


def _target(target: list) -> str:
    """Return an axe target (selectors, nested for frames and shadow roots) as one string."""
    return " >> ".join(" ".join(part) if isinstance(part, list) else part for part in target)


def _check(page, found: Problems, where: str) -> None:
    """Run axe on the page and add each violation at each element."""
    for violation in page.evaluate(RUN_AXE, AXE_TAGS)["violations"]:
        for node in violation["nodes"]:
            impact = node.get("impact") or violation["impact"]
            found.add(f"{violation['id']} ({impact}) at {_target(node['target'])}: {violation['help']}", where)


def test_every_page_has_no_axe_violations(site, axe_context) -> None:
    page = axe_context.new_page()
    found = Problems("axe violations")
    pages = site.pages()
    for url in pages:
        page.goto(site.url + url)
        _check(page, found, f"/{url}")
    page.close()
    assert len(pages) > 20, "the bundled site should have more pages than this"
    assert not found, str(found)


PAGE_TYPES = [
    "",
    "harlow/",
    "harlow/cpc-2023/",
    "north-tyneside/cpc-2019/3/",
    "accessibility/",
    "404.html",
    "harlow/cpc-2023/embed/",
    "exampleton/cpc-2025/reports/2026-02-10/",  # a report: what changed, and the appendix's wide table
]


def test_plan_pages_with_a_base_url_have_no_axe_violations(subfolder_site, axe_context) -> None:
    """With a base_url a plan's page also shows the code to copy for its summary and badge."""
    page = axe_context.new_page()
    found = Problems("axe violations with a base_url")
    for url in (
        "harlow/cpc-2023/",
        "harlow/cpc-2023/embed/",
        "harlow/cpc-2023/1/",
        "exampleton/cpc-2025/reports/2026-02-10/",
    ):
        page.goto(subfolder_site.url + url)
        _check(page, found, f"/{url}")
    page.close()
    assert not found, str(found)


def test_page_types_have_no_axe_violations_at_320px_with_focus_shown(site, axe_context) -> None:
    """Run axe where the layout differs: a phone's width, and the skip link shown by focus."""
    page = axe_context.new_page()
    page.set_viewport_size({"width": 320, "height": 640})
    found = Problems("axe violations at 320px")
    for url in PAGE_TYPES:
        page.goto(site.url + url)
        page.keyboard.press("Tab")  # shows the skip link, so its colours are checked too
        _check(page, found, f"/{url}")
    page.close()
    assert not found, str(found)
