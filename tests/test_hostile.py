"""The hostile-input corpus: each folder under tests/hostile/ is a broken or malicious content tree.

A case folder holds ``content/`` files laid over ``tests/hostile/_base/`` and an
``expected.yaml`` that says exactly what the build must do with it:

    about: what the input is, in one or two sentences
    exit: 1                      # the exit code of `python build.py build`
    problems:                    # every problem printed, in the printed order
      - error: content/acme/cpc-2024.yaml:3:1
        says: [words in the message, words in the hint]
    files:                       # optional: bytes written at test time, one character per byte
      content/acme/cpc-2024.yaml: "title: Caf\\xe9\\n"
    make:                        # optional: made at test time by a helper below (links, huge files)
      - big_file: content/acme/cpc-2024.yaml
    base: false                  # optional: do not start from _base
    seconds: 5                   # optional: the build must finish within this time
    site_has: [acme/cpc-2024/]   # optional, for builds that pass: paths in the new site
    site_lacks: [acme/logo.png]  #   ... and paths that must not be published
    known_bug: why               # optional: expected to fail until someone else's file is fixed

Every run starts with a complete previous site in the output folder: a build that
fails must leave it byte-identical, and no run may print a traceback.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from actionplan.cli import main
from actionplan.sources import files as load
from actionplan.sources.files import load_content
from actionplan.sources.messages import catalogued
from actionplan.sources.reading import MAX_FILE_BYTES
from tests.helpers import parser_phrases_in, run_build_process, tree_digest

CORPUS = Path(__file__).resolve().parent / "hostile"
BASE = CORPUS / "_base"
AS_OF = "2024-06-01"
BUILD_ARGS = ("build", "--content", "content", "--output", "site", "--as-of", AS_OF)
PROBLEM = re.compile(r"^(?P<at>\S.*:\d+:\d+): (?P<severity>error|warning): (?P<message>.*)$")
SUMMARY = re.compile(r"^(\d+ errors? in content; nothing was written|built \S+ \(as of \d{4}-\d{2}-\d{2}\))$")


# ----------------------------------------------------------------- what cannot be committed


def _crlf_bom(project: Path, folder: str) -> None:
    """Save every YAML file under ``folder`` the Windows way: a BOM and CRLF line endings."""
    for path in sorted((project / folder).rglob("*.yaml")):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_text("utf-8").replace("\n", "\r\n").encode("utf-8"))


def _cr_only(project: Path, folder: str) -> None:
    """Save every YAML file under ``folder`` with classic Mac line endings (CR alone)."""
    for path in sorted((project / folder).rglob("*.yaml")):
        path.write_bytes(path.read_text("utf-8").replace("\n", "\r").encode("utf-8"))


def _big_file(project: Path, target: str) -> None:
    """Write a 50 MB plan: a YAML start, then a hole (sparse, so it costs no disk) ending in a newline."""
    with open(project / target, "wb") as handle:
        handle.write(b"title: Fifty megabytes\nrecommendations:\n")
        handle.seek(50 * 1024 * 1024 - 1)
        handle.write(b"\n")


def _long_line(project: Path, target: str) -> None:
    """Write a plan whose title is one line of 1 MiB."""
    rest = (BASE / "content/acme/cpc-2024.yaml").read_text("utf-8").split("\n", 1)[1]
    (project / target).write_text("title: " + "x" * 1024 * 1024 + "\n" + rest, encoding="utf-8")


def _link_outside(project: Path, target: str) -> None:
    """Replace ``target`` with a link to a valid plan outside the content folder."""
    secret = project / "outside" / "secret.yaml"
    secret.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(BASE / "content/acme/cpc-2024.yaml", secret)
    (project / target).unlink(missing_ok=True)
    (project / target).symlink_to(secret)


def _link_folder_outside(project: Path, target: str) -> None:
    """Make ``target`` a link to a complete council folder outside the content folder."""
    outside = project / "outside-council"
    shutil.copytree(BASE / "content/acme", outside)
    (project / target).symlink_to(outside, target_is_directory=True)


def _dangling_link(project: Path, target: str) -> None:
    (project / target).symlink_to("missing.yaml")


def _empty_folder(project: Path, target: str) -> None:
    (project / target).mkdir(parents=True)


MAKERS: dict[str, Callable[[Path, str], None]] = {
    "crlf_bom": _crlf_bom,
    "cr_only": _cr_only,
    "big_file": _big_file,
    "long_line": _long_line,
    "link_outside": _link_outside,
    "link_folder_outside": _link_folder_outside,
    "dangling_link": _dangling_link,
    "empty_folder": _empty_folder,
}


# ----------------------------------------------------------------- running a case


@dataclass(frozen=True)
class Outcome:
    code: int
    err: str
    seconds: float

    @property
    def lines(self) -> list[str]:
        return self.err.splitlines()


def expectation(case: Path) -> dict[str, Any]:
    return yaml.safe_load((case / "expected.yaml").read_text("utf-8"))


def prepare(case: Path, project: Path) -> None:
    """Lay the case's content over the base tree in ``project``, then write and make what it asks for."""
    expected = expectation(case)
    project.mkdir(parents=True, exist_ok=True)
    if expected.get("base", True):
        shutil.copytree(BASE / "content", project / "content")
    if (case / "content").is_dir():
        shutil.copytree(case / "content", project / "content", dirs_exist_ok=True)
    for name, text in (expected.get("files") or {}).items():
        path = project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("latin-1"))
    for step in expected.get("make") or []:
        for maker, target in step.items():
            MAKERS[maker](project, target)


