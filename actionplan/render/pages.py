"""Render the derived site through the Jinja theme into page files.

Rendering is a pure function of the site view: the same view gives the same
bytes. Content reaches templates only as values, autoescaped, so text that looks
like template code is shown as text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from ..derive import urls
from ..derive.views import Link, PlanView, SiteView

_PACKAGE = Path(__file__).resolve().parent.parent
# In a checkout the theme is the project's templates/; an installed wheel carries it as actionplan/theme.
DEFAULT_THEME = next((p for p in (_PACKAGE.parent / "templates", _PACKAGE / "theme") if p.is_dir()), _PACKAGE / "theme")


@dataclass(frozen=True)
class Page:
    """One HTML page: where it goes, which template draws it, and what it shows."""

    url: str  # its address in the map (derive/urls.py), such as "harlow/cpc-2023/" or "404.html"
    template: str
    title: str
    breadcrumbs: tuple[Link, ...]
    values: dict[str, Any]


def theme_folders(override: Path | None) -> list[Path]:
    """Return the theme folders, most specific first: a council's overrides, then the default."""
    return [p for p in (override, DEFAULT_THEME) if p is not None]


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Cache compiled templates between runs; keyed by source checksum, it can never change the output."""
    try:
        return jinja2.FileSystemBytecodeCache()
    except (OSError, RuntimeError):  # no private temporary folder: compile every time
        return None


def make_environment(override: Path | None) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(p) for p in theme_folders(override)]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_bytecode_cache(),
    )
    env.filters["url"] = _link
    return env


@jinja2.pass_context
def _link(context: jinja2.runtime.Context, address: str) -> str:
    """Return a link to the site address ``address`` that works from the page being drawn."""
    site: SiteView = context["site"]
    page: Page = context["page"]
    return site.urls.link(address, page.url)


def site_pages(view: SiteView) -> Iterator[Page]:
    """Yield every HTML page of the site."""
    site_title = view.site.title
    home = Link(view.urls.home, "Home")
    single = view.councils[0] if len(view.councils) == 1 else None
    yield Page(view.urls.home, "home.html", site_title, (), {"single_council": single})
    for council in view.councils:
        yield Page(council.url, "council.html", f"{council.council.name} – {site_title}", (home,), {"council": council})
        for plan in council.plans:
            yield from _plan_pages(plan, site_title, home, Link(council.url, council.council.short_name))
    yield Page(view.urls.accessibility, "accessibility.html", f"Accessibility statement – {site_title}", (home,), {})
    yield Page(view.urls.not_found, "404.html", f"Page not found – {site_title}", (home,), {})


def _plan_pages(plan: PlanView, site_title: str, home: Link, council: Link) -> Iterator[Page]:
    name = plan.council.name
    crumbs = (home, council)
    yield Page(plan.url, "plan.html", f"{plan.plan.title} – {name} – {site_title}", crumbs, {"plan": plan})
    yield Page(plan.embed_url, "embed.html", f"Progress summary: {plan.plan.title} – {name}", (), {"plan": plan})
    plan_link = Link(plan.url, plan.plan.title)
    for rec in plan.recommendations:
        yield Page(
            rec.url,
            "recommendation.html",
            f"{rec.heading} – {plan.plan.title} – {name} – {site_title}",
            (*crumbs, plan_link),
            {"plan": plan, "rec": rec},
        )


def render_pages(view: SiteView, env: jinja2.Environment) -> dict[str, bytes]:
    """Return every page's output path and bytes."""
    files: dict[str, bytes] = {}
    for page in site_pages(view):
        template = env.get_template(page.template)
        html = template.render(
            site=view, urls=view.urls, page=page, canonical=view.urls.canonical(page.url), **page.values
        )
        files[urls.file(page.url)] = html.encode("utf-8")
    return files
