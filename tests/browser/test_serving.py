"""Served over HTTP, at a host's root and from a sub-folder: every page loads cleanly and every link resolves.

Pages make no request to another origin, log no errors (a blocked inline script or
style, or a missing asset, would show here), and their links stay within the site.
"""

from __future__ import annotations

import functools
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict

import pytest
from bs4 import BeautifulSoup

from .report import Problems

pytestmark = pytest.mark.browser

LINKS = """() => Array.from(document.querySelectorAll('a[href], link[href]'), e => e.href)"""
STYLED = """() => Array.from(document.styleSheets).some(s => s.href && s.href.endsWith('/assets/style.css')
    && s.cssRules.length > 0)"""


def _load_every_page(served, page, problems: Problems) -> dict[str, list[str]]:
    """Visit every page, adding what goes wrong; return every link found, with the pages it is on."""
    links: dict[str, list[str]] = defaultdict(list)
    current = {"url": ""}

    def here() -> str:
        return "/" + current["url"]

    def on_request(request) -> None:
        if not request.url.startswith(served.url) and not request.url.startswith("data:"):
            problems.add(f"request outside the site: {request.url}", here())

    def on_response(response) -> None:
        is_404_page = response.request.is_navigation_request() and current["url"] == "404.html"
        if response.status >= 400 and not is_404_page:
            problems.add(f"{response.status} for {response.url.removeprefix(served.url)}", here())

    def on_console(message) -> None:
        # Browsers ask every host for /favicon.ico by themselves; the site has none to offer there.
        source = message.location.get("url", "")
        if message.type in ("error", "warning") and not source.endswith("/favicon.ico"):
            problems.add(f"console {message.type}: {message.text}", here())

    page.on("request", on_request)
    page.on("response", on_response)
    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.add(f"script error: {error}", here()))
    for url in served.pages():
        current["url"] = url
        page.goto(served.url + url)
        if not page.evaluate(STYLED):
            problems.add("the stylesheet did not load", here())
        for link in set(page.evaluate(LINKS)):
            links[link].append(here())
    return links


def _ids(served, path: str) -> set[str]:
    file = served.folder / urllib.parse.unquote(path)
    if path == "" or path.endswith("/"):
        file = file / "index.html"
    soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
    return {str(e["id"]) for e in soup.find_all(id=True)}


@functools.cache
def _status(address: str) -> int:
    try:
        with urllib.request.urlopen(urllib.request.Request(address, method="HEAD"), timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _check_links(served, links: dict[str, list[str]], problems: Problems) -> None:
    """Add the links that leave the site's folder, do not resolve, or point at a missing fragment."""
    origin = served.url.split("/", 3)[:3]
    ids: dict[str, set[str]] = {}
    for link, pages in sorted(links.items()):
        if link.split("/", 3)[:3] != origin:
            continue  # links to the councils' own and other sites are not followed
        if not link.startswith(served.url):
            for page in pages:
                problems.add(f"link outside the site's folder: {link}", page)
            continue
        address, _, fragment = link.partition("#")
        path = address.removeprefix(served.url)
        status = _status(address)
        if status != 200:
            for page in pages:
                problems.add(f"link to /{path} answers {status}", page)
        elif fragment and (path == "" or path.endswith((".html", "/"))):
            if path not in ids:
                ids[path] = _ids(served, path)
            if urllib.parse.unquote(fragment) not in ids[path]:
                for page in pages:
                    problems.add(f"link to /{path}#{fragment}: no element has that id", page)


@pytest.mark.parametrize("where", ["site", "subfolder_site"], ids=["at the root", "under /plans/"])
def test_every_page_loads_cleanly_and_every_link_resolves(where, request, context) -> None:
    served = request.getfixturevalue(where)
    page = context.new_page()
    problems = Problems(f"problems with the site served at {served.url}")
    links = _load_every_page(served, page, problems)
    page.close()
    assert len([link for link in links if link.startswith(served.url)]) > 100, "too few links found to trust this"
    _check_links(served, links, problems)
    assert not problems, str(problems)


def test_canonical_links_use_the_base_url(subfolder_site) -> None:
    problems = []
    for url in subfolder_site.pages():
        file = subfolder_site.folder / (url + "index.html" if url == "" or url.endswith("/") else url)
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        canonical = soup.find("link", rel="canonical")
        href = canonical.get("href") if canonical else None
        if url == "404.html":
            if href:
                problems.append(f"/{url}: the 404 page, shown at any address, has a canonical link {href}")
        elif href != subfolder_site.base_url + url:
            problems.append(f"/{url}: canonical link {href!r}, expected {subfolder_site.base_url + url!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("where", ["site", "subfolder_site"], ids=["at the root", "under /plans/"])
def test_not_found_page_works_at_any_depth(where, request, context) -> None:
    served = request.getfixturevalue(where)
    page = context.new_page()
    failed: list[str] = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on(
        "response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 and r.url != address else None
    )
    address = served.url + "no/such/page/here/"
    response = page.goto(address)
    assert response is not None and response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    assert page.evaluate(STYLED), "the 404 page's stylesheet did not load at a deep address"
    assert not failed, failed
    page.get_by_role("link", name="Go to the list of action plans").click()
    page.wait_for_load_state("load")
    assert page.url == served.url
    page.close()
