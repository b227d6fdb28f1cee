"""``import``: a council's spreadsheet becomes a plan file that passes ``check`` and builds the same plan.

The sheets are made here from Harlow's bundled plan (transcribed from the seed plan
001_d8eedd80412cb27a.txt), laid out as the council laid it out: a title above the headings,
the number, recommendation and lead written once with the cells below left blank (or merged,
in a workbook), statuses in the council's words, and a column actionplan does not know.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
import yaml

from actionplan.model import Action, Plan
from actionplan.pipeline import Options, check
from tests.helpers import REPO, write_tree

HEADINGS = ["No.", "Recommendation", "Actions", "Lead", "Target Date", "Progress (RAG)", "Notes"]
TITLE = "Key Recommendations – Corporate Peer Review 2023"
# The council's words for each status, taken in turn: aliases as well as the labels.
WORDS = {"complete": ["Complete", "Done"], "not-started": ["Not started", "Not yet started"]}


def _bundled(council: str = "harlow", slug: str = "cpc-2023", content: Path = REPO / "content") -> Plan:
    site, problems = check(Options(content=content))
    assert [str(p) for p in problems if p.is_error] == []
    found = next(c for c in site.councils if c.slug == council)
    return next(p for p in found.plans if p.slug == slug)


def harlow_rows() -> list[list[str]]:
    """Return Harlow's table as the council's sheet has it, title and headings included."""
    rows: list[list[str]] = [[TITLE], [], HEADINGS]
    turn = 0
    for rec in _bundled().recommendations:
        lead = None
        for n, action in enumerate(rec.actions):
            word = ""
            if action.status:
                words = WORDS[action.status.key]
                word, turn = words[turn % len(words)], turn + 1
            first = n == 0
            rows.append(
                [
                    rec.label or "" if first else "",
                    rec.title if first else "",
                    action.text,
                    action.lead if action.lead != lead else "",
                    action.due or "",
                    word,
                    "checked" if first else "",
                ]
            )
            lead = action.lead
    return rows


def write_csv(path: Path, rows: list[list[str]], delimiter: str = ",") -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[str]], sheet: str = "Action plan", merge: bool = True) -> Path:
    """Write a workbook whose number and recommendation cells are merged down each recommendation's rows."""
    book = openpyxl.Workbook()
    notes = book.active
    assert notes is not None
    notes.title = "Notes"
    notes.append(["This workbook holds the action plan on the next sheet."])
    ws = book.create_sheet(sheet)
    for row in rows:
        ws.append(row)
    if merge:
        starts = [n for n, row in enumerate(rows, start=1) if len(row) > 1 and row[1] and n > 3]
        for start, end in zip(starts, [*starts[1:], len(rows) + 1], strict=True):
            if end - start > 1:
                ws.merge_cells(start_row=start, end_row=end - 1, start_column=1, end_column=1)
                ws.merge_cells(start_row=start, end_row=end - 1, start_column=2, end_column=2)
    book.save(path)
    return path


WRITERS: dict[str, Callable[[Path, list[list[str]]], Path]] = {
    "csv": write_csv,
    "tsv": lambda path, rows: write_csv(path, rows, "\t"),
    "xlsx": write_xlsx,
}


def _shape(plan: Plan) -> list[tuple[object, ...]]:
    """Return what a reader sees of a plan: each recommendation's number and words, each action's facts."""

    def action(a: Action) -> tuple[object, ...]:
        return (a.id, a.text, a.lead, a.due, a.status.key if a.status else None, [action(s) for s in a.actions])

    return [(r.id, r.label, r.title, r.lead, [action(a) for a in r.actions]) for r in plan.recommendations]


@pytest.mark.parametrize("kind", WRITERS)
def test_harlow_sheet_imports_to_the_bundled_plan(kind: str, cli, tmp_path: Path) -> None:
    sheet = WRITERS[kind](tmp_path / f"harlow.{kind}", harlow_rows())
    run = cli("import", sheet.name, "--council", "harlow", "--plan", "cpc-2023", "--council-name", "Harlow Council")
    assert run.code == 0, run.err
    imported = _bundled(content=tmp_path / "content")
    bundled = _bundled()
    assert imported.title == bundled.title == TITLE
    assert _shape(imported) == _shape(bundled)
    assert run.lines[-6:] == [
        f"read harlow.{kind}" + (', sheet "Action plan"' if kind == "xlsx" else "") + ": headings on row 3",
        "13 recommendations, 66 actions",
        "statuses: 7 complete, 33 not-started, 26 with no status",
        "wrote content/harlow/council.yaml",
        "wrote content/harlow/cpc-2023.yaml",
        "check: the files written have no problems",
    ]
    assert cli("check").code == 0
    assert cli("build").code == 0