def run_build(project: Path) -> Outcome:
    """Run ``python build.py build`` from ``project`` in-process: the same entry point, without start-up costs.

    Nothing is caught, so an exception escaping the command fails the test with its traceback.
    """
    err = io.StringIO()
    started = time.monotonic()
    with contextlib.chdir(project), redirect_stderr(err), redirect_stdout(io.StringIO()):
        code = main(list(BUILD_ARGS))
    return Outcome(code, err.getvalue(), time.monotonic() - started)


def run_real_command(project: Path) -> Outcome:
    """Run the real command in a child process, as a person would."""
    started = time.monotonic()
    run = run_build_process(project, *BUILD_ARGS)
    return Outcome(run.returncode, run.stderr.decode("utf-8", "replace"), time.monotonic() - started)


def _case_dirs() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if (p / "expected.yaml").is_file())


def _cases() -> list[Any]:
    params = []
    for case in _case_dirs():
        bug = expectation(case).get("known_bug")
        marks = [pytest.mark.xfail(reason=bug, strict=True)] if bug else []
        params.append(pytest.param(case, id=case.name, marks=marks))
    return params


@pytest.fixture(scope="session")
def previous_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the base content once: the complete site every case starts from."""
    project = tmp_path_factory.mktemp("previous")
    shutil.copytree(BASE / "content", project / "content")
    outcome = run_build(project)
    assert outcome.code == 0, outcome.err
    return project / "site"


def check_outcome(expected: dict[str, Any], outcome: Outcome) -> None:
    """Assert the run printed exactly the expected problems, and nothing else, and exited as expected."""
    assert "Traceback" not in outcome.err
    assert not parser_phrases_in(outcome.err), outcome.err
    for line in outcome.lines:  # problems and the one-line summary, nothing else
        assert PROBLEM.match(line) or SUMMARY.match(line), f"unexpected output: {line!r}"
    reported = [m for line in outcome.lines if (m := PROBLEM.match(line))]
    problems = expected.get("problems") or []
    wanted = [(severity, p[severity]) for p in problems for severity in ("error", "warning") if severity in p]
    assert [(m["severity"], m["at"]) for m in reported] == wanted, outcome.err
    for match in reported:  # every message is one the docs explain (docs/editing.md, "What the messages mean")
        assert catalogued(match["message"]), f"no entry in actionplan/sources/messages.py describes: {match[0]}"
    for match, problem in zip(reported, problems, strict=True):
        for words in problem.get("says", []):
            assert words in match["message"], f"{words!r} not in {match.group(0)!r}"
    assert outcome.code == expected["exit"], outcome.err
    if "seconds" in expected:
        assert outcome.seconds < expected["seconds"]


def test_the_corpus_is_big_enough() -> None:
    assert len(_cases()) >= 40


@pytest.mark.parametrize("case", _cases())
def test_hostile_input(case: Path, tmp_path: Path, previous_site: Path) -> None:
    expected = expectation(case)
    project = tmp_path / "project"
    prepare(case, project)
    shutil.copytree(previous_site, project / "site", symlinks=True)
    (project / "site/stale.html").write_text("from the previous build\n")  # a new build must remove it
    before = tree_digest(project / "site")

    outcome = run_build(project)

    check_outcome(expected, outcome)
    after = tree_digest(project / "site")
    if outcome.code != 0:
        assert after == before, "a failed build changed the previous site"
    else:
        assert "stale.html" not in after and "index.html" in after, "the site was not replaced"
        for path in expected.get("site_has", []):
            assert path.rstrip("/") in after, path
        for path in expected.get("site_lacks", []):
            assert path.rstrip("/") not in after, path
    left = sorted(p.name for p in project.glob(".site.*"))
    assert left in ([], [".site.lock"], [".site.actionplan", ".site.lock"]), "a staging folder was left"


@pytest.mark.slow
@pytest.mark.parametrize("name", ["syntax-unclosed-double-quote", "fifty-megabyte-file", "bom-and-crlf-accepted"])
def test_the_real_command_reports_the_same(name: str, tmp_path: Path) -> None:
    """A few cases through `python build.py` in a child process: same lines, same exit code, no traceback."""
    prepare(CORPUS / name, tmp_path)
    check_outcome(expectation(CORPUS / name), run_real_command(tmp_path))


# ----------------------------------------------------------------- in-process checks behind the corpus


def test_an_oversized_file_never_reaches_the_parser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The size is checked before a byte is read, so a huge file costs nothing to refuse."""
    prepare(CORPUS / "fifty-megabyte-file", tmp_path)
    parsed: list[int] = []
    real_parse = load.parse_yaml

    def spy(text: str) -> Any:
        parsed.append(len(text))
        return real_parse(text)

    monkeypatch.setattr(load, "parse_yaml", spy)
    started = time.monotonic()
    content = load_content(tmp_path / "content")
    assert time.monotonic() - started < 1
    assert all(size <= MAX_FILE_BYTES for size in parsed)
    assert [p.message for p in content.problems if p.is_error] == [
        "the file is 50.0 MB; the most a content file may be is 5 MB"
    ]


