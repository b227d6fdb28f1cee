"""The cache of councils' parts never changes the output: cached builds are byte-identical to clean ones."""

from __future__ import annotations

import pickle
import shutil
from datetime import date
from pathlib import Path

import pytest

from actionplan import stamp
from actionplan.cli import main
from bench.generate import edit_plan, generate
from tests.conftest import REPO, write_tree

AS_OF = "2026-11-24"


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder with three synthetic councils and the sample plan; commands run from it."""
    monkeypatch.chdir(tmp_path)
    generate(3, tmp_path / "content")
    shutil.copytree(REPO / "tests" / "fixtures" / "sample" / "exampleton", tmp_path / "content" / "exampleton")
    return tmp_path


def _build(*args: str, output: str = "cached") -> dict[str, bytes]:
    assert main(["build", "--content", "content", "--output", output, "--as-of", AS_OF, *args]) == 0
    return _tree(Path(output))


def _same_as_clean(*args: str) -> None:
    cached = _build(*args)
    assert cached == _build("--no-cache", *args, output="clean")
    assert len(cached) > 50


def test_cached_builds_match_clean_ones_through_edits_renames_and_deletions(project: Path) -> None:
    _same_as_clean()  # fills the cache
    entries = set((project / ".cache" / "actionplan" / "parts").glob("*.part"))
    assert len(entries) == len(list((project / "content").glob("*/council.yaml")))  # one per council
    _same_as_clean()  # every plan from the cache
    plans = sorted((project / "content").glob("*/cpc-*.yaml"))
    edit_plan(plans[0])
    _same_as_clean()
    plans[1].rename(plans[1].with_name("cpc-2099.yaml"))
    _same_as_clean()
    plans[2].unlink()
    _same_as_clean()
    shutil.rmtree(project / "content" / "exampleton")
    _same_as_clean()
    remaining = set((project / ".cache" / "actionplan" / "parts").glob("*.part"))
    assert len(remaining) == len(list((project / "content").glob("*/council.yaml")))  # old entries are forgotten
    changed = {plan.parent.name for plan in plans[:3]} | {"exampleton"}  # edited, renamed, deleted, removed
    assert len(entries - remaining) == len(changed)  # their councils' first entries went


def test_cached_builds_follow_the_as_of_date_templates_and_site_settings(project: Path) -> None:
    _same_as_clean()
    _same_as_clean("--as-of", "2030-01-01")
    write_tree(project / "theme", {"404.html": "{% extends 'base.html' %}{% block main %}Gone{% endblock %}\n"})
    _same_as_clean("--templates", "theme")
    (project / "content" / "site.yaml").write_text("title: Renamed\nbase_url: https://x.example/\n", encoding="utf-8")
    _same_as_clean()
    _same_as_clean("--base-url", "https://y.example/plans/")


def test_cached_builds_follow_edits_renames_and_deletions_of_templates(project: Path) -> None:
    theme = project / "theme"
    write_tree(theme, {"404.html": "{% extends 'base.html' %}{% block main %}Gone{% endblock %}\n"})
    _same_as_clean("--templates", "theme")
    (theme / "404.html").write_text("{% extends 'base.html' %}{% block main %}Moved{% endblock %}\n", "utf-8")
    _same_as_clean("--templates", "theme")
    (theme / "404.html").rename(theme / "accessibility.html")  # now it replaces another page
    _same_as_clean("--templates", "theme")
    (theme / "accessibility.html").unlink()
    _same_as_clean("--templates", "theme")
    write_tree(theme, {"assets/extra.css": "p { margin: 0; }\n"})
    _same_as_clean("--templates", "theme")
    assert (project / "cached" / "assets" / "extra.css").is_file()
    shutil.rmtree(theme / "assets")
    _same_as_clean("--templates", "theme")


def test_problems_come_from_the_cache_as_they_came_from_the_file(project: Path, capsys) -> None:
    plan = project / "content" / "exampleton" / "cpc-2025.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "laed: x\n", encoding="utf-8")
    results = []
    for args in ([], [], ["--no-cache"]):
        code = main(["check", "--content", "content", "--as-of", AS_OF, *args])
        results.append((code, capsys.readouterr().err))
    assert results[0] == results[1] == results[2]
    assert results[0][0] == 1 and 'unknown field "laed"' in results[0][1]


def _tamper(cache_folder: Path) -> None:
    """Replace every cached part's files with ones that say STALE, to see whether a build uses them."""
    for entry in (cache_folder / "parts").glob("*.files"):
        entry.write_bytes(pickle.dumps(tuple((path, b"STALE") for path, _ in pickle.loads(entry.read_bytes()))))


