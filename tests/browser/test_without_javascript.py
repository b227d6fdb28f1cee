"""No page needs JavaScript to show its content."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

SHOWN = "els => els.filter(e => e.checkVisibility()).length"


@pytest.fixture(scope="module")
def no_js_page(browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    yield page
    context.close()


def test_plan_pages_show_every_action_without_javascript(site, no_js_page, actions) -> None:
    plans = sorted({(a["council"], a["plan"]) for a in actions})
    assert plans
    for council, plan in plans:
        count = sum(1 for a in actions if (a["council"], a["plan"]) == (council, plan) and not a["heading"])
        no_js_page.goto(f"{site.url}{council}/{plan}/")
        rows = no_js_page.locator("#actions-table tbody tr")
        assert rows.count() == count, f"/{council}/{plan}/ lists {rows.count()} actions of {count}"
        assert rows.evaluate_all(SHOWN) == count, f"/{council}/{plan}/ hides actions without JavaScript"
        # Controls that would do nothing are not offered.
        assert not no_js_page.locator("#filters").is_visible()


def test_recommendation_page_shows_sub_actions_and_updates_without_javascript(site, no_js_page, actions) -> None:
    url = "north-tyneside/cpc-2019/3/"
    count = sum(1 for a in actions if a["url"].startswith(url) and not a["heading"])
    no_js_page.goto(site.url + url)
    shown = no_js_page.locator("main li.action").evaluate_all(SHOWN)
    assert shown == count > 0
    assert no_js_page.locator("main .actions--nested li.action").evaluate_all(SHOWN) > 0
