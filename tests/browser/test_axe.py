"""axe-core on every page of the built site, in headless Chromium: no violations at all."""

from __future__ import annotations

from pathlib import Path

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


def test_every_page_has_no_axe_violations(site, axe_context, axe_script: Path) -> None:
    page = axe_context.new_page()
    found: list[str] = []
    pages = site.pages()
    for url in pages:
        page.goto(site.url + url)
        page.add_script_tag(path=str(axe_script))
        result = page.evaluate(RUN_AXE, AXE_TAGS)
        for violation in result["violations"]:
            for node in violation["nodes"]:
                found.append(f"/{url}: {violation['id']} ({node.get('impact') or violation['impact']}) "
                             f"at {_target(node['target'])}: {violation['help']}")
    page.close()
    assert len(pages) > 20, "the bundled site should have more pages than this"
    assert not found, f"{len(found)} axe violations:\n" + "\n".join(found)
