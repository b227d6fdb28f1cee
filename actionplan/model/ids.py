"""How actions and updates get ids that never depend on their place in a list.

An id is part of a web address, an export row and a feed entry, so it must stay the
same when other actions are inserted, removed or reordered around it. The rules are
written down in docs/content-format.md, "Action ids".
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from slugify import slugify

TEXT_ID_LENGTH = 40  # characters of the action's first words, cut at a word
# Characters of an action's text that usually slug to more than TEXT_ID_LENGTH (99 % of the 26,000 actions at
# N = 300 do): then the rest need not be read. Slugging costs about as much again for each 40 characters more.
_ENOUGH_TEXT = TEXT_ID_LENGTH + 8
NOTE_HASH_LENGTH = 6
_APOSTROPHES = [["'", ""], ["\u2019", ""]]  # "council's" → "councils", not "council-s"
_LINK_TARGET = re.compile(r"\]\([^)]*\)")  # keep a markdown link's words, drop its address


def slug(text: str) -> str:
    """Return ``text`` as a URL-safe slug: "a) ii)" → "a-ii", "4." → "4", "Môn" → "mon"."""
    return slugify(text, replacements=_APOSTROPHES)


@lru_cache(maxsize=4096)  # every plan repeats the same few labels ("1.", "a)") under the same few parents
def label_part(label: str, parent_label: str | None) -> str:
    """Return the part of an id a printed label gives, without the parent's numbering it repeats.

    "4. a." under "4." gives "a", and "a) ii)" under "a)" gives "ii": the parent's id already says it.
    """
    part = slug(label)
    parent = slug(parent_label) if parent_label else ""
    if parent and part.startswith(parent + "-"):
        return part.removeprefix(parent + "-")
    return part


def text_part(text: str) -> str:
    """Return a short slug of the action's first words: the default when it has neither id nor label."""
    words = _first_words(_LINK_TARGET.sub("]", text))
    if len(words) <= TEXT_ID_LENGTH:
        return words
    head = words[: TEXT_ID_LENGTH + 1]  # one more, to see whether the cut falls between words
    return head.rsplit("-", 1)[0] if "-" in head else head[:TEXT_ID_LENGTH]


def _first_words(text: str) -> str:
    """Return ``slug(text)``, or a slug of its first words that ``slug(text)`` starts with, longer than an id needs.

    A long text is cut at a space: every step of the slug reads a character where it stands (a space always
    ends a word), except numeric references ("&#38;"), which it decodes all or none, and, for text that is
    not ASCII, transliteration, whose output may form one.
    """
    cut = text.find(" ", _ENOUGH_TEXT)
    if cut != -1 and text.isascii() and "&#" not in text:
        words = slug(text[:cut])
        if len(words) > TEXT_ID_LENGTH:
            return words
    return slug(text)


def action_id(parent_id: str, parent_label: str | None, label: str | None, text: str) -> str:
    """Return the id of an action that names none, or "" when neither its label nor its text gives one.

    The id is its parent's id (the recommendation's, or the parent action's), a dot, and the
    label as a slug; without a label, the first words of its text.
    """
    part = (label_part(label, parent_label) if label else "") or text_part(text)
    return f"{parent_id}.{part}" if part else ""


def update_id(day: str, note: str, shares_day: bool) -> str:
    """Return an update's id within its action: its date, and when another update has the same date,
    a short hash of its note (so neither id depends on which was listed first)."""
    if not shares_day:
        return day
    return f"{day}-{hashlib.sha256(note.encode()).hexdigest()[:NOTE_HASH_LENGTH]}"
