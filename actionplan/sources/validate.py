"""Turn parsed content into the immutable model, checking what a schema cannot.

Schema problems were recorded while loading; here we read values leniently (a
field with the wrong shape is simply skipped, it has been reported already) so
that every remaining problem — unknown statuses, duplicate ids, impossible dates,
dangling references — is found in the same run.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import replace
from pathlib import PurePosixPath

from ..addresses import reserved_segments
from ..errors import Problem, Severity, did_you_mean, one_per_mistake
from ..model import Accessibility, Action, Council, Group, Logo, Owner, Plan, Recommendation, Site, Source, Update
from ..model.colours import contrast
from ..model.dates import WrittenDate, parse_deadline, read_date
from ..model.ids import action_id, update_id
from ..model.progress import ReportDate
from ..model.statuses import CATEGORIES, CustomStatus, Status, StatusWords, build_status_words
from .files import Content, CouncilFiles, Document
from .messages import DATE_FORMS, DUE_NOT_UNDERSTOOD, MONTH_FORMS, date_mistake
from .reports import read_membership, read_reports
from .yamlnodes import Mapping, Node, Scalar, Sequence

DEFAULT_BRAND_COLOUR = "#1d4f73"
MIN_BRAND_CONTRAST = 4.5


class _File:
    """Lenient, located access to one document's values."""

    def __init__(self, doc: Document, problems: list[Problem]) -> None:
        self.shown = doc.shown
        self.problems = problems

    def report(self, node: Node, message: str, hint: str = "", severity: Severity = Severity.ERROR) -> None:
        self.problems.append(Problem(self.shown, node.line, node.col, severity, message, hint))

    def warn(self, node: Node, message: str, hint: str = "") -> None:
        self.report(node, message, hint, Severity.WARNING)

    @staticmethod
    def text(node: Node | None, key: str) -> str | None:
        """Return the field's text without surrounding spaces, or None when it has none (or is not text)."""
        if isinstance(node, Mapping):
            value = node.fields.get(key)
            if isinstance(value, Scalar) and value.kind != "null":
                return value.text.strip() or None
        return None

    @staticmethod
    def items(node: Node | None, key: str) -> tuple[Node, ...]:
        value = node.fields.get(key) if isinstance(node, Mapping) else None
        return value.items if isinstance(value, Sequence) else ()

    @staticmethod
    def mappings(node: Node | None, key: str) -> Iterator[Mapping]:
        return (item for item in _File.items(node, key) if isinstance(item, Mapping))

    def written_date(self, node: Node | None, key: str, month_is_enough: bool) -> WrittenDate | None:
        """Read a date field by the one rule all date fields share; report a date that is not a real one."""
        text = self.text(node, key)
        if text is None or not isinstance(node, Mapping):
            return None
        found = read_date(text, month_is_enough)
        if isinstance(found, WrittenDate):
            return found
        value = node.get(key)
        assert value is not None
        self.report(value, *date_mistake(key, text, found, MONTH_FORMS if month_is_enough else DATE_FORMS))
        return None

    def date(self, node: Node | None, key: str) -> datetime.date | None:
        """A day: 2025-02-28, 28/02/2025 or 28 February 2025."""
        found = self.written_date(node, key, month_is_enough=False)
        return found.date if found else None


def _partial_date(f: _File, node: Mapping, key: str) -> str | None:
    """Return a day or, where a month is enough, a month, as ISO text (2025-02-28 or 2025-02)."""
    found = f.written_date(node, key, month_is_enough=True)
    return found.iso if found else None


def _status_words(f: _File, node: Mapping) -> StatusWords:
    custom: list[CustomStatus] = []
    value = node.get("statuses")
    for key, entry in value.pairs if isinstance(value, Mapping) else ():
        counts_as = f.text(entry, "counts_as")
        if key.text in CATEGORIES and counts_as and counts_as != key.text:
            f.report(
                key,
                f'"{key.text}" is a standard status and always counts as itself',
                'remove "counts_as", or give the status a new name',
            )
        elif key.text not in CATEGORIES and not counts_as:
            f.report(
                key,
                f'the plan\'s own status "{key.text}" needs "counts_as"',
                "say which standard status it counts as: " + ", ".join(CATEGORIES),
            )
        aliases = tuple(a.text for a in f.items(entry, "aliases") if isinstance(a, Scalar) and a.text.strip())
        custom.append(CustomStatus(key.text, f.text(entry, "label"), aliases, counts_as))
    return build_status_words(tuple(custom))


