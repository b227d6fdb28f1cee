"""sitemap.xml (the sitemaps.org protocol) and the robots.txt that points search engines at it.

A sitemap lists full addresses only, so both are written only for a site with a ``base_url``.
The embeds are left out: they are parts of other pages, marked noindex.
"""

from __future__ import annotations

from collections.abc import Iterator
from xml.etree import ElementTree

from ..derive.views import SiteView

SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def page_addresses(view: SiteView) -> Iterator[str]:
    """Yield the address of every page a search engine should list, in the order of the site."""
    urls = view.urls
    yield urls.home
    for council in view.councils:
        yield council.url
        for plan in council.plans:
            yield plan.url
            yield from (rec.url for rec in plan.recommendations)
            yield from (report.url for report in plan.reports.reports)
    yield urls.accessibility


def sitemap(view: SiteView) -> bytes:
    """Return the sitemap of every page, by its full address."""
    urlset = ElementTree.Element("urlset", xmlns=SITEMAP_NAMESPACE)
    for address in page_addresses(view):
        entry = ElementTree.SubElement(urlset, "url")
        ElementTree.SubElement(entry, "loc").text = view.urls.absolute(address)
    ElementTree.indent(urlset)
    data: bytes = ElementTree.tostring(urlset, encoding="utf-8", xml_declaration=True)
    return data + b"\n"


def robots(view: SiteView) -> bytes:
    """Return robots.txt: every page may be crawled, and the sitemap says where they are."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {view.urls.absolute(view.urls.sitemap)}\n".encode()


def sitemap_files(view: SiteView) -> Iterator[tuple[str, bytes]]:
    yield view.urls.sitemap, sitemap(view)
    yield view.urls.robots, robots(view)
