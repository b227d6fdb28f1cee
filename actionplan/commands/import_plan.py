"""The ``import`` command: turn a council's spreadsheet into a plan file that passes ``check``."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Abort, ContentErrors, Problem, plural
from ..options import Options
from ..pipeline import check as check_content
from ..sources.files import SLUG
from ..sources.headings import find_headings
from ..sources.imported import ImportedPlan
from ..sources.plan_table import read_plan
from ..sources.reading import shown_path
from ..sources.spreadsheet import read_sheets
from ..sources.writing import content_file, schema_line, write_text_atomically

EXIT_USAGE = 2


@dataclass(frozen=True)
class ImportRequest:
    source: Path
    council: str
    plan: str
    council_name: str | None = None
    sheet: str | None = None
    content: Path = Path("content")
    force: bool = False
    updated: datetime.date | None = None  # the day progress notes are "as at"


@dataclass
class ImportResult:
    written: list[Path] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _existing(folder: Path, stem: str) -> Path | None:
    return next((p for p in (folder / f"{stem}.yaml", folder / f"{stem}.yml") if p.exists()), None)


def _refuse_what_cannot_be_done(request: ImportRequest) -> None:
    """Stop before reading the sheet when the command itself cannot work (exit code 2)."""
    for what, slug in (("--council", request.council), ("--plan", request.plan)):
        if not SLUG.match(slug):
            raise Abort(f'{what} "{slug}" cannot be part of a web address: use lower-case letters, digits and -', 2)
    folder = request.content / request.council
    if (existing := _existing(folder, request.plan)) and not request.force:
        raise Abort(f"{shown_path(existing)} already exists: add --force to replace it", EXIT_USAGE)
    if not _existing(folder, "council") and not request.council_name:
        raise Abort(
            f'{shown_path(folder / "council.yaml")} does not exist yet: add --council-name "…" with the '
            "council's official name to create it",
            EXIT_USAGE,
        )


def _statuses(plan: ImportedPlan) -> str:
    known = ("complete", "on-track", "at-risk", "off-track", "not-started")
    counts = [f"{plan.statuses[k]} {k}" for k in known if plan.statuses[k]]
    kept = sum(n for word, n in plan.statuses.items() if word not in known)
    counts += [f"{kept} kept as wording only"] if kept else []
    none = plan.action_count - sum(plan.statuses.values())
    counts += [f"{none} with no status"] if none else []
    return "statuses: " + (", ".join(counts) or "none given")


def import_plan(request: ImportRequest) -> ImportResult:
    """Read the sheet and write ``content/<council>/<plan>.yaml`` (and council.yaml when missing).

    Raises Abort for a command that cannot work, and ContentErrors, writing nothing, for a
    sheet that cannot be read.
    """
    _refuse_what_cannot_be_done(request)
    result = ImportResult()
    problems = result.problems
    sheets = read_sheets(request.source, request.sheet, problems)
    sheet = next((s for s in sheets if find_headings(s) is not None), sheets[0] if sheets else None)
    plan = None
    if sheet is not None:
        plan = read_plan(sheet, problems, council=request.council, plan=request.plan, updated=request.updated)
    if plan is None or any(p.is_error for p in problems):
        raise ContentErrors(problems, where="the sheet")
    where = f'{plan.sheet.shown}, sheet "{plan.sheet.name}"' if plan.sheet.name else plan.sheet.shown
    result.summary += [
        f"read {where}: headings on row {plan.headings.row}",
        f"{plural(len(plan.recommendations), 'recommendation')}, {plural(plan.action_count, 'action')}",
        _statuses(plan),
    ]
    if plan.unplaced:
        result.summary.append(f"{plural(plan.unplaced, 'row')} not placed (see the warnings above)")
    folder = request.content / request.council
    if not _existing(folder, "council"):
        _write(result, folder / "council.yaml", request, {"name": request.council_name}, "council", [])
    source = request.source.name + (f', sheet "{plan.sheet.name}"' if plan.sheet.name else "")
    origin = [f"Imported from {source} by actionplan import. Check it against the source before publishing."]
    _write(result, folder / f"{request.plan}.yaml", request, plan.content(request.updated), "plan", origin)
    _check_written(result, request.content)
    return result


def _write(result: ImportResult, path: Path, request: ImportRequest, data: object, kind: str, notes: list[str]) -> None:
    schema = schema_line(path, request.content, kind)
    write_text_atomically(path, content_file(data, ([schema] if schema else []) + notes))
    result.written.append(path)
    result.summary.append(f"wrote {shown_path(path)}")


def _check_written(result: ImportResult, content: Path) -> None:
    """Check the files just written as the build will, so a mistake shows now rather than at the next build."""
    written = {shown_path(p) for p in result.written}
    found = [p for p in check_content(Options(content=content))[1] if p.path in written]
    result.problems += found
    errors = sum(p.is_error for p in found)
    result.summary.append(
        f"check: {plural(errors, 'error')}, {plural(len(found) - errors, 'warning')} in the files written"
        if found
        else "check: the files written have no problems"
    )
