"""The ``new`` command: a ready repository for a council's team, from the starter files shipped in the package.

The repository holds a sample plan that passes ``check``, the workflow that checks pull
requests and publishes to GitHub Pages, a pre-commit hook, the content format's schemas
for editors, and a README written for the team rather than for developers.
"""

from __future__ import annotations

import datetime
import json
from importlib import metadata, resources
from importlib.abc import Traversable
from pathlib import Path

from .. import __version__
from ..addresses import SCHEMA_NAMES
from ..errors import Abort
from ..sources.reading import shown_path
from ..sources.schema import schema_text
from ..sources.writing import write_text_atomically

EXIT_USAGE = 2
# Package data leaves out names starting with a dot, so the starter files carry them without it.
_DOTTED = {"gitignore": ".gitignore", "pre-commit-config.yaml": ".pre-commit-config.yaml", "github": ".github"}


def _starter_files(folder: Traversable, prefix: str = "") -> dict[str, str]:
    files: dict[str, str] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        name = prefix + (_DOTTED.get(entry.name, entry.name) if not prefix else entry.name)
        if entry.is_dir():
            files.update(_starter_files(entry, name + "/"))
        elif entry.is_file():
            files[name] = entry.read_text(encoding="utf-8")
    return files


def requirement() -> str:
    """Return the pip requirement for this copy of actionplan: the git commit it came from, when pip recorded one."""
    try:
        recorded = metadata.distribution("actionplan").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        recorded = None
    origin = json.loads(recorded) if recorded else {}
    vcs = origin.get("vcs_info", {})
    if vcs.get("vcs") == "git" and vcs.get("commit_id"):
        return f"actionplan @ git+{origin['url']}@{vcs['commit_id']}"
    return f"actionplan=={__version__}"


def repository_files(today: datetime.date) -> dict[str, str]:
    """Return every file of a new repository, by path."""
    starter = resources.files("actionplan").joinpath("starter")
    # The sample plan is dated around the day it is made, so that nothing in it starts out overdue.
    values = {
        "@TODAY@": today.isoformat(),
        "@LAST_YEAR@": str(today.year - 1),
        "@NEXT_YEAR@": str(today.year + 1),
        "@VERSION@": __version__,
    }
    files = {}
    for path, text in _starter_files(starter).items():
        for placeholder, value in values.items():
            text = text.replace(placeholder, value)
        files[path] = text
    files["requirements.txt"] = (
        "# The actionplan release this site is built with (see README.md). Change it here to upgrade.\n"
        + requirement()
        + "\n"
    )
    for name in SCHEMA_NAMES:
        files[f"schema/{name}.schema.json"] = schema_text(name).decode("utf-8")
    return files


def new_repository(folder: Path, today: datetime.date | None = None) -> list[Path]:
    """Write a new repository into ``folder`` (missing or empty); return the files written."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise Abort(f"{shown_path(folder)} is not empty: choose a new folder for the repository", EXIT_USAGE)
    written = []
    for path, text in repository_files(today or datetime.date.today()).items():
        target = folder / path
        write_text_atomically(target, text)
        written.append(target)
    return written
