"""Markdown for content text: CommonMark with nothing that can run or reach out.

Raw HTML is shown as text, links are limited to http(s), mailto, tel and relative
addresses, images are off (they would load from another site), and headings are
off so content can never break a page's heading order.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markupsafe import Markup

FIRST_WORDS = 8
_SAFE_LINK = re.compile(r"^(https?:|mailto:|tel:|[^:]*$|[^:]*[/?#])", re.IGNORECASE)


def is_safe_link(url: str) -> bool:
    """Allow http(s), mailto, tel and relative links; refuse every other scheme."""
    return bool(_SAFE_LINK.match(url.strip()))


class _SafeMarkdown(MarkdownIt):
    def validateLink(self, url: str) -> bool:
        """Judge links by our allow-list instead of markdown-it's own."""
        return is_safe_link(url)


def _parser() -> MarkdownIt:
    md = _SafeMarkdown("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable(["image", "heading", "lheading", "html_block", "html_inline"])
    return md


_MD = _parser()
# Most content is plain sentences. Text on one line with none of the characters that start markdown
# (emphasis, links, code, escapes, entities, autolinks) renders as itself, escaped as markdown-it escapes:
# the parser is skipped for it (tests/test_markdown.py compares the two on random text).
_MARKDOWN_CHARACTERS = re.compile(r"[\\`*_\[\]<>&~]")
_BLOCK_STARTS = frozenset("-+*>#=~`0123456789 ")  # lists, quotes, headings, rules, fences, indented code


def _plain(text: str) -> str | None:
    """Return ``text`` escaped when markdown would do nothing else to it, else None."""
    if not text.isprintable() or _MARKDOWN_CHARACTERS.search(text) or text.endswith(" "):
        return None
    return text.replace('"', "&quot;")


@lru_cache(maxsize=4096)
def render_block(text: str) -> Markup:
    """Return ``text`` as safe HTML paragraphs and lists."""
    if not text:
        return Markup("")
    if text[0] not in _BLOCK_STARTS and (plain := _plain(text)) is not None:
        return Markup(f"<p>{plain}</p>")
    return Markup(_MD.render(text).strip())


@lru_cache(maxsize=4096)
def render_inline(text: str) -> Markup:
    """Return ``text`` as safe HTML for use inside a heading or a table cell."""
    text = " ".join(text.split())
    if not text:
        return Markup("")
    plain = _plain(text)
    return Markup(plain if plain is not None else _MD.renderInline(text))


def first_words(markdown: str) -> str:
    """Return the first words of a text, as plain text: how a page names what has no number."""
    words = render_inline(markdown).striptags().split()
    return " ".join(words[:FIRST_WORDS]) + ("…" if len(words) > FIRST_WORDS else "")