@pytest.mark.parametrize(
    ("kind", "where"), [("csv", "harlow.csv:3:7"), ("tsv", "harlow.tsv:3:7"), ("xlsx", "harlow.xlsx:Action plan!G3")]
)
def test_unknown_columns_are_reported_where_they_are(kind: str, where: str, cli, tmp_path: Path) -> None:
    sheet = WRITERS[kind](tmp_path / f"harlow.{kind}", harlow_rows())
    run = cli("import", sheet.name, "--council", "harlow", "--plan", "cpc-2023", "--council-name", "Harlow Council")
    assert run.lines[0] == (
        f'{where}: warning: column "Notes" is not imported: actionplan does not know this heading '
        '(see "Importing a spreadsheet" in docs/editing.md for the headings it reads)'
    )


def test_the_written_file_is_tidy_yaml_that_says_where_it_came_from(cli, tmp_path: Path) -> None:
    write_tree(tmp_path, {f"schema/{k}.schema.json": "{}" for k in ("plan", "council")})
    write_csv(tmp_path / "harlow.csv", harlow_rows())
    cli("import", "harlow.csv", "--council", "harlow", "--plan", "cpc-2023", "--council-name", "Harlow Council")
    text = (tmp_path / "content/harlow/cpc-2023.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[:3] == [
        "# yaml-language-server: $schema=../../schema/plan.schema.json",
        "# Imported from harlow.csv by actionplan import. Check it against the source before publishing.",
        f"title: {TITLE}",
    ]
    assert '\n  - id: "1"\n    label: "1"\n    title: >-\n      Fulfil the commitment' in text
    assert "\n      - id: 1.commence-resident-survey-via-external\n        text: Commence resident survey" in text
    assert ": '" not in text  # quotes only where needed, and then double quotes
    assert (tmp_path / "content/harlow/council.yaml").read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../../schema/council.schema.json\nname: Harlow Council\n"
    )


def test_every_action_gets_an_explicit_id(cli, tmp_path: Path) -> None:
    write_csv(tmp_path / "harlow.csv", harlow_rows())
    cli("import", "harlow.csv", "--council", "harlow", "--plan", "cpc-2023", "--council-name", "Harlow Council")
    data = yaml.safe_load((tmp_path / "content/harlow/cpc-2023.yaml").read_text(encoding="utf-8"))
    actions = [a for r in data["recommendations"] for a in r["actions"]]
    assert len(actions) == 66
    assert all(a["id"].startswith(r["id"] + ".") for r in data["recommendations"] for a in r["actions"])
    assert len({a["id"] for a in actions}) == 66


def test_unknown_status_words_are_kept_as_the_wording(cli, tmp_path: Path) -> None:
    rows = harlow_rows()
    rows[3][5] = "Awaiting Cabinet decision"
    rows[4][5] = "Amber – survey delayed"
    write_csv(tmp_path / "harlow.csv", rows)
    run = cli("import", "harlow.csv", "--council", "harlow", "--plan", "cpc-2023", "--council-name", "Harlow Council")
    assert run.code == 0
    assert 'harlow.csv:4:6: warning: "Awaiting Cabinet decision" is not a status actionplan knows' in run.err
    first, second = _bundled(content=tmp_path / "content").recommendations[0].actions[:2]
    assert (first.status, first.status_text) == (None, "Awaiting Cabinet decision")
    assert (second.status and second.status.key, second.status_text) == ("at-risk", "Amber – survey delayed")
    assert "statuses: 6 complete, 1 at-risk, 32 not-started, 1 kept as wording only, 26 with no status" in run.lines
    assert cli("check").code == 0


