"""The build command: all-or-nothing output, determinism, URLs and exports."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from tests.helpers import AS_OF, CONTENT, MINIMAL_PLAN, run_build_process, tree_digest


def test_failed_build_leaves_previous_site_untouched(content, cli, tmp_path: Path) -> None:
    content()
    assert cli("build").code == 0
    before = tree_digest(tmp_path / "site")
    content(MINIMAL_PLAN.replace("status: on-track", "status: compelte"))
    run = cli("build")
    assert run.code == 1
    assert "nothing was written" in run.err
    assert tree_digest(tmp_path / "site") == before
    assert not list(tmp_path.glob(".site.*.tmp"))


@pytest.mark.slow
def test_two_builds_in_two_processes_are_byte_identical(tmp_path: Path) -> None:
    """Builds in separate processes with different hash seeds: no set order or id() may reach the output."""
    for seed in ("1", "2"):
        run = run_build_process(
            tmp_path, "build", "--content", str(CONTENT), "--output", f"site-{seed}", "--as-of", AS_OF.isoformat(),
            env={"PYTHONHASHSEED": seed},
        )  # fmt: skip
        assert run.returncode == 0, run.stderr.decode()
    one, two = tree_digest(tmp_path / "site-1"), tree_digest(tmp_path / "site-2")
    assert len(one) > 50
    assert one == two, sorted(name for name in one.keys() | two.keys() if one.get(name) != two.get(name))


def test_every_page_has_a_stable_lower_case_url(content, cli, tmp_path: Path) -> None:
    content()
    assert cli("build").code == 0
    site = tmp_path / "site"
    for page in (
        "index.html",
        "testshire/index.html",
        "testshire/cpc-2023/index.html",
        "testshire/cpc-2023/1/index.html",
        "accessibility/index.html",
        "404.html",
    ):
        assert (site / page).is_file(), page
    assert all(p.as_posix() == p.as_posix().lower() for p in site.rglob("*.html"))


def test_build_is_the_default_command(content, cli, tmp_path: Path) -> None:
    content()
    assert cli("--output", "out").code == 0
    assert (tmp_path / "out" / "index.html").is_file()


def test_exports_follow_the_documented_shape(content, cli, tmp_path: Path) -> None:
    second = textwrap.indent(
        textwrap.dedent("""\
        - id: "2"
          title: Second
          actions:
            - text: Late work
              due: March 2024
              lead: Head of Finance
              actions:
                - text: Sub-step
                  label: a)
                  status: done
                  updates:
                    - {date: 2024-01-10, status: done, note: Finished}
        """),
        "  ",
    )
    content(MINIMAL_PLAN + second)
    assert cli("build", "--base-url", "https://example.gov.uk/plans").code == 0
    plans = json.loads((tmp_path / "site/data/plans.json").read_text())
    assert plans == [
        {
            "council": "testshire",
            "council_name": "Testshire Council",
            "plan": "cpc-2023",
            "title": "Peer challenge 2023 – action plan",
            "review": None,
            "review_date": None,
            "published": None,
            "updated": "2026-10-01",
            "report_url": None,
            "summary": "",
            "url": "https://example.gov.uk/plans/testshire/cpc-2023/",
            "recommendations": 2,
            "actions": 3,
            "by_status": {
                "complete": 1,
                "in-progress": 0,
                "on-track": 1,
                "at-risk": 0,
                "off-track": 0,
                "not-started": 0,
                "none": 1,
            },
            "status_labels": {
                "complete": "Complete",
                "in-progress": "In progress",
                "on-track": "On track",
                "at-risk": "At risk",
                "off-track": "Off track",
                "not-started": "Not started",
            },
            "with_deadline": 2,
            "overdue": 0,  # "Late work" has no report at all: its deadline passed with no report since
            "no_report_since_deadline": 1,
            "last_reported": "2026-10-01",
            "groups": [],
            "files": {
                "actions_csv": "https://example.gov.uk/plans/testshire/cpc-2023/actions.csv",
                "actions_json": "https://example.gov.uk/plans/testshire/cpc-2023/actions.json",
                "feed": "https://example.gov.uk/plans/testshire/cpc-2023/feed.xml",
                "calendar": "https://example.gov.uk/plans/testshire/cpc-2023/deadlines.ics",
                "badge": "https://example.gov.uk/plans/testshire/cpc-2023/badge.svg",
                "embed": "https://example.gov.uk/plans/testshire/cpc-2023/embed/",
            },
        }
    ]
    actions = json.loads((tmp_path / "site/data/actions.json").read_text())
    assert [a["action"] for a in actions] == ["1.agree-the-vision-with-partners", "2.late-work", "2.late-work.a"]
    late, sub = actions[1], actions[2]
    assert late == {
        "council": "testshire",
        "council_name": "Testshire Council",
        "plan": "cpc-2023",
        "plan_title": "Peer challenge 2023 – action plan",
        "recommendation": "2",
        "recommendation_text": "Second",
        "group": None,
        "action": "2.late-work",
        "parent": None,
        "heading": False,
        "label": None,
        "text": "Late work",
        "lead": "Head of Finance",
        "due": "March 2024",
        "due_date": "2024-03-31",
        "status": None,
        "status_label": None,
        "status_text": None,
        "status_date": None,
        "deadline_passed": True,
        "overdue": False,
        "timeliness": "no-report-since",
        "last_update": None,
        "last_update_url": None,
        "url": "https://example.gov.uk/plans/testshire/cpc-2023/2/#action-2.late-work",
    }
    assert (sub["parent"], sub["lead"], sub["status"], sub["status_label"], sub["last_update"]) == (
        "2.late-work",
        "Head of Finance",
        "complete",
        "Complete",
        "2024-01-10",
    )
    assert actions[0]["lead"] == "Chief Executive"  # inherited from the recommendation


def test_schema_is_published(content, cli, tmp_path: Path) -> None:
    content()
    assert cli("build").code == 0
    schema = json.loads((tmp_path / "site/schema/plan.schema.json").read_text())
    assert schema["required"] == ["title", "recommendations"]


def test_base_url_gives_canonical_links(content, cli, tmp_path: Path) -> None:
    content()
    assert cli("build", "--base-url", "https://example.gov.uk/plans/").code == 0
    page = (tmp_path / "site/testshire/cpc-2023/1/index.html").read_text()
    assert '<link rel="canonical" href="https://example.gov.uk/plans/testshire/cpc-2023/1/">' in page
    assert 'href="../../../assets/style.css"' in page
    not_found = (tmp_path / "site/404.html").read_text()
    assert 'href="/plans/assets/style.css"' in not_found


def test_a_council_overrides_one_template(content, cli, tmp_path: Path) -> None:
    content()
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "404.html").write_text('{% extends "base.html" %}{% block main %}<h1>Lost?</h1>{% endblock %}')
    assert cli("build", "--templates", str(theme)).code == 0
    assert "<h1>Lost?</h1>" in (tmp_path / "site/404.html").read_text()
    assert "Recommendation 1" in (tmp_path / "site/testshire/cpc-2023/1/index.html").read_text()


def test_template_error_is_located_and_nothing_is_written(content, cli, tmp_path: Path) -> None:
    content()
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "404.html").write_text("<p>\n{{ no_such_value }}</p>\n")
    run = cli("build", "--templates", str(theme))
    assert run.code == 1
    assert run.lines[0].startswith("theme/404.html:2:1: error: template error: 'no_such_value' is undefined")
    assert not (tmp_path / "site").exists()


def test_logo_is_published_from_content(content, cli, tmp_path: Path) -> None:
    svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>'
    content(extra={"site.yaml": "theme:\n  logo: images/crest.svg\n", "images/crest.svg": svg})
    assert cli("build").code == 0
    assert (tmp_path / "site/assets/logo.svg").read_text() == svg
    assert '<img src="../assets/logo.svg" alt=""' in (tmp_path / "site/testshire/index.html").read_text()


def test_missing_logo_is_located(content, cli) -> None:
    content(extra={"site.yaml": "title: Plans\ntheme:\n  logo: crest.png\n"})
    run = cli("check")
    assert run.code == 1
    assert run.lines[0].startswith("content/site.yaml:3:9: error: logo crest.png: cannot read the file: No such file")


def test_problems_are_capped_per_file(content, cli) -> None:
    bad_actions = "".join(f"      - {{text: a{n}, status: nope{n}}}\n" for n in range(60))
    content(MINIMAL_PLAN + "  - id: '2'\n    title: Two\n    actions:\n" + bad_actions)
    run = cli("check")
    assert run.code == 1
    located = [line for line in run.lines if ": error: " in line]
    assert len(located) == 50
    assert "content/testshire/cpc-2023.yaml: … and 10 more problems in this file" in run.lines
    assert run.lines[-1] == "60 errors, 0 warnings"


def test_output_that_holds_the_content_is_refused(content, cli, tmp_path: Path) -> None:
    content()
    run = cli("build", "--output", str(tmp_path))
    assert run.code == 2
    assert "choose a folder of its own" in run.err
    assert (tmp_path / "content/testshire/council.yaml").is_file()


def test_engine_bugs_are_not_blamed_on_templates(content, monkeypatch) -> None:
    import jinja2
    import pytest

    from actionplan.commands.build import build
    from actionplan.pipeline import Options
    from actionplan.render import environment

    # The url filter is engine code called from every template: make it fail inside the engine.
    failing = jinja2.pass_context(lambda _ctx, _t: environment.date_filter("en-GB")("2023-13"))
    monkeypatch.setattr(environment, "_link", failing)
    with pytest.raises(ValueError, match="month must be in 1..12"):
        build(Options(content=content(), output=Path("out")))
