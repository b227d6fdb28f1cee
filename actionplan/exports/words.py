"""The words of the files that are not pages, taken from the theme so that a council can reword them."""

from __future__ import annotations

import html
from typing import Any

import jinja2

WORDS_TEMPLATE = "export_words.txt"


class Words:
    """Say things with the macros of the theme's ``export_words.txt``, as plain text."""

    def __init__(self, env: jinja2.Environment) -> None:
        template = env.get_template(WORDS_TEMPLATE)
        self._macros = template.module
        # Called as a template calls them, the cheaper way where the environment's context has one (render/calls.py):
        # the feeds and calendars of a large site say a hundred thousand things.
        self._call = template.new_context().call

    def _said(self, name: str, values: tuple[Any, ...]) -> str:
        """Return the text of macro ``name`` unescaped, since each format escapes text its own way."""
        return html.unescape(str(self._call(getattr(self._macros, name), *values)))

    def text(self, name: str, *values: Any) -> str:
        """Return the text of macro ``name``."""
        return self._said(name, values).strip()

    def say(self, name: str, *values: Any) -> str:
        """Return the text of macro ``name`` as one line: titles and names have no line breaks."""
        return " ".join(self._said(name, values).split())
