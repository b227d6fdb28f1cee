"""A build with nothing to do stops at once, and every change to what a build reads makes it build again."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from actionplan import publish, stamp
from actionplan.cli import main
from tests.conftest import REPO, write_tree

AS_OF = "2026-11-24"
Change = Callable[[Path, pytest.MonkeyPatch], list[str]]


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _build(*args: str, output: str = "site") -> int:
    """Build; return the inode of the site folder, which a build that published has replaced."""
    assert main(["build", "--content", "content", "--output", output, "--as-of", AS_OF, *args]) == 0
    return os.stat(output).st_ino


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder holding the sample plans and a theme folder; commands run from it."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(REPO / "tests" / "fixtures" / "sample", tmp_path / "content")
    write_tree(tmp_path / "theme", {"404.html": "{% extends 'base.html' %}{% block main %}Gone{% endblock %}\n"})
    return tmp_path


def test_an_unchanged_build_publishes_nothing_and_gives_the_same_warnings(project: Path, capsys) -> None:
    (project / "content" / "site.yaml").write_text("title: No address\n", encoding="utf-8")
    first = _build()
    said = capsys.readouterr().err
    assert "no base_url is set" in said
    assert _build() == first  # the same folder: nothing was published
    assert capsys.readouterr().err == said


def test_an_unchanged_build_loads_nothing_but_the_command_line(project: Path) -> None:
    command = [
        sys.executable,
        "-c",
        "import sys; from actionplan.cli import main; main(sys.argv[1:]); print(*sys.modules)",
    ]
    args = ["build", "--content", "content", "--as-of", AS_OF]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    runs = [subprocess.run([*command, *args], env=env, capture_output=True, text=True, check=True) for _ in range(2)]
    assert "actionplan.pipeline" in runs[0].stdout.split()
    assert not {"actionplan.pipeline", "jinja2", "yaml"} & set(runs[1].stdout.split())


def _edit_plan(project: Path, _: pytest.MonkeyPatch) -> list[str]:
    plan = project / "content" / "exampleton" / "cpc-2025.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("Exampleton", "Examplebury", 1), encoding="utf-8")
    return []


def _add_a_file(project: Path, _: pytest.MonkeyPatch) -> list[str]:
    (project / "content" / "exampleton" / "notes.txt").write_text("not read, but counted\n", encoding="utf-8")
    return []


def _edit_a_template(project: Path, _: pytest.MonkeyPatch) -> list[str]:
    (project / "theme" / "404.html").write_text("{% extends 'base.html' %}{% block main %}Moved{% endblock %}\n")
    return []


def _new_engine(_: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setattr(stamp, "engine_fingerprint", lambda: "another engine")
    return []


def _another_day(_: Path, __: pytest.MonkeyPatch) -> list[str]:
    return ["--as-of", "2030-01-01"]


def _another_address(_: Path, __: pytest.MonkeyPatch) -> list[str]:
    return ["--base-url", "https://elsewhere.example/"]


def _site_deleted(project: Path, _: pytest.MonkeyPatch) -> list[str]:
    shutil.rmtree(project / "site")
    return []


def _edit_keeping_size_and_times(project: Path, _: pytest.MonkeyPatch) -> list[str]:
    """The same size and modification time, other bytes: the file's change time (which nobody can set) tells."""
    plan = sorted((project / "content").glob("*/cpc-*.yaml"))[0]
    before, text = plan.stat(), plan.read_text(encoding="utf-8")
    at = text.index("title: ") + len("title: ")
    plan.write_text(text[:at] + ("X" if text[at] != "X" else "Y") + text[at + 1 :], encoding="utf-8")
    os.utime(plan, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert plan.stat().st_size == before.st_size and plan.stat().st_mtime_ns == before.st_mtime_ns
    return []


def _site_rebuilt_by_another_build(project: Path, _: pytest.MonkeyPatch) -> list[str]:
    """Builds that keep no stamp here put other sites in place; the stamp's folder is gone, whatever its inode."""
    for day in ("2031-01-01", "2032-01-01"):
        assert main(["build", "--content", "content", "--as-of", day, "--no-cache"]) == 0
    return []


@pytest.mark.parametrize(
    "change",
    [
        _edit_plan,
        _edit_keeping_size_and_times,
        _add_a_file,
        _edit_a_template,
        _new_engine,
        _another_day,
        _another_address,
        _site_deleted,
        _site_rebuilt_by_another_build,
    ],
)
def test_any_change_builds_again(change: Change, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _build()
    _build("--templates", "theme")  # the stamp now is this build's
    args = ["--templates", "theme", *change(project, monkeypatch)]
    _build(*args)
    _build(*args, "--no-cache", output="clean")
    assert _tree(project / "site") == _tree(project / "clean")


def test_a_site_another_build_put_in_place_just_after_is_not_taken_for_this_builds(project: Path) -> None:
    """Another build may take the output's lock the moment this one lets go: the stamp names this build's site."""
    _build("--as-of", "2031-01-01", output="other")
    real_publish = publish.publish

    def followed_at_once(output: Path, files, reuse):  # type: ignore[no-untyped-def]
        published = real_publish(output, files, reuse)
        shutil.rmtree(output)
        shutil.copytree(project / "other", output)
        return published

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(publish, "publish", followed_at_once)
        _build()
    _build()
    _build("--no-cache", output="clean")
    assert _tree(project / "site") == _tree(project / "clean")


def test_a_git_folder_in_the_content_is_not_an_input(project: Path) -> None:
    """A build never reads content/.git, so a commit (which rewrites it) leaves nothing to rebuild."""
    (project / "content" / ".git").mkdir()
    (project / "content" / ".git" / "index").write_bytes(b"one")
    first = _build()
    (project / "content" / ".git" / "index").write_bytes(b"two")
    assert _build() == first
