"""A build replaces only a folder it may destroy: a new or empty one, or a site that actionplan wrote.

``--output content/<council>``, ``--output templates``, ``--output actionplan`` or a
home folder were once replaced by the site, deleting what was there. Every site now
holds a marker file, and any other folder that is not empty is refused with exit
code 2 and one line that says why and what to do.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from actionplan.addresses import SITE_MARKER as MARKER
from tests.helpers import Run, tree_digest, write_tree


@pytest.fixture
def project(content: Callable[..., Path], tmp_path: Path) -> Path:
    """A project folder: content, a theme override, a copy of an engine and a home-like folder."""
    content()
    write_tree(
        tmp_path,
        {
            "templates/base.html": "<!doctype html>{% block main %}{% endblock %}\n",
            "actionplan/__init__.py": '"""The engine."""\n',
            "home/alex/.bashrc": "export EDITOR=nano\n",
            "home/alex/Documents/budget.xlsx": b"PK\x03\x04",
            "srv/www/index.html": "<p>Another site</p>\n",
        },
    )
    return tmp_path


@pytest.mark.parametrize("output", ["content/testshire", "content", "templates", "actionplan", "home/alex", "srv/www"])
def test_a_folder_actionplan_did_not_write_is_never_replaced(
    project: Path, cli: Callable[..., Run], output: str
) -> None:
    before = tree_digest(project)
    run = cli("build", "--output", output)
    assert run.code == 2
    assert len(run.lines) == 1, run.err
    assert run.lines[0].startswith("actionplan: ") and output in run.lines[0]
    assert "choose a new or empty folder" in run.err or "choose a folder of its own" in run.err
    assert tree_digest(project) == before


def test_a_new_or_empty_folder_gets_the_site_and_its_marker(project: Path, cli: Callable[..., Run]) -> None:
    (project / "empty").mkdir()
    for output in ("empty", "new/site"):
        assert cli("build", "--output", output).code == 0
        assert (project / output / "index.html").is_file()
        assert (project / output / MARKER).is_file()


def test_a_site_actionplan_wrote_is_replaced_whole(project: Path, cli: Callable[..., Run]) -> None:
    assert cli("build", "--output", "site").code == 0
    (project / "site" / "stray.html").write_text("left by hand\n", encoding="utf-8")
    assert cli("build", "--output", "site").code == 0
    assert not (project / "site" / "stray.html").exists()


def test_a_site_without_its_marker_is_refused(project: Path, cli: Callable[..., Run]) -> None:
    """A folder that merely looks like a site (or one built before the marker) is not destroyed."""
    assert cli("build", "--output", "site").code == 0
    (project / "site" / MARKER).unlink()
    run = cli("build", "--output", "site")
    assert run.code == 2 and "holds files that actionplan did not write" in run.err
    assert (project / "site" / "index.html").is_file()
