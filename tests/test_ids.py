"""Action and update ids: made from labels or words, never from a place in a list."""

from __future__ import annotations

import csv
import io
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import icalendar
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from actionplan.commands.build import build
from actionplan.model.ids import action_id, label_part, slug, text_part, update_id
from actionplan.pipeline import Options
from tests.helpers import AS_OF, BUNDLED_BASE_URL, MINIMAL_PLAN, REPO, add_updates, edit_plan

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize(
    ("label", "expected"),
    [("a) ii)", "a-ii"), ("4.", "4"), ("6. h.", "6-h"), ("Recommendation one", "recommendation-one"), ("Môn", "mon")],
)
def test_a_label_becomes_a_slug(label: str, expected: str) -> None:
    assert slug(label) == expected


@pytest.mark.parametrize(
    ("label", "parent_label", "expected"),
    [
        ("4. a.", "4.", "a"),  # the parent's numbering, repeated, is dropped
        ("a) ii)", "a)", "ii"),
        ("ii)", "a)", "ii"),
        ("a) ii)", None, "a-ii"),
        ("4", "4.", "4"),  # the same number as the parent is not a repeat of it
        ("40. a.", "4.", "40-a"),  # a prefix only up to a whole part
    ],
)
def test_a_label_under_its_parent(label: str, parent_label: str | None, expected: str) -> None:
    assert label_part(label, parent_label) == expected


@pytest.mark.parametrize(
    ("parent_id", "parent_label", "label", "text", "expected"),
    [
        ("1", "1.", "i)", "Agree a vision", "1.i"),
        ("3.4", "4.", "4. b.", "A strategic approach", "3.4.b"),
        ("2", None, None, "Run **staff** workshops on the themes", "2.run-staff-workshops-on-the-themes"),
        ("2", None, None, "See [the plan](https://example.gov.uk/plan) for details", "2.see-the-plan-for-details"),
        ("2", None, None, "The council's new website", "2.the-councils-new-website"),
        ("2", None, "•", "Publish the map", "2.publish-the-map"),  # a label with no letters: the words
        ("2", None, None, "—", ""),
    ],
)
def test_an_action_id(parent_id: str, parent_label: str | None, label: str | None, text: str, expected: str) -> None:
    assert action_id(parent_id, parent_label, label, text) == expected


def test_words_are_cut_at_a_whole_word() -> None:
    made = text_part("Commence resident survey via external provider and report the results")
    assert made == "commence-resident-survey-via-external"
    assert text_part("a" * 60) == "a" * 40


# Pieces of an action's text where a slug could depend on more than the characters it stands on.
_PIECES = [
    "Review", "the", "Council's", "plan", "1,000", "2", " ", "  ", "-", "'", "\u2019", ",", ".", "&amp;", "&#38;",
    "&#x26;", "&#99999999999;", "&", "#", ";", "\u00e9", "\u03a3", "\uff06\uff0365\uff1b",
    "\uff06\uff0399999999999\uff1b", "[link](https://a.example/x y)",
]  # fmt: skip
_PIECES_TEXT = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(_PIECES_TEXT, st.integers(0, 50), _PIECES_TEXT)
@example("&#65;bc", 40, "&#99999999999;")  # one numeric reference too big: none of them is decoded
@example("\uff06\uff0365\uff1b", 40, "\uff06\uff0399999999999\uff1b")  # the same, in full-width characters
def test_a_long_text_gives_the_id_its_whole_slug_gives(start: str, words: int, end: str) -> None:
    """Only the first words of a long text are made into a slug: the id is the same as from all of it."""
    text = f"{start} {'word ' * words}{end}"
    words = slug(re.sub(r"\]\([^)]*\)", "]", text))
    head = words[:41]
    whole = words if len(words) <= 40 else head.rsplit("-", 1)[0] if "-" in head else head[:40]
    assert text_part(text) == whole


def test_an_update_id_is_its_date_unless_another_shares_it() -> None:
    assert update_id("2024-03-01", "Done.", shares_day=False) == "2024-03-01"
    first, second = update_id("2024-03-01", "Met.", True), update_id("2024-03-01", "Agreed.", True)
    assert first != second and first.startswith("2024-03-01-") and len(first) == len("2024-03-01-") + 6


def _plan_with_actions(actions: str) -> str:
    return MINIMAL_PLAN.replace(
        "      - text: Agree the vision with partners\n        due: June 2027\n        status: on-track\n", actions
    )


