"""The sitemap (checked against the sitemaps.org schema), robots.txt, badges and embeds; and a site without base_url."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from actionplan.exports.badge import text_width
from tests.helpers import BUNDLED_BASE_URL

SITEMAP_XSD = Path(__file__).parent / "schemas" / "sitemap.xsd"
SVG = "{http://www.w3.org/2000/svg}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def sitemap_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SITEMAP_XSD)))


def test_the_schema_refuses_a_relative_or_repeated_address(sitemap_schema: etree.XMLSchema) -> None:
    start = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    good = start + b"<url><loc>https://example.gov.uk/</loc></url></urlset>"
    assert sitemap_schema.validate(etree.fromstring(good))
    for bad in (b"<url><loc>harlow/</loc></url>", b"<url><loc>https://a.uk/</loc></url>" * 2, b"<url/>"):
        assert not sitemap_schema.validate(etree.fromstring(start + bad + b"</urlset>")), bad


@pytest.mark.parametrize("where", ["sample_site", "bundled_site"])
def test_the_sitemap_lists_every_page_by_full_address(
    where: str, request: pytest.FixtureRequest, sitemap_schema: etree.XMLSchema
) -> None:
    site: Path = request.getfixturevalue(where)
    document = etree.parse(str(site / "sitemap.xml"))
    assert sitemap_schema.validate(document), sitemap_schema.error_log
    locs = [loc.text or "" for loc in document.iter(f"{SM}loc")]
    base = BUNDLED_BASE_URL if where == "bundled_site" else "https://plans.exampleton.gov.uk/"
    pages = {p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("index.html")}
    assert {loc.removeprefix(base) for loc in locs} == {p for p in pages if not p.endswith("embed/")}
    robots = (site / "robots.txt").read_text("utf-8").splitlines()
    assert robots[0] == "User-agent: *" and robots[-1] == f"Sitemap: {base}sitemap.xml"


def test_the_badge_says_how_many_actions_are_complete(sample_site: Path) -> None:
    svg = etree.parse(str(sample_site / "exampleton/cpc-2025/badge.svg")).getroot()
    assert svg.tag == f"{SVG}svg" and svg.get("role") == "img"
    title = svg.find(f"{SVG}title")
    assert title is not None and svg.get("aria-labelledby") == title.get("id")
    assert (
        title.text == "Corporate Peer Challenge 2025 – action plan, Exampleton Borough Council: 2 of 5 actions complete"
    )
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert texts == ["Action plan", "2 of 5 actions complete"]
    widths = [int(r.get("width", "0")) for r in svg.iter(f"{SVG}rect")]
    assert sum(widths) == int(svg.get("width", "0"))
    assert all(int(t.get("textLength", "0")) >= text_width(t.text or "") for t in svg.iter(f"{SVG}text"))


def test_the_embed_is_a_card_that_links_to_the_plan(sample_site: Path) -> None:
    soup = BeautifulSoup((sample_site / "exampleton/cpc-2025/embed/index.html").read_text("utf-8"), "html.parser")
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert "5 actions linked to 3 recommendations" not in soup.text  # the plan groups them: a headline per group
    assert "Formal recommendations: 2 actions linked to 2 recommendations" in " ".join(soup.text.split())
    legend = [" ".join(li.text.split()) for li in soup.select(".breakdown--compact .legend li")]
    assert legend == ["2 completed", "1 on track", "1 at risk", "1 no status given"]
    links = [a for a in soup.find_all("a") if a["href"] == "../../../exampleton/cpc-2025/"]
    assert len(links) == 2 and all(a["target"] == "_top" for a in links)
    assert not soup.find("script")


def test_the_plan_page_gives_code_to_copy(sample_site: Path) -> None:
    soup = BeautifulSoup((sample_site / "exampleton/cpc-2025/index.html").read_text("utf-8"), "html.parser")
    snippets = [pre.get_text() for pre in soup.select("pre.snippet")]
    base = "https://plans.exampleton.gov.uk/exampleton/cpc-2025/"
    iframe, badge = (BeautifulSoup(s, "html.parser") for s in snippets)
    assert iframe.iframe["src"] == base + "embed/" and iframe.iframe["title"]
    assert badge.a["href"] == base and badge.img["src"] == base + "badge.svg" and badge.img["alt"]


def test_without_base_url_there_are_no_feeds_calendars_or_sitemap_and_one_warning(content, cli, tmp_path) -> None:
    root = content()
    (root / "site.yaml").write_text("title: Testshire plans\n", encoding="utf-8")
    for command in ("check", "build"):
        run = cli(command)
        assert run.code == 0
        warnings = [line for line in run.lines if ": warning: " in line]
        assert warnings == [
            "content/site.yaml:1:1: warning: no base_url is set, so the Atom feeds, the deadline calendars and "
            'sitemap.xml are not written (add "base_url: https://…", the address the site is published at, '
            "to site.yaml, or build with --base-url)"
        ]
    site = tmp_path / "site"
    written = {p.name for p in site.rglob("*") if p.is_file()}
    assert not written & {"feed.xml", "deadlines.ics", "sitemap.xml", "robots.txt"}
    assert {"actions.csv", "actions.json", "badge.svg", "updates.csv"} <= written
    for page in site.rglob("*.html"):
        html = page.read_text("utf-8")
        assert "application/atom+xml" not in html and "feed.xml" not in html and "deadlines.ics" not in html, page
    assert cli("build", "--base-url", "https://example.gov.uk/").code == 0
    assert (site / "feed.xml").is_file() and (site / "testshire/cpc-2023/deadlines.ics").is_file()
