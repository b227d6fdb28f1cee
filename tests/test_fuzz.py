"""Fuzzing: whatever a content file holds, loading and validating report problems and never raise.

Hypothesis writes YAML-like documents — arbitrary nests of mappings, lists and
scalars, and plan-shaped documents whose fields hold the wrong things — dumps them
with PyYAML, sometimes damages the text with random insertions, and runs the real
loader and validator over them in-process. Every outcome must be a model or a list
of located problems; content that passes must also render.
"""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from actionplan.errors import Problem
from actionplan.pipeline import Options, check, make_site
from actionplan.sources.yamlnodes import parse_yaml
from tests.helpers import parser_phrases_in

pytestmark = pytest.mark.slow

AS_OF = datetime.date(2024, 6, 1)
FIELDS = [
    "title",
    "recommendations",
    "actions",
    "updates",
    "id",
    "text",
    "status",
    "date",
    "note",
    "lead",
    "due",
    "group",
    "groups",
    "statuses",
    "counts_as",
    "aliases",
    "label",
    "covered_by",
    "summary",
    "updated",
    "review_date",
    "published",
    "report_url",
    "source",
    "status_text",
    "detail",
    "position",
    "name",
]
WORDS = [
    "complete",
    "on-track",
    "at-risk",
    "Done",
    "Green",
    "paused",
    "1",
    "1.1",
    "2024-02-30",
    "2024-06-01",
    "2023-13",
    "June 2024",
    "https://example.org",
    "javascript:alert(1)",
    "",
    " ",
    "~",
    "null",
    "yes",
]
DAMAGE = [
    "\t",
    ":",
    ": ",
    "- ",
    "\n",
    "\n  ",
    "'",
    '"',
    "[",
    "]",
    "{",
    "}",
    "&a ",
    "*a",
    "!!python/object ",
    "!x ",
    "\x00",
    "\x1b",
    "\x85",
    "\ufeff",
    "\ufffe",
    "\ud800",
    "#",
    "---\n",
    "...\n",
    "%YAML 1.2\n",
    "@",
    "`",
    "|",
    ">",
    "? ",
    "\\",
    "\r",
    "é",
    "\u2028",
]

printable = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)  # DAMAGE adds the rest
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), printable, st.sampled_from(WORDS)
)
keys = st.one_of(st.sampled_from(FIELDS), printable.filter(bool))
anything = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=5)),
    max_leaves=25,
)


def _shaped(fields: dict[str, st.SearchStrategy[Any]], required: tuple[str, ...] = ()) -> st.SearchStrategy[Any]:
    """A mapping with the ``required`` fields, some of the others, and now and then a stray one."""
    mapping = st.fixed_dictionaries(
        {k: v for k, v in fields.items() if k in required},
        optional={k: v for k, v in fields.items() if k not in required},
    )
    with_stray = st.tuples(mapping, keys, anything).map(lambda t: {**t[0], t[1]: t[2]})
    return st.one_of(*[mapping] * 9, with_stray)


def _value(right: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Mostly a value of the right kind, sometimes anything at all."""
    return st.one_of(right, right, right, anything)


words = st.one_of(printable.filter(str.strip), st.sampled_from(WORDS))
ids = st.sampled_from(["1", "2", "1.1", "2a", "x", "1.1.1", "../x", "A"])
dates = st.sampled_from(["2024-01-01", "2024-02-29", "2024-06-01", "2023-02-29", "2024-13-01", "2024-06"])
status_words = st.sampled_from(["complete", "on-track", "at-risk", "Done", "Green", "Amber", "paused", "compelte"])
text = _value(words)

update = _shaped({"date": _value(dates), "status": _value(status_words), "note": text, "source": text}, ("date",))
action = st.deferred(
    lambda: _shaped(
        {
            "id": _value(ids),
            "text": text,
            "status": _value(status_words),
            "due": _value(st.one_of(dates, words)),
            "lead": text,
            "label": text,
            "updates": _value(st.lists(update, max_size=3)),
            "actions": _value(st.lists(action, max_size=2)),
        },
        ("text",),
    )
)
recommendation = _shaped(
    {
        "id": _value(ids),
        "title": text,
        "group": _value(ids),
        "covered_by": _value(ids),
        "lead": text,
        "detail": text,
        "actions": _value(st.lists(action, max_size=3)),
    },
    ("id", "title"),
)
status = _shaped({"label": text, "counts_as": _value(status_words), "aliases": _value(st.lists(words, max_size=2))})
plan = _shaped(
    {
        "title": text,
        "summary": text,
        "updated": _value(dates),
        "review_date": _value(dates),
        "report_url": text,
        "statuses": _value(st.dictionaries(st.one_of(status_words, words), status, max_size=2)),
        "groups": _value(st.lists(_shaped({"id": _value(ids), "title": text}, ("id", "title")), max_size=2)),
        "recommendations": _value(st.lists(recommendation, min_size=1, max_size=3)),
    },
    ("title", "recommendations"),
)
council = st.one_of(_shaped({"name": text, "short_name": text, "website": text}, ("name",)), anything)


@st.composite
def damaged(draw: st.DrawFn, document: st.SearchStrategy[Any]) -> str:
    """Dump a document as YAML, then maybe insert a few troublesome characters at random places."""
    text = yaml.safe_dump(
        draw(document),
        allow_unicode=draw(st.booleans()),
        sort_keys=False,
        default_flow_style=draw(st.sampled_from([False, None, True])),
    )
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2, 3]))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(DAMAGE)) + text[at:]
    return text


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8", "surrogatepass"))  # a lone surrogate becomes bytes that are not UTF-8


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(plan_text=damaged(st.one_of(plan, anything)), council_text=st.one_of(st.none(), damaged(council)))
def test_loading_and_validating_never_raise(plan_text: str, council_text: str | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder) / "content"
        _write(content / "acme/cpc-2024.yaml", plan_text)
        _write(content / "acme/council.yaml", council_text if council_text is not None else "name: Acme\n")
        # With a base_url, so that the feeds and calendars are made from the fuzzed text too.
        options = Options(
            content=content, output=Path(folder) / "site", base_url="https://example.gov.uk/", as_of=AS_OF
        )

        site, problems = check(options)

        files = {str(content / "acme/cpc-2024.yaml"), str(content / "acme/council.yaml")}
        for problem in problems:
            assert isinstance(problem, Problem)
            assert problem.path in files and problem.line >= 1 and problem.col >= 1, problem
            assert problem.message and "Traceback" not in problem.message
            assert not parser_phrases_in(f"{problem.message} {problem.hint}"), problem
        event("valid" if not any(p.is_error for p in problems) else "refused")
        if not any(p.is_error for p in problems):
            files_out = dict(make_site(options))
            assert "index.html" in files_out


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), damaged(anything)))
def test_the_parser_answers_any_text(text: str) -> None:
    node, problems = parse_yaml(text)
    assert node is not None or problems
    for problem in problems:
        assert problem.line >= 1 and problem.col >= 1 and problem.message
        assert not parser_phrases_in(f"{problem.message} {problem.hint}"), problem
