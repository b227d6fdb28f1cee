"""The one map of addresses: every output path and every link the site has.

Every stage shares it, as it shares ``errors``: sources ask it which names an output
already takes, derive and render which address each page has, publish which file
marks a site.

An *address* is site-relative: "" is the home page, a folder address ends in "/"
("harlow/cpc-2023/"), and a file address names the file ("data/actions.csv").
Derive, render, exports and the templates ask this module for addresses and turn
them into files (``file``), links from a page (``link``) or full URLs under
``base_url`` (``absolute``); none of them builds a path itself. A test checks that
every file a build writes is one that ``site_files`` lists.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .model import Site

HOME = ""
ACCESSIBILITY = "accessibility/"
NOT_FOUND = "404.html"  # served for any missing address, at any depth
FEED = "feed.xml"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
PLANS_JSON = "data/plans.json"
PLANS_CSV = "data/plans.csv"
ACTIONS_JSON = "data/actions.json"
ACTIONS_CSV = "data/actions.csv"
UPDATES_CSV = "data/updates.csv"
ASSETS = "assets/"
THEME_CSS = ASSETS + "theme.css"  # written by the build from the brand colour
LOGO = ASSETS + "logo"  # and the suffix of the file site.yaml names
SCHEMAS = "schema/"
INDEX = "index.html"  # the file that a folder address is
PLAN_FEED = "feed.xml"  # inside a plan's folder, as are the five below
EMBED = "embed/"
PLAN_ACTIONS_CSV = "actions.csv"
PLAN_ACTIONS_JSON = "actions.json"
PLAN_CALENDAR = "deadlines.ics"
PLAN_BADGE = "badge.svg"
REPORTS = "reports/"  # a plan's reports, each in a folder named by its date: reports/2026-02-10/
REPORT_CSV = "report.csv"  # inside a report's folder, as is its print stylesheet
REPORT_PRINT_CSS = "print.css"
ACTION_ANCHOR = "action-"
SITE_MARKER = ".actionplan-site"  # written by publish: the next build may replace a folder that holds it
# The JSON Schemas published under schema/: the content format's (which sources/ checks files against)
# and the data files'.
SCHEMA_NAMES = ("plan", "council", "site")
EXPORT_SCHEMA_NAMES = ("actions", "plans")

_SITE_ADDRESSES = (HOME, ACCESSIBILITY, NOT_FOUND, FEED, SITEMAP, ROBOTS, PLANS_JSON, ASSETS, SCHEMAS)
_PLAN_FILES = (INDEX, PLAN_FEED, EMBED, PLAN_ACTIONS_CSV, PLAN_ACTIONS_JSON, PLAN_CALENDAR, PLAN_BADGE, REPORTS)


def normalise_base_url(base_url: str | None) -> str | None:
    """Return the site's address with one trailing slash, or None when it has none."""
    text = (base_url or "").strip().rstrip("/")
    return text + "/" if text else None


def file(address: str) -> str:
    """Return the output file an address is: a folder address is its index.html."""
    return address + INDEX if address == HOME or address.endswith("/") else address


def _first_segment(address: str) -> str:
    return file(address).split("/", 1)[0]


def reserved_segments(level: str) -> frozenset[str]:
    """Return the names that a folder or id at ``level`` must not take, because an output has them.

    ``level`` is "council" (a council folder: the top of the site), "plan" (a plan file's
    name, inside its council's folder) or "recommendation" (a recommendation id, inside
    its plan's folder). A name in this set would overwrite, or be overwritten by, another output.
    """
    if level == "council":
        return frozenset(_first_segment(a) for a in _SITE_ADDRESSES)
    if level == "plan":
        return frozenset({INDEX})
    if level == "recommendation":
        return frozenset(_first_segment(a) for a in _PLAN_FILES)
    raise ValueError(f"no such level: {level}")


