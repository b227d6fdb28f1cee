"""Statuses: councils' words map onto the five standard categories."""

from __future__ import annotations

import pytest

from actionplan.model.statuses import CATEGORIES, CustomStatus, build_status_words

DEFAULTS = build_status_words(())


@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("complete", "complete"),
        ("Completed", "complete"),
        ("DONE", "complete"),
        ("Underway", "in-progress"),
        ("in progress", "in-progress"),
        ("In-progress", "in-progress"),
        ("Started", "in-progress"),
        ("Ongoing", "in-progress"),
        ("Green", "on-track"),
        ("On target", "on-track"),
        ("Amber", "at-risk"),
        ("Red", "off-track"),
        ("Not yet started", "not-started"),
        ("not_started", "not-started"),
        ("  On   track ", "on-track"),
    ],
)
def test_default_words(word: str, key: str) -> None:
    status = DEFAULTS.lookup(word)
    assert status is not None and status.key == key


def test_unknown_word() -> None:
    assert DEFAULTS.lookup("compelte") is None


def test_plan_relabels_and_adds_statuses() -> None:
    words = build_status_words(
        (
            CustomStatus("complete", "Completed", ("Signed off",), None),
            CustomStatus("paused", "Paused", ("On hold",), "at-risk"),
        )
    )
    complete = words.lookup("signed off")
    paused = words.lookup("on hold")
    assert complete is not None and (complete.key, complete.label) == ("complete", "Completed")
    assert paused is not None and (paused.key, paused.category, paused.is_complete) == ("paused", "at-risk", False)
    assert [s.key for s in words.statuses] == [*CATEGORIES, "paused"]


def test_plan_words_win_over_default_aliases() -> None:
    words = build_status_words((CustomStatus("rag-green", "Green", (), "complete"),))
    status = words.lookup("green")
    assert status is not None and status.category == "complete"
