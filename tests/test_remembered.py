"""A council folder is read again exactly when one of its files is not the same file as when it was read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from actionplan.sources.files import CouncilSources, Document, Source
from actionplan.sources.remembered import Remembered


def _council(folder: Path, texts: dict[str, str | None]) -> CouncilSources:
    council = Document(folder / "council.yaml", "council.yaml", None, "name: X\n")
    plans = tuple(Source(folder / name, name, text) for name, text in texts.items())
    return CouncilSources(folder.name, council, plans)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    made = tmp_path / "content" / "harlow"
    made.mkdir(parents=True)
    (made / "council.yaml").write_text("name: X\n")
    (made / "cpc-2023.yaml").write_text("title: T\n")
    return made


def _remembered(folder: Path) -> tuple[Remembered, tuple[object, ...]]:
    remembered = Remembered()
    identities = remembered.identities(folder)
    assert identities is not None
    council = _council(folder, {"cpc-2023.yaml": "title: T\n"})
    remembered.remember(folder, identities, council)
    return remembered, identities


def test_the_same_files_are_known_by_the_digest_they_had(folder: Path) -> None:
    remembered, _ = _remembered(folder)
    again = Remembered(remembered.kept())  # as the cache keeps it between builds
    identities = again.identities(folder)
    assert identities is not None
    assert again.digest(folder, identities) == _council(folder, {"cpc-2023.yaml": "title: T\n"}).digest


@pytest.mark.parametrize(
    "change",
    [
        lambda f: (f / "cpc-2023.yaml").write_text("title: U\n"),  # same size, other bytes
        lambda f: (f / "cpc-2024.yaml").write_text("title: T\n"),  # a file added
        lambda f: (f / "cpc-2023.yaml").rename(f / "cpc-2025.yaml"),  # renamed
        lambda f: os.utime(f / "council.yaml", ns=(0, 0)),  # touched: not provably the same
    ],
)
def test_a_changed_folder_is_read_again(folder: Path, change) -> None:  # type: ignore[no-untyped-def]
    remembered, _ = _remembered(folder)
    change(folder)
    identities = remembered.identities(folder)
    assert identities is not None and remembered.digest(folder, identities) is None


def test_from_another_folder_the_paths_shown_differ_so_nothing_is_known(folder: Path) -> None:
    remembered, identities = _remembered(folder)
    os.chdir(folder)
    assert remembered.digest(folder, identities) is None


def test_a_council_with_a_file_that_could_not_be_read_is_not_remembered(folder: Path) -> None:
    remembered = Remembered()
    identities = remembered.identities(folder)
    assert identities is not None
    remembered.remember(folder, identities, _council(folder, {"cpc-2023.yaml": None}))
    assert remembered.digest(folder, identities) is None


def test_folders_no_longer_listed_are_forgotten(folder: Path) -> None:
    remembered, _ = _remembered(folder)
    assert remembered.kept()[1]  # seen by this listing
    assert remembered.kept()[1] == {}  # the next listing did not see it
