"""The preview shows warnings as well as errors: a banner on every page, the list at /__problems, /__build.

Run as a person runs ``serve``, asked over HTTP; one test opens the pages in Chromium to dismiss the
banner with the keyboard and run axe-core on it and on the error page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from actionplan.sources.positions import position
from tests.helpers import (
    AXE,
    BUILD_SECONDS,
    NPM_FIX,
    PLAN,
    PLAN_PAGE,
    START_SECONDS,
    Preview,
    chromium_tab,
    in_a_thread_of_its_own,
    playwright_and_chromium,
    save_edit,
    unavailable,
)

UNDATED = "when funding allows"

pytestmark = [pytest.mark.slow, pytest.mark.browser]  # every test starts a server process

# The site's address (at a host's root, as the preview serves it), so that the only warning is the one each
# test makes: without an address, check warns that feeds are not written.
PUBLISHED = ("--base-url", "https://example.gov.uk/")


def _with_a_warning(preview: Preview, site_content: Path) -> tuple[dict, int]:
    """Give an action a due date the site cannot place; return the build and the line of the warning."""
    number = preview.build()["build"]
    text = (site_content / PLAN).read_text(encoding="utf-8")
    due = re.search(r"^ +due: .*$", text, re.MULTILINE)
    assert due is not None
    line, _ = position(text, due.start())
    save_edit(site_content / PLAN, r"^( +due: ).*$", rf'\1"{UNDATED}"')
    return preview.wait_for_build(number), line


def test_warnings_show_on_every_page_in_a_banner_that_links_to_the_list(
    start: Callable[..., Preview], site_content: Path
) -> None:
    preview = start(*PUBLISHED)
    assert "preview-banner" not in preview.get(PLAN_PAGE).body  # no warnings, no banner

    state, line = _with_a_warning(preview, site_content)

    assert state["ok"] and state["errors"] == []
    assert any(f"cpc-2023.yaml:{line}:" in w and UNDATED in w for w in state["warnings"]), state
    for path in ("", PLAN_PAGE, "accessibility/", "no/such/page/"):
        page = preview.get(path)
        assert '<section class="preview-banner" aria-labelledby="preview-banner-title"' in page.body, path
        assert re.search(
            rf'<a href="/__problems#problem-\d+"><code>[^<]*cpc-2023\.yaml:{line}</code>: cannot tell when', page.body
        ), path
        assert '<link rel="stylesheet" href="/__preview/preview.css">' in page.body
        assert page.body.index("preview-banner") < page.body.index("<main")  # above the content
    listing = preview.get("__problems")
    assert listing.status == 200
    assert re.search(
        rf'id="problem-(\d+)">\s*<p class="problem__where"><code>[^<]*cpc-2023\.yaml:{line}:', listing.body
    )
    assert "The site was built, with 1 warning" in listing.body
    assert f"due: &#34;{UNDATED}&#34;" in listing.body  # the line, quoted


def test_the_error_page_is_styled_like_the_site_and_says_how_many_problems(
    start: Callable[..., Preview], site_content: Path
) -> None:
    preview = start()
    number = preview.build()["build"]
    save_edit(site_content / PLAN, r"^title: .*$", "title: x\n  bad: indent")
    save_edit(site_content / PLAN, r"^( +due: ).*$", r"\g<1>31/02/2025")
    state = preview.wait_for_build(number)
    while len(state["errors"]) < 1:
        state = preview.wait_for_build(state["build"])

    page = preview.get(PLAN_PAGE)
    assert page.status == 500
    count = len(state["errors"])
    assert f"<h1>{count} problem{'s' if count != 1 else ''} to fix before the site can be built</h1>" in page.body
    assert "This page reloads by itself once they are fixed" in page.body
    assert '<link rel="stylesheet" href="/__preview/style.css">' in page.body
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page.body
    assert "preview-banner" not in page.body  # errors replace the site; they are not a banner
    assert preview.get("__problems").status == 500  # the list is the error page while the build is broken
    theme_css = preview.get("__preview/style.css")
    assert theme_css.status == 200 and theme_css.headers["Content-Type"].startswith("text/css")
    assert theme_css.body == (Path(__file__).parent.parent / "templates/assets/style.css").read_text("utf-8")
    assert preview.get("__preview/preview.css").status == 200


def test_the_banner_can_be_dismissed_with_the_keyboard_and_passes_axe(
    start: Callable[..., Preview], site_content: Path
) -> None:
    playwright_and_chromium()  # or skip before starting the preview
    if not AXE.is_file():
        unavailable(f"axe-core ({AXE})", NPM_FIX)
    preview = start(*PUBLISHED)
    _with_a_warning(preview, site_content)
    seen: dict[str, object] = {}
    console: list[str] = []

    def use_the_banner() -> None:
        with chromium_tab(console) as (browser, page):
            page.goto(preview.url + PLAN_PAGE)
            banner = page.get_by_role("region", name="Preview: 1 warning in your content")
            seen["shown"] = banner.is_visible()
            for _ in range(40):  # Tab through the page as a keyboard user does, to the banner's button
                page.keyboard.press("Tab")
                if page.evaluate("document.activeElement.hasAttribute('data-preview-dismiss')"):
                    break
            seen["reached"] = page.evaluate("document.activeElement.textContent")
            page.keyboard.press("Enter")
            seen["hidden"] = not banner.is_visible()
            seen["focus"] = page.evaluate("document.activeElement.id")
            page.reload()
            seen["still hidden"] = not page.locator(".preview-banner").is_visible()
            axe = browser.new_context(bypass_csp=True)
            axe.add_init_script(path=str(AXE))
            checked = axe.new_page()
            for where, address in (("banner", PLAN_PAGE), ("list", "__problems")):
                checked.goto(preview.url + address)
                seen[where] = _axe(checked)
            with checked.expect_event("load", timeout=BUILD_SECONDS * 1000):  # the open list reloads by itself
                save_edit(site_content / PLAN, r"^title: .*$", "title: x\n  bad: indent")
            checked.set_viewport_size({"width": 320, "height": 640})
            seen["error page"] = _axe(checked)
            seen["error heading"] = checked.locator("h1").inner_text()

    in_a_thread_of_its_own(use_the_banner, timeout=START_SECONDS + 4 * BUILD_SECONDS)

    assert seen["shown"] and seen["reached"] == "Hide these warnings"
    assert seen["hidden"] and seen["focus"] == "main" and seen["still hidden"]
    assert seen["banner"] == seen["list"] == seen["error page"] == []
    assert seen["error heading"] == "1 problem to fix before the site can be built"
    assert not [m for m in console if "Content Security Policy" in m or "Refused" in m]


def _axe(page: object) -> list[str]:
    """Return axe-core's violations on the page, as 'rule at element'."""
    result = page.evaluate(  # type: ignore[attr-defined]
        """() => axe.run(document, {runOnly: {type: "tag", values:
            ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}, resultTypes: ["violations"]})"""
    )
    return [f"{v['id']} at {n['target']}" for v in result["violations"] for n in v["nodes"]]