def test_a_new_engine_never_uses_the_old_engines_entries(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stamp, "engine_fingerprint", lambda: "engine one")
    _build()
    _tamper(project / ".cache" / "actionplan")
    shutil.rmtree(project / ".cache" / "actionplan" / "builds")  # else nothing has changed, and nothing is built
    shutil.rmtree(project / "cached")  # else its files are linked to: the same parts made them
    assert any(b"STALE" in page for page in _build().values())  # the same engine uses its entries
    _tamper(project / ".cache" / "actionplan")
    monkeypatch.setattr(stamp, "engine_fingerprint", lambda: "engine two")
    _same_as_clean()


def test_a_damaged_cache_is_ignored(project: Path) -> None:
    _build()
    for entry in (project / ".cache" / "actionplan" / "parts").iterdir():
        entry.write_bytes(entry.read_bytes()[:20])
    _same_as_clean()


def test_a_cached_part_whose_files_cannot_be_read_is_made_again(project: Path) -> None:
    _build()
    shutil.rmtree(project / ".cache" / "actionplan" / "builds")  # else nothing has changed, and nothing is built
    shutil.rmtree("cached")
    shutil.rmtree(".cached.actionplan", ignore_errors=True)  # nor a previous site that holds the files
    for entry in (project / ".cache" / "actionplan" / "parts").glob("*.files"):
        entry.write_bytes(entry.read_bytes()[:20])
    _same_as_clean()


def test_cache_dir_and_no_cache(project: Path) -> None:
    _build("--cache-dir", "elsewhere")
    assert list((project / "elsewhere" / "parts").iterdir())
    assert not (project / ".cache").exists()
    _build("--no-cache")
    assert not (project / ".cache").exists()


def test_engine_fingerprint_covers_the_engine_files() -> None:
    assert len(stamp.engine_fingerprint()) == 64
    assert stamp.engine_fingerprint() == stamp.engine_fingerprint()


def test_check_writes_no_cache_and_a_failed_build_leaves_only_true_entries(project: Path) -> None:
    assert main(["check", "--content", "content", "--as-of", AS_OF]) == 0
    assert not (project / ".cache").exists()  # check writes nothing
    plan = project / "content" / "exampleton" / "cpc-2025.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text + "laed: x\n", encoding="utf-8")
    assert main(["build", "--content", "content", "--output", "cached", "--as-of", AS_OF]) == 1
    assert not Path("cached").exists()
    plan.write_text(text, encoding="utf-8")
    _same_as_clean()  # the parts the failed build made are what a clean build makes


