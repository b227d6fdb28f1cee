"""Render the derived site through the Jinja theme into page files.

Rendering is a pure function of the site view: the same view gives the same
bytes. Content reaches templates only as values, autoescaped, so text that looks
like template code is shown as text.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from ..derive.views import Link, PlanView, SiteView

_PACKAGE = Path(__file__).resolve().parent.parent
# In a checkout the theme is the project's templates/; an installed wheel carries it as actionplan/theme.
DEFAULT_THEME = next((p for p in (_PACKAGE.parent / "templates", _PACKAGE / "theme") if p.is_dir()), _PACKAGE / "theme")


@dataclass(frozen=True)
class Page:
    """One HTML page: where it goes, which template draws it, and what it shows."""

    url: str  # site-relative folder URL such as "harlow/cpc-2023/", or a file such as "404.html"
    template: str
    title: str
    breadcrumbs: tuple[Link, ...]
    values: dict[str, Any]

    @property
    def path(self) -> str:
        return self.url + "index.html" if self.url == "" or self.url.endswith("/") else self.url


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
    env.filters["url"] = _relative_url
    return env


@jinja2.pass_context
def _relative_url(context: jinja2.runtime.Context, target: str) -> str:
    """Return ``target`` (site-relative) as a link that works from the current page."""
    if "://" in target or target.startswith(("mailto:", "tel:", "#")):
        return target
    root: str = context["root"]
    return root + target if target else root or "./"


def _root_for(url: str, base_path: str) -> str:
    """Return the prefix that leads from the page at ``url`` back to the site root."""
    if url == "404.html":  # served at any depth, so it needs root-relative links
        return base_path
    folder = posixpath.dirname(url.rstrip("/")) if not url.endswith("/") else url.rstrip("/")
    depth = len([p for p in folder.split("/") if p])
    return "../" * depth


def site_pages(view: SiteView) -> Iterator[Page]:
    """Yield every HTML page of the site."""
    site_title = view.site.title
    home = Link("", "Home")
    single = view.councils[0] if len(view.councils) == 1 else None
    yield Page("", "home.html", site_title, (), {"single_council": single})
    for council in view.councils:
        yield Page(council.url, "council.html", f"{council.council.name} – {site_title}", (home,), {"council": council})
        for plan in council.plans:
            yield from _plan_pages(plan, site_title, home, Link(council.url, council.council.short_name))
    yield Page("accessibility/", "accessibility.html", f"Accessibility statement – {site_title}", (home,), {})
    yield Page("404.html", "404.html", f"Page not found – {site_title}", (home,), {})


def _plan_pages(plan: PlanView, site_title: str, home: Link, council: Link) -> Iterator[Page]:
    name = plan.council.name
    crumbs = (home, council)
    yield Page(plan.url, "plan.html", f"{plan.plan.title} – {name} – {site_title}", crumbs, {"plan": plan})
    yield Page(plan.url + "embed/", "embed.html", f"Progress summary: {plan.plan.title} – {name}", (), {"plan": plan})
    plan_link = Link(plan.url, plan.plan.title)
    for rec in plan.recommendations:
        yield Page(
            rec.url,
            "recommendation.html",
            f"{rec.heading} – {plan.plan.title} – {name} – {site_title}",
            (*crumbs, plan_link),
            {"plan": plan, "rec": rec},
        )


def base_path(base_url: str | None) -> str:
    """Return the path part of the site's address, as a web host serves it: "/plans/"."""
    return "/" + base_url.split("://", 1)[-1].partition("/")[2] if base_url else "/"


def render_pages(view: SiteView, env: jinja2.Environment) -> dict[str, bytes]:
    """Return every page's output path and bytes."""
    base = view.site.base_url
    root_path = base_path(base)
    files: dict[str, bytes] = {}
    for page in site_pages(view):
        template = env.get_template(page.template)
        html = template.render(
            site=view,
            page=page,
            root=_root_for(page.url, root_path),
            canonical=(base + page.url) if base and page.url != "404.html" else None,
            **page.values,
        )
        files[page.path] = html.encode("utf-8")
    return files
