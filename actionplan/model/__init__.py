"""The validated content: immutable values that every later stage reads.

Nothing here knows about files, YAML or HTML. Text fields marked *markdown* hold
the source text; rendering happens later.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from .dates import Deadline
from .statuses import Status


def as_written(day: datetime.date, is_month: bool) -> str:
    """Return a date that stands for ``day`` as the source wrote it: 2026-02-10, or 2024-02 for a month."""
    return day.isoformat()[:7] if is_month else day.isoformat()


@dataclass(frozen=True)
class Source:
    """A document the information comes from: the council's own plan, a committee report."""

    title: str
    date: str | None  # YYYY-MM or YYYY-MM-DD, as the document is dated
    url: str | None


@dataclass(frozen=True)
class Update:
    id: str  # unique within its action: the date as written, and a hash of the note when two share a date
    date: datetime.date  # the day it stands for: for a month, its last day (when all of it is known)
    status: Status | None
    note: str  # markdown
    source: str | None  # a link
    sources: tuple[Source, ...] = ()
    is_month: bool = False  # the source gives only the month ("agreed by Cabinet in May 2019")

    @property
    def written(self) -> str:
        """Return the date as the source gives it, as ISO text: 2025-02-28, or 2019-05 for a month."""
        return as_written(self.date, self.is_month)


@dataclass(frozen=True)
class Action:
    id: str  # unique within the plan, never from a list position (see model/ids.py)
    label: str | None
    text: str  # markdown
    lead: str | None  # after inheritance from the parent action or recommendation
    due: str | None  # as written
    deadline: Deadline
    status: Status | None
    status_text: str | None
    updates: tuple[Update, ...]
    actions: tuple[Action, ...]
    parent: str | None
    notes: str = ""  # markdown, for readers: how the source was read
    progress_note: str = ""  # markdown: progress the source reports without a date
    is_heading: bool = False  # a heading over sub-actions in the source, not an action itself
    status_shared_with: tuple[str, ...] = ()  # ids of other actions the same status statement covers
    added: datetime.date | None = None  # the day it joined the plan; None: it was in the plan from the start
    withdrawn: datetime.date | None = None  # the day it left the plan; it stays in the file, for old reports
    withdrawn_reason: str = ""  # markdown: why it was withdrawn

    def in_plan_on(self, day: datetime.date) -> bool:
        """Whether the action was part of the plan on ``day``: added by then, and not yet withdrawn."""
        return (self.added is None or self.added <= day) and (self.withdrawn is None or day < self.withdrawn)

    def walk(self) -> tuple[Action, ...]:
        """Return this action and all its sub-actions, in the source's order."""
        return (self, *(a for child in self.actions for a in child.walk()))


@dataclass(frozen=True)
class Group:
    id: str
    title: str
    description: str  # markdown


@dataclass(frozen=True)
class Recommendation:
    id: str
    label: str | None
    title: str  # markdown
    group: str | None
    detail: str  # markdown
    position: str  # markdown
    lead: str | None
    covered_by: str | None
    actions: tuple[Action, ...]
    notes: str = ""  # markdown, for readers


REPORT_KINDS = ("committee", "progress-review")  # the first is the default


@dataclass(frozen=True)
class Report:
    """A day the plan's progress was reported: a committee meeting, or the LGA's progress review."""

    date: datetime.date  # the day it stands for: for a month, its last day (when all of it is known)
    title: str  # "Cabinet, 10 February 2026"
    url: str | None  # the committee paper or the review's report
    kind: str = REPORT_KINDS[0]  # one of REPORT_KINDS
    is_month: bool = False  # the source gives only the month ("Updated February 2024")

    @property
    def written(self) -> str:
        """Return the date as the source gives it, as ISO text: 2026-02-10, or 2024-02 for a month."""
        return as_written(self.date, self.is_month)


@dataclass(frozen=True)
class Plan:
    slug: str
    council: str
    title: str
    review: str | None
    review_date: str | None  # YYYY-MM or YYYY-MM-DD
    published: datetime.date | None
    updated: str | None  # YYYY-MM or YYYY-MM-DD: the date progress is "as at"
    report_url: str | None
    summary: str  # markdown
    statuses: tuple[Status, ...]
    groups: tuple[Group, ...]
    recommendations: tuple[Recommendation, ...]
    source: str  # the file it came from, as shown in messages
    notes: str = ""  # markdown, for readers: about the transcription, contradictions, lost labels
    sources: tuple[Source, ...] = ()  # the council's own documents
    reports: tuple[Report, ...] = ()  # oldest first, one a day


@dataclass(frozen=True)
class Council:
    slug: str
    name: str
    short_name: str
    website: str | None
    plans: tuple[Plan, ...]


@dataclass(frozen=True)
class Owner:
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Accessibility:
    prepared: datetime.date | None = None
    last_reviewed: datetime.date | None = None
    tested_by: str | None = None
    non_accessible: str = ""  # markdown


@dataclass(frozen=True)
class Logo:
    suffix: str  # of the file site.yaml names, lower case: ".svg"
    data: bytes


@dataclass(frozen=True)
class Site:
    title: str
    base_url: str | None  # as written; addresses normalises it
    language: str
    owner: Owner
    brand_colour: str
    logo: Logo | None
    accessibility: Accessibility
    councils: tuple[Council, ...]