def test_the_preview_makes_again_only_the_council_that_changed(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from actionplan.options import Options
    from actionplan.preview.server import Preview
    from actionplan.sources import validate

    checked: list[str] = []
    check_plan = validate._plan

    def counted(doc, council, found):  # type: ignore[no-untyped-def]
        checked.append(doc.shown)
        return check_plan(doc, council, found)

    monkeypatch.setattr(validate, "_plan", counted)
    preview = Preview(Options(content=Path("content"), as_of=date.fromisoformat(AS_OF)), tmp_path / "preview")
    assert preview.rebuild().is_ok
    assert len(checked) == len(list((project / "content").glob("*/cpc-*.yaml")))
    checked.clear()
    plans = sorted((project / "content").glob("*/cpc-*.yaml"))
    edit_plan(plans[0])
    assert preview.rebuild().is_ok and preview.rebuild().is_ok
    council = sorted(plans[0].parent.glob("cpc-*.yaml"))  # its council's part is made again, once
    assert checked == [f"content/{p.parent.name}/{p.name}" for p in council]
    assert len(checked) < len(plans)
    assert not (project / ".cache").exists()  # without a cache folder the parts stay in memory only


def _counting_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record every content file read from now on."""
    from actionplan.sources import files

    read: list[Path] = []
    read_text = files.read_text

    def counted(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        read.append(path.absolute())
        return read_text(path, *args, **kwargs)

    monkeypatch.setattr(files, "read_text", counted)
    return read


def _edit_same_size(plan: Path) -> None:
    """Change a plan's text but not its size (its modification and change times tell it apart)."""
    text = plan.read_text(encoding="utf-8")
    at = text.index("title: ") + len("title: ")
    plan.write_text(text[:at] + ("X" if text[at] != "X" else "Y") + text[at + 1 :], encoding="utf-8")
    assert len(plan.read_text(encoding="utf-8")) == len(text) and plan.read_text(encoding="utf-8") != text


def test_the_preview_reads_again_only_the_councils_whose_files_changed(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from actionplan.options import Options
    from actionplan.preview.server import Preview

    read = _counting_reads(monkeypatch)
    preview = Preview(Options(content=Path("content"), as_of=date.fromisoformat(AS_OF)), tmp_path / "preview")
    assert preview.rebuild().is_ok
    plans = sorted((project / "content").glob("*/cpc-*.yaml"))
    read.clear()
    _edit_same_size(plans[0])
    assert preview.rebuild().is_ok
    council = plans[0].parent
    assert {p.name for p in read if p.parent != council} <= {"site.yaml"}
    assert {p for p in read if p.parent == council} == {council / "council.yaml", *council.glob("cpc-*.yaml")}


def test_a_build_reads_again_only_the_councils_whose_files_changed(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _build()
    read = _counting_reads(monkeypatch)
    plans = sorted((project / "content").glob("*/cpc-*.yaml"))
    _edit_same_size(plans[0])
    edited = _build()
    council = plans[0].parent
    assert {p.name for p in read if p.parent != council} <= {"site.yaml"}
    assert council / "council.yaml" in read
    assert edited == _build("--no-cache", output="clean")
    read.clear()
    (council / "cpc-2098.yaml").write_bytes(plans[0].read_bytes())  # a file added: its folder is read again
    assert _build() == _build("--no-cache", output="clean")
    assert council / "cpc-2098.yaml" in read and council / "council.yaml" in read
    read.clear()
    assert _build("--base-url", "https://example.org/plans/")  # other settings: every council read again
    assert {p.parent for p in read if p.name == "council.yaml"} == {p.parent for p in plans}


def test_a_rebuild_links_the_files_its_site_list_says_are_made_alike_without_loading_them(project: Path) -> None:
    """The second build into a folder has no earlier site kept to update: it writes a new one, linking each file
    that the site in place made from the same part (without loading it from the cache) or holds alike."""
    _build()
    _tamper(project / ".cache" / "actionplan")  # a file loaded from the cache would say STALE
    plans = sorted((project / "content").glob("*/cpc-*.yaml"))
    edit_plan(plans[0])
    rebuilt = _build()
    assert not any(b"STALE" in page for page in rebuilt.values())
    assert rebuilt == _build("--no-cache", output="clean")
    untouched = next(p for p in (project / "cached").rglob("index.html") if plans[0].parent.name not in p.parts)
    assert untouched.stat().st_nlink > 1  # the same file as the site's before


def test_a_folder_list_describes_only_the_folder_it_was_written_for(tmp_path: Path) -> None:
    from actionplan.previous import Folders

    site = tmp_path / "site"
    site.mkdir()
    folders = Folders(site)
    folders.describe(site, {"index.html": "part-a"})
    assert folders.made(site) == {"index.html": "part-a"}
    (tmp_path / "moved").mkdir()
    site.rename(tmp_path / "moved" / "site")  # renames keep a folder's list
    assert folders.made(tmp_path / "moved" / "site") == {"index.html": "part-a"}
    (tmp_path / "moved" / "site" / "page.html").write_text("another file")  # the folder changed: not described
    assert folders.made(tmp_path / "moved" / "site") is None
