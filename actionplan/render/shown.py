"""Each value a page shows, escaped as Jinja escapes it, without the cost of Jinja's general way.

With autoescaping on, Jinja compiles every ``{{ value }}`` to ``escape(value)``, which makes a
new ``Markup`` string each time: of a number, and of a macro's output that is already
``Markup``, too — millions of them for a large site, about a fifth of the time pages take.
A shown value is only ever joined into the page's text, so ``shown`` returns that same text
as a plain string: a whole number as its digits (nothing in them to escape), markup as it
is, and any other value as MarkupSafe escapes it. The pages are the same, byte for byte.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import markupsafe
from jinja2.compiler import CodeGenerator, Frame
from markupsafe import Markup, escape

# MarkupSafe 3's function that escape() calls, which gives the text without making a Markup of it
# (five times cheaper); with an older MarkupSafe, escape() itself: the same text.
_escaped_text: Callable[[str], str] = getattr(markupsafe, "_escape_inner", escape)


def shown(value: object) -> str:
    """Return the text ``{{ value }}`` shows on a page: what ``markupsafe.escape(value)`` gives."""
    if type(value) is str:  # the kinds most shown first
        return _escaped_text(value)
    if type(value) is Markup:
        return value
    if type(value) is int:
        return str(value)
    return escape(value)


class ShownValues(CodeGenerator):
    """Jinja's code generator, with each value shown through ``environment.shown`` where autoescaping is on."""

    def _output_child_pre(self, node: Any, frame: Frame, finalize: CodeGenerator._FinalizeInfo) -> None:
        if frame.eval_ctx.volatile or not frame.eval_ctx.autoescape:  # decided when drawn: Jinja's own way
            super()._output_child_pre(node, frame, finalize)
            return
        self.write("environment.shown(")
        if finalize.src is not None:
            self.write(finalize.src)