@dataclass(frozen=True)
class Urls:
    """The addresses of one site, and how to link to them from a page or from outside."""

    base_url: str | None  # normalised: "https://example.gov.uk/plans/", or None

    @classmethod
    def for_site(cls, base_url: str | None) -> Urls:
        return cls(normalise_base_url(base_url))

    home = HOME
    accessibility = ACCESSIBILITY
    not_found = NOT_FOUND
    feed = FEED
    sitemap = SITEMAP
    robots = ROBOTS
    plans_json = PLANS_JSON
    plans_csv = PLANS_CSV
    actions_json = ACTIONS_JSON
    actions_csv = ACTIONS_CSV
    updates_csv = UPDATES_CSV
    theme_css = THEME_CSS

    @staticmethod
    def asset(name: str) -> str:
        """Return the address of a theme asset, e.g. "style.css"."""
        return ASSETS + name

    @staticmethod
    def schema(name: str) -> str:
        return f"{SCHEMAS}{name}.schema.json"

    @staticmethod
    def logo(suffix: str) -> str:
        return LOGO + suffix

    @staticmethod
    def council(council: str) -> str:
        return f"{council}/"

    @staticmethod
    def plan(council: str, plan: str) -> str:
        return f"{council}/{plan}/"

    def plan_feed(self, council: str, plan: str) -> str:
        return self.plan(council, plan) + PLAN_FEED

    def embed(self, council: str, plan: str) -> str:
        return self.plan(council, plan) + EMBED

    def plan_actions_csv(self, council: str, plan: str) -> str:
        return self.plan(council, plan) + PLAN_ACTIONS_CSV

    def plan_actions_json(self, council: str, plan: str) -> str:
        return self.plan(council, plan) + PLAN_ACTIONS_JSON

    def plan_calendar(self, council: str, plan: str) -> str:
        return self.plan(council, plan) + PLAN_CALENDAR

    def plan_badge(self, council: str, plan: str) -> str:
        return self.plan(council, plan) + PLAN_BADGE

    def report(self, council: str, plan: str, day: str) -> str:
        """Return a report's permanent address: its plan's, then reports/ and the report's date as written
        (2026-02-10, or 2024-02 for a report the source dates by its month)."""
        return f"{self.plan(council, plan)}{REPORTS}{day}/"

    def report_csv(self, council: str, plan: str, day: str) -> str:
        return self.report(council, plan, day) + REPORT_CSV

    def report_print_css(self, council: str, plan: str, day: str) -> str:
        """Return the stylesheet that puts the report's title and date in the running header of its print."""
        return self.report(council, plan, day) + REPORT_PRINT_CSS

    def recommendation(self, council: str, plan: str, recommendation: str) -> str:
        return f"{self.plan(council, plan)}{recommendation}/"

    @staticmethod
    def action_anchor(action: str) -> str:
        """Return the id of the action's element on its recommendation's page."""
        return ACTION_ANCHOR + action

    def action(self, recommendation_address: str, action: str) -> str:
        return f"{recommendation_address}#{self.action_anchor(action)}"

    @staticmethod
    def update_anchor(action: str, update: str) -> str:
        """Return the id of an update's element: its action's, "--" (which no id contains) and the update's id."""
        return f"{ACTION_ANCHOR}{action}--update-{update}"

    def update(self, recommendation_address: str, action: str, update: str) -> str:
        return f"{recommendation_address}#{self.update_anchor(action, update)}"

    def feed_entry(self, action_address: str, update: str) -> str:
        """Return the id of an update's feed entry: the action's address and the update's own id."""
        return f"{self.absolute(action_address)}/update-{update}"

    def calendar_uid(self, action_address: str) -> str:
        """Return the UID of the calendar event for an action's deadline: the action's full address."""
        return f"{self.absolute(action_address)}/deadline"

    @property
    def is_absolute(self) -> bool:
        """Whether the site has a base_url: feeds, calendars and the sitemap name things by full address."""
        return self.base_url is not None

    def absolute(self, address: str) -> str:
        """Return the address as a full URL under base_url; site-relative when the site has none."""
        return (self.base_url or "") + address

    def canonical(self, address: str) -> str | None:
        """Return the page's canonical URL; None without base_url, and for the page served at any address."""
        return self.absolute(address) if self.base_url and address != NOT_FOUND else None

    @property
    def base_path(self) -> str:
        """Return the path part of base_url, as a web host serves it: "/plans/"."""
        return base_path(self.base_url)

    def link(self, address: str, page: str) -> str:
        """Return a link to ``address`` that works from the page at address ``page``."""
        root = self.base_path if page == NOT_FOUND else _way_up(page)  # the 404 page is served at any depth
        return root + address if address else root or "./"

    def site_files(self, site: Site, assets: Iterable[str]) -> Iterator[str]:
        """Yield every file a build of ``site`` writes, given the names of the theme's assets."""
        site_wide = (HOME, ACCESSIBILITY, NOT_FOUND, PLANS_JSON, PLANS_CSV, ACTIONS_JSON, ACTIONS_CSV, UPDATES_CSV)
        yield from (file(a) for a in site_wide)
        yield SITE_MARKER
        if self.is_absolute:
            yield from (FEED, SITEMAP, ROBOTS)
        yield from (self.asset(name) for name in assets)
        yield THEME_CSS
        if site.logo:
            yield self.logo(site.logo.suffix)
        yield from (self.schema(name) for name in (*SCHEMA_NAMES, *EXPORT_SCHEMA_NAMES))
        for council in site.councils:
            yield file(self.council(council.slug))
            for plan in council.plans:
                c, p = council.slug, plan.slug
                yield from (file(self.plan(c, p)), file(self.embed(c, p)), self.plan_badge(c, p))
                yield from (self.plan_actions_csv(c, p), self.plan_actions_json(c, p))
                if self.is_absolute:
                    yield from (self.plan_feed(c, p), self.plan_calendar(c, p))
                yield from (file(self.recommendation(c, p, r.id)) for r in plan.recommendations)
                for day in (report.written for report in plan.reports):
                    yield from (file(self.report(c, p, day)), self.report_csv(c, p, day))
                    yield self.report_print_css(c, p, day)


@functools.lru_cache(maxsize=64)  # a page links to a dozen addresses or more, and pages are drawn one by one
def _way_up(page: str) -> str:
    """Return the relative way from the page at address ``page`` up to the site's root: "../../"."""
    folder = page.rstrip("/") if page.endswith("/") else posixpath.dirname(page)
    return "../" * len([p for p in folder.split("/") if p])


def base_path(base_url: str | None) -> str:
    """Return the path part of a site's address, as a web host serves it: "/plans/"."""
    normal = normalise_base_url(base_url)
    return "/" + normal.split("://", 1)[-1].partition("/")[2] if normal else "/"
