"""Faults: a build that is killed, races another build, or runs out of disk never leaves a half site.

The output folder is replaced in one atomic step (renameat2 RENAME_EXCHANGE) after
the new site has been written beside it, under an exclusive lock. These tests
attack each step from outside, with real processes and SIGKILL.
"""

from __future__ import annotations

import errno
import fcntl
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from actionplan import previous
from actionplan import publish as output
from actionplan.cli import main
from actionplan.previous import Into
from tests.helpers import REPO, tree_digest

AS_OF = "2024-06-01"
KILLS = 10

pytestmark = pytest.mark.slow  # real processes, killed and raced


def _actions() -> list[dict[str, object]]:
    # A fresh list each time: PyYAML would write a shared one as an anchor and alias, which content refuses.
    return [
        {
            "text": f"Action {a} with *markdown* and a [link](https://example.org/{a})",
            "due": "June 2024",
            "status": ["complete", "on-track", "at-risk"][a % 3],
            "updates": [{"date": f"2024-01-0{a % 9 + 1}", "status": "on-track", "note": "Progress."}],
        }
        for a in range(6)
    ]


def write_content(root: Path, edition: str, councils: int = 6) -> Path:
    """Write enough plans for a build of half a second or more (some 330 files); ``edition`` marks every page."""
    for c in range(councils):
        folder = root / f"council-{c}"
        folder.mkdir(parents=True)
        (folder / "council.yaml").write_text(f"name: Council {c} ({edition})\n")
        for p in range(4):
            recommendations = [
                {"id": str(r + 1), "title": f"Recommendation {r}", "actions": _actions()} for r in range(10)
            ]
            plan = {"title": f"Plan {p} ({edition})", "updated": "2024-05-01", "recommendations": recommendations}
            (folder / f"plan-{p}.yaml").write_text(yaml.safe_dump(plan, sort_keys=False))
    return root


