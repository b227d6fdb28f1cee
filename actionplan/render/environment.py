"""The one Jinja environment factory: the theme's folders, its words and how it shows dates.

Templates write every sentence a reader sees, through Jinja's i18n extension: a
theme's ``locale/<language>/LC_MESSAGES/messages.po`` translates them, and without
one the templates' own words are shown. ``templates/locale/messages.pot`` lists the
words to translate (see docs/theming.md).
"""

from __future__ import annotations

import datetime
import functools
import gettext
import io
from collections.abc import Callable, MutableMapping, Sequence
from pathlib import Path
from typing import Any

import babel
import babel.dates
import jinja2
import jinja2.runtime
from markupsafe import Markup

from . import shown
from .calls import PageContext
from .words import TranslatedWords, WordsBytecodeCache

DEFAULT_LANGUAGE = "en-GB"
CATALOGUE = "messages"
DAY_FORMAT = "d MMMM y"  # GOV.UK style: 5 March 2024
MONTH_FORMAT = "MMMM y"  # March 2024


def _locale(language: str) -> babel.Locale:
    try:
        return babel.Locale.parse(language, sep="-")
    except (ValueError, babel.UnknownLocaleError):  # a tag Babel does not know: dates as in British English
        return babel.Locale.parse(DEFAULT_LANGUAGE, sep="-")


def catalogue_file(folders: Sequence[Path], language: str) -> Path | None:
    """Return the first theme folder's catalogue for ``language`` ("cy-GB", then "cy"), or None."""
    tags = [language.replace("-", "_"), language.split("-")[0]]
    for folder in folders:
        for tag in tags:
            po = folder / "locale" / tag / "LC_MESSAGES" / f"{CATALOGUE}.po"
            if po.is_file():
                return po
    return None


def translations(po: Path | None) -> gettext.NullTranslations:
    """Return the catalogue's translations; without one, the templates' own words."""
    if po is None:
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo  # only a translated theme needs them
    from babel.messages.pofile import read_po

    with po.open("rb") as file:
        catalogue = read_po(file, locale=po.parent.parent.name)
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def date_filter(language: str) -> Callable[[datetime.date | str | None], str]:
    """Return the filter that shows a date, or a YYYY-MM month, the way the site's language writes it."""
    locale = _locale(language)

    @functools.cache  # a site shows the same few thousand days on many pages; Babel formats each in microseconds
    def show(value: datetime.date | str | None) -> str:
        if not value:
            return ""
        if isinstance(value, str):
            if len(value) == len("2024-03"):
                month = datetime.date.fromisoformat(value + "-01")
                return babel.dates.format_date(month, MONTH_FORMAT, locale=locale)
            value = datetime.date.fromisoformat(value)
        return babel.dates.format_date(value, DAY_FORMAT, locale=locale)

    return show


def css_string(value: object) -> Markup:
    """Return text as a quoted CSS string, for a stylesheet's ``content``: every character that could end
    the string or the rule is written as its code (so content can only ever be text there)."""
    text = value.unescape() if isinstance(value, Markup) else str(value)
    escaped = "".join(c if c.isalnum() or c in " ,.:;'()-–—/&+!?" else f"\\{ord(c):x} " for c in text)
    return Markup(f'"{escaped}"')


@jinja2.pass_context
def _link(context: jinja2.runtime.Context, address: str) -> str:
    """Return a link to the site address ``address`` (from the map, addresses.py) that works from the page drawn."""
    return str(context["urls"].link(address, context["page"].url))


class PageEnvironment(jinja2.Environment):
    """Jinja's environment, showing values the cheaper way (shown.py)."""

    code_generator_class = shown.ShownValues
    context_class = PageContext
    shown = staticmethod(shown.shown)

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        """Return a template's globals as a plain dict, not Jinja's ChainMap over the environment's.

        Jinja compares them with the page's at every import of a partial, and a ChainMap looks
        each name up in Python: 5 % of the time pages take. The environment's globals are all
        set before the first template is loaded (``make_environment``), so a copy sees them all.
        """
        return {**self.globals, **(d or {})}


def _bytecode_cache(catalogue: bytes) -> jinja2.BytecodeCache | None:
    """Cache compiled templates between runs; keyed by source, words and compiler, it can never change the output."""
    try:
        return WordsBytecodeCache(catalogue, Path(shown.__file__))
    except (OSError, RuntimeError):  # no private temporary folder: compile every time
        return None


def make_environment(folders: Sequence[Path], language: str = DEFAULT_LANGUAGE) -> jinja2.Environment:
    """Return the environment that draws pages from ``folders`` (most specific first) in ``language``."""
    po = catalogue_file(folders, language)
    env = PageEnvironment(
        loader=jinja2.FileSystemLoader([str(p) for p in folders]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # an environment draws one build: its templates do not change while it runs
        cache_size=-1,  # and a theme has a few dozen: kept in a dict, looked up at every import without a lock
        bytecode_cache=_bytecode_cache(po.read_bytes() if po else b""),
        extensions=[TranslatedWords],
    )
    env.policies["ext.i18n.trimmed"] = True  # a sentence may be wrapped over lines in a template
    env.install_gettext_translations(translations(po), newstyle=True)  # type: ignore[attr-defined]
    env.filters["date"] = date_filter(language)
    env.filters["url"] = _link
    env.filters["css_string"] = css_string
    return env
