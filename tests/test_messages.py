"""The message catalogue: every YAML mistake gives its own message, each hint fixes the mistake it names,
and no parser phrase reaches an editor."""

from __future__ import annotations

from pathlib import Path

import pytest

from actionplan.sources import messagedocs
from actionplan.sources import messages as m
from actionplan.sources.yamlerrors import YamlProblem
from actionplan.sources.yamlnodes import parse_yaml
from tests.helpers import parser_phrases_in


def the_problem(text: str) -> YamlProblem | None:
    """Return the one problem ``text`` has (a mistake gives one message), or None."""
    node, problems = parse_yaml(text)
    assert len(problems) <= 1, problems
    return problems[0] if problems else None


YAML_EXAMPLES = [pytest.param(e, id=e.key) for e in m.CATALOGUE if e.wrote]
YAML_FIXES = [pytest.param(e, id=e.key) for e in m.CATALOGUE if e.instead]


def test_keys_are_unique_and_every_entry_says_what_to_do() -> None:
    keys = [e.key for e in m.CATALOGUE]
    assert len(keys) == len(set(keys))
    for entry in m.CATALOGUE:
        assert entry.text and entry.hint and entry.mistake, entry.key
        assert not parser_phrases_in(entry.text + entry.hint + entry.mistake), entry.key


@pytest.mark.parametrize("entry", YAML_EXAMPLES)
def test_each_yaml_mistake_gives_its_own_message(entry: m.Message) -> None:
    problem = the_problem(entry.wrote)
    assert problem is not None, f"{entry.key}: the mistake was read without complaint"
    assert entry.pattern.fullmatch(problem.message), f"{entry.key} expected, got: {problem.message}"
    assert entry.hint_pattern.fullmatch(problem.hint), f"{entry.key}: hint {problem.hint!r}"
    assert not parser_phrases_in(problem.message + problem.hint)


@pytest.mark.parametrize("entry", YAML_FIXES)
def test_doing_what_the_hint_says_fixes_the_mistake(entry: m.Message) -> None:
    assert the_problem(entry.instead) is None


@pytest.mark.parametrize(
    ("text", "line", "col", "says", "hint"),
    [
        # The example: an over-indented note is an indentation mistake, not a colon inside text.
        (
            "updates:\n  - date: 2024-04-01\n    status: on-track\n      note: Workshops held.\n",
            4,
            7,
            '"note:" is indented further than "status:" on line 3',
            'start "note:" in the same column as "status:" (4 spaces in)',
        ),
        # After a quoted value the parser stops elsewhere, but it is the same mistake.
        (
            'recommendations:\n  - id: "1"\n     title: Vision\n',
            3,
            6,
            '"title:" is indented further than "id:" on line 2',
            'start "title:" in the same column as "id:" (4 spaces in)',
        ),
        (
            "title: Plan\n  updated: 2024-05-01\n",
            2,
            3,
            '"updated:" is indented further than "title:" on line 1',
            "at the very start of the line",
        ),
        (
            "a:\n    b: 1\n  c: 2\n",
            3,
            3,
            '"c:" is not lined up with any field above it',
            'line it up with "b:" on line 2 (4 spaces in) or "a:" on line 1 (at the very start of the line)',
        ),
        (
            "actions:\n  - text: Phase 1: agree\n",
            2,
            18,
            'the text of "text:" contains ": "',
            'put the text in quotes: text: "Phase 1: agree"',
        ),
        ("title: 'It's here'\n", 1, 11, 'the apostrophe in "It\'s"', 'title: "It\'s here"'),
        ('title: "Plan" 2024\n', 1, 14, 'the text of "title:" goes on after its closing quote', 'title: "Plan 2024"'),
        (
            "title: 'Plan\nupdated: 2024-05-01\nsummary: 'Text'\n",
            1,
            8,
            'the quote mark \' that opens the text of "title:" on line 1 is never closed',
            "add a closing '",
        ),
        ("a: [1, 2\nb: 3\n", 1, 4, 'the "[" on line 1 is never closed with "]"', 'add "]"'),
        ("lead: `boss`\n", 1, 7, 'text cannot start with "`"', 'lead: "`boss`"'),
        ("lead: & partners\n", 1, 7, 'text cannot start with "&"', 'lead: "& partners"'),
        ("note: > 50% done\n", 1, 7, 'text cannot start with ">"', 'note: "> 50% done"'),
        ("title:Plan\nsummary: x\n", 1, 7, '"title:Plan" needs a space after the colon', 'write "title: Plan"'),
        ("a:\n\t- b\n", 2, 1, "line 2 is indented with a tab", "indent with spaces only"),
        ("a:\n  b: 1\n\tc: 2\n", 3, 1, "line 3 is indented with a tab", "indent with spaces only"),
        ("a:\n  - b: 1\n - c: 2\n", 3, 2, 'the "-" on line 3 is not lined up with the "-" on line 2', "2 spaces in"),
        (
            "- text: a\n  status: done\n  - text: b\n",
            3,
            3,
            'line 3 starts a list entry with "-" among fields',
            'remove the "-"',
        ),
        ("title: 'a' 'b'\n", 1, 11, 'the text of "title:" goes on after its closing quote', "title: \"a 'b'\""),
    ],
)
def test_the_hint_fits_the_mistake(text: str, line: int, col: int, says: str, hint: str) -> None:
    problem = the_problem(text)
    assert problem is not None
    assert (problem.line, problem.col) == (line, col), problem
    assert says in problem.message
    assert hint in problem.hint


