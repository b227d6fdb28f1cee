"""Open data: CSV and JSON that real parsers read, that match their schemas and say what the pages say."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from actionplan.derive.views import SiteView, derive_site
from actionplan.exports.data import (
    ACTION_FIELDS,
    PLAN_FIELDS,
    UPDATE_FIELDS,
    csv_file,
    csv_lines,
    neutralise_cell,
    to_json,
)
from actionplan.exports.files import size_text
from actionplan.pipeline import Options, check
from tests.helpers import AS_OF, BUNDLED_BASE_URL, REPO

SITES = ["sample_site", "bundled_site"]


def _csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{path.name} starts with a byte order mark, so Excel reads UTF-8"
    reader = csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""))
    rows = list(reader)
    assert raw.endswith(b"\r\n") and raw.count(b"\r\n") >= len(rows) + 1, "records end with CRLF (RFC 4180)"
    return list(reader.fieldnames or []), rows


def _json(path: Path) -> Any:
    return json.loads(path.read_text("utf-8"))


def _view(content: Path, base_url: str | None) -> SiteView:
    site, _ = check(Options(content=content, base_url=base_url))
    return derive_site(site, AS_OF)


@pytest.fixture(scope="module")
def bundled_view() -> SiteView:
    return _view(REPO / "content", BUNDLED_BASE_URL)


def _validator(site: Path, name: str) -> jsonschema.protocols.Validator:
    schema = _json(site / f"schema/{name}.schema.json")
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)


@pytest.mark.parametrize("where", SITES)
def test_json_exports_match_their_published_schemas(where: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(where)
    actions, plans = _validator(site, "actions"), _validator(site, "plans")
    for path in [site / "data/actions.json", *sorted(site.glob("*/*/actions.json"))]:
        errors = [e.message for e in actions.iter_errors(_json(path))]
        assert errors == [], path
    assert [e.message for e in plans.iter_errors(_json(site / "data/plans.json"))] == []


def test_the_schemas_reject_what_they_should() -> None:
    """A schema that accepts anything cannot fail a test: check it refuses a wrong row."""
    schema = json.loads((REPO / "actionplan/exports/schema/actions.schema.json").read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    good = dict.fromkeys(ACTION_FIELDS, None) | {
        "council": "a",
        "council_name": "A",
        "plan": "p",
        "plan_title": "P",
        "recommendation": "1",
        "recommendation_text": "R",
        "action": "1.a",
        "text": "T",
        "heading": False,
        "deadline_passed": False,
        "overdue": False,
        "timeliness": "not-due",
        "url": "u",
    }
    assert list(validator.iter_errors([good])) == []
    wrongs = ({"status": "green"}, {"due_date": "2024-13-45"}, {"overdue": "yes"}, {"timeliness": "late"}, {"x": 1})
    for wrong in wrongs:
        assert list(validator.iter_errors([good | wrong])), wrong
    missing = {k: v for k, v in good.items() if k != "url"}
    assert list(validator.iter_errors([missing]))


@pytest.mark.parametrize("where", SITES)
def test_csv_and_json_have_the_same_fields_and_rows(where: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(where)
    for csv_path in [site / "data/actions.csv", *sorted(site.glob("*/*/actions.csv"))]:
        fields, rows = _csv(csv_path)
        records = _json(csv_path.with_suffix(".json"))
        assert fields == list(ACTION_FIELDS) == list(records[0])
        assert [r["action"] for r in rows] == [r["action"] for r in records]
        for row, record in zip(rows, records, strict=True):
            for field in ACTION_FIELDS:
                value = record[field]
                shown = "" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
                assert row[field] in (shown, "'" + shown), (csv_path, field)
    assert _csv(site / "data/updates.csv")[0] == list(UPDATE_FIELDS)
    assert _csv(site / "data/plans.csv")[0][: len(PLAN_FIELDS)] == list(PLAN_FIELDS)


def test_action_rows_say_what_the_plan_says(bundled_site: Path, bundled_view: SiteView) -> None:
    _, entries = _csv(bundled_site / "data/actions.csv")
    rows = [r for r in entries if r["heading"] == "false"]  # a heading over actions is a row, but no action
    by_key = {(r["council"], r["plan"], r["action"]): r for r in rows}
    expected = [
        (plan, rec, a) for plan in bundled_view.plans for rec in plan.recommendations for a in rec.all_actions()
    ]
    assert len(rows) == len(expected) == sum(p.breakdown.total for p in bundled_view.plans)
    for plan, rec, a in expected:
        row = by_key[(plan.council.slug, plan.plan.slug, a.action.id)]
        assert row["council_name"] == plan.council.name
        assert row["plan_title"] == plan.plan.title
        assert row["recommendation"] == rec.rec.id
        assert row["recommendation_text"].lstrip("'") == rec.title.striptags()
        assert row["status"] == ("" if a.status_key == "none" else a.status_key)
        assert row["overdue"] == str(a.progress.is_overdue).lower()
        assert row["deadline_passed"] == str(a.progress.deadline_passed).lower()
        assert row["timeliness"] == a.timeliness
        assert row["due_date"] == (a.due_date.isoformat() if a.due_date else "")


def test_plan_rows_count_what_the_pages_count(bundled_site: Path, bundled_view: SiteView) -> None:
    _, rows = _csv(bundled_site / "data/plans.csv")
    records = _json(bundled_site / "data/plans.json")
    assert len(rows) == len(records) == len(bundled_view.plans) == 5
    for row, record, plan in zip(rows, records, bundled_view.plans, strict=True):
        counts = plan.breakdown.by_status()
        assert record["by_status"] == counts
        assert record["actions"] == int(row["actions"]) == plan.breakdown.total
        overdue = plan.breakdown.overdue if plan.breakdown.has_deadlines else None
        assert (int(row["overdue"]) if row["overdue"] else None) == record["overdue"] == overdue
        assert {k: int(row[k.replace("-", "_")]) for k in counts} == counts
        assert record["files"]["feed"] == BUNDLED_BASE_URL + plan.feed_url


def test_update_rows_are_every_dated_update(sample_site: Path) -> None:
    _, rows = _csv(sample_site / "data/updates.csv")
    assert [(r["action"], r["date"], r["status"], r["note"]) for r in rows] == [
        ("1.i", "2025-09-30", "not-started", "Workshops booked."),
        ("1.i", "2026-01-20", "on-track", "First draft shared with partners."),  # the note as text, not markdown
    ]
    assert rows[1]["source"] == "https://www.exampleton.gov.uk/committee/2026-01"


def test_each_plan_file_is_its_share_of_the_site_file(bundled_site: Path) -> None:
    everything = _json(bundled_site / "data/actions.json")
    for path in sorted(bundled_site.glob("*/*/actions.json")):
        council, plan = path.parent.parent.name, path.parent.name
        assert _json(path) == [a for a in everything if (a["council"], a["plan"]) == (council, plan)]


def test_download_sizes_are_the_files_sizes(sample_site: Path) -> None:
    page = (sample_site / "exampleton/cpc-2025/index.html").read_text("utf-8")
    listed = re.findall(
        r'<li><a href="\.\./\.\./([^"]+)">[^<]*<span[^>]*>[^<]*</span></a> <span[^>]*>([^<]+)</span>', page
    )
    assert len(listed) == 12  # the plan's four files, its three reports' tables, the site's five
    tables = [path for path, _ in listed if path.endswith("/report.csv")]
    days = ("2025-10-14", "2026-02-10", "2026-03-20")
    assert tables == [f"exampleton/cpc-2025/reports/{day}/report.csv" for day in days]
    assert "The table of the report “Cabinet, 14 October 2025” (14 October 2025)" in page
    for path, meta in listed:
        kind, size = meta.split(", ")
        assert size == size_text((sample_site / path).stat().st_size), path
        assert kind == {".csv": "CSV", ".json": "JSON", ".ics": "iCalendar", ".xml": "Atom"}[Path(path).suffix]


@pytest.mark.parametrize(
    ("size", "text"), [(0, "0 bytes"), (1023, "1023 bytes"), (1024, "1.0 KB"), (12_700, "12.4 KB"), (2**21, "2.0 MB")]
)
def test_sizes_are_written_as_people_read_them(size: int, text: str) -> None:
    assert size_text(size) == text


_SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
_VALUES = st.recursive(
    _SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3)
)


@given(st.lists(st.dictionaries(st.text(), _SCALARS) | st.dictionaries(st.text(), _VALUES), max_size=4))
def test_json_lists_are_those_json_indents(values: list[dict[str, Any]]) -> None:
    """Rows of plain values are written by json's C encoder: the bytes are those of ``indent=2``."""
    assert to_json(values) == (json.dumps(values, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


@given(st.lists(st.dictionaries(st.sampled_from(UPDATE_FIELDS), _SCALARS | st.from_regex(r"\A[-=+@\t\r ]?.*"))))
def test_csv_cells_are_neutralised_one_by_one(rows: list[dict[str, Any]]) -> None:
    """The quick way through the cells gives what neutralise_cell gives each of them."""
    full = [{field: row.get(field) for field in UPDATE_FIELDS} for row in rows]
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([neutralise_cell(row[f]) for f in UPDATE_FIELDS] for row in full)
    assert csv_lines(UPDATE_FIELDS, full) == out.getvalue().encode("utf-8")


_CELL = st.lists(st.sampled_from(["a", "é", " ", ",", '"', "\r", "\n", "\r\n", "'", "=", "\0"]), max_size=6).map(
    "".join
)
_TABLE = st.lists(st.text(), min_size=1, max_size=4, unique=True).flatmap(
    lambda fields: st.tuples(
        st.just(tuple(fields)), st.lists(st.lists(_CELL | st.text(), min_size=len(fields), max_size=len(fields)))
    )
)


@given(_TABLE)
def test_csv_is_written_as_csv_writes_it(table: tuple[tuple[str, ...], list[list[str]]]) -> None:
    """Lines are put together without csv's writer (it looks at each character twice): the bytes are its bytes,
    a row of one empty cell, commas, quotes and line breaks in cells and headings included."""
    fields, rows = table
    headings, lines = io.StringIO(), io.StringIO()
    csv.writer(headings, lineterminator="\r\n").writerow(fields)
    csv.writer(lines, lineterminator="\r\n").writerows([neutralise_cell(cell) for cell in row] for row in rows)
    written = csv_file(fields, csv_lines(fields, [dict(zip(fields, row, strict=True)) for row in rows]))
    assert written == headings.getvalue().encode("utf-8-sig") + lines.getvalue().encode("utf-8")
