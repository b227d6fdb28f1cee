"""Markdown for content text: CommonMark with nothing that can run or reach out.

Raw HTML is shown as text, links are limited to http(s), mailto, tel and relative
addresses, images are off (they would load from another site), and headings are
off so content can never break a page's heading order.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
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
# Most content is plain sentences, now and then with **strong words** or a [link](https://…) in them. Such a text on
# one line, with none of the other characters that start markdown (emphasis, code, escapes, entities, autolinks),
# renders as markdown-it renders it, escaped as it escapes, without the parser (tests/test_markdown.py compares the
# two on random text). Strong words open after a space and close before a space or a full stop, so that
# CommonMark's rules for emphasis read them the one way; a link's address goes through markdown-it's own
# normalizeLink and validateLink.
_MARKDOWN_CHARACTERS = re.compile(r"[\\`*_\[\]<>&~]")
_BLOCK_STARTS = frozenset("-+*>#=~`0123456789 ")  # lists, quotes, headings, rules, fences, indented code
_STRONG_OR_LINK = re.compile(r"\*\*(?P<strong>[^*]+)\*\*|\[(?P<label>[^\]]+)\]\((?P<url>[^)]+)\)")
_STRONG_ENDS = re.compile(r"[A-Za-z0-9](?:.*[A-Za-z0-9.,;:!?)])?", re.DOTALL)
_AFTER_STRONG = frozenset(("", " ", ".", ",", ";", ":", "!", "?", ")"))
_STRONG_FIRST = re.compile(r"\*\*[A-Za-z0-9]")  # a paragraph, not a list or a rule
_ADDRESS = re.compile(r"[A-Za-z0-9._~:/?#=+,;@-]+")


def _escape(text: str) -> str | None:
    """Return text without markdown escaped as markdown-it escapes it, or None when it has markdown."""
    return None if _MARKDOWN_CHARACTERS.search(text) else text.replace('"', "&quot;")


def _strong(text: str, start: int, end: int, words: str) -> str | None:
    before, after = text[start - 1 : start], text[end : end + 1]
    if before not in ("", " ") or not _STRONG_ENDS.fullmatch(words) or after not in _AFTER_STRONG:
        return None
    if not words[-1].isalnum() and after not in ("", " "):
        return None  # a closing mark between two punctuation marks could also open
    inner = _escape(words)
    return None if inner is None else f"<strong>{inner}</strong>"


@lru_cache(maxsize=256)  # a text is written as a block, then inline for its plain words
def _href(url: str) -> str | None:
    href = _MD.normalizeLink(url)
    return escapeHtml(href) if _MD.validateLink(href) else None


def _link(text: str, start: int, label: str, url: str) -> str | None:
    if text[start - 1 : start] == "!" or not _ADDRESS.fullmatch(url):
        return None  # an image (off), or an address with characters the quick way does not write
    href = _href(url)
    words = _escape(label)
    if words is None or href is None:
        return None
    return f'<a href="{href}">{words}</a>'


def _simple(text: str) -> str | None:
    """Return a line of plain text, strong words and links as HTML, or None when the parser must read it."""
    if not text.isprintable() or text.endswith(" "):
        return None
    if not _MARKDOWN_CHARACTERS.search(text):
        return text.replace('"', "&quot;")  # most text: no markdown at all
    out: list[str] = []
    done = 0
    for found in _STRONG_OR_LINK.finditer(text):
        start, end = found.span()
        plain = _escape(text[done:start])
        if found["strong"] is not None:
            html = _strong(text, start, end, found["strong"])
        else:
            html = _link(text, start, found["label"], found["url"])
        if plain is None or html is None:
            return None
        out += (plain, html)
        done = end
    rest = _escape(text[done:])
    return None if rest is None else "".join((*out, rest))


def _simple_line(line: str) -> str | None:
    """Return a line that starts no block (a list, a quote, a heading, code) as HTML, or None."""
    if not line or (line[0] in _BLOCK_STARTS and not _STRONG_FIRST.match(line)):
        return None
    return _simple(line)


def _simple_blocks(text: str) -> str | None:
    """Return a paragraph of one line, a list of one-line items, or the one then the other, as HTML, or None
    when the parser must read the text."""
    paragraph, _, items = text.removesuffix("\n").rpartition("\n\n") if "\n" in text else ("", "", text)
    blocks = []
    if paragraph:
        if (html := _simple_line(paragraph)) is None:
            return None
        blocks.append(f"<p>{html}</p>")
    if "\n" not in items and not items.startswith("- "):
        if paragraph or (html := _simple_line(items)) is None:
            return None
        return f"<p>{html}</p>"
    entries = []
    for line in items.split("\n"):
        if not line.startswith("- ") or (html := _simple_line(line[2:])) is None:
            return None
        entries.append(f"<li>{html}</li>\n")
    blocks.append(f"<ul>\n{''.join(entries)}</ul>")
    return "\n".join(blocks)


@lru_cache(maxsize=4096)
def render_block(text: str) -> Markup:
    """Return ``text`` as safe HTML paragraphs and lists."""
    if not text:
        return Markup("")
    html = _simple_blocks(text)
    return Markup(html if html is not None else _MD.render(text).strip())


@lru_cache(maxsize=4096)
def render_inline(text: str) -> Markup:
    """Return ``text`` as safe HTML for use inside a heading or a table cell."""
    text = " ".join(text.split())
    if not text:
        return Markup("")
    html = _simple(text)
    return Markup(html if html is not None else _MD.renderInline(text))


def plain_words(markdown: str) -> str:
    """Return a text's words without its markdown, on one line."""
    text = " ".join(markdown.split())
    if text.isprintable() and not _MARKDOWN_CHARACTERS.search(text):
        return text  # what the tags stripped from its HTML give back, without writing it
    return render_inline(markdown).striptags()


def first_words(markdown: str) -> str:
    """Return the first words of a text, as plain text: how a page names what has no number."""
    words = plain_words(markdown).split()
    return " ".join(words[:FIRST_WORDS]) + ("…" if len(words) > FIRST_WORDS else "")
