"""Publishing writes only what changed: the site before the previous one is updated in place and swapped in, or a
fresh folder gets hard links to the previous site's files where the bytes are the same.

A site in place is never changed until the swap (tests/test_faults.py kills builds at random to prove that);
here, that the new site is exactly the files given, whatever state the previous ones are in.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from actionplan import previous
from actionplan.addresses import SITE_MARKER
from actionplan.previous import Known
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
    assert _tree(tmp_path / ".site.actionplan" / "previous") == _tree(output) | {"a/index.html": b"<p>A</p>"}


def _known(files: dict[str, bytes], origins: dict[str, str]) -> list[tuple[str, Known]]:
    return [(name, Known(origins[name], lambda data=data: data)) for name, data in files.items()]


def _never_loaded(name: str) -> Known:
    def load() -> bytes:
        raise AssertionError(f"{name} was loaded, though the previous site holds it")

    return Known(f"made-from-{name}", load)


ORIGINS = {name: f"made-from-{name}" for name in FILES}


def _published_twice(output: Path) -> None:
    """Publish FILES twice: the second build keeps the first site as the previous one, with its list."""
    for _ in range(2):
        publish(output, _known(FILES, ORIGINS))


def test_a_rebuild_updates_the_site_before_in_place_and_loads_only_what_it_lacks(tmp_path: Path) -> None:
    output = tmp_path / "site"
    _published_twice(output)
    first = os.stat(tmp_path / ".site.actionplan" / "previous").st_ino
    changed = {**FILES, "a/index.html": b"<p>A, edited</p>", "c/new.txt": b"new"}
    del changed["b/index.html"]
    files = [(name, _never_loaded(name)) for name in ("index.html", "a/data.csv")]
    files += [("a/index.html", Known("edited", lambda: b"<p>A, edited</p>")), ("c/new.txt", b"new")]
    publish(output, files)
    assert os.stat(output).st_ino == first  # the site before the previous one, updated and swapped in
    assert _tree(output) == {**changed, SITE_MARKER: (output / SITE_MARKER).read_bytes()}
    assert not (output / "b").exists()  # a folder left empty goes
    publish(output, _known(changed, {**ORIGINS, "a/index.html": "edited", "c/new.txt": ""}))
    assert _tree(output) == {**changed, SITE_MARKER: (output / SITE_MARKER).read_bytes()}


def test_a_rebuild_stopped_part_way_leaves_no_list_to_trust(tmp_path: Path) -> None:
    output = tmp_path / "site"
    _published_twice(output)

    def stopped() -> Iterator[tuple[str, Known | bytes]]:
        yield "index.html", b"<p>Half</p>"
        raise RuntimeError("stopped")

    with pytest.raises(RuntimeError):
        publish(output, stopped())
    assert _tree(output) == {**FILES, SITE_MARKER: (output / SITE_MARKER).read_bytes()}  # the site in place stays
    publish(output, _known(FILES, ORIGINS))  # the half-updated folder is not trusted: its files are written
    assert _tree(output) == {**FILES, SITE_MARKER: (output / SITE_MARKER).read_bytes()}


def test_without_reuse_the_previous_site_is_not_updated(tmp_path: Path) -> None:
    output = tmp_path / "site"
    _published_twice(output)
    previous = os.stat(tmp_path / ".site.actionplan" / "previous").st_ino
    publish(output, _known(FILES, ORIGINS), reuse=False)
    assert os.stat(output).st_ino != previous


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
    _publish(output, FILES)  # written afresh, next to the damaged site, which is kept as the previous one
    assert not (output / "a" / "index.html").is_symlink()
    _publish(output, FILES)  # the damaged site, updated in place: its file is not as the list says
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
    monkeypatch.setattr(previous, "NO_FOLLOW", 0)  # as on Windows, which has no O_NOFOLLOW
    test_a_file_that_is_not_as_published_is_written_afresh(_replaced_by_a_link, tmp_path)
