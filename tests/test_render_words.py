"""Words translated when a template is compiled show exactly what Jinja's i18n extension shows on every call."""

from __future__ import annotations

import gettext
import io
from pathlib import Path
from typing import Any

import jinja2
import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po

from actionplan.render.environment import make_environment
from actionplan.render.words import TranslatedWords

SNIPPETS = [
    "{% trans %}Plain words & <strong>markup</strong>, 100% sure{% endtrans %}",
    "{% trans day=day %}Reported on {{ day }}.{% endtrans %}",
    "{% trans day=day, name=name %}{{ name }} said so on {{ day }}; {{ name }} again{% endtrans %}",
    "{% trans count=n %}{{ count }} action{% pluralize %}{{ count }} actions{% endtrans %}",
    "{% trans count=n, day=day %}One month, on {{ day }}{% pluralize %}{{ count }} months, on {{ day }}{% endtrans %}",
    "{% trans %}{{ n }} left{% pluralize %}{{ n }} left over{% endtrans %}",
    "{% trans num=n|abs %}{{ num }} of them{% pluralize %}{{ num }} of them all{% endtrans %}",
    "{% trans count=more(), n=n %}{{ count }} more than {{ n }}{% pluralize %}{{ count }} more, {{ n }}{% endtrans %}",
    '{{ _("Skip to main content") }}|{{ _("Costs 5%% more") }}|{{ _("Lead") ~ name }}|{{ _("Lead") | lower }}',
    '<a title="{{ _(\'Home\') }}">{{ gettext("Home") }}</a>{% set x = {"k": _("Home")} %}{{ x.k }}',
    '{{ _("Reported on %(day)s.", day=day) }}',
]
VALUES: list[dict[str, Any]] = [
    {"day": "<5 March 2024>", "name": "Ann & Bo", "n": n, "more": lambda n=n: n + 1} for n in (-1, 0, 1, 2, 5, 11)
]


def _catalogue() -> gettext.GNUTranslations:
    catalogue = Catalog(locale="cy")
    catalogue.add("Skip to main content", "Neidio i'r prif gynnwys")
    catalogue.add("Reported on %(day)s.", "%(day)s: adroddwyd.")
    catalogue.add("Plain words & <strong>markup</strong>, 100%% sure", "Geiriau <em>plaen</em>, 100%% sicr")
    catalogue.add(("%(count)s action", "%(count)s actions"), ("%(count)s cam", "%(count)s gam", "%(count)s cham"))
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def _environment(extension: type[jinja2.ext.Extension], words: gettext.NullTranslations) -> jinja2.Environment:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, extensions=[extension])
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_translations(words, newstyle=True)  # type: ignore[attr-defined]
    return env


@pytest.mark.parametrize("words", [gettext.NullTranslations(), _catalogue()], ids=["theme's own words", "catalogue"])
@pytest.mark.parametrize("snippet", SNIPPETS)
def test_compiled_words_match_the_i18n_extension(snippet: str, words: gettext.NullTranslations) -> None:
    ours = _environment(TranslatedWords, words).from_string(snippet)
    jinjas = _environment(jinja2.ext.InternationalizationExtension, words).from_string(snippet)
    for values in VALUES:
        assert ours.render(values) == jinjas.render(values)


def test_constant_words_are_compiled_into_the_template() -> None:
    env = _environment(TranslatedWords, _catalogue())
    code = env.compile('{% trans %}Skip to main content{% endtrans %}{{ _("Skip to main content") }}', raw=True)
    assert "gettext" not in code
    assert code.count("Neidio i'r prif gynnwys") == 2


def _write_catalogue(theme: Path, sentence: str) -> None:
    folder = theme / "locale" / "cy" / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    catalogue = Catalog(locale="cy")
    catalogue.add("Home", sentence)
    with (folder / "messages.po").open("wb") as file:
        write_po(file, catalogue)


def test_a_changed_catalogue_is_not_hidden_by_compiled_templates_kept_from_a_run_before(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text('{% trans %}Home{% endtrans %} {{ _("Home") }}', "utf-8")
    _write_catalogue(tmp_path, "Hafan")
    assert make_environment([tmp_path], "cy").get_template("page.html").render() == "Hafan Hafan"
    _write_catalogue(tmp_path, "Cartref")
    assert make_environment([tmp_path], "cy").get_template("page.html").render() == "Cartref Cartref"
    assert make_environment([tmp_path], "en-GB").get_template("page.html").render() == "Home Home"
