"""The plan page's filters keep their choices in its address, so that a filtered view can be shared."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

pytestmark = pytest.mark.browser

PLAN = "harlow/cpc-2023/"
SHOWN = "() => Array.from(document.querySelectorAll('#actions-table tbody tr')).filter(r => !r.hidden).length"


LATE = "no-report-since"  # the plan's late actions: deadline passed, no progress reported since


def _late_with_lead(actions: list[dict]) -> tuple[str, int]:
    """Return a lead with late actions in the plan, and how many."""
    late = [a for a in actions if (a["council"], a["plan"]) == ("harlow", "cpc-2023") and a["timeliness"] == LATE]
    assert late, "the plan should have actions past their deadline"
    lead = late[0]["lead"]
    return lead, sum(1 for a in late if a["lead"] == lead)


def test_an_address_with_filters_opens_the_filtered_view(site, page, actions) -> None:
    lead, expected = _late_with_lead(actions)
    page.goto(f"{site.url}{PLAN}?" + urlencode({"status": LATE, "lead": lead}))
    assert page.eval_on_selector("#filter-status", "e => e.value") == LATE
    assert page.eval_on_selector("#filter-lead", "e => e.value") == lead
    assert page.evaluate(SHOWN) == expected
    assert page.locator("#filter-count").inner_text().startswith(f"Showing {expected} of ")


def test_choosing_a_filter_changes_the_address(site, page, actions) -> None:
    lead, expected = _late_with_lead(actions)
    page.goto(site.url + PLAN)
    page.select_option("#filter-status", LATE)
    page.select_option("#filter-lead", lead)
    assert parse_qs(urlsplit(page.url).query) == {"status": [LATE], "lead": [lead]}
    page.reload()  # the address alone brings the view back
    assert page.evaluate(SHOWN) == expected
    page.select_option("#filter-status", "")
    page.select_option("#filter-lead", "")
    assert urlsplit(page.url).query == ""


def test_an_unknown_choice_in_the_address_shows_every_action(site, page) -> None:
    page.goto(f"{site.url}{PLAN}?status=nonsense&lead=Nobody")
    assert page.eval_on_selector("#filter-status", "e => e.value") == ""
    total = page.evaluate("() => document.querySelectorAll('#actions-table tbody tr').length")
    assert page.evaluate(SHOWN) == total
