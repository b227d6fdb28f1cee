"""The theme's words, translated once when a template is compiled rather than on every page.

Templates say every sentence through ``{% trans %}`` and ``_("…")`` (Jinja's i18n
extension). Through the extension's own functions, each sentence costs a gettext
look-up, a context call and a ``Markup`` formatting every time a page shows it:
hundreds of thousands of calls for a large site. The words of one build never
change, so this extension looks each sentence up when the template is compiled and
writes the translation into the compiled code as text, with the sentence's values
as ordinary (escaped) template output. The pages are the same, byte for byte.

What it cannot resolve ahead — plural forms of a real catalogue, calls with values,
a translation with other ``%`` formats — goes through the i18n extension as before.
Since the compiled code holds the translations, the compiled-template cache is keyed
by them too (``WordsBytecodeCache``).
"""

from __future__ import annotations

import gettext
import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

import jinja2
from jinja2 import nodes
from jinja2.ext import InternationalizationExtension
from jinja2.lexer import Token, TokenStream

_PLACEHOLDER = re.compile(r"%\((\w+)\)s|%%|%")
_GETTEXT_NAMES = ("_", "gettext")


def _parts(text: str, values: dict[str, nodes.Expr]) -> list[nodes.Node] | None:
    """Split a translated sentence into template text and its values; None if it has a format we do not know."""
    parts: list[nodes.Node] = []
    start = 0
    for found in _PLACEHOLDER.finditer(text):
        literal = text[start : found.start()] + ("%" if found.group() == "%%" else "")
        if literal:
            parts.append(nodes.TemplateData(literal))
        start = found.end()
        if found.group() == "%%":
            continue
        name = found.group(1)
        if name is None or name not in values:
            return None
        parts.append(values[name])
    if text[start:]:
        parts.append(nodes.TemplateData(text[start:]))
    return parts


class TranslatedWords(InternationalizationExtension):
    """Jinja's i18n extension, with sentences translated when a template is compiled."""

    def __init__(self, environment: jinja2.Environment) -> None:
        super().__init__(environment)
        self.catalogue: gettext.NullTranslations = gettext.NullTranslations()

    def _install(self, translations: gettext.NullTranslations, newstyle: bool | None = None) -> None:  # type: ignore[override]
        self.catalogue = translations
        super()._install(translations, newstyle)

    def filter_stream(self, stream: TokenStream) -> Iterator[Token]:
        """Replace ``_("constant")`` by its translation, marked safe as gettext marks it."""
        tokens = list(stream)
        i = 0
        while i < len(tokens):
            token = tokens[i]
            window = tokens[i : i + 4]
            if (
                token.type == "name"
                and token.value in _GETTEXT_NAMES
                and [t.type for t in window] == ["name", "lparen", "string", "rparen"]
                and (i == 0 or tokens[i - 1].type != "dot")
            ):
                translated = self._constant(window[2].value)
                if translated is not None:
                    yield Token(token.lineno, "string", translated)
                    yield Token(token.lineno, "pipe", "|")
                    yield Token(token.lineno, "name", "safe")
                    i += 4
                    continue
            yield token
            i += 1

    def _constant(self, message: str) -> str | None:
        """Return what ``_(message)`` shows, or None where that is only known when the page is drawn."""
        try:
            translated: str = self.catalogue.gettext(message) % {}
        except (KeyError, ValueError, TypeError):  # a %(name)s with no value: the runtime call says so
            return None
        return translated

    def _make_node(  # type: ignore[override]
        self,
        singular: str,
        plural: str | None,
        context: str | None,
        variables: dict[str, nodes.Expr],
        plural_expr: nodes.Expr | None,
        vars_referenced: bool,
        num_called_num: bool,
    ) -> nodes.Stmt:
        """Return the sentence as template output; a catalogue's plurals are chosen at run time, as before."""
        run_time = super()._make_node(
            singular, plural, context, variables, plural_expr, vars_referenced, num_called_num
        )
        if context is not None:
            return run_time
        if plural is None or plural_expr is None:
            parts = _parts(self.catalogue.gettext(singular), variables)
            return run_time if parts is None else nodes.Output(parts)
        if type(self.catalogue) is not gettext.NullTranslations:  # its plural rule is the catalogue's
            return run_time
        values = {"num": plural_expr, **variables}
        one, other = _parts(singular, values), _parts(plural, values)
        if one is None or other is None:
            return run_time
        is_one = nodes.Compare(plural_expr, [nodes.Operand("eq", nodes.Const(1))])
        return nodes.If(is_one, [nodes.Output(one)], [], [nodes.Output(other)])


class WordsBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's cache of compiled templates, keyed also by the words compiled into them and by how they were
    (this module, and the ``compilers``' source files)."""

    def __init__(self, catalogue: bytes, *compilers: Path) -> None:
        super().__init__()
        how = b"".join(path.read_bytes() for path in (Path(__file__), *compilers))
        self.words = hashlib.sha256(catalogue + how).hexdigest()

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return hashlib.sha1(f"{self.words}|{super().get_cache_key(name, filename)}".encode()).hexdigest()