def start_build(project: Path, content: str) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        str(REPO / "build.py"),
        "build",
        "--content",
        content,
        "--output",
        "site",
        "--as-of",
        AS_OF,
    ]
    return subprocess.Popen(command, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def run_in_process(project: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(project)
        code = main(["build", "--output", "site", "--as-of", AS_OF, *args])
    return code, capsys.readouterr().err


@dataclass(frozen=True)
class Editions:
    """A project holding two editions of the content and the site each builds."""

    project: Path
    seconds: float  # how long one build takes on this machine, now

    def digest(self, edition: str) -> dict[str, str]:
        return tree_digest(self.project / f"{edition}-site")


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> Editions:
    project = tmp_path_factory.mktemp("faults")
    seconds = 0.0
    for edition in ("old", "new"):
        write_content(project / edition, edition)
        started = time.monotonic()
        build = start_build(project, edition)
        _, err = build.communicate(timeout=120)
        seconds = time.monotonic() - started
        assert build.returncode == 0, err.decode()
        (project / "site").rename(project / f"{edition}-site")
    return Editions(project, seconds)


def _difference(after: dict[str, str], old: dict[str, str], new: dict[str, str]) -> str:
    def differing(reference: dict[str, str]) -> int:
        return len(set(after.items()) ^ set(reference.items()))

    return f"{differing(old)} entries differ from the old site and {differing(new)} from the new one"


def _staging(project: Path) -> list[Path]:
    return list(project.glob(".site.*.tmp"))


def _project(editions: Editions, tmp_path: Path) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    for name in ("old", "new"):
        (project / name).symlink_to(editions.project / name)
    return project


def test_a_killed_build_leaves_a_complete_site(editions: Editions, tmp_path: Path) -> None:
    """SIGKILL at random moments, half of them while the new site is being written: the old site or the new one."""
    old, new = editions.digest("old"), editions.digest("new")
    project = _project(editions, tmp_path)
    shutil.copytree(editions.project / "old-site", project / "site")
    rng = random.Random(6)
    seen = []
    for attempt in range(KILLS):
        build = start_build(project, "new")
        if attempt % 2:  # wait for the staging folder, then kill mid-write
            while build.poll() is None and not _staging(project):
                time.sleep(0.001)
            time.sleep(rng.uniform(0, 0.05))
        else:
            time.sleep(rng.uniform(0, editions.seconds * 1.1))
        build.send_signal(signal.SIGKILL)
        build.communicate(timeout=60)
        after = tree_digest(project / "site")
        assert after in (old, new), f"attempt {attempt}: a mixed site: {_difference(after, old, new)}"
        seen.append("old" if after == old else "new")
        if after == new:  # start the next attempt from the old site again
            shutil.rmtree(project / "site")
            shutil.copytree(editions.project / "old-site", project / "site")

    assert "old" in seen, seen  # at least one kill landed before the swap
    build = start_build(project, "new")
    _, err = build.communicate(timeout=120)
    assert build.returncode == 0, err.decode()
    assert tree_digest(project / "site") == new
    assert _staging(project) == [], "a later build clears what killed builds left"


def test_two_builds_at_once_never_mix(editions: Editions, tmp_path: Path) -> None:
    """Builds of different content started together: each publishes whole in turn, or refuses clearly."""
    old, new = editions.digest("old"), editions.digest("new")
    project = _project(editions, tmp_path)
    for _ in range(2):
        builds = [start_build(project, "old"), start_build(project, "new")]
        results = [(b.wait(timeout=120), b.communicate()[1].decode()) for b in builds]
        for code, err in results:
            assert code in (0, 2), err
            assert "Traceback" not in err
            if code == 2:
                assert "another build is writing to" in err
        assert any(code == 0 for code, _ in results)
        assert tree_digest(project / "site") in (old, new)
        assert _staging(project) == []


def test_a_build_refuses_while_another_holds_the_lock(
    editions: Editions, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "project"
    write_content(project / "content", "small", councils=1)
    shutil.copytree(editions.project / "old-site", project / "site")
    before = tree_digest(project / "site")
    with open(project / ".site.lock", "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        code, err = run_in_process(project, "--content", "content", capsys=capsys)
    assert code == 2
    assert "another build is writing to" in err and "wait for it to finish" in err
    assert tree_digest(project / "site") == before
    assert _staging(project) == []


def test_a_full_disk_leaves_the_previous_site(
    editions: Editions, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    write_content(project / "content", "small", councils=1)
    shutil.copytree(editions.project / "old-site", project / "site")
    before = tree_digest(project / "site")
    real_write = output.write_files

    def write_half(into: Into, files: Iterable[tuple[str, bytes]], made: object) -> None:
        written = list(files)
        real_write(into, written[: len(written) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(output, "write_files", write_half)
    code, err = run_in_process(project, "--content", "content", capsys=capsys)
    assert code == 2
    assert "No space left on device" in err and "Traceback" not in err
    assert tree_digest(project / "site") == before
    assert _staging(project) == []


def test_a_full_disk_while_the_previous_site_is_updated_leaves_the_site_in_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    write_content(project / "content", "small", councils=1)
    plan = next((project / "content").glob("*/plan-*.yaml"))
    for edit in ("", "Edited "):  # the second build keeps the first site, to be updated in place by the next
        plan.write_text(plan.read_text().replace("title: ", f"title: {edit}", 1))
        assert run_in_process(project, "--content", "content", capsys=capsys)[0] == 0
    before = tree_digest(project / "site")
    plan.write_text(plan.read_text().replace("title: ", "title: Again ", 1))
    written: list[Path] = []

    def full(folder: Path, target: Path, data: bytes, made: set[Path]) -> None:
        if written:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        written.append(target)

    monkeypatch.setattr(previous, "write", full)
    code, err = run_in_process(project, "--content", "content", capsys=capsys)
    assert code == 2 and written
    assert "No space left on device" in err and "Traceback" not in err
    assert tree_digest(project / "site") == before
    monkeypatch.undo()
    assert run_in_process(project, "--content", "content", capsys=capsys)[0] == 0
    assert tree_digest(project / "site") != before


@pytest.mark.parametrize("where", [".", "..", "project-with-git"])
def test_an_output_that_holds_the_project_is_refused(
    where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A build replaces its output folder entirely, so it must never be the project (or hold it)."""
    project = tmp_path / "project"
    write_content(project / "content", "small", councils=1)
    (project / "project-with-git/.git").mkdir(parents=True)
    before = tree_digest(tmp_path)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(project)
        code = main(["build", "--content", "content", "--output", where, "--as-of", AS_OF])
    err = capsys.readouterr().err
    assert code == 2
    assert "choose a folder of its own" in err
    assert tree_digest(tmp_path) == before


def test_an_output_that_is_a_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_content(tmp_path / "content", "small", councils=1)
    (tmp_path / "site").write_text("not a folder\n")
    code, err = run_in_process(tmp_path, "--content", "content", capsys=capsys)
    assert code == 2
    assert "exists and is not a folder" in err
    assert (tmp_path / "site").read_text() == "not a folder\n"


def test_an_output_link_is_kept_and_its_folder_replaced(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """site -> /var/www/plans is common: the link stays, the folder it points to gets the new site."""
    write_content(tmp_path / "content", "small", councils=1)
    (tmp_path / "www/plans").mkdir(parents=True)
    (tmp_path / "site").symlink_to(tmp_path / "www/plans", target_is_directory=True)
    assert run_in_process(tmp_path, "--content", "content", capsys=capsys)[0] == 0
    (tmp_path / "www/plans/old.html").write_text("old\n")
    code, err = run_in_process(tmp_path, "--content", "content", capsys=capsys)
    assert code == 0, err
    assert (tmp_path / "site").is_symlink()
    assert (tmp_path / "www/plans/index.html").is_file() and not (tmp_path / "www/plans/old.html").exists()
    assert list((tmp_path / "www").glob(".plans.*.tmp")) == []
