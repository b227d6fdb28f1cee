"""``changes --since REV``: what changed since a git revision, against real temporary git repositories."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import MINIMAL_PLAN, PUBLISHED_SITE, Run, write_tree

PLAN_FILE = "content/testshire/cpc-2023.yaml"
PLAN = """\
title: Peer challenge 2023 – action plan
updated: 2026-10-01
recommendations:
  - id: "1"
    label: Recommendation one
    title: Set a clear vision
    lead: Chief Executive
    actions:
      - label: "1.1"
        text: Agree the vision with partners
        due: June 2027
        status: on-track
      - text: Publish the vision in plain English
        due: September 2027
        status: not-started
  - id: "2"
    title: Strengthen scrutiny
    actions:
      - text: Train the members of every scrutiny panel
        due: March 2027
        status: not-started
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository holding a content folder: one council, one plan, committed once with fixed dates."""
    for name in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{name}_NAME", "Test Editor")
        monkeypatch.setenv(f"GIT_{name}_EMAIL", "editor@example.gov.uk")
        monkeypatch.setenv(f"GIT_{name}_DATE", "2026-11-01T09:00:00+00:00")
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "no-gitconfig"))
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))  # never find a repository above the test's
    root = tmp_path / "council-plans"
    write_tree(
        root,
        {"content/site.yaml": PUBLISHED_SITE, "content/testshire/council.yaml": "name: Testshire Council\n"},
    )
    (root / PLAN_FILE).write_text(PLAN, encoding="utf-8")
    _git(root, "init", "-q", "-b", "main")
    commit(root, "The plan as agreed")
    return root


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True).stdout


def commit(root: Path, message: str) -> None:
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", message)


def edit(root: Path, old: str, new: str) -> None:
    """Replace ``old`` (which must be there, once) with ``new`` in the plan file."""
    path = root / PLAN_FILE
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def changes(cli: Callable[..., Run], repo: Path) -> Callable[..., Run]:
    """Run ``changes --since REV`` on the repository's content folder."""

    def run(since: str = "HEAD", *extra: str, content: Path | None = None) -> Run:
        return cli("changes", f"--since={since}", "--content", str(content or repo / "content"), *extra)

    return run


def test_outside_a_git_repository_is_a_usage_error(changes: Callable[..., Run], tmp_path: Path) -> None:
    loose = write_tree(tmp_path / "loose", {"site.yaml": PUBLISHED_SITE, "testshire/cpc-2023.yaml": MINIMAL_PLAN})
    result = changes("HEAD", content=loose)
    assert result.code == 2
    assert result.lines == ["actionplan: loose is not in a git repository"]
    assert result.out == ""


def test_an_unknown_revision_is_a_usage_error(changes: Callable[..., Run]) -> None:
    result = changes("v-no-such-tag")
    assert result.code == 2
    assert result.lines == [
        'actionplan: "v-no-such-tag" is not a revision of this repository: '
        "name a commit, a branch or a tag (see git log)"
    ]


def test_a_revision_before_the_first_commit_is_unknown(changes: Callable[..., Run]) -> None:
    assert changes("HEAD~1").code == 2


def test_a_revision_that_looks_like_an_option_is_never_read_by_git_as_one(
    changes: Callable[..., Run], repo: Path
) -> None:
    result = changes(f"--output={repo / 'written'}")
    assert result.code == 2
    assert result.lines[0].startswith('actionplan: "--output=')
    assert not (repo / "written").exists()


