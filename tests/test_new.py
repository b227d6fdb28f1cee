"""``new``: a council's team gets a repository whose check and build pass and whose workflow publishes it."""

from __future__ import annotations

import datetime
import re
import shlex
from pathlib import Path

import pytest
import yaml

from actionplan import __version__
from actionplan.commands import new
from actionplan.commands.new import new_repository, repository_files
from actionplan.pipeline import Options, check
from tests.helpers import REPO

TODAY = datetime.date(2026, 11, 24)
EXPECTED_FILES = [
    ".github/workflows/publish.yml",
    ".gitignore",
    ".pre-commit-config.yaml",
    "README.md",
    "content/example-council/council.yaml",
    "content/example-council/peer-challenge.yaml",
    "content/site.yaml",
    "requirements.txt",
    "schema/council.schema.json",
    "schema/plan.schema.json",
    "schema/site.schema.json",
]


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    folder = tmp_path / "harlow-plans"
    new_repository(folder, TODAY)
    return folder


def test_it_writes_a_whole_repository(repository: Path) -> None:
    found = sorted(p.relative_to(repository).as_posix() for p in repository.rglob("*") if p.is_file())
    assert found == EXPECTED_FILES


def test_its_check_and_build_pass(repository: Path, cli) -> None:
    # The workflow gives the site's address, as --base-url; without it, check says feeds are not written.
    pages = "https://example.github.io/plans/"
    assert check(Options(content=repository / "content", base_url=pages))[1] == []
    content, output = str(repository / "content"), str(repository / "site")
    assert cli("check", "--content", content, "--base-url", pages).lines == ["0 errors, 0 warnings"]
    assert cli("check", "--content", content).lines[-1] == "0 errors, 1 warning"
    assert cli("build", "--content", content, "--output", output, "--base-url", pages).code == 0
    assert (repository / "site" / "example-council" / "peer-challenge" / "index.html").is_file()


def test_the_command_refuses_a_folder_that_is_not_empty(tmp_path: Path, cli) -> None:
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "notes.txt").write_text("mine\n", encoding="utf-8")
    run = cli("new", "plans")
    assert (run.code, run.lines) == (2, ["actionplan: plans is not empty: choose a new folder for the repository"])
    assert [p.name for p in (tmp_path / "plans").iterdir()] == ["notes.txt"]
    run = cli("new", "fresh")
    assert (run.code, run.lines) == (0, ["made fresh/ with 11 files; read fresh/README.md to go on"])


def test_nothing_in_the_sample_plan_starts_out_overdue(repository: Path) -> None:
    from actionplan.derive.views import derive_site

    site, _ = check(Options(content=repository / "content"))
    (plan,) = derive_site(site, TODAY).plans
    assert plan.breakdown.total == 3
    assert plan.breakdown.overdue == 0
    assert "@" not in (repository / "content" / "example-council" / "peer-challenge.yaml").read_text(encoding="utf-8")


def test_site_yaml_has_the_owner_and_accessibility_fields_to_fill(repository: Path) -> None:
    site = yaml.safe_load((repository / "content" / "site.yaml").read_text(encoding="utf-8"))
    assert set(site["owner"]) == {"name", "email", "url"}
    assert site["accessibility"]["prepared"] == TODAY
    assert "Not yet tested" in site["accessibility"]["tested_by"]


@pytest.mark.parametrize("path", [p for p in EXPECTED_FILES if p.startswith("content/")])
def test_content_files_name_their_schema(repository: Path, path: str) -> None:
    first = (repository / path).read_text(encoding="utf-8").splitlines()[0]
    reference = first.removeprefix("# yaml-language-server: $schema=")
    assert reference != first
    assert (repository / path).parent.joinpath(reference).resolve().is_file()


