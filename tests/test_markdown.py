"""Markdown in content can format text but never run code or load anything."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup

from actionplan.derive.markdown import _MD, is_safe_link, plain_words, render_block, render_inline


@pytest.mark.parametrize(
    ("source", "html"),
    [
        ("**bold** and *em*", "<p><strong>bold</strong> and <em>em</em></p>"),
        ("- a\n- b", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"),
        ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
        ("[x](javascript:alert(1))", "<p>[x](javascript:alert(1))</p>"),
        ("[x](data:text/html;base64,PHNjcmlwdD4=)", "<p>[x](data:text/html;base64,PHNjcmlwdD4=)</p>"),
        ("[ok](https://example.gov.uk/a?b=c)", '<p><a href="https://example.gov.uk/a?b=c">ok</a></p>'),
        ("# Not a heading", "<p># Not a heading</p>"),
        ("![pixel](https://tracker.example/p.gif)", '<p>!<a href="https://tracker.example/p.gif">pixel</a></p>'),
        ("{{ 7*7 }}", "<p>{{ 7*7 }}</p>"),
    ],
)
def test_render_block(source: str, html: str) -> None:
    assert render_block(source) == html


def test_render_inline_joins_lines() -> None:
    assert render_inline("one\ntwo *three*") == "one two <em>three</em>"


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://a.b", True),
        ("HTTP://a.b", True),
        ("mailto:a@b.c", True),
        ("tel:+441234", True),
        ("../page/", True),
        ("#anchor", True),
        ("page?x=a:b", True),
        ("javascript:alert(1)", False),
        (" JavaScript:alert(1)", False),
        ("vbscript:x", False),
        ("data:text/html,x", False),
        ("file:///etc/passwd", False),
    ],
)
def test_safe_links(url: str, safe: bool) -> None:
    assert is_safe_link(url) is safe


# Words, spaces and every character that means something to markdown, so random text hits the edge cases.
_PIECES = st.sampled_from([*"aZ19 .,:;()'\"!?/=-+*_`~#<>&[]\\|\n\t\u00a0\u00e9\u2013", "1. ", "- ", "&amp;", "word "])
_TEXT = st.lists(_PIECES, max_size=30).map("".join)


@given(_TEXT)
def test_plain_text_skips_the_parser_with_the_same_result(text: str) -> None:
    """The fast path for plain sentences gives exactly what markdown-it gives."""
    assert render_block(text) == (_MD.render(text).strip() if text else "")
    assert render_inline(text) == _MD.renderInline(" ".join(text.split()))
    assert plain_words(text) == Markup(_MD.renderInline(" ".join(text.split()))).striptags()


# Sentences with strong words and links, and lists of them: the markdown most content has, and pieces that
# break them.
_MARKED = st.sampled_from(
    [*"aZ9 .,;:!?()'\"*[]_&\u00e9\u2013\t", "**", "**", "word", " **", "** ", "**a", "b**", "[a b](", "[x]", "](", "]("]
    + ["\n", "\n\n", "\n- ", "\n\n- ", "- ", "\n  - ", "\n* "]
    + ["https://e.gov.uk/r/1", "HTTP://E.X/a?b=c#d", "mailto:a@b.c", "javascript:x", "../p/", "/é", ")", ") ", "%41"]
)
_MARKED_TEXT = st.lists(_MARKED, max_size=24).map("".join)


@given(_MARKED_TEXT)
def test_strong_words_and_links_skip_the_parser_with_the_same_result(text: str) -> None:
    """The fast path for strong words, links and lists gives exactly what markdown-it gives."""
    assert render_block(text) == (_MD.render(text).strip() if text else "")
    assert render_inline(text) == _MD.renderInline(" ".join(text.split()))


@pytest.mark.parametrize(
    "text",
    [
        "Agree the **new plan**, then report.",
        "**Agree** the plan",
        "See the [report](https://www.example.gov.uk/reports/123).",
        "**Bold.**, then more",
        "a **b**c",
        "a **b.**, c",
        "![x](https://e.x/p.gif)",
        "[x](javascript:alert(1))",
        '[ a ](https://e.x) and **a "b"**',
        "Agree:\n\n- the **plan**\n- the [report](https://e.x/r)\n",
        "- one\n- two",
        "- one\n\n- two",
        "para\n- one",
        "one\n\ntwo",
        "- - -",
    ],
)
def test_strong_words_and_links_examples(text: str) -> None:
    assert render_block(text) == _MD.render(text).strip()
    assert render_inline(text) == _MD.renderInline(" ".join(text.split()))


@pytest.mark.parametrize("text", ["Agree the plan", 'a "quoted" word', "2023 plan", "1) x", "x  y", "- ", "a: b"])
def test_plain_text_examples(text: str) -> None:
    assert render_block(text) == _MD.render(text).strip()
