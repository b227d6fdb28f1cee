"""The map of addresses: links from any depth, base_url, reserved names, and every file a build writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from actionplan import addresses as urls
from actionplan.addresses import Urls, base_path, normalise_base_url, reserved_segments
from actionplan.commands.build import build
from actionplan.pipeline import Options, check, theme_assets
from tests.helpers import AS_OF, REPO

SAMPLE = Path(__file__).parent / "fixtures" / "sample"


@pytest.mark.parametrize(
    ("address", "page", "link"),
    [
        ("", "", "./"),
        ("harlow/", "", "harlow/"),
        ("", "harlow/", "../"),
        ("assets/style.css", "harlow/cpc-2023/", "../../assets/style.css"),
        ("harlow/cpc-2023/1/#action-1.i", "harlow/cpc-2023/1/", "../../../harlow/cpc-2023/1/#action-1.i"),
        ("feed.xml", "404.html", "/plans/feed.xml"),  # the 404 page is served at any depth
        ("", "404.html", "/plans/"),
    ],
)
def test_a_link_works_from_the_page(address: str, page: str, link: str) -> None:
    assert Urls.for_site("https://example.gov.uk/plans").link(address, page) == link


@pytest.mark.parametrize(
    ("written", "normal", "path"),
    [
        (None, None, "/"),
        ("", None, "/"),
        ("https://example.gov.uk", "https://example.gov.uk/", "/"),
        ("https://example.gov.uk/plans//", "https://example.gov.uk/plans/", "/plans/"),
        (" https://example.gov.uk/plans ", "https://example.gov.uk/plans/", "/plans/"),
    ],
)
def test_base_url_is_normalised_once(written: str | None, normal: str | None, path: str) -> None:
    assert normalise_base_url(written) == normal
    assert Urls.for_site(written).base_url == normal
    assert base_path(written) == path


def test_absolute_and_canonical_addresses() -> None:
    site = Urls.for_site("https://example.gov.uk/plans")
    assert site.absolute("harlow/") == "https://example.gov.uk/plans/harlow/"
    assert site.canonical("harlow/") == "https://example.gov.uk/plans/harlow/"
    assert site.canonical("404.html") is None
    assert Urls.for_site(None).canonical("harlow/") is None
    assert (
        site.feed_entry("a/b/1/#action-1.i", "2024-01-02")
        == "https://example.gov.uk/plans/a/b/1/#action-1.i/update-2024-01-02"
    )


def test_reserved_segments_name_every_output_beside_the_content() -> None:
    assert reserved_segments("council") == {
        "index.html",
        "accessibility",
        "404.html",
        "feed.xml",
        "sitemap.xml",
        "robots.txt",
        "data",
        "assets",
        "schema",
    }
    assert reserved_segments("plan") == {"index.html"}
    assert reserved_segments("recommendation") == {
        "index.html",
        "feed.xml",
        "embed",
        "actions.csv",
        "actions.json",
        "deadlines.ics",
        "badge.svg",
        "reports",
    }
    with pytest.raises(ValueError):
        reserved_segments("action")


def _written(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("content", [SAMPLE, REPO / "content"], ids=["sample", "bundled"])
def test_every_file_a_build_writes_comes_from_the_map(tmp_path: Path, content: Path) -> None:
    # A theme override with an asset of its own, and a logo, so every kind of output is there.
    theme = tmp_path / "theme"
    (theme / "assets" / "icons").mkdir(parents=True)
    (theme / "assets" / "icons" / "extra.svg").write_text("<svg/>")
    shutil.copytree(content, tmp_path / "content")
    (tmp_path / "content" / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    site_yaml = tmp_path / "content" / "site.yaml"
    settings = site_yaml.read_text() if site_yaml.exists() else "theme:\n"
    site_yaml.write_text(settings.replace("theme:\n", "theme:\n  logo: logo.svg\n"))
    options = Options(content=tmp_path / "content", templates=theme, output=tmp_path / "site", as_of=AS_OF)
    build(options)
    site, _ = check(options)
    assert site.logo is not None
    issued = list(Urls.for_site(site.base_url).site_files(site, theme_assets(theme)))
    assert len(issued) == len(set(issued))
    assert "assets/icons/extra.svg" in issued and urls.file(urls.NOT_FOUND) in issued
    assert _written(tmp_path / "site") == set(issued)