def _status(f: _File, node: Mapping, words: StatusWords) -> Status | None:
    text = f.text(node, "status")
    if text is None:
        return None
    status = words.lookup(text)
    if status is None:
        value = node.get("status")
        assert value is not None
        f.report(value, f'unknown status "{text}"', did_you_mean(text, words.choices(), words.all_words()))
    return status


class _PlanReader:
    """Build one plan, collecting problems on the way."""

    def __init__(self, f: _File, words: StatusWords) -> None:
        self.f = f
        self.words = words
        self.action_ids: dict[str, int] = {}
        self.shared: list[tuple[str, str, Scalar]] = []  # (giver, covered, where the covered id is written)

    def updates(self, node: Mapping) -> tuple[Update, ...]:
        dated: list[tuple[ReportDate, Mapping]] = []
        for entry in self.f.mappings(node, "updates"):
            written = self.f.written_date(entry, "date", month_is_enough=True)
            if written is None:
                continue
            when = ReportDate.parse(written.iso)  # a month stands for its last day, when all of it is known
            if dated and when.last < dated[-1][0].last:
                self.f.warn(
                    entry,
                    f"this update ({when.text}) is older than the one before it ({dated[-1][0].text})",
                    "list updates oldest first",
                )
            dated.append((when, entry))
        written_dates = [when.text for when, _ in dated]
        updates: list[Update] = []
        seen: dict[str, int] = {}
        for when, entry in dated:
            note = self.f.text(entry, "note") or ""
            update = Update(
                update_id(when.text, note, written_dates.count(when.text) > 1),
                when.last,
                _status(self.f, entry, self.words),
                note,
                self.f.text(entry, "source"),
                _sources(self.f, entry),
                is_month=when.is_month,
            )
            if update.id in seen:
                self.f.report(
                    entry,
                    f"this update repeats the one on line {seen[update.id]}: same date ({when.text}), same note",
                    "remove one of them, or say in its note what is new",
                )
            seen.setdefault(update.id, entry.line)
            updates.append(update)
        return tuple(updates)

    def _action_id(self, entry: Mapping, parent_id: str, parent_label: str | None, label: str | None) -> str:
        """Return the action's own id, or the one its label or words give; report one used twice."""
        given = self.f.text(entry, "id")
        text = self.f.text(entry, "text") or ""
        made = given or action_id(parent_id, parent_label, label, text)
        where = entry.get("id") or entry.get("label" if label else "text") or entry
        if not made:
            if text:  # a missing text was reported already
                self.f.report(where, "cannot make an id for this action from its words", 'add "id:" to name it')
            return ""
        if made in self.action_ids:
            first = self.action_ids[made]
            if given:
                message = f'action id "{made}" is used twice (first on line {first})'
                self.f.report(where, message, 'give one of them its own "id"')
            else:
                how = "label gives" if label else "first words give"
                self.f.report(
                    where,
                    f'this action\'s {how} it the id "{made}", which the action on line {first} has too',
                    f'add "id:" to one of them to name it yourself, e.g. "id: {made}-b"',
                )
        self.action_ids.setdefault(made, where.line)
        return made

    def actions(
        self,
        node: Mapping,
        parent_id: str,
        parent_label: str | None,
        lead: str | None,
        parent: str | None,
        membership: tuple[datetime.date | None, datetime.date | None] = (None, None),
    ) -> tuple[Action, ...]:
        result = []
        for entry in self.f.mappings(node, "actions"):
            added, withdrawn, withdrawn_reason = read_membership(self.f, entry, membership)
            label = self.f.text(entry, "label")
            action_id = self._action_id(entry, parent_id, parent_label, label)
            action_lead = self.f.text(entry, "lead") or lead
            due = self.f.text(entry, "due")
            deadline = parse_deadline(due or "")
            if due and not deadline.is_understood:
                due_node = entry.get("due")
                assert due_node is not None
                if deadline.no_such_date:
                    self.f.report(due_node, *date_mistake("due", due, deadline.no_such_date, DATE_FORMS))
                else:
                    self.f.warn(due_node, *DUE_NOT_UNDERSTOOD.say(due=due))
            result.append(
                Action(
                    id=action_id,
                    label=label,
                    text=self.f.text(entry, "text") or "",
                    lead=action_lead,
                    due=due,
                    deadline=deadline,
                    status=_status(self.f, entry, self.words),
                    status_text=self.f.text(entry, "status_text"),
                    updates=self.updates(entry),
                    actions=self.actions(entry, action_id, label, action_lead, action_id, (added, withdrawn)),
                    parent=parent,
                    notes=self.f.text(entry, "notes") or "",
                    progress_note=self.f.text(entry, "progress_note") or "",
                    is_heading=self.heading(entry),
                    status_shared_with=self.status_covers(entry, action_id),
                    added=added,
                    withdrawn=withdrawn,
                    withdrawn_reason=withdrawn_reason,
                )
            )
        return tuple(result)

    def heading(self, entry: Mapping) -> bool:
        """Return whether the entry is a heading over sub-actions; a heading reports no progress of its own."""
        flag = entry.get("heading")
        if not (isinstance(flag, Scalar) and flag.kind == "bool" and flag.text.casefold() == "true"):
            return False
        for field in _ACTION_ONLY_FIELDS:
            if (value := entry.key_node(field)) is not None:
                self.f.report(
                    value,
                    f'a heading is not an action, so it cannot have "{field}"',
                    f'move "{field}" to the actions under it, or remove "heading: true"',
                )
        if not self.f.items(entry, "actions"):
            hint = 'list them under "actions:", or remove "heading: true"'
            self.f.warn(flag, "this heading has no actions under it", hint)
        return True

    def status_covers(self, entry: Mapping, action_id: str) -> tuple[str, ...]:
        """Remember which other actions this action's status also covers; they are linked once all are read."""
        covered = tuple(
            (item.text, item) for item in self.f.items(entry, "status_covers") if isinstance(item, Scalar) and item.text
        )
        if covered and _File.text(entry, "status") is None:
            value = entry.key_node("status_covers")
            assert value is not None
            self.f.report(value, "this action gives no status to share", 'add "status:", or remove "status_covers"')
            return ()
        self.shared.extend((action_id, other, node) for other, node in covered)
        return tuple(other for other, _ in covered)

    def share_statuses(self, recs: tuple[Recommendation, ...]) -> tuple[Recommendation, ...]:
        """Give every action covered by another's status that status, and link both ways."""
        by_id = {a.id: a for rec in recs for top in rec.actions for a in top.walk()}
        rec_of = {a.id: rec.id for rec in recs for top in rec.actions for a in top.walk()}
        givers: dict[str, Action] = {}
        for giver_id, other, node in self.shared:
            target = by_id.get(other)
            if target is None or other == giver_id:
                hint = "name another action" if other == giver_id else did_you_mean(other, by_id)
                self.f.report(node, f'"status_covers" names action "{other}", which this plan does not have', hint)
            elif rec_of[other] != rec_of.get(giver_id):
                self.f.report(
                    node,
                    f'action "{other}" is under another recommendation',
                    "one status can cover actions of the same recommendation only",
                )
            elif target.status is not None or target.is_heading or other in givers:
                self.f.report(node, f'action "{other}" already has a status of its own', "remove it from this list")
            else:
                givers[other] = by_id[giver_id]
        if not givers:
            return recs

        def fix(action: Action) -> Action:
            children = tuple(fix(a) for a in action.actions)
            giver = givers.get(action.id)
            if giver is None:
                return replace(action, actions=children)
            shared = (giver.id, *(i for i in giver.status_shared_with if i != action.id))
            return replace(
                action, actions=children, status=giver.status, status_text=giver.status_text, status_shared_with=shared
            )

        return tuple(replace(rec, actions=tuple(fix(a) for a in rec.actions)) for rec in recs)


