"""sitemap.xml (the sitemaps.org protocol) and the robots.txt that points search engines at it.

A sitemap lists full addresses only, so both are written only for a site with a ``base_url``.
The embeds are left out: they are parts of other pages, marked noindex.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from html import escape

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


def sitemap_entries(urls: Urls, addresses: Iterable[str]) -> bytes:
    """Return the sitemap's entries for these addresses: a council's are made with its part, once."""
    locations = (escape(urls.absolute(a), quote=False) for a in addresses)  # &, < and >, as XML text needs
    return "".join(f"  <url>\n    <loc>{loc}</loc>\n  </url>\n" for loc in locations).encode()


def sitemap(urls: Urls, councils: Iterable[bytes]) -> bytes:
    """Return the sitemap of every page, by its full address: the site's own, and each council's entries
    (``sitemap_entries`` of ``council_addresses``) in the order of the site."""
    return b"".join(
        (
            b"<?xml version='1.0' encoding='utf-8'?>\n",
            f'<urlset xmlns="{SITEMAP_NAMESPACE}">\n'.encode(),
            sitemap_entries(urls, [urls.home]),
            *councils,
            sitemap_entries(urls, [urls.accessibility]),
            b"</urlset>\n",
        )
    )


def robots(urls: Urls) -> bytes:
    """Return robots.txt: every page may be crawled, and the sitemap says where they are."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {urls.absolute(urls.sitemap)}\n".encode()


def sitemap_files(urls: Urls, councils: Iterable[bytes]) -> Iterator[tuple[str, bytes]]:
    yield urls.sitemap, sitemap(urls, councils)
    yield urls.robots, robots(urls)