def test_blank_leads_carry_down_within_a_recommendation_only(cli, tmp_path: Path) -> None:
    write_csv(
        tmp_path / "plan.csv",
        [
            ["Ref", "Recommendation", "Action", "Lead officer", "Timescale", "Status"],
            ["1", "Set a vision", "Agree it", "Chief Executive", "June 2027", "Green"],
            ["", "", "Publish it", "", "July 2027", ""],
            ["", "", "Review it", "Head of Policy", "2028", "Red"],
            ["", "", "Report on it", "", "2029", ""],
            ["2", "Fix the budget", "Set it", "", "", ""],
        ],
    )
    run = cli("import", "plan.csv", "--council", "testshire", "--plan", "cpc-2026", "--council-name", "Testshire")
    assert run.code == 0, run.err
    first, second = _bundled("testshire", "cpc-2026", tmp_path / "content").recommendations
    assert [(a.lead, a.status and a.status.key) for a in first.actions] == [
        ("Chief Executive", "on-track"),
        ("Chief Executive", None),
        ("Head of Policy", "off-track"),
        ("Head of Policy", None),
    ]
    assert [a.lead for a in second.actions] == [None]
    assert first.lead is None  # two leads: each written on its actions


def test_numbers_on_every_row_number_the_actions(cli, tmp_path: Path) -> None:
    write_csv(
        tmp_path / "plan.csv",
        [
            ["No", "Recommendation", "Actions taken", "Owner", "Due date", "RAG"],
            ["1.1", "Set a vision", "Agree it", "Chief Executive", "June 2027", "Green"],
            ["1.2", "Set a vision", "Publish it", "", "July 2027", "Amber"],
            ["2.1", "Fix the budget", "Set it", "Finance Director", "2028", "Complete"],
        ],
    )
    assert cli("import", "plan.csv", "--council", "t", "--plan", "p", "--council-name", "T").code == 0
    plan = _bundled("t", "p", tmp_path / "content")
    assert [(r.id, r.label, [(a.id, a.label) for a in r.actions]) for r in plan.recommendations] == [
        ("1", None, [("1.1", "1.1"), ("1.2", "1.2")]),
        ("2", None, [("2.1", "2.1")]),
    ]


def test_progress_notes_need_a_date(cli, tmp_path: Path) -> None:
    rows = [
        ["Recommendation", "Action", "Progress update"],
        ["Set a vision", "Agree it", "Workshops held with partners."],
    ]
    write_csv(tmp_path / "plan.csv", rows)
    run = cli("import", "plan.csv", "--council", "t", "--plan", "p", "--council-name", "T")
    assert run.code == 1
    assert run.lines[0].startswith("plan.csv:2:3: error: this progress update has no date")
    assert not (tmp_path / "content").exists()
    run = cli("import", "plan.csv", "--council", "t", "--plan", "p", "--council-name", "T", "--updated", "2026-10-01")
    assert run.code == 0, run.err
    plan = _bundled("t", "p", tmp_path / "content")
    assert plan.updated == "2026-10-01"
    assert [(u.date.isoformat(), u.note) for u in plan.recommendations[0].actions[0].updates] == [
        ("2026-10-01", "Workshops held with partners.")
    ]


def test_it_will_not_overwrite_without_force(cli, tmp_path: Path) -> None:
    write_csv(tmp_path / "harlow.csv", harlow_rows())
    args = ("import", "harlow.csv", "--council", "harlow", "--plan", "cpc-2023", "--council-name", "Harlow Council")
    assert cli(*args).code == 0
    plan = tmp_path / "content/harlow/cpc-2023.yaml"
    plan.write_text("edited by hand\n", encoding="utf-8")
    run = cli(*args)
    assert (run.code, run.lines) == (
        2,
        ["actionplan: content/harlow/cpc-2023.yaml already exists: add --force to replace it"],
    )
    assert plan.read_text(encoding="utf-8") == "edited by hand\n"
    assert cli(*args, "--force").code == 0
    assert plan.read_text(encoding="utf-8").startswith("# Imported from harlow.csv")


