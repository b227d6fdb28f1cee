"""Fields for what the sources say beyond a status: notes, sources, headings, shared statuses, undated progress."""

from __future__ import annotations

import textwrap

import pytest

from actionplan.pipeline import Options, check
from tests.helpers import MINIMAL_PLAN

PLAN = "content/testshire/cpc-2023.yaml"

FIELDS = textwrap.dedent(
    """\
    title: Peer challenge 2023 – action plan
    updated: 2024-02
    notes: The council's overview figures lost their labels.
    sources:
      - {title: Action plan update, date: 2024-02, url: "https://example.gov.uk/plan.pdf"}
      - {title: Cabinet report}
    recommendations:
      - id: "1"
        title: Set a clear vision
        notes: Printed twice in the source.
        actions:
          - id: team
            heading: true
            text: "Our Team: The following actions are taking place"
            actions:
              - id: first
                text: Appoint a manager
                status: complete
              - id: second
                text: Review the structure
                progress_note: Considered regularly by the Board
          - id: policy
            text: Policy decision
          - id: resources
            text: Focussed resources
            status: Underway
            status_text: Both actions underway
            status_covers: [policy]
            notes: Read as covering the action before it.
            updates:
              - date: 2024-01-10
                note: Post advertised.
                sources: [{title: Committee minutes, date: 2024-01-10}]
    """
)


def _plan(root):
    site, problems = check(Options(content=root))
    assert [str(p) for p in problems] == []
    return site.councils[0].plans[0]


def test_the_new_fields_reach_the_model(content) -> None:
    plan = _plan(content(FIELDS))
    assert plan.notes == "The council's overview figures lost their labels."
    assert [(s.title, s.date, s.url) for s in plan.sources] == [
        ("Action plan update", "2024-02", "https://example.gov.uk/plan.pdf"),
        ("Cabinet report", None, None),
    ]
    rec = plan.recommendations[0]
    assert rec.notes == "Printed twice in the source."
    heading, policy, resources = rec.actions
    assert heading.is_heading and not policy.is_heading
    assert heading.actions[1].progress_note == "Considered regularly by the Board"
    assert resources.notes == "Read as covering the action before it."
    assert [(s.title, s.date) for s in resources.updates[0].sources] == [("Committee minutes", "2024-01-10")]


def test_one_status_for_several_actions_is_shared_and_linked_both_ways(content) -> None:
    _, policy, resources = _plan(content(FIELDS)).recommendations[0].actions
    assert policy.status is not None and policy.status.key == "in-progress"
    assert policy.status_text == "Both actions underway"
    assert policy.status_shared_with == ("resources",)
    assert resources.status_shared_with == ("policy",)


@pytest.mark.parametrize(
    ("change", "where", "words"),
    [
        (("        heading: true\n", "        heading: true\n        status: complete\n"),
         "14:9", 'a heading is not an action, so it cannot have "status"'),
        (("heading: true", "heading: yes"), "13:18", "should be true or false"),
        (("status_covers: [policy]", "status_covers: [polcy]"), "28:25",
         'names action "polcy", which this plan does not have (did you mean "policy"?)'),
        (("status_covers: [policy]", "status_covers: [first]"), "28:25", 'action "first" already has a status'),
        (("        status: Underway\n", ""), "27:9", "this action gives no status to share"),
    ],
    ids=["heading with a status", "heading not true or false", "unknown action", "covered has its own", "no status"],
)  # fmt: skip
def test_mistakes_are_located(content, cli, change: tuple[str, str], where: str, words: str) -> None:
    content(FIELDS.replace(*change))
    run = cli("check")
    assert run.code == 1, run.err
    line = next((line for line in run.lines if words in line), run.err)
    assert line.startswith(f"{PLAN}:{where}: error: "), run.err


def test_a_heading_without_actions_is_a_warning(content, cli) -> None:
    content(MINIMAL_PLAN.replace("        status: on-track\n", "        heading: true\n"))
    run = cli("check")
    assert f"{PLAN}:10:18: warning: this heading has no actions under it" in run.err


def test_a_published_site_without_a_publishable_accessibility_statement_is_warned(content, cli) -> None:
    content(extra={"site.yaml": "title: Plans\nbase_url: https://plans.example.gov.uk/\nowner: {name: Testshire}\n"})
    run = cli("check")
    assert run.code == 0
    line = next(line for line in run.lines if "accessibility statement" in line)
    assert line.startswith("content/site.yaml:2:11: warning: the site is published, but its accessibility statement")
    assert "a contact (owner: email, phone or url)" in line and "owner: name" not in line
    assert "accessibility: prepared" in line and "accessibility: last_reviewed" in line


def test_a_complete_statement_or_an_unpublished_site_is_not_warned(content, cli) -> None:
    complete = (
        "base_url: https://plans.example.gov.uk/\nowner: {name: Testshire, url: https://example.gov.uk/contact}\n"
        "accessibility: {prepared: 2026-01-05, last_reviewed: 2026-02-01}\n"
    )
    for site in (complete, "title: Plans\n"):
        content(extra={"site.yaml": site})
        assert not [line for line in cli("check").lines if "accessibility statement" in line]


def test_one_status_covers_actions_of_its_own_recommendation_only(content, cli) -> None:
    other = '  - id: "2"\n    title: Another\n    actions:\n      - id: elsewhere\n        text: Elsewhere\n'
    content(FIELDS.replace("status_covers: [policy]", "status_covers: [elsewhere]") + other)
    run = cli("check")
    assert f'{PLAN}:28:25: error: action "elsewhere" is under another recommendation' in run.err, run.err
