"""Words live in the theme: a council rewords or translates them without touching Python."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from actionplan.commands.build import build
from actionplan.pipeline import Options
from actionplan.render.environment import date_filter, make_environment
from actionplan.render.pages import DEFAULT_THEME
from tests.helpers import AS_OF, REPO

POT = DEFAULT_THEME / "locale" / "messages.pot"
HUNTINGDONSHIRE = "huntingdonshire/cpc-2024/index.html"


def _extracted() -> set[str | tuple[str, ...]]:
    method_map = [("**.html", "jinja2"), ("**.txt", "jinja2"), ("**.md", "jinja2"), ("*.css", "jinja2")]
    options = {pattern: {"trimmed": "true", "silent": "false"} for pattern, _ in method_map}
    return {message for _, _, message, _, _ in extract_from_dir(str(DEFAULT_THEME), method_map, options)}


def test_the_catalogue_lists_every_sentence_of_the_templates() -> None:
    with POT.open("rb") as file:
        catalogue = {m.id if isinstance(m.id, str) else tuple(m.id) for m in read_po(file) if m.id}
    missing, stale = _extracted() - catalogue, catalogue - _extracted()
    assert not missing and not stale, "run the pybabel extract command in babel.cfg to refresh messages.pot"
    assert ("%(count)s action", "%(count)s actions") in catalogue
    assert "%(actions)s linked to %(recommendations)s" in catalogue


def test_a_theme_override_rewords_the_plan_summary(tmp_path: Path) -> None:
    theme = tmp_path / "theme" / "partials"
    theme.mkdir(parents=True)
    words = (DEFAULT_THEME / "partials" / "words.html").read_text("utf-8")
    (theme / "words.html").write_text(words.replace("linked to", "answering"), "utf-8")
    build(Options(content=REPO / "content", templates=tmp_path / "theme", output=tmp_path / "site", as_of=AS_OF))
    page = (tmp_path / "site" / HUNTINGDONSHIRE).read_text("utf-8")
    assert "27 actions answering 8 recommendations" in page
    assert "27 actions linked to 8 recommendations" not in page


def test_a_translation_file_rewords_the_site(tmp_path: Path) -> None:
    shutil.copytree(REPO / "content", tmp_path / "content")
    (tmp_path / "content" / "site.yaml").write_text("title: Cynlluniau gweithredu\nlanguage: cy\n", "utf-8")
    catalogue = Catalog(locale="cy")
    catalogue.add("%(actions)s linked to %(recommendations)s", "%(actions)s yn ateb %(recommendations)s")
    catalogue.add(("%(count)s action", "%(count)s actions"), ("%(count)s cam gweithredu", "%(count)s cam gweithredu"))
    folder = tmp_path / "theme" / "locale" / "cy" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "messages.po").open("wb") as file:
        write_po(file, catalogue)
    build(Options(content=tmp_path / "content", templates=tmp_path / "theme", output=tmp_path / "site", as_of=AS_OF))
    page = (tmp_path / "site" / HUNTINGDONSHIRE).read_text("utf-8")
    assert "27 cam gweithredu yn ateb 8 recommendations" in page  # untranslated words stay as the theme wrote them
    assert '<html lang="cy">' in page


@pytest.mark.parametrize(
    ("count", "expected"),
    [(1, "1 action linked to 1 recommendation"), (2, "2 actions linked to 2 recommendations")],
)
def test_sentences_agree_with_their_numbers(count: int, expected: str) -> None:
    env = make_environment([DEFAULT_THEME])
    template = env.from_string('{% from "partials/words.html" import headline %}{{ headline(h) }}')
    headline = type("Headline", (), {"actions": count, "recommendations": count})
    assert template.render(h=headline) == expected


@pytest.mark.parametrize(
    ("language", "value", "shown"),
    [
        ("en-GB", datetime.date(2024, 3, 5), "5 March 2024"),
        ("en-GB", "2024-03", "March 2024"),
        ("en-GB", "2024-03-05", "5 March 2024"),
        ("en-GB", None, ""),
        ("cy", datetime.date(2024, 3, 5), "5 Mawrth 2024"),
        ("xx-nowhere", datetime.date(2024, 3, 5), "5 March 2024"),  # a tag Babel does not know
    ],
)
def test_dates_are_shown_in_the_sites_language(language: str, value: datetime.date | str | None, shown: str) -> None:
    assert date_filter(language)(value) == shown
