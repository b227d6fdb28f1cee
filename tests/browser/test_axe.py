"""axe-core on every page of the built site, in headless Chromium: no violations at all."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
RUN_AXE = """tags => axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
})"""


def _target(target: list) -> str:
    """Return an axe target (selectors, nested for frames and shadow roots) as one string."""
    return " >> ".join(" ".join(part) if isinstance(part, list) else part for part in target)


def test_every_page_has_no_axe_violations(site, axe_context) -> None:
    page = axe_context.new_page()
    found: list[str] = []
    pages = site.pages()
    for url in pages:
        page.goto(site.url + url)
        result = page.evaluate(RUN_AXE, AXE_TAGS)
        for violation in result["violations"]:
            for node in violation["nodes"]:
                found.append(f"/{url}: {violation['id']} ({node.get('impact') or violation['impact']}) "
                             f"at {_target(node['target'])}: {violation['help']}")
    page.close()
    assert len(pages) > 20, "the bundled site should have more pages than this"
    assert not found, f"{len(found)} axe violations:\n" + "\n".join(found)


PAGE_TYPES = ["", "harlow/", "harlow/cpc-2023/", "north-tyneside/cpc-2019/3/", "accessibility/", "404.html",
              "harlow/cpc-2023/embed/"]


def test_page_types_have_no_axe_violations_at_320px_with_focus_shown(site, axe_context) -> None:
    """Run axe where the layout differs: a phone's width, and the skip link shown by focus."""
    page = axe_context.new_page()
    page.set_viewport_size({"width": 320, "height": 640})
    found: list[str] = []
    for url in PAGE_TYPES:
        page.goto(site.url + url)
        page.keyboard.press("Tab")  # shows the skip link, so its colours are checked too
        result = page.evaluate(RUN_AXE, AXE_TAGS)
        for violation in result["violations"]:
            for node in violation["nodes"]:
                found.append(f"/{url} at 320px: {violation['id']} ({node.get('impact') or violation['impact']}) "
                             f"at {_target(node['target'])}: {violation['help']}")
    page.close()
    assert not found, f"{len(found)} axe violations:\n" + "\n".join(found)
