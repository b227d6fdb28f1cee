"""What reaches the terminal: names and values are shown, never obeyed.

A folder name or a value can hold escape sequences that set the window title or clear
the screen, or bidi controls that make a message read backwards. Every line printed
goes through one sanitiser, the one that also refuses such characters in content files.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from actionplan.errors import Problem, Severity
from actionplan.preview import server
from actionplan.text import CONTROL, printable
from tests.helpers import MINIMAL_PLAN, Run

TITLE = "\x1b]0;pwned\x07"
CLEAR = "\x1b[2J"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain text, tabs\tand ünïcödé", "plain text, tabs\tand ünïcödé"),
        (TITLE, "\\x1b]0;pwned\\x07"),
        (CLEAR, "\\x1b[2J"),
        ("a\nb\rc", "a\\x0ab\\x0dc"),
        ("\x85\x9b", "\\x85\\x9b"),
        ("evil\u202etxt.exe", "evil\\u202etxt.exe"),
        ("\u2066\u2067\u2068\u2069\u200e\u200f\u061c", "\\u2066\\u2067\\u2068\\u2069\\u200e\\u200f\\u061c"),
        ("caf\udce9", "caf\\xe9"),  # a file name that is not UTF-8, as Python reads it
    ],
)
def test_printable_escapes_what_a_terminal_would_obey(raw: str, shown: str) -> None:
    assert printable(raw) == shown
    assert printable(shown) == shown  # escaping twice changes nothing
    shown.encode("utf-8")  # always printable as UTF-8


def test_the_file_check_and_the_terminal_use_the_same_characters() -> None:
    for code in range(0x110000):
        char = chr(code)
        if CONTROL.match(char):
            assert printable(char) != char, f"U+{code:04X}"


def test_a_problem_prints_escaped() -> None:
    problem = Problem(f"content/{CLEAR}/x.yaml", 1, 1, Severity.ERROR, f"bad {TITLE}", "fix \u202e")
    assert "\x1b" not in str(problem) and "\x07" not in str(problem) and "\u202e" not in str(problem)
    assert str(problem) == "content/\\x1b[2J/x.yaml:1:1: error: bad \\x1b]0;pwned\\x07 (fix \\u202e)"


def test_folder_names_cannot_drive_the_terminal(content: Callable[..., Path], cli: Callable[..., Run]) -> None:
    root = content()
    (root / TITLE).mkdir()
    (root / TITLE / "council.yaml").write_text("name: Evil\n", encoding="utf-8")
    (root / CLEAR).mkdir()
    (root / CLEAR / "plan.yaml").write_text(MINIMAL_PLAN, encoding="utf-8")
    run = cli("check", "--content", str(root))
    assert run.code == 1
    assert "\x1b" not in run.err and "\x07" not in run.err
    assert "\\x1b]0;pwned\\x07" in run.err and "\\x1b[2J" in run.err


def test_bidi_controls_in_values_are_shown_escaped(content: Callable[..., Path], cli: Callable[..., Run]) -> None:
    root = content(MINIMAL_PLAN.replace("status: on-track", "status: \u202eenod"))
    run = cli("check", "--content", str(root))
    assert run.code == 1
    assert "\u202e" not in run.err
    assert 'unknown status "\\u202eenod"' in run.err


def test_usage_errors_print_escaped(cli: Callable[..., Run]) -> None:
    for run in (cli("build", "--content", f"missing{CLEAR}"), cli("check", "--as-of", CLEAR)):
        assert run.code in (1, 2)
        assert "\x1b" not in run.err and "\\x1b[2J" in run.err


def test_the_preview_log_prints_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    server._say(f"rebuilt ({CLEAR}/plan.yaml changed)")
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\\x1b[2J/plan.yaml" in err
