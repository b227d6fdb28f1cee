"""The site's actions and updates files, joined from each plan's rows as the councils' parts come."""

from __future__ import annotations

import os
import tempfile

import pytest

from actionplan.addresses import Urls
from actionplan.derive.views import SiteView, derive_site
from actionplan.exports.data import (
    ACTION_FIELDS,
    UPDATE_FIELDS,
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


def _kept(rows: list[tuple[bytes, bytes, bytes]]) -> KeptRows:
    """The rows as the cache keeps them: one file, each plan's three pieces in turn."""
    file = tempfile.TemporaryFile()
    file.write(b"".join(piece for plan in rows for piece in plan))
    file.seek(0)
    return KeptRows(file, tuple((len(a), len(b), len(c)) for a, b, c in rows))


@pytest.mark.parametrize("how", ["spilled", "in memory", "kept by the cache", "mixed"])
def test_the_site_files_joined_from_plan_rows_are_those_written_whole(bundled_view: SiteView, how: str) -> None:
    view = bundled_view
    gathered = SiteRows()
    for i, plan in enumerate(reversed(view.plans)):  # councils' parts come in any order; the files keep the site's
        rows = plan_rows(plan, view)
        way = how if how != "mixed" else ("spilled", "in memory", "kept by the cache")[i % 3]
        if way == "kept by the cache":
            gathered.add_kept([plan.url], _kept([row_pieces(rows)]))
        else:
            gathered.add(plan.url, rows, spill=way == "spilled")
    assert dict(gathered.files(view.urls, [plan.url for plan in view.plans])) == _expected(view)


def test_a_council_s_kept_rows_go_to_each_of_its_plans_and_the_file_is_closed(bundled_view: SiteView) -> None:
    view = bundled_view
    kept = _kept([row_pieces(plan_rows(plan, view)) for plan in view.plans])
    gathered = SiteRows()
    gathered.add_kept([plan.url for plan in view.plans], kept)
    assert kept.file.closed
    assert dict(gathered.files(view.urls, [plan.url for plan in view.plans])) == _expected(view)


def test_rows_are_copied_by_reading_where_the_system_cannot_copy(
    bundled_view: SiteView, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object) -> int:
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "copy_file_range", refuse, raising=False)
    test_a_council_s_kept_rows_go_to_each_of_its_plans_and_the_file_is_closed(bundled_view)


def test_a_kept_file_shorter_than_its_sizes_is_an_error_not_rows_made_up() -> None:
    short = tempfile.TemporaryFile()
    short.write(b"abc")
    short.seek(0)
    gathered = SiteRows()
    with pytest.raises(OSError, match="ended early"):
        gathered.add_kept(["/a/plan/"], KeptRows(short, ((5, 0, 0),)))
    gathered.close()


def test_a_site_without_plans_has_empty_data_files() -> None:
    urls = Urls.for_site(None)
    files = dict(SiteRows().files(urls, []))
    assert files[urls.actions_json] == b"[]\n"
    assert files[urls.actions_csv] == to_csv(ACTION_FIELDS, [])
    assert files[urls.updates_csv] == to_csv(UPDATE_FIELDS, [])
