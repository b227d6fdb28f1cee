"""The site's actions and updates files, joined from each plan's rows as the councils' parts come."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from actionplan.addresses import Urls
from actionplan.derive.views import SiteView, derive_site
from actionplan.exports.data import (
    ACTION_FIELDS,
    UPDATE_FIELDS,
    PlanRows,
    action_records,
    plan_rows,
    to_csv,
    to_json,
    update_rows,
)
from actionplan.exports.site_rows import KeptRows, SiteRows, row_pieces
from actionplan.pipeline import Options, check
from tests.helpers import AS_OF, BUNDLED_BASE_URL, REPO


@pytest.fixture(scope="module")
def bundled_view() -> SiteView:
    site, _ = check(Options(content=REPO / "content", base_url=BUNDLED_BASE_URL))
    return derive_site(site, AS_OF)


def _expected(view: SiteView) -> dict[str, bytes]:
    return {
        view.urls.actions_json: to_json(action_records(view.plans, view)),
        view.urls.actions_csv: to_csv(ACTION_FIELDS, action_records(view.plans, view)),
        view.urls.updates_csv: to_csv(UPDATE_FIELDS, update_rows(view.plans, view)),
    }


def _joined(gathered: SiteRows, view: SiteView) -> dict[str, bytes]:
    return {path: bytes(data) for path, data in gathered.files(view.urls, [plan.url for plan in view.plans])}


def _kept(folder: Path, rows: list[PlanRows]) -> KeptRows:
    """The rows as the cache keeps them: one file, each plan's three pieces in turn."""
    pieces = [row_pieces(plan) for plan in rows]
    path = folder / f"{len(list(folder.iterdir()))}.rows"
    path.write_bytes(b"".join(piece for plan in pieces for piece in plan))
    return KeptRows(str(path), tuple((len(a), len(b), len(c)) for a, b, c in pieces))


def _not_remade() -> list[PlanRows]:
    raise AssertionError("the cache's rows were there")


@pytest.mark.parametrize("how", ["spilled", "in memory", "kept by the cache", "mixed"])
def test_the_site_files_joined_from_plan_rows_are_those_written_whole(
    bundled_view: SiteView, how: str, tmp_path: Path
) -> None:
    view = bundled_view
    gathered = SiteRows()
    for i, plan in enumerate(reversed(view.plans)):  # councils' parts come in any order; the files keep the site's
        rows = plan_rows(plan, view)
        way = how if how != "mixed" else ("spilled", "in memory", "kept by the cache")[i % 3]
        if way == "kept by the cache":
            gathered.add_kept([plan.url], _kept(tmp_path, [rows]), _not_remade)
        else:
            gathered.add(plan.url, rows, spill=way == "spilled")
    assert _joined(gathered, view) == _expected(view)
    gathered.close()


def test_a_council_s_kept_rows_go_to_each_of_its_plans(bundled_view: SiteView, tmp_path: Path) -> None:
    view = bundled_view
    gathered = SiteRows()
    gathered.add_kept(
        [p.url for p in view.plans], _kept(tmp_path, [plan_rows(p, view) for p in view.plans]), _not_remade
    )
    assert _joined(gathered, view) == _expected(view)
    gathered.close()


@pytest.mark.parametrize("mishap", ["gone", "cut short"])
def test_rows_whose_cache_file_went_meanwhile_are_made_again(
    bundled_view: SiteView, tmp_path: Path, mishap: str
) -> None:
    view = bundled_view
    rows = [plan_rows(p, view) for p in view.plans]
    kept = _kept(tmp_path, rows)
    gathered = SiteRows()
    gathered.add_kept([p.url for p in view.plans], kept, lambda: rows)
    if mishap == "gone":  # another build sharing the cache pruned it
        Path(kept.path).unlink()
    else:
        Path(kept.path).write_bytes(b"short")
    assert _joined(gathered, view) == _expected(view)
    gathered.close()


def test_rows_are_copied_by_reading_where_the_system_cannot_copy(
    bundled_view: SiteView, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def refuse(*args: object) -> int:
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "copy_file_range", refuse, raising=False)
    test_a_council_s_kept_rows_go_to_each_of_its_plans(bundled_view, tmp_path)
    test_the_site_files_joined_from_plan_rows_are_those_written_whole(bundled_view, "mixed", tmp_path)
    monkeypatch.delattr(os, "copy_file_range", raising=False)  # neither exists on Windows
    monkeypatch.delattr(os, "pread", raising=False)
    test_the_site_files_joined_from_plan_rows_are_those_written_whole(bundled_view, "mixed", tmp_path)


def test_a_site_without_plans_has_empty_data_files() -> None:
    urls = Urls.for_site(None)
    gathered = SiteRows()
    files = {path: bytes(data) for path, data in gathered.files(urls, [])}
    gathered.close()
    assert files[urls.actions_json] == b"[]\n"
    assert files[urls.actions_csv] == to_csv(ACTION_FIELDS, [])
    assert files[urls.updates_csv] == to_csv(UPDATE_FIELDS, [])
