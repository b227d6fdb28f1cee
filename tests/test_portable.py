"""The package runs where council laptops run it: Windows and macOS as well as Linux.

CI is Linux, so the parts that differ are tested here: the package imports and
``check`` and ``build`` (over an earlier site too) run without ``fcntl``, ``os.O_NONBLOCK`` or
``os.O_NOFOLLOW`` (as on Windows), and
a site written under a restrictive umask can still be read by a web server.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

from actionplan.commands.build import build
from actionplan.pipeline import Options
from tests.helpers import AS_OF, REPO

WITHOUT_UNIX = textwrap.dedent(
    """
    import os, pkgutil, sys, importlib
    sys.modules["fcntl"] = None  # "import fcntl" now fails, as on Windows
    del os.O_NONBLOCK, os.O_NOFOLLOW
    import actionplan
    for module in pkgutil.walk_packages(actionplan.__path__, "actionplan."):
        importlib.import_module(module.name)
    from actionplan.cli import main
    content, output = sys.argv[1:]
    checked = main(["check", "--content", content, "--as-of", "{as_of}"])
    built = main(["build", "--content", content, "--output", output, "--as-of", "{as_of}"])
    rebuilt = main(["build", "--content", content, "--output", output, "--as-of", "2030-01-01"])
    print(checked, built, rebuilt)
    """
).format(as_of=AS_OF.isoformat())


def test_the_package_imports_and_runs_without_fcntl(content: Callable[..., Path], tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", WITHOUT_UNIX, str(content()), str(tmp_path / "site")],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["0", "0", "0"], done.stderr
    assert (tmp_path / "site" / "testshire" / "index.html").is_file()


def test_a_site_written_under_a_strict_umask_can_be_served(content: Callable[..., Path], tmp_path: Path) -> None:
    previous = os.umask(0o077)
    try:
        build(Options(content=content(), output=tmp_path / "site", as_of=AS_OF))
    finally:
        os.umask(previous)
    written = [tmp_path / "site", *(tmp_path / "site").rglob("*")]
    assert len(written) > 10
    for path in written:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o755 if path.is_dir() else 0o644), f"{path}: {oct(mode)}"