def test_without_git_installed_the_command_says_so(
    changes: Callable[..., Run], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    result = changes("HEAD")
    assert result.code == 2
    assert result.lines == ["actionplan: git is not installed, so the content at an earlier revision cannot be read"]


def test_a_content_folder_the_revision_did_not_have(changes: Callable[..., Run], repo: Path) -> None:
    (repo / "content").rename(repo / "plans")
    commit(repo, "Move the content")
    result = changes("HEAD~1", content=repo / "plans")
    assert result.code == 2
    assert result.lines == ["actionplan: plans did not exist at revision HEAD~1: nothing to compare"]


def test_errors_in_the_old_content_name_the_revision(changes: Callable[..., Run], repo: Path) -> None:
    edit(repo, "status: on-track", "status: on-trak")
    commit(repo, "A typing mistake")
    edit(repo, "status: on-trak", "status: on-track")
    commit(repo, "The mistake put right")
    result = changes("HEAD~1")
    assert result.code == 1
    assert result.lines == [
        f'HEAD~1:{PLAN_FILE}:12:17: error: unknown status "on-trak" (did you mean "on-track"?)',
        "1 error in the content at revision HEAD~1; nothing to compare",
    ]
    assert result.out == ""


def test_errors_in_the_content_now_are_reported_as_check_reports_them(changes: Callable[..., Run], repo: Path) -> None:
    edit(repo, "status: on-track", "status: on-trak")
    result = changes("HEAD")
    assert result.code == 1
    assert result.lines[-1] == "1 error in the content; nothing to compare"
    assert result.lines[0].startswith("council-plans/content/testshire/cpc-2023.yaml:12:17: error: unknown status")


TITLE = "# Changes to the action plans since HEAD (1 November 2026)"
HEADING = "## Testshire Council: Peer challenge 2023 – action plan"
VISION = "Recommendation one, action 1.1 “Agree the vision with partners”"
PUBLISH = "Recommendation one, action “Publish the vision in plain English”"


def sections(markdown: str) -> dict[str, list[str]]:
    """Return the list items under each ### heading."""
    found: dict[str, list[str]] = {}
    heading = ""
    for line in markdown.splitlines():
        if line.startswith("### "):
            heading = line[4:]
            found[heading] = []
        elif line.startswith("- "):
            found[heading].append(line[2:])
    return found


def test_nothing_changed(changes: Callable[..., Run]) -> None:
    result = changes("HEAD")
    assert (result.code, result.err) == (0, "")
    assert result.out == f"{TITLE}\n\nNo plan has changed.\n"


def test_an_inserted_action_is_one_addition_not_a_cascade(changes: Callable[..., Run], repo: Path) -> None:
    edit(
        repo,
        '    actions:\n      - label: "1.1"',
        '    actions:\n      - text: Hold a workshop with partners\n        due: January 2027\n      - label: "1.1"',
    )
    result = changes("HEAD")
    assert result.code == 0
    assert result.out == "\n".join(
        [
            TITLE,
            "",
            HEADING,
            "",
            "### Actions added",
            "",
            "- Recommendation one, action “Hold a workshop with partners” (due: January 2027)",
            "",
        ]
    )


def test_a_status_change_names_the_action_in_words(changes: Callable[..., Run], repo: Path) -> None:
    edit(repo, "status: on-track", "status: complete")
    edit(repo, '        status: not-started\n  - id: "2"', '  - id: "2"')
    assert sections(changes("HEAD").out) == {
        "Status changes": [f"{VISION}: On track → Complete", f"{PUBLISH}: Not started → No status given"]
    }


def test_a_changed_deadline_shows_both_timeframes_as_written(changes: Callable[..., Run], repo: Path) -> None:
    edit(repo, "due: June 2027", "due: December 2027")
    edit(repo, "        due: September 2027\n", "")
    assert sections(changes("HEAD").out) == {
        "Deadlines changed": [f"{VISION}: due June 2027 → December 2027", f"{PUBLISH}: due September 2027 → Not given"]
    }


def test_a_new_update_with_its_date_status_and_note(changes: Callable[..., Run], repo: Path) -> None:
    edit(
        repo,
        "        status: on-track\n",
        "        status: on-track\n        updates:\n          - date: 2026-11-20\n            status: on-track\n"
        "            note: |\n              Workshops held.\n\n"
        "              - with partners\n              - with staff\n",
    )
    out = changes("HEAD").out
    assert sections(out) == {"New updates": [f"{VISION}, 20 November 2026 (On track): Workshops held."]}
    assert "Workshops held.\n\n  - with partners\n  - with staff\n" in out  # the note's own list, kept in the item


def test_actions_and_recommendations_added_and_removed(changes: Callable[..., Run], repo: Path) -> None:
    edit(
        repo,
        "      - text: Publish the vision in plain English\n        due: September 2027\n        status: not-started\n",
        "",
    )
    edit(
        repo,
        '  - id: "2"\n    title: Strengthen scrutiny\n    actions:\n'
        "      - text: Train the members of every scrutiny panel\n"
        "        due: March 2027\n        status: not-started\n",
        '  - id: "3"\n    title: Make the budget process more open\n    actions:\n'
        "      - text: Publish the budget timetable\n",
    )
    assert sections(changes("HEAD").out) == {
        "Actions added": ["Recommendation 3, action “Publish the budget timetable” (due: Not given)"],
        "Actions removed": [PUBLISH, "Recommendation 2, action “Train the members of every scrutiny panel”"],
        "Recommendations added": ["Recommendation 3 “Make the budget process more open”"],
        "Recommendations removed": ["Recommendation 2 “Strengthen scrutiny”"],
    }


def test_an_older_revision_and_committed_changes(changes: Callable[..., Run], repo: Path) -> None:
    edit(repo, "status: on-track", "status: at-risk")
    commit(repo, "At risk")
    edit(repo, "status: at-risk", "status: complete")
    assert sections(changes("HEAD~1").out) == {"Status changes": [f"{VISION}: On track → Complete"]}
    assert sections(changes("HEAD").out) == {"Status changes": [f"{VISION}: At risk → Complete"]}
    assert changes("main~1").out.startswith("# Changes to the action plans since main~1 (1 November 2026)\n")


def test_plans_added_and_removed_whole(changes: Callable[..., Run], repo: Path) -> None:
    (repo / PLAN_FILE).rename(repo / "content/testshire/cpc-2025.yaml")
    out = changes("HEAD").out
    assert "## Testshire Council: Peer challenge 2023 – action plan\n\nA new plan.\n" in out
    assert out.count("This plan was removed.") == 1


def test_a_theme_rewords_what_is_printed(changes: Callable[..., Run], repo: Path, tmp_path: Path) -> None:
    theme = write_tree(
        tmp_path / "theme",
        {"changes.md": "{% for p in summary.plans %}{{ p.plan.title }}: {{ p.edit }} & more\n{% endfor %}"},
    )
    edit(repo, "status: on-track", "status: complete")
    result = changes("HEAD", "--templates", str(theme))
    assert result.out == "Peer challenge 2023 – action plan: changed & more\n"  # plain text: "&" is not "&amp;"


def test_a_repository_that_is_the_content_folder(changes: Callable[..., Run], repo: Path) -> None:
    content = repo / "content"
    _git(content, "init", "-q", "-b", "main")
    commit(content, "The content alone")
    edit(repo, "status: on-track", "status: complete")
    assert sections(changes("HEAD", content=content).out) == {"Status changes": [f"{VISION}: On track → Complete"]}


def test_an_update_dated_by_its_month_is_shown_as_the_month(changes: Callable[..., Run], repo: Path) -> None:
    edit(
        repo,
        "        status: on-track\n",
        "        status: on-track\n        updates:\n"
        "          - {date: May 2026, status: on-track, note: Agreed by Cabinet.}\n",
    )
    result = changes("HEAD")
    assert result.code == 0, result.err
    said = "- Recommendation one, action 1.1 “Agree the vision with partners”, May 2026 (On track): Agreed by Cabinet."
    assert said in result.out
    assert "31 May 2026" not in result.out
