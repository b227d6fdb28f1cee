"""Keyboard alone: the skip link comes first, and the plan page's filters work without a mouse."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PLAN = ("harlow", "cpc-2023")  # many actions, several statuses and leads, some overdue
MAX_TABS = 200
ONE_PAGE_PER_TEMPLATE = [
    "",
    "harlow/",
    "harlow/cpc-2023/",
    "north-tyneside/cpc-2019/1/",
    "north-tyneside/cpc-2019/3/",
    "accessibility/",
    "404.html",
    "no/such/page/",
]

FOCUSED = "() => document.activeElement && (document.activeElement.id || document.activeElement.className)"
AFTER_MAIN_START = """() => {
    const main = document.getElementById('main'), focused = document.activeElement;
    return main.contains(focused) || Boolean(main.compareDocumentPosition(focused) & Node.DOCUMENT_POSITION_FOLLOWING);
}"""
VISIBLE_ROWS = """() => Array.from(document.querySelectorAll('#actions-table tbody tr'))
    .filter(row => !row.hidden && row.getClientRects().length > 0)
    .map(row => ({status: row.dataset.status, lead: row.dataset.lead, rec: row.dataset.rec}))"""


def test_first_tab_is_the_skip_link_and_enter_moves_focus_to_main(site, page) -> None:
    problems = []
    for url in ONE_PAGE_PER_TEMPLATE:  # the skip link and main come from base.html; the embed has neither
        page.goto(site.url + url)
        page.keyboard.press("Tab")
        link = page.evaluate(
            "() => { const e = document.activeElement;"
            " return {cls: e.className, href: e.getAttribute('href'), text: e.textContent,"
            " rect: e.getBoundingClientRect().toJSON()}; }"
        )
        if link["cls"] != "skip-link" or link["href"] != "#main":
            problems.append(f"/{url}: the first Tab focused {link}, not the skip link")
            continue
        rect = link["rect"]
        if rect["width"] < 1 or rect["height"] < 1 or rect["left"] < 0 or rect["top"] < 0:
            problems.append(f"/{url}: the focused skip link is not visible on screen: {rect}")
        page.keyboard.press("Enter")
        if page.evaluate("() => document.activeElement.id") != "main":
            problems.append(f"/{url}: Enter on the skip link left focus on {page.evaluate(FOCUSED)!r}, not main")
            continue
        # The next Tab carries on from the main content, not back at the header.
        page.keyboard.press("Tab")
        if not page.evaluate(AFTER_MAIN_START):
            problems.append(f"/{url}: the Tab after the skip link went back to {page.evaluate(FOCUSED)!r}")
    assert not problems, "\n".join(problems)


def _tab_to(page, element_id: str) -> None:
    """Press Tab until the element with ``element_id`` has focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == element_id:
            return
    pytest.fail(f"#{element_id} was not reached in {MAX_TABS} presses of Tab", pytrace=False)


def _value(page, element_id: str) -> str:
    return page.eval_on_selector(f"#{element_id}", "e => e.value")


def _check_shown(page, wanted: dict[str, str], plan_actions: list[dict]) -> None:
    """Assert the table shows exactly the plan's actions that match ``wanted``, and says how many."""

    def matches(action: dict) -> bool:
        # "overdue" and "no-report-since" are offered among the statuses: late actions of any status
        words = {action["status"] or "none"} | ({action["timeliness"]} if action["deadline_passed"] else set())
        return (
            (not wanted.get("status") or wanted["status"] in words)
            and (not wanted.get("lead") or (action["lead"] or "") == wanted["lead"])
            and (not wanted.get("rec") or action["recommendation"] == wanted["rec"])
        )

    expected = sum(1 for a in plan_actions if matches(a))
    rows = page.evaluate(VISIBLE_ROWS)
    assert len(rows) == expected, f"with filters {wanted}: {len(rows)} rows shown, expected {expected}"
    for row in rows:
        for key, value in wanted.items():
            shown = row[key].split() if key == "status" else [row[key]]
            assert not value or value in shown, f"with filters {wanted}: a row shown has {key}={row[key]!r}"
    status = page.locator("#filter-count")
    assert status.get_attribute("role") == "status"
    assert status.inner_text().strip() == f"Showing {expected} of {len(plan_actions)} actions"


def test_filters_work_by_keyboard_alone(site, page, actions) -> None:
    council, plan = PLAN
    plan_actions = [a for a in actions if (a["council"], a["plan"]) == PLAN]
    page.goto(f"{site.url}{council}/{plan}/")
    assert page.locator("#filters").is_visible(), "the script should show the filters"
    wanted: dict[str, str] = {}
    _check_shown(page, wanted, plan_actions)

    _tab_to(page, "filter-status")
    page.keyboard.press("ArrowDown")  # the first status after "Any status"
    wanted["status"] = _value(page, "filter-status")
    assert wanted["status"], "ArrowDown should choose a status"
    _check_shown(page, wanted, plan_actions)

    page.keyboard.press("ArrowDown")  # and the next
    assert _value(page, "filter-status") != wanted["status"], "ArrowDown should choose the next status"
    wanted["status"] = _value(page, "filter-status")
    _check_shown(page, wanted, plan_actions)

    page.keyboard.press("Home")  # back to "Any status"
    wanted["status"] = _value(page, "filter-status")
    assert wanted["status"] == ""
    _check_shown(page, wanted, plan_actions)

    _tab_to(page, "filter-lead")
    page.keyboard.press("ArrowDown")
    wanted["lead"] = _value(page, "filter-lead")
    assert wanted["lead"]
    _check_shown(page, wanted, plan_actions)

    _tab_to(page, "filter-rec")
    page.keyboard.press("Home")
    wanted["lead"] = ""  # leave the lead filter chosen, but check a second filter on its own too
    page.keyboard.press("ArrowDown")
    wanted["rec"] = _value(page, "filter-rec")
    wanted["lead"] = _value(page, "filter-lead")
    _check_shown(page, wanted, plan_actions)

    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("() => document.activeElement.id") == "filter-status"
    page.keyboard.press("End")  # "Deadline passed, no progress reported since", the last choice
    wanted["status"] = _value(page, "filter-status")
    assert wanted["status"] == "no-report-since"
    _check_shown(page, wanted, plan_actions)

    page.keyboard.press("ArrowUp")  # "Overdue"
    wanted["status"] = _value(page, "filter-status")
    assert wanted["status"] == "overdue"
    _check_shown(page, wanted, plan_actions)

    page.keyboard.press("Home")
    wanted["status"] = ""
    _check_shown(page, wanted, plan_actions)

    # Enter in a form would submit it and reload the page; the script keeps the choices instead.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "filter-rec"
    page.keyboard.press("Enter")
    assert _value(page, "filter-rec") == wanted["rec"]
    _check_shown(page, wanted, plan_actions)
