"""Lines and columns: one count for every problem, the same as the YAML parser's."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from actionplan.sources.positions import line_text, position

LOADERS = [yaml.SafeLoader, *([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])]


@pytest.mark.parametrize(
    ("text", "index", "expected"),
    [
        ("", 0, (1, 1)),
        ("abc", 2, (1, 3)),
        ("abc\n", 4, (2, 1)),
        ("a\nbc\nd", 4, (2, 3)),
        ("a\r\nbc\r\nd", 7, (3, 1)),  # Windows
        ("a\rbc\rd", 5, (3, 1)),  # classic Mac
        ("a\u2028b\u2029c", 4, (3, 1)),  # YAML's own line and paragraph separators
        ("a\r\n\nb", 4, (3, 1)),
    ],
)
def test_position(text: str, index: int, expected: tuple[int, int]) -> None:
    assert position(text, index) == expected


def test_line_text_drops_the_line_break() -> None:
    text = "one\r\ntwo\rthree\n"
    assert [line_text(text, n) for n in range(0, 6)] == [None, "one", "two", "three", "", None]


@pytest.mark.slow
@pytest.mark.parametrize("loader", LOADERS, ids=lambda loader: loader.__name__)
@settings(deadline=None)  # a busy machine can take 200 ms over one example: correctness is what is tested
@given(
    st.lists(
        st.tuples(st.text("ab ", min_size=1, max_size=6), st.sampled_from(["\n", "\r\n", "\r", "\u2028", "\u2029"])),
        min_size=1,
        max_size=8,
    )
)
def test_positions_agree_with_the_yaml_parser(loader: type, lines: list[tuple[str, str]]) -> None:
    text = "".join(f"- {word.strip() or 'x'}{end}" for word, end in lines)
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.ScalarEvent):
            mark = event.start_mark
            assert position(text, mark.index) == (mark.line + 1, mark.column + 1)
            assert (line_text(text, mark.line + 1) or "")[mark.column :].startswith(event.value[:1])


@pytest.mark.parametrize("end", ["\r", "\r\n", "\u2028"], ids=["cr", "crlf", "line-separator"])
def test_problems_outside_the_parser_are_located_on_their_line(content, cli, end: str) -> None:
    content("title: x\nupdated: 2024-01-01\nrecommendations: [\x01]\n".replace("\n", end))
    assert "testshire/cpc-2023.yaml:3:19: error: the file contains control character U+0001" in cli("check").err
