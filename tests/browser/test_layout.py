"""Reflow at 320 CSS pixels (400% zoom) and target sizes of at least 24 by 24 pixels."""

from __future__ import annotations

import pytest

from .report import Problems

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 640}
WIDE = {"width": 1280, "height": 800}

# The innermost elements that reach past the right edge, by their box or by content spilling out of it,
# outside the scroll regions meant for wide tables.
OVERFLOWING = """width => {
    const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
        + (e.classList.length ? '.' + Array.from(e.classList).join('.') : '');
    const sticksOut = e => {
        const box = e.getBoundingClientRect();
        const spills = getComputedStyle(e).overflowX === 'visible' ? box.left + e.scrollWidth : box.right;
        return Math.max(box.right, spills) > width + 0.5;
    };
    const found = Array.from(document.querySelectorAll('body *'))
        .filter(e => !e.closest('[role=region][tabindex="0"]') && e.checkVisibility() && sticksOut(e));
    return [...new Set(found.filter(e => !found.some(o => o !== e && e.contains(o))).map(name))].slice(0, 5);
}"""

# A region that scrolls must be reachable and named, so keyboard and screen reader users can scroll it.
SCROLL_REGIONS = """() => Array.from(document.querySelectorAll('body *'))
    .filter(e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth)
    .map(e => ({tag: e.tagName.toLowerCase(), cls: String(e.className), role: e.getAttribute('role'),
                tabindex: e.getAttribute('tabindex'),
                named: Boolean(e.getAttribute('aria-label') || e.getAttribute('aria-labelledby'))}))"""


def test_no_page_scrolls_sideways_at_320px(site, page) -> None:
    page.set_viewport_size(NARROW)
    problems = Problems("problems with reflow at 320px")
    for url in site.pages():
        page.goto(site.url + url)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > NARROW["width"]:
            culprits = ", ".join(page.evaluate(OVERFLOWING, NARROW["width"])) or "nothing found"
            problems.add(f"the page scrolls sideways; sticking out: {culprits}", f"/{url} ({width}px wide)")
        for region in page.evaluate(SCROLL_REGIONS):
            if region["role"] != "region" or region["tabindex"] != "0" or not region["named"]:
                problems.add(
                    f"{region['tag']}.{region['cls']} scrolls sideways but is not a named, focusable region "
                    f"(role=region, tabindex=0, aria-labelledby): {region}",
                    f"/{url}",
                )
    assert not problems, str(problems)


def test_nothing_inside_a_page_scrolls_sideways_at_320px(site, page) -> None:
    """On a phone the all-actions table is a list of cards: text, lead, due and status all in view."""
    page.set_viewport_size(NARROW)
    problems = Problems("scrolls sideways inside the page at 320px")
    for url in site.pages():
        page.goto(site.url + url)
        for region in page.evaluate(SCROLL_REGIONS):
            problems.add(f"{region['tag']}.{region['cls']} scrolls sideways", f"/{url}")
    assert not problems, str(problems)
    page.goto(site.url + "harlow/cpc-2023/")
    first = page.locator("#actions-table tbody tr").first
    for label in ("Action", "Lead", "Due", "Status"):
        cell = first.locator(f'td[data-label="{label}"]')
        box = cell.bounding_box()
        assert cell.is_visible() and box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 320, label


CONTROLS = {
    "harlow/cpc-2023/": ["#filter-status", "#filter-lead", "#filter-rec"],
    "north-tyneside/cpc-2019/3/": [".pager a"],
    "north-tyneside/cpc-2019/1/": [".pager a"],
}


@pytest.mark.parametrize("viewport", [NARROW, WIDE], ids=["320px", "1280px"])
def test_controls_are_at_least_24px_square(site, page, viewport) -> None:
    page.set_viewport_size(viewport)
    problems = []
    checked = 0

    def measure(url: str, selector: str, box: dict | None) -> None:
        nonlocal checked
        checked += 1
        if box is None:
            problems.append(f"/{url}: {selector} is not shown")
        elif box["width"] < 24 or box["height"] < 24:
            problems.append(f"/{url}: {selector} is {box['width']:.0f}×{box['height']:.0f}px, under 24×24")

    for url, selectors in CONTROLS.items():
        page.goto(site.url + url)
        for selector in selectors:
            elements = page.locator(selector)
            assert elements.count(), f"/{url}: nothing matches {selector}"
            for i in range(elements.count()):
                measure(url, f"{selector} #{i + 1}", elements.nth(i).bounding_box())
        page.keyboard.press("Tab")  # the skip link is only shown when focused
        measure(url, ".skip-link (focused)", page.locator(".skip-link").bounding_box())
    assert checked >= 10
    assert not problems, "\n".join(problems)