def test_a_fifo_named_like_a_plan_does_not_hang_the_build(tmp_path: Path) -> None:
    """Only regular files are read, and they are opened without blocking."""
    prepare(CORPUS / "empty-folder-warns", tmp_path)
    acme = tmp_path / "content/acme"
    os.mkfifo(acme / "cpc-2025.yaml")  # not a file: not a plan
    os.mkfifo(acme / "pipe")
    (acme / "cpc-2026.yaml").symlink_to("pipe")  # a link is read, and refused
    content = load_content(tmp_path / "content")
    assert [(Path(p.path).name, p.message) for p in content.problems if p.is_error] == [
        ("cpc-2026.yaml", "this is not a regular file")
    ]


def test_an_unreadable_folder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder that cannot be listed is a located problem, not a traceback (simulated: tests may run as root)."""
    prepare(CORPUS / "empty-folder-warns", tmp_path)
    real_iterdir = Path.iterdir

    def iterdir(self: Path) -> Iterator[Path]:
        if self.name == "acme":
            raise PermissionError(13, "Permission denied")
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    content = load_content(tmp_path / "content")
    assert [(Path(p.path).name, p.message) for p in content.problems if p.is_error] == [
        ("acme", "cannot read the folder: Permission denied")
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="permissions do not apply to root")
@pytest.mark.parametrize("mode", [0o000, 0o644])
def test_a_folder_without_permission_is_reported(mode: int, tmp_path: Path) -> None:
    """Unreadable (000) and readable but not searchable (644) folders are reported once each."""
    prepare(CORPUS / "empty-folder-warns", tmp_path)
    locked = tmp_path / "content/acme"
    locked.chmod(mode)
    try:
        content = load_content(tmp_path / "content")
    finally:
        locked.chmod(0o755)
    assert [(Path(p.path).name, p.message) for p in content.problems if p.is_error] == [
        ("acme", "cannot read the folder: Permission denied")
    ]
