"""sitemap.xml (the sitemaps.org protocol) and the robots.txt that points search engines at it.

A sitemap lists full addresses only, so both are written only for a site with a ``base_url``.
The embeds are left out: they are parts of other pages, marked noindex.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from xml.etree import ElementTree

from ..addresses import Urls
from ..derive.views import CouncilView

SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def council_addresses(council: CouncilView) -> Iterator[str]:
    """Yield the address of every page of a council that a search engine should list, in the order of the site."""
    yield council.url
    for plan in council.plans:
        yield plan.url
        yield from (rec.url for rec in plan.recommendations)
        yield from (report.url for report in plan.reports.reports)


def sitemap(urls: Urls, councils: Iterable[Iterable[str]]) -> bytes:
    """Return the sitemap of every page, by its full address: the site's own, and each council's
    (``council_addresses``) in the order of the site."""
    urlset = ElementTree.Element("urlset", xmlns=SITEMAP_NAMESPACE)
    for address in (urls.home, *itertools.chain.from_iterable(councils), urls.accessibility):
        entry = ElementTree.SubElement(urlset, "url")
        ElementTree.SubElement(entry, "loc").text = urls.absolute(address)
    ElementTree.indent(urlset)
    data: bytes = ElementTree.tostring(urlset, encoding="utf-8", xml_declaration=True)
    return data + b"\n"


def robots(urls: Urls) -> bytes:
    """Return robots.txt: every page may be crawled, and the sitemap says where they are."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {urls.absolute(urls.sitemap)}\n".encode()


def sitemap_files(urls: Urls, councils: Iterable[Iterable[str]]) -> Iterator[tuple[str, bytes]]:
    yield urls.sitemap, sitemap(urls, councils)
    yield urls.robots, robots(urls)
