"""A large site is drawn by several processes: the same site, the same located problems, the old site kept."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from actionplan.commands.build import build
from actionplan.options import Options
from actionplan.pipeline import make_site
from actionplan.previous import Into
from actionplan.render.site import PLANS_WORTH_WORKERS, jobs
from actionplan.render.workers import Workers, cores
from tests.helpers import AS_OF, CONTENT, MINIMAL_PLAN, tree_digest

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="workers are forked only on Linux")


def test_builds_by_one_and_by_two_processes_are_byte_identical(tmp_path: Path) -> None:
    for n in (1, 2):
        options = Options(content=CONTENT, output=tmp_path / f"site-{n}", as_of=AS_OF, jobs=n)
        build(Options(**{**vars(options), "base_url": "https://plans.example.org/"}))
    one, two = tree_digest(tmp_path / "site-1"), tree_digest(tmp_path / "site-2")
    assert len(one) > 100
    assert one == two, sorted(name for name in one.keys() | two.keys() if one.get(name) != two.get(name))


def _squared(offset: int, piece: int) -> tuple[int, int]:
    return piece, piece * piece + offset


@pytest.mark.parametrize("n", [1, 2, 3])
def test_pieces_come_back_in_the_order_given_with_what_the_parent_shared(n: int) -> None:
    with Workers(n, 1000) as workers:
        assert list(workers.map(_squared, range(50))) == [(i, i * i + 1000) for i in range(50)]


def test_a_template_error_in_a_worker_is_located_and_the_previous_site_stays(content, cli, tmp_path: Path) -> None:
    content(extra={"otherton/council.yaml": "name: Otherton Council\n", "otherton/cpc-2023.yaml": MINIMAL_PLAN})
    assert cli("build", "--jobs", "2").code == 0
    before = tree_digest(tmp_path / "site")
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "council.html").write_text('{% extends "base.html" %}{% block main %}\n{{ no_such_value }}{% endblock %}')
    run = cli("build", "--jobs", "2", "--templates", str(theme))
    assert run.code == 1
    assert run.lines[0].startswith("theme/council.html:2:1: error: template error: 'no_such_value' is undefined")
    assert tree_digest(tmp_path / "site") == before


def test_a_small_site_is_drawn_by_one_process_unless_asked() -> None:
    assert jobs(0, councils=5, plans=PLANS_WORTH_WORKERS - 1) == 1
    assert jobs(0, councils=5, plans=PLANS_WORTH_WORKERS) == min(cores(), 5)
    assert jobs(2, councils=1, plans=100) == 1  # one council: one piece of work at a time
    assert jobs(1, councils=20, plans=100) == 1
    assert jobs(4, councils=20, plans=5) == 4  # asked


@pytest.mark.parametrize("given", ["0", "-1", "two"])
def test_jobs_must_be_a_number_of_processes(cli, given: str) -> None:
    run = cli("build", "--jobs", given)
    assert run.code == 2
    assert "is not a number of processes" in run.err


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_every_councils_problems_are_reported_at_once_as_check_reports_them(content, cli, jobs: str) -> None:
    """Each council is checked in its own part (by a worker for --jobs 2): the build still reports them all."""
    broken = MINIMAL_PLAN.replace("title:", "titel: x\ntitle:", 1)
    content(
        plan=broken,
        extra={
            "otherton/council.yaml": "name: Otherton Council\n",
            "otherton/cpc-2023.yaml": broken,
            "site.yaml": "title: [not text\n",
        },
    )
    checked = cli("check")
    built = cli("build", "--jobs", jobs)
    assert checked.code == built.code == 1
    assert built.lines[:-1] == checked.lines[:-1]  # the last says what was written, or that nothing was
    assert len(built.lines) == 4
    assert sum('unknown field "titel"' in line for line in built.lines) == 2
    assert any(line.startswith("content/site.yaml:") for line in built.lines)
    assert not (Path("site")).exists()


@pytest.mark.parametrize("n", [1, 2])
def test_without_a_cache_councils_write_their_own_files_into_the_new_site(tmp_path: Path, n: int) -> None:
    """Written where they are drawn (by the workers), under any umask: the same site, pages 0644, folders 0755."""
    base = {"content": CONTENT, "as_of": AS_OF, "base_url": "https://plans.example.org/"}
    build(Options(**base, output=tmp_path / "cached", cache=tmp_path / "cache", jobs=1))  # type: ignore[arg-type]
    mask = os.umask(0o077)
    try:
        build(Options(**base, output=tmp_path / "written", cache=None, jobs=n))  # type: ignore[arg-type]
    finally:
        os.umask(mask)
    assert tree_digest(tmp_path / "written") == tree_digest(tmp_path / "cached")
    for path in [tmp_path / "written", *(tmp_path / "written").rglob("*")]:
        assert stat.S_IMODE(path.stat().st_mode) == (0o755 if path.is_dir() else 0o644), path


def test_a_council_s_files_are_written_where_it_is_drawn_but_its_plans_pages(tmp_path: Path) -> None:
    folder = tmp_path / "new"
    folder.mkdir()
    files = make_site(Options(content=CONTENT, as_of=AS_OF, cache=None, jobs=1))
    files.draw_into(Into(folder))
    kinds = {name: type(content).__name__ for name, content in files}
    written = {name for name, kind in kinds.items() if kind == "Written"}
    assert written and all((folder / name).is_file() for name in written)
    plan_pages = {name for name in kinds if name.count("/") == 2 and name.endswith("/index.html")}
    assert plan_pages and not plan_pages & written  # they wait for the sizes of the site's files
    assert not any((folder / name).exists() for name in kinds.keys() - written)  # publishing writes the others
