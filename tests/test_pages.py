"""Page-level promises of the published site, checked on the built bundled site."""

from __future__ import annotations

import datetime
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from actionplan.commands.build import build
from actionplan.pipeline import Options
from tests.helpers import MINIMAL_PLAN, REPO


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bundled") / "site"
    build(
        Options(
            content=REPO / "content",
            output=out,
            as_of=datetime.date(2026, 11, 24),
            base_url="https://example.gov.uk/plans/",
        )
    )
    return out


def _pages(root: Path) -> dict[str, BeautifulSoup]:
    return {p.relative_to(root).as_posix(): BeautifulSoup(p.read_text(), "html.parser") for p in root.rglob("*.html")}


def test_every_page_has_a_unique_title_lang_one_h1_and_canonical(bundled: Path) -> None:
    pages = _pages(bundled)
    titles = Counter(soup.title.get_text() for soup in pages.values() if soup.title)
    assert [t for t, n in titles.items() if n > 1] == []
    for name, soup in pages.items():
        assert soup.html and soup.html.get("lang") == "en-GB", name
        assert len(soup.find_all("h1")) == 1, name
        if name != "404.html":
            canonical = soup.find("link", rel="canonical")
            assert canonical and canonical["href"] == "https://example.gov.uk/plans/" + name.removesuffix("index.html")


def test_every_page_links_the_accessibility_statement(bundled: Path) -> None:
    for name, soup in _pages(bundled).items():
        if not name.endswith("embed/index.html"):
            assert soup.find("a", string="Accessibility statement"), name


def test_content_is_in_the_html_without_javascript(bundled: Path) -> None:
    soup = BeautifulSoup((bundled / "north-tyneside/cpc-2019/index.html").read_text(), "html.parser")
    rows = soup.select("#actions-table tbody tr")
    assert len(rows) == 40  # the three headings over actions are not actions
    assert not any(row.has_attr("hidden") for row in rows)


def test_recommendation_page_weight(content, cli, tmp_path: Path) -> None:
    # "Under 60 KB before its own text": a recommendation with one short action carries only the page itself.
    content(MINIMAL_PLAN)
    assert cli("build").code == 0
    page = tmp_path / "site/testshire/cpc-2023/1/index.html"
    css = tmp_path / "site/assets/style.css"
    assert page.stat().st_size + css.stat().st_size < 60_000


def test_status_tags_always_have_words(bundled: Path) -> None:
    for name, soup in _pages(bundled).items():
        for tag in soup.select(".tag"):
            assert tag.get_text(strip=True), name