_ACTION_ONLY_FIELDS = ("due", "status", "status_text", "status_covers", "updates", "progress_note")


def _sources(f: _File, node: Mapping) -> tuple[Source, ...]:
    return tuple(
        Source(f.text(entry, "title") or "", _partial_date(f, entry, "date"), f.text(entry, "url"))
        for entry in f.mappings(node, "sources")
    )


def _groups(f: _File, node: Mapping) -> tuple[Group, ...]:
    groups: dict[str, Group] = {}
    for entry in f.mappings(node, "groups"):
        group_id = f.text(entry, "id")
        if group_id is None:
            continue
        if group_id in groups:
            f.report(entry.get("id") or entry, f'group id "{group_id}" is used twice', "give each group its own id")
        groups.setdefault(
            group_id, Group(group_id, f.text(entry, "title") or group_id, f.text(entry, "description") or "")
        )
    return tuple(groups.values())


def _recommendations(
    f: _File, node: Mapping, groups: tuple[Group, ...], reader: _PlanReader
) -> tuple[Recommendation, ...]:
    recs: dict[str, Recommendation] = {}
    nodes: dict[str, Mapping] = {}
    group_ids = [g.id for g in groups]
    for entry in f.mappings(node, "recommendations"):
        rec_id = f.text(entry, "id")
        if rec_id is None:
            continue
        if rec_id in recs:
            f.report(
                entry.get("id") or entry,
                f'recommendation id "{rec_id}" is used twice (first on line {nodes[rec_id].line})',
                "give each recommendation its own id",
            )
            continue
        if rec_id in reserved_segments("recommendation"):
            f.report(
                entry.get("id") or entry,
                f'recommendation id "{rec_id}" cannot be used: the plan has its own page or file at that address',
                f'choose another id, e.g. "{rec_id.partition(".")[0]}-1"',
            )
        group = f.text(entry, "group")
        if group and group not in group_ids:
            f.report(
                entry.get("group") or entry,
                f'unknown group "{group}"',
                did_you_mean(group, group_ids) if group_ids else 'list the plan\'s groups under "groups:"',
            )
        elif groups and not group:
            f.report(
                entry,
                "this plan has groups, but this recommendation names none",
                'add "group: " with one of: ' + ", ".join(group_ids),
            )
        lead = f.text(entry, "lead")
        nodes[rec_id] = entry
        recs[rec_id] = Recommendation(
            id=rec_id,
            label=f.text(entry, "label"),
            title=f.text(entry, "title") or "",
            group=group if group in group_ids else None,
            detail=f.text(entry, "detail") or "",
            position=f.text(entry, "position") or "",
            lead=lead,
            covered_by=f.text(entry, "covered_by"),
            actions=reader.actions(entry, rec_id, f.text(entry, "label"), lead, None),
            notes=f.text(entry, "notes") or "",
        )
    for rec in recs.values():
        target = rec.covered_by
        if target and (target == rec.id or target not in recs):
            where = nodes[rec.id].get("covered_by") or nodes[rec.id]
            if target == rec.id:
                f.report(where, "a recommendation cannot be covered by itself", "name another recommendation's id")
            else:
                f.report(
                    where,
                    f'"covered_by" names recommendation "{target}", which this plan does not have',
                    did_you_mean(target, recs),
                )
        elif not rec.actions and not target:
            f.warn(
                nodes[rec.id],
                f'recommendation "{rec.id}" has no actions',
                'add its actions, or "covered_by:" the recommendation whose actions address it',
            )
    return tuple(recs.values())


