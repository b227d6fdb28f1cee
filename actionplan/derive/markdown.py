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


@lru_cache(maxsize=4096)
def render_block(text: str) -> Markup:
    """Return ``text`` as safe HTML paragraphs and lists."""
    return Markup(_MD.render(text).strip()) if text else Markup("")


@lru_cache(maxsize=4096)
def render_inline(text: str) -> Markup:
    """Return ``text`` as safe HTML for use inside a heading or a table cell."""
    return Markup(_MD.renderInline(" ".join(text.split()))) if text else Markup("")
