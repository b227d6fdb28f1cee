"""The preview's error page quotes only what the build read, under the build's rules.

It once opened each problem's file again to quote its line, following links, with no
size or type check: a link to an outside file put that file on the page, a FIFO hung
the preview and a huge sparse file ran it out of memory. Lines now come with the
problems, from the text read inside ``content/`` (regular files, at most 5 MB).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from actionplan.errors import Problem, Severity
from actionplan.pipeline import Options
from actionplan.preview.errorpage import render_error_page
from actionplan.preview.server import Build, Preview
from tests.helpers import AS_OF, MINIMAL_PLAN, write_tree

SECRET = "root:x:0:0:root:/root:/bin/bash"
SECONDS = 20.0


def _rebuild(tmp_path: Path, content: Path) -> Build:
    """Build the preview once, in a thread, so a build that hangs fails the test instead of stopping it."""
    preview = Preview(Options(content=content, as_of=AS_OF), tmp_path / "serve")
    done: list[Build] = []
    worker = threading.Thread(target=lambda: done.append(preview.rebuild()), daemon=True)
    worker.start()
    worker.join(SECONDS)
    assert done, f"the preview did not finish a build within {SECONDS} s"
    return done[0]


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """Content with one error, so the preview shows its error page."""
    return write_tree(
        tmp_path / "content",
        {
            "halton/council.yaml": "name: Halton Council\n",
            "halton/cpc-2023.yaml": MINIMAL_PLAN.replace("on-track", "compelte"),
        },
    )


def test_a_link_to_an_outside_file_is_never_quoted(tmp_path: Path, broken: Path) -> None:
    secret = tmp_path / "passwd"
    secret.write_text(f"{SECRET}\n" * 3, encoding="utf-8")
    (broken / "halton" / "leak.yaml").symlink_to(secret)
    build = _rebuild(tmp_path, broken)
    assert build.error_page is not None
    page = build.error_page.decode()
    assert "leak.yaml:1:1" in page and "outside the content folder" in page
    assert "root:x:0:0" not in page
    assert "status: compelte" in page  # lines of files that were read are still quoted


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_named_like_a_plan_does_not_hang_the_error_page(tmp_path: Path, broken: Path) -> None:
    os.mkfifo(broken / "pipe")
    (broken / "halton" / "notes.yaml").symlink_to(broken / "pipe")  # files behind links are read
    build = _rebuild(tmp_path, broken)
    assert build.error_page is not None and b"not a regular file" in build.error_page


def test_a_huge_sparse_file_is_not_read_for_the_error_page(tmp_path: Path, broken: Path) -> None:
    with open(broken / "halton" / "huge.yaml", "wb") as handle:
        handle.truncate(2 * 1024**3)
    build = _rebuild(tmp_path, broken)
    assert build.error_page is not None and b"the most a content file may be is 5 MB" in build.error_page


def test_the_page_never_opens_a_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text(f"{SECRET}\n", encoding="utf-8")
    page = render_error_page([Problem(str(secret), 1, 1, Severity.ERROR, "made up")])
    assert b"root:x:0:0" not in page