@pytest.mark.parametrize(
    "text",
    [
        "updates:\n  - date: 2024-04-01\n    status: on-track\n      note: Workshops held.\n",
        "updates:\n  - date: 2024-04-01\n    status: on-track\n      note: Held: with partners.\n",
        'updates:\n  - date: "2024-04-01"\n      note: Workshops held.\n',
        "title: Plan\n  updated: 2024-05-01\n",
    ],
)
def test_an_indentation_mistake_is_never_blamed_on_quotes(text: str) -> None:
    problem = the_problem(text)
    assert problem is not None and "indented further" in problem.message
    assert "quote" not in problem.hint


def test_an_unexplained_parser_error_says_so_plainly_with_its_place() -> None:
    problem = the_problem("a" * 1100 + ": b\n")  # a field name longer than YAML allows
    assert problem is not None and (problem.line, problem.col) == (1, 1101)
    assert problem.message == m.YAML_UNREADABLE.text
    assert not parser_phrases_in(problem.message + problem.hint)


def test_every_entry_says_something_of_its_own() -> None:
    """No entry is a bare placeholder that would describe any message at all."""
    assert m.catalogued("zzz qqq") is None
    for entry in m.CATALOGUE:
        if entry.sample or "{" not in entry.text:
            assert entry.pattern.fullmatch(entry.text.format(**entry.sample)), entry.key
        assert not entry.pattern.fullmatch("zzz qqq"), entry.key


def test_the_editing_guide_explains_every_message_as_the_catalogue_does() -> None:
    guide = (Path(__file__).parent.parent / "docs" / "editing.md").read_text(encoding="utf-8")
    fix = "run: python -m actionplan.sources.messagedocs docs/editing.md"
    assert messagedocs.START in guide, fix
    written = messagedocs.START + guide.split(messagedocs.START, 1)[1].split(messagedocs.END, 1)[0] + messagedocs.END
    assert written + "\n" == messagedocs.render_section(), fix
    assert written.count("\n#### ") == len(m.CATALOGUE)  # one heading per message


def test_the_guide_can_be_brought_up_to_date(tmp_path: Path) -> None:
    guide = tmp_path / "editing.md"
    guide.write_text("# Editing\n\nSome text.\n", encoding="utf-8")
    assert messagedocs.update(guide)  # added at the end
    assert not messagedocs.update(guide)  # and then up to date
    text = guide.read_text(encoding="utf-8")
    assert text.startswith("# Editing\n\nSome text.\n\n" + messagedocs.START) and text.count(messagedocs.START) == 1


def test_a_tag_escape_is_not_blamed_on_a_backslash() -> None:
    # The parser calls a tag's %-escape an "escape" too; there is no backslash to point at (found by fuzzing).
    _, problems = parse_yaml("!%YAML 1.2\n!python/object null\n")
    assert [(p.line, p.col) for p in problems] == [(1, 2)]
    assert "backslash" not in problems[0].message
    assert problems[0].message == m.YAML_UNREADABLE.text
