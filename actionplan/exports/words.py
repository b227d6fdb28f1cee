"""The words of the files that are not pages, taken from the theme so that a council can reword them."""

from __future__ import annotations

from typing import Any

import jinja2
from markupsafe import Markup

WORDS_TEMPLATE = "export_words.txt"


class Words:
    """Say things with the macros of the theme's ``export_words.txt``, as plain text."""

    def __init__(self, env: jinja2.Environment) -> None:
        self._macros = env.get_template(WORDS_TEMPLATE).module

    def text(self, name: str, *values: Any) -> str:
        """Return the text of macro ``name``: unescaped, since each format escapes text its own way."""
        said = getattr(self._macros, name)(*values)
        return Markup(said).unescape().strip()

    def say(self, name: str, *values: Any) -> str:
        """Return the text of macro ``name`` as one line: titles and names have no line breaks."""
        return " ".join(self.text(name, *values).split())
