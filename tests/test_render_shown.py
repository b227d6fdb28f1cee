"""Values shown the cheaper way (render/shown.py) are the same text Jinja's own escaping gives."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import jinja2
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup, escape

from actionplan.render.environment import PageEnvironment
from actionplan.render.shown import shown
from actionplan.render.words import WordsBytecodeCache


class Html:
    def __html__(self) -> str:
        return "<b>safe</b>"


@given(st.one_of(st.text(), st.integers(), st.floats(), st.booleans(), st.none(), st.text().map(Markup)))
def test_a_value_is_shown_as_escape_shows_it(value: object) -> None:
    assert shown(value) == str(escape(value))


@pytest.mark.parametrize("value", [Html(), datetime.date(2024, 3, 5), Markup("<i>a</i>"), "a & <b>", 7, True])
def test_other_kinds_of_value_are_shown_as_escape_shows_them(value: object) -> None:
    assert shown(value) == str(escape(value))


TEMPLATES = {
    "words.html": '{% macro tag(x) %}<strong class="{{ x }}">{{ x }}</strong>{% endmacro %}',
    "page.html": (
        '{% from "words.html" import tag %}{{ text }} {{ n }} {{ f }} {{ none }} {{ markup }} {{ tag(text) }}'
        "{% set block %}<i>{{ text }}</i>{% endset %}{{ block }} {{ text | upper }} {{ [text, n] }}"
        "{% for x in items %}{{ loop.index }}{{ x }}{% endfor %}{{ obj }}{{ text ~ n }}{{ n + 1 }}"
        "{% filter upper %}{{ text }}{% endfilter %}{% autoescape false %}{{ text }}{% endautoescape %}"
        "{% autoescape true %}{{ text }}{% endautoescape %}"
    ),
    "strict.html": "{{ missing }}",
}
VALUES: dict[str, Any] = {
    "text": 'Ann & Bo\'s <"plan">',
    "n": 12,
    "f": 0.5,
    "none": None,
    "markup": Markup("<em>safe</em> &amp;"),
    "items": ["<a>", 3, Markup("<b>")],
    "obj": Html(),
}


def _environment(kind: type[jinja2.Environment]) -> jinja2.Environment:
    return kind(loader=jinja2.DictLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined)


def test_pages_are_the_same_as_jinjas_own() -> None:
    ours, jinjas = _environment(PageEnvironment), _environment(jinja2.Environment)
    assert "environment.shown(" in ours.compile(TEMPLATES["page.html"], raw=True)
    assert ours.get_template("page.html").render(VALUES) == jinjas.get_template("page.html").render(VALUES)


def test_an_undefined_value_is_still_an_error() -> None:
    with pytest.raises(jinja2.UndefinedError):
        _environment(PageEnvironment).get_template("strict.html").render()


def test_compiled_templates_kept_from_a_run_before_are_keyed_by_the_compiler(tmp_path: Path) -> None:
    compiler = tmp_path / "compiler.py"
    compiler.write_text("one way", "utf-8")
    before = WordsBytecodeCache(b"", compiler).get_cache_key("page.html")
    compiler.write_text("another way", "utf-8")
    assert WordsBytecodeCache(b"", compiler).get_cache_key("page.html") != before
