"""The six statuses every plan is summarised by, and each plan's own words for them.

Councils write "Green", "Underway" or "Complete – Steering Group in place"; residents
need the same six categories on every plan. A plan may relabel a status, add
aliases, or add its own statuses that count as one of the six.

"In progress" and "On track" are kept apart on purpose: "Underway" says work has
started, "Green" says it is on schedule. Reading the first as the second would put
a claim in the council's mouth.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

CATEGORIES: tuple[str, ...] = ("complete", "in-progress", "on-track", "at-risk", "off-track", "not-started")
# Work has started and is not complete: what a reader calls "in progress", whatever its schedule.
STARTED: tuple[str, ...] = ("in-progress", "on-track", "at-risk", "off-track")

DEFAULT_LABELS = {
    "complete": "Complete",
    "in-progress": "In progress",
    "on-track": "On track",
    "at-risk": "At risk",
    "off-track": "Off track",
    "not-started": "Not started",
}

DEFAULT_ALIASES = {
    "complete": ("Completed", "Done", "Achieved", "Closed", "Blue", "Delivered"),
    "in-progress": ("Underway", "In progress", "Started", "Ongoing", "Under way", "Progressing", "In hand"),
    "on-track": ("On target", "Green"),
    "at-risk": ("Amber", "Some slippage", "Slipping", "Delayed", "Behind schedule"),
    "off-track": ("Red", "Not on track", "Stalled", "Significantly delayed"),
    "not-started": ("Not yet started", "Not due", "Not due to start", "Planned", "Pending"),
}


@dataclass(frozen=True)
class Status:
    """A status as one plan names it, and the standard category it counts as."""

    key: str
    label: str
    category: str

    @property
    def is_complete(self) -> bool:
        return self.category == "complete"


@dataclass(frozen=True)
class StatusWords:
    """Every word a plan's editors may use for a status, mapped to the status."""

    statuses: tuple[Status, ...]
    words: tuple[tuple[str, Status], ...]  # folded, each once
    # The same, by word: a plan's statuses are looked up about 60,000 times at 300 councils.
    by_word: dict[str, Status] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_word", dict(self.words))

    def lookup(self, word: str) -> Status | None:
        return self.by_word.get(_fold(word))

    def choices(self) -> list[str]:
        return [status.key for status in self.statuses]

    def all_words(self) -> list[str]:
        return [word for word, _ in self.words]


@lru_cache(maxsize=1024)  # actions and updates repeat the same few words
def _fold(word: str) -> str:
    return " ".join(word.replace("_", " ").replace("-", " ").split()).casefold()


@dataclass(frozen=True)
class CustomStatus:
    """A plan's ``statuses:`` entry after schema checks."""

    key: str
    label: str | None
    aliases: tuple[str, ...]
    counts_as: str | None


def build_status_words(custom: tuple[CustomStatus, ...]) -> StatusWords:
    """Combine the default statuses with a plan's own ones (custom entries win)."""
    by_key = {c.key: c for c in custom}
    statuses: list[Status] = []
    words: dict[str, Status] = {}
    for key in CATEGORIES:
        entry = by_key.get(key)
        status = Status(key, entry.label if entry and entry.label else DEFAULT_LABELS[key], key)
        statuses.append(status)
        for word in (key, DEFAULT_LABELS[key], status.label, *DEFAULT_ALIASES[key]):
            words.setdefault(_fold(word), status)
    # A new status without counts_as is an error reported by validation; registering it anyway
    # keeps every action that uses it from being reported a second time.
    for entry in (c for c in custom if c.key not in CATEGORIES):
        category = entry.counts_as if entry.counts_as in CATEGORIES else "not-started"
        status = Status(entry.key, entry.label or entry.key.replace("-", " ").capitalize(), category)
        statuses.append(status)
    # The plan's own words take precedence over the defaults' aliases.
    by_key_status = {s.key: s for s in statuses}
    for entry in custom:
        if own := by_key_status.get(entry.key):
            for word in (entry.key, own.label, *entry.aliases):
                words[_fold(word)] = own
    return StatusWords(tuple(statuses), tuple(sorted(words.items())))
