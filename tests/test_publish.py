"""Publishing writes only what changed: a file the previous site holds with the same bytes is linked, not written.

The previous site's files are never opened for writing, so it stays whole until the swap (tests/test_faults.py
kills builds at random to prove that); here, that the new site is exactly the files given, whatever state the
previous one is in.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from actionplan import publish as publishing
from actionplan.addresses import SITE_MARKER
from actionplan.publish import publish

FILES = {"index.html": b"<p>Home</p>", "a/index.html": b"<p>A</p>", "a/data.csv": b"x,y\n", "b/index.html": b"<p>B</p>"}


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _inodes(root: Path) -> dict[str, int]:
    return {name: (root / name).stat().st_ino for name in FILES}


def _publish(output: Path, files: dict[str, bytes]) -> None:
    publish(output, files.items())
    assert _tree(output) == {**files, SITE_MARKER: (output / SITE_MARKER).read_bytes()}
    assert all(oct((output / name).stat().st_mode & 0o777) == oct(0o644) for name in files)


def test_unchanged_files_are_linked_and_changed_ones_written(tmp_path: Path) -> None:
    output = tmp_path / "site"
    _publish(output, FILES)
    before = _inodes(output)
    _publish(output, {**FILES, "a/index.html": b"<p>A, edited</p>"})
    after = _inodes(output)
    assert {name for name in FILES if after[name] == before[name]} == {"index.html", "a/data.csv", "b/index.html"}
    assert all((output / name).stat().st_nlink == 1 for name in FILES)  # the previous site is gone


def _edited_in_place(page: Path) -> None:
    page.write_bytes(b"<p>Defaced</p>")


def _made_writable_to_all(page: Path) -> None:
    page.chmod(0o666)


def _replaced_by_a_link(page: Path) -> None:
    outside = page.parent.parent.parent / "outside.html"
    outside.write_bytes(page.read_bytes())
    page.unlink()
    page.symlink_to(outside)


def _replaced_by_a_folder(page: Path) -> None:
    page.unlink()
    page.mkdir()


@pytest.mark.parametrize(
    "damage", [_edited_in_place, _made_writable_to_all, _replaced_by_a_link, _replaced_by_a_folder]
)
def test_a_file_that_is_not_as_published_is_written_afresh(damage, tmp_path: Path) -> None:
    output = tmp_path / "site"
    _publish(output, FILES)
    damage(output / "a" / "index.html")
    _publish(output, FILES)
    assert not (output / "a" / "index.html").is_symlink()
    if (tmp_path / "outside.html").exists():
        assert (tmp_path / "outside.html").stat().st_nlink == 1  # never linked into the site


def test_a_site_on_a_system_without_hard_links_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    output = tmp_path / "site"
    _publish(output, FILES)

    def refuse(*_: object, **__: object) -> None:
        raise PermissionError("no hard links on this drive")

    monkeypatch.setattr(os, "link", refuse)
    _publish(output, {**FILES, "b/index.html": b"<p>B, edited</p>"})


def test_a_link_is_never_followed_where_opening_cannot_refuse_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(publishing, "_NO_FOLLOW", 0)  # as on Windows, which has no O_NOFOLLOW
    test_a_file_that_is_not_as_published_is_written_afresh(_replaced_by_a_link, tmp_path)