def _workflow(repository: Path) -> dict[str, object]:
    loaded = yaml.safe_load((repository / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def _runs(workflow: dict[str, object], job: str) -> list[str]:
    jobs = workflow["jobs"]
    assert isinstance(jobs, dict)
    return [step["run"] for step in jobs[job]["steps"] if "run" in step]


def test_the_workflow_checks_pull_requests_and_publishes_main(repository: Path) -> None:
    workflow = _workflow(repository)
    triggers = workflow[True]  # YAML 1.1 reads the key "on" as true
    assert isinstance(triggers, dict)
    assert set(triggers) == {"pull_request", "push", "schedule", "workflow_dispatch"}
    assert triggers["push"] == {"branches": ["main"]}
    assert _runs(workflow, "check") == ["python -m pip install -r requirements.txt", "actionplan check --format github"]
    assert _runs(workflow, "publish") == [
        "python -m pip install -r requirements.txt",
        'actionplan build --format github --base-url "${{ steps.pages.outputs.base_url }}/"',
    ]
    jobs = workflow["jobs"]
    assert isinstance(jobs, dict)
    uses = [step["uses"].split("@")[0] for step in jobs["publish"]["steps"] if "uses" in step]
    assert uses == [
        "actions/checkout",
        "actions/setup-python",
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    ]
    assert jobs["publish"]["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def _readme_commands(readme: str) -> list[str]:
    blocks = re.findall(r"```(?:sh|powershell)\n(.*?)```", readme, re.DOTALL)
    lines = [line.split("#")[0] for block in blocks for line in block.splitlines()]
    return [part.strip() for line in lines for part in re.split(r"&&|;", line) if part.strip()]


def _without_options(command: str) -> str:
    """Return a command without its options: "actionplan check --format github" → "actionplan check"."""
    words = shlex.split(command)
    taking_value = ("--format", "--base-url")
    return " ".join(w for n, w in enumerate(words) if not w.startswith("--") and words[n - 1] not in taking_value)


def test_the_workflow_runs_the_commands_the_readme_gives(repository: Path) -> None:
    readme = _readme_commands((repository / "README.md").read_text(encoding="utf-8"))
    commands = _runs(_workflow(repository), "check") + _runs(_workflow(repository), "publish")
    assert {_without_options(c) for c in commands} == {
        "python -m pip install -r requirements.txt",
        "actionplan check",
        "actionplan build",
    }
    for command in commands:
        assert _without_options(command) in readme, command


def test_pre_commit_runs_check(repository: Path) -> None:
    config = yaml.safe_load((repository / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (hook,) = config["repos"][0]["hooks"]
    assert (hook["entry"], hook["pass_filenames"]) == ("actionplan check", False)


def test_this_project_offers_the_same_hook() -> None:
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert (hook["id"], hook["entry"], hook["language"]) == ("actionplan-check", "actionplan check", "python")


class _Installed:
    def __init__(self, direct_url: str | None) -> None:
        self.direct_url = direct_url

    def read_text(self, name: str) -> str | None:
        assert name == "direct_url.json"
        return self.direct_url


@pytest.mark.parametrize(
    ("direct_url", "line"),
    [
        (None, f"actionplan=={__version__}"),
        ('{"url": "file:///home/me/actionplan", "dir_info": {"editable": true}}', f"actionplan=={__version__}"),
        (
            '{"url": "https://example.org/actionplan.git", "vcs_info": {"vcs": "git", "commit_id": "0123abc"}}',
            "actionplan @ git+https://example.org/actionplan.git@0123abc",
        ),
    ],
)
def test_requirements_name_the_copy_that_made_the_repository(
    direct_url: str | None, line: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(new.metadata, "distribution", lambda name: _Installed(direct_url))
    assert repository_files(TODAY)["requirements.txt"].splitlines()[-1] == line


def test_import_in_a_new_repository_points_at_its_schema(repository: Path, cli) -> None:
    sheet = repository / "plan.csv"
    sheet.write_text("Recommendation,Action\nSet a vision,Agree it\n", encoding="utf-8")
    content = str(repository / "content")
    run = cli("import", str(sheet), "--council", "example-council", "--plan", "cpc-2026", "--content", content)
    assert run.code == 0, run.err
    first = (repository / "content" / "example-council" / "cpc-2026.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schema/plan.schema.json"


def test_the_deploying_guide_shows_the_workflow_new_writes(repository: Path) -> None:
    workflow = (repository / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8")
    assert f"```yaml\n{workflow}```" in (REPO / "docs" / "deploying.md").read_text(encoding="utf-8")