def test_a_new_council_needs_its_name(cli, tmp_path: Path) -> None:
    write_csv(tmp_path / "harlow.csv", harlow_rows())
    run = cli("import", "harlow.csv", "--council", "harlow", "--plan", "cpc-2023")
    assert run.code == 2
    assert "content/harlow/council.yaml does not exist yet: add --council-name" in run.err


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([["Item", "Notes"], ["a", "b"]], "plan.csv:1:1: error: cannot find the row of column headings"),
        ([["Action", "Lead"], ["Agree it", "CEO"]], "plan.csv:1:1: error: no column holds the recommendations"),
    ],
)
def test_a_sheet_it_cannot_read_writes_nothing(rows: list[list[str]], message: str, cli, tmp_path: Path) -> None:
    write_csv(tmp_path / "plan.csv", rows)
    run = cli("import", "plan.csv", "--council", "t", "--plan", "p", "--council-name", "T")
    assert run.code == 1
    assert run.lines[0].startswith(message)
    assert not (tmp_path / "content").exists()


def test_a_workbook_problem_names_the_sheet_and_cell(cli, tmp_path: Path) -> None:
    rows = [["Recommendation", "Action", "Status"], ["Set a vision", "Agree it", "Pending sign-off"]]
    write_xlsx(tmp_path / "book.xlsx", rows, sheet="Action plan", merge=False)
    run = cli("import", "book.xlsx", "--council", "t", "--plan", "p", "--council-name", "T", "--format", "json")
    assert run.code == 0
    assert 'book.xlsx:Action plan!C2: warning: "Pending sign-off"' not in run.err  # json goes to standard output
    assert '"cell": "Action plan!C2"' in run.out
    run = cli("import", "book.xlsx", "--council", "t", "--plan", "p", "--force")
    assert run.lines[0].startswith('book.xlsx:Action plan!C2: warning: "Pending sign-off" is not a status')


def test_a_named_sheet_that_does_not_exist_is_an_error(cli, tmp_path: Path) -> None:
    write_xlsx(tmp_path / "book.xlsx", harlow_rows())
    run = cli("import", "book.xlsx", "--council", "t", "--plan", "p", "--council-name", "T", "--sheet", "Action pla")
    assert run.code == 1
    assert run.lines[0] == 'book.xlsx:1:1: error: the workbook has no sheet "Action pla" (did you mean "Action plan"?)'


def test_positions_dated_updates_and_rows_it_cannot_place(cli, tmp_path: Path) -> None:
    rows = [
        ["Hartlepool Borough Council"],
        ["Corporate Peer Challenge – action plan"],
        ["A note above the table"],
        [],
        ["Recommendation", "Current position", "Action", "Lead Officer", "Timeframe", "Update", "Update date"],
        ["", "", "Stray action", "", "", "", ""],
        ["Set a vision", "Strategies agreed.\nMore to do.", "Agree it", "CEO", "2027", "Met twice.", "30/09/2026"],
        ["", "", "", "", "June 2027", "", ""],
        ["Fix the budget", "", "Set it", "", "", "Approved.", "2026-10-12"],
    ]
    write_xlsx(tmp_path / "plan.xlsx", rows, merge=False)
    run = cli("import", "plan.xlsx", "--council", "t", "--plan", "p", "--council-name", "T")
    assert run.code == 0, run.err
    assert run.lines[:2] == [
        "plan.xlsx:Action plan!A6: warning: this row comes before the first recommendation, so it is not imported",
        "plan.xlsx:Action plan!C8: warning: this row has a date, status or update but no action, so they are left out",
    ]
    assert "2 rows not placed (see the warnings above)" in run.lines
    plan = _bundled("t", "p", tmp_path / "content")
    assert plan.title == (
        "Hartlepool Borough Council – Corporate Peer Challenge – action plan – A note above the table"
    )
    first, second = plan.recommendations
    assert first.position == "Strategies agreed.\nMore to do."
    assert [(u.date.isoformat(), u.note) for a in plan.recommendations for u in a.actions[0].updates] == [
        ("2026-09-30", "Met twice."),
        ("2026-10-12", "Approved."),
    ]
    assert (first.actions[0].lead, second.actions[0].lead) == ("CEO", None)


def test_in_this_project_the_schema_line_points_into_the_package(cli, tmp_path: Path) -> None:
    write_tree(tmp_path, {"actionplan/sources/schema/plan.schema.json": "{}", "content/t/council.yaml": "name: T\n"})
    write_csv(tmp_path / "plan.csv", [["Recommendation", "Action"], ["Set a vision", "Agree it"]])
    assert cli("import", "plan.csv", "--council", "t", "--plan", "p").code == 0
    first = (tmp_path / "content/t/p.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../actionplan/sources/schema/plan.schema.json"
