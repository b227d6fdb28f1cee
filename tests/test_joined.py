"""A file joined from pieces of others is written by the system's copy, and is the same bytes as joined in memory."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import IO

import pytest
from hypothesis import given
from hypothesis import strategies as st

from actionplan.previous import PAGE_MODE, Joined, Piece, holds, write_new

Spec = list[tuple[str, bytes]]  # each piece: how it is given, and its bytes


def _joined(spec: Spec, folder: Path) -> tuple[Joined, list[IO[bytes]]]:
    """Return the pieces as a Joined file, each given as bytes, as part of an open file or as part of a file's path."""
    pieces: list[Piece] = []
    opened: list[IO[bytes]] = []
    for i, (how, data) in enumerate(spec):
        if how == "bytes":
            pieces.append(data)
            continue
        padding = b"x" * (i % 5)  # the piece starts part-way into its file
        path = folder / f"{i}.bin"
        path.write_bytes(padding + data + b"tail")
        if how == "open":
            file = open(path, "rb")  # noqa: SIM115 (closed by the test)
            opened.append(file)
            pieces.append((file, len(padding), len(data)))
        else:
            pieces.append((str(path), len(padding), len(data)))
    return Joined(tuple(pieces)), opened


pieces = st.lists(st.tuples(st.sampled_from(["bytes", "open", "path"]), st.binary(max_size=300)), max_size=8)


@given(spec=pieces)
def test_a_joined_file_is_its_pieces_in_turn(spec: Spec) -> None:
    with tempfile.TemporaryDirectory() as folder:
        joined, opened = _joined(spec, Path(folder))
        expected = b"".join(data for _, data in spec)
        assert len(joined) == len(expected)
        assert bytes(joined) == expected
        target = Path(folder) / "site.csv"
        write_new(target, joined)
        assert target.read_bytes() == expected
        assert holds(target, joined, os.stat(folder).st_dev) == (os.stat(target).st_mode & 0o777 == PAGE_MODE)
        for file in opened:
            file.close()


def test_a_joined_file_of_another_size_or_bytes_is_not_held(tmp_path: Path) -> None:
    target = tmp_path / "actions.csv"
    target.write_bytes(b"abcdef")
    target.chmod(PAGE_MODE)
    device = os.stat(tmp_path).st_dev
    assert holds(target, Joined((b"abc", b"def")), device)
    assert not holds(target, Joined((b"abc", b"de")), device)
    assert not holds(target, Joined((b"abc", b"deg")), device)


def test_a_new_file_is_never_written_into_one_that_exists(tmp_path: Path) -> None:
    shared = tmp_path / "page.html"
    shared.write_bytes(b"the previous site's page, maybe a hard link")
    with pytest.raises(FileExistsError):
        write_new(shared, Joined((b"new",)))
    assert shared.read_bytes() == b"the previous site's page, maybe a hard link"
