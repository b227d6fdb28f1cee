"""Read the content as it was at a git revision, through git itself (never by opening .git by hand).

The content folder at the revision is written into a temporary folder by ``git archive``, so
the old plans are read, checked and validated by the same loader as today's.
"""

from __future__ import annotations

import dataclasses
import datetime
import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from ..errors import Abort, Problem
from .reading import shown_path

EXIT_USAGE = 2
_GIT_SECONDS = 120  # a very large history may take a while to archive; a hung git must not hang the command


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """Run git in ``folder``; raise Abort when git is not installed."""
    try:
        return subprocess.run(
            ["git", "--literal-pathspecs", "-C", str(folder), *args],  # a folder's name is never a pattern
            capture_output=True,
            timeout=_GIT_SECONDS,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except FileNotFoundError:
        raise Abort("git is not installed, so the content at an earlier revision cannot be read", EXIT_USAGE) from None
    except subprocess.TimeoutExpired:
        raise Abort(f"git took longer than {_GIT_SECONDS} seconds to answer; nothing to compare", EXIT_USAGE) from None


def _first_line(output: bytes) -> str:
    lines = output.decode(errors="replace").strip().splitlines()
    return lines[0].removeprefix("fatal: ") if lines else ""


@dataclasses.dataclass(frozen=True)
class Revision:
    """A commit the user named, and where the content folder is inside its repository."""

    name: str  # as the user wrote it, to show in messages: "HEAD~3", "v1.2"
    commit: str  # the full hash git resolved it to
    top: Path  # the repository's top folder
    prefix: str  # the content folder inside the repository, "" or "content/"
    date: datetime.date  # the day it was committed


def find_revision(content: Path, name: str) -> Revision:
    """Resolve ``name`` in the repository that holds ``content``; raise Abort (exit 2) when it cannot."""
    if not content.is_dir():
        raise Abort(f"{shown_path(content)} is not a folder: name the content folder with --content DIR", EXIT_USAGE)
    found = _git(content, "rev-parse", "--show-toplevel", "--show-prefix")
    if found.returncode != 0:
        why = _first_line(found.stderr)
        extra = "" if not why or "not a git repository" in why else f" ({why})"
        raise Abort(f"{shown_path(content)} is not in a git repository{extra}", EXIT_USAGE)
    top, prefix = (found.stdout.decode().splitlines() + ["", ""])[:2]
    resolved = _git(content, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{name}^{{commit}}")
    if not name or resolved.returncode != 0:
        raise Abort(
            f'"{name}" is not a revision of this repository: name a commit, a branch or a tag (see git log)',
            EXIT_USAGE,
        )
    commit = resolved.stdout.decode().strip()
    day = _git(content, "show", "--no-patch", "--format=%cs", commit).stdout.decode().strip()
    return Revision(name, commit, Path(top), prefix, datetime.date.fromisoformat(day))


def _files_and_folders(archive: tarfile.TarFile) -> Iterator[tarfile.TarInfo]:
    """Yield the archive's files and folders; a link is left out (the loader would refuse one pointing outside)."""
    for member in archive:
        if member.isfile() or member.isdir():
            yield member


@contextmanager
def content_at(revision: Revision) -> Iterator[Path]:
    """Yield a temporary folder holding the content folder as it was at ``revision``; delete it afterwards."""
    listed = _git(revision.top, "ls-tree", "--name-only", revision.commit, "--", revision.prefix.rstrip("/") or ".")
    if listed.returncode != 0 or not listed.stdout.strip():
        where = revision.prefix.rstrip("/") or "the repository"
        raise Abort(f"{where} did not exist at revision {revision.name}: nothing to compare", EXIT_USAGE)
    pathspec = [revision.prefix] if revision.prefix else []
    archived = _git(revision.top, "archive", "--format=tar", revision.commit, "--", *pathspec)
    if archived.returncode != 0:
        raise Abort(f"git could not read revision {revision.name}: {_first_line(archived.stderr)}", EXIT_USAGE)
    with tempfile.TemporaryDirectory(prefix="actionplan-revision-") as folder:
        with tarfile.open(fileobj=io.BytesIO(archived.stdout)) as archive:
            archive.extractall(folder, members=_files_and_folders(archive), filter="data")
        yield Path(folder, *PurePosixPath(revision.prefix).parts)


def located_at(problems: list[Problem], folder: Path, revision: Revision) -> list[Problem]:
    """Name the files of problems found in ``folder`` as git does, "HEAD~3:content/harlow/cpc-2023.yaml"."""
    shown = shown_path(folder)

    def renamed(problem: Problem) -> Problem:
        if problem.path == shown or problem.path.startswith(shown + "/"):
            inside = problem.path[len(shown) :].lstrip("/")
            path = f"{revision.name}:{revision.prefix}{inside}".rstrip("/")
            return dataclasses.replace(problem, path=path)
        return problem

    return [renamed(p) for p in problems]