def _plan(doc: Document, council: str, problems: list[Problem]) -> Plan | None:
    if not isinstance(doc.node, Mapping):
        return None
    f, node = _File(doc, problems), doc.node
    words = _status_words(f, node)
    groups = _groups(f, node)
    reader = _PlanReader(f, words)
    recommendations = reader.share_statuses(_recommendations(f, node, groups, reader))
    review_date = _partial_date(f, node, "review_date")
    return Plan(
        slug=doc.path.stem,
        council=council,
        title=f.text(node, "title") or doc.path.stem,
        review=f.text(node, "review"),
        review_date=review_date,
        published=f.date(node, "published"),
        updated=_partial_date(f, node, "updated"),
        report_url=f.text(node, "report_url"),
        summary=f.text(node, "summary") or "",
        statuses=words.statuses,
        groups=groups,
        recommendations=recommendations,
        source=doc.shown,
        notes=f.text(node, "notes") or "",
        sources=_sources(f, node),
        reports=read_reports(f, node, review_date),
    )


def _site(doc: Document | None, logo: bytes | None, councils: tuple[Council, ...], problems: list[Problem]) -> Site:
    node = doc.node if doc and isinstance(doc.node, Mapping) else Mapping((), 1, 1, {})
    f = _File(doc, problems) if doc else None
    owner, theme, a11y = node.get("owner"), node.get("theme"), node.get("accessibility")
    colour = _File.text(theme, "brand_colour") or DEFAULT_BRAND_COLOUR
    if f and isinstance(theme, Mapping) and (colour_node := theme.get("brand_colour")) is not None:
        if len(colour) == 7 and (ratio := contrast(colour, "#ffffff")) < MIN_BRAND_CONTRAST:
            f.report(
                colour_node,
                f"brand colour {colour} has a contrast of {ratio:.2f}:1 with white text; "
                f"it needs at least {MIN_BRAND_CONTRAST}:1",
                "choose a darker colour",
            )
    site_owner = Owner(*(_File.text(owner, k) for k in ("name", "email", "phone", "url")))
    prepared = f.date(a11y, "prepared") if f else None
    last_reviewed = f.date(a11y, "last_reviewed") if f else None
    base_url_node = node.get("base_url")
    if f and base_url_node is not None:
        missing = [
            what
            for what, given in (
                ("who runs the site (owner: name)", site_owner.name),
                ("a contact (owner: email, phone or url)", site_owner.email or site_owner.phone or site_owner.url),
                ("when it was prepared (accessibility: prepared)", prepared),
                ("when it was last reviewed (accessibility: last_reviewed)", last_reviewed),
            )
            if not given
        ]
        if missing:
            f.warn(
                base_url_node,
                "the site is published, but its accessibility statement does not say " + "; ".join(missing),
                "add them to site.yaml: a published statement must name its owner, a contact and its dates",
            )
    return Site(
        title=_File.text(node, "title") or "Council action plans",
        base_url=_File.text(node, "base_url"),
        language=_File.text(node, "language") or "en-GB",
        owner=site_owner,
        brand_colour=colour.lower(),
        logo=Logo(PurePosixPath(logo_name).suffix.lower(), logo)
        if logo is not None and (logo_name := _File.text(theme, "logo"))
        else None,
        accessibility=Accessibility(
            prepared=prepared,
            last_reviewed=last_reviewed,
            tested_by=_File.text(a11y, "tested_by"),
            non_accessible=_File.text(a11y, "non_accessible") or "",
        ),
        councils=councils,
    )


def validate_council(files: CouncilFiles, problems: list[Problem]) -> Council:
    """Return a council and its plans, adding the problems found to ``problems`` (a plan with errors is left out).

    A council needs nothing but its own files, so each can be checked apart (in another process, or taken
    from the cache of an earlier build).
    """
    node = files.council.node
    plans = tuple(plan for doc in files.plans if (plan := _plan(doc, files.slug, problems)))
    name = _File.text(node, "name") or files.slug
    return Council(
        slug=files.slug,
        name=name,
        short_name=_File.text(node, "short_name") or name,
        website=_File.text(node, "website"),
        plans=plans,
    )


def validate_site(doc: Document | None, logo: bytes | None, problems: list[Problem]) -> Site:
    """Return site.yaml's settings, with no councils yet, adding the problems found to ``problems``."""
    return _site(doc, logo, (), problems)


def validate(content: Content) -> tuple[Site, list[Problem]]:
    """Return the model and every problem found (load problems included)."""
    problems = list(content.problems)
    councils = tuple(validate_council(files, problems) for files in content.councils)
    site = _site(content.site, content.logo, councils, problems)
    return site, one_per_mistake(problems)