def test_two_actions_with_the_same_words_are_told_to_add_an_id(content, cli) -> None:
    content(_plan_with_actions("      - text: Hold a workshop\n      - text: Hold a workshop\n"))
    run = cli("check")
    assert run.code == 1
    assert (
        'content/testshire/cpc-2023.yaml:9:15: error: this action\'s first words give it the id "1.hold-a-workshop",'
        ' which the action on line 8 has too (add "id:" to one of them to name it yourself,'
        ' e.g. "id: 1.hold-a-workshop-b")'
    ) in run.lines


def test_two_actions_with_the_same_label_are_told_to_add_an_id(content, cli) -> None:
    content(_plan_with_actions("      - {label: 'a)', text: One}\n      - {label: 'a.', text: Two}\n"))
    run = cli("check")
    assert run.code == 1
    assert any('this action\'s label gives it the id "1.a", which the action on line 8 has too' in x for x in run.lines)


def test_an_id_pins_an_action(content, cli) -> None:
    content(_plan_with_actions("      - text: Hold a workshop\n      - {id: second-workshop, text: Hold a workshop}\n"))
    assert cli("check").code == 0


def test_the_same_update_twice_is_an_error(content, cli) -> None:
    update = "          - {date: 2024-01-10, note: Met.}\n"
    content(_plan_with_actions("      - text: Hold a workshop\n        updates:\n" + update * 2))
    run = cli("check")
    assert run.code == 1
    assert any("this update repeats the one on line 10: same date (2024-01-10), same note" in x for x in run.lines)


# Inserting actions into a bundled plan moves no other action's id, anchor, export row or feed entry.


def _outputs(site: Path, council: str, plan: str) -> dict[str, Any]:
    """Return what each action has in the built site: its export row, anchor, feed entry ids and calendar UID."""
    raw = (site / "data/actions.csv").read_bytes().decode("utf-8-sig")
    rows = {r["action"]: r for r in csv.DictReader(io.StringIO(raw, newline="")) if r["council"] == council}
    anchors: set[str] = set()
    for page in (site / council / plan).glob("*/index.html"):
        anchors |= set(re.findall(r'id="action-([^"]+)"', page.read_text("utf-8")))
    feed = ET.parse(site / council / plan / "feed.xml").getroot()
    entries = {e.findtext(f"{ATOM}id") or "" for e in feed.findall(f"{ATOM}entry")}
    calendar = icalendar.Calendar.from_ical((site / council / plan / "deadlines.ics").read_bytes())
    uids = {str(event["uid"]) for event in calendar.walk("VEVENT")}
    return {
        action: {
            "row": row,
            "anchor": action in anchors,
            "feed": sorted(e for e in entries if f"#action-{action}/" in e),
            "calendar": sorted(u for u in uids if f"#action-{action}/" in u),
        }
        for action, row in rows.items()
    }


@pytest.mark.slow  # two builds of the bundled content per plan
@pytest.mark.parametrize(
    ("council", "plan", "rec"),
    [("harlow", "cpc-2023", "1"), ("hartlepool", "cpc-2022", "2"), ("north-tyneside", "cpc-2019", "3")],
)
def test_inserting_actions_moves_no_other_action(tmp_path: Path, council: str, plan: str, rec: str) -> None:
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    source = content / council / f"{plan}.yaml"
    edit_plan(source, lambda p: [add_updates(r, [0]) for r in p["recommendations"]])
    build(Options(content=content, output=tmp_path / "before", base_url=BUNDLED_BASE_URL, as_of=AS_OF))

    def insert(p: dict[str, Any]) -> None:
        actions = next(r for r in p["recommendations"] if r["id"] == rec)["actions"]
        actions.insert(0, {"text": "A new first action", "updates": [{"date": "2024-05-01", "note": "Begun."}]})
        actions.insert(2, {"text": "A new action between two", "updates": [{"date": "2024-05-01", "note": "Begun."}]})

    edit_plan(source, insert)
    build(Options(content=content, output=tmp_path / "after", base_url=BUNDLED_BASE_URL, as_of=AS_OF))
    before, after = _outputs(tmp_path / "before", council, plan), _outputs(tmp_path / "after", council, plan)

    assert sorted(set(after) - set(before)) == [f"{rec}.a-new-action-between-two", f"{rec}.a-new-first-action"]
    assert {a: after[a] for a in before} == before
    # A heading over actions reports no progress of its own, so it has no feed entries.
    assert all(o["anchor"] and len(o["feed"]) == (0 if o["row"]["heading"] == "true" else 2) for o in before.values())
    assert sum(len(o["calendar"]) for o in before.values()) >= 10  # actions with a deadline have a calendar event
