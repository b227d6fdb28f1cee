"""Macro calls the cheaper way, with what Jinja's own way gives.

Every ``{{ status(a) }}`` in a template goes through ``Context.call`` then ``Macro.__call__``,
which work out, for any callable and any mix of arguments, what to pass: about 2 µs a call,
and a large site's pages make a quarter of a million of them. Most calls give a macro its
values by position, with no ``caller``, ``varargs`` or ``kwargs``: for those, Jinja's way
comes down to calling the macro's function with the values (``missing`` for those left out,
which the function replaces by their defaults) and marking its text safe, and this context
does just that. Every other call goes Jinja's way. The pages are the same, byte for byte.
"""

from __future__ import annotations

from typing import Any

from jinja2.nodes import EvalContext
from jinja2.runtime import Context, Macro
from jinja2.utils import missing
from markupsafe import Markup

_SCOPES = frozenset(("_loop_vars", "_block_vars"))  # what a call in a loop or block passes on, for Jinja alone


class PageContext(Context):
    """Jinja's template context, calling a macro directly where Jinja would only pass its values on."""

    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 (Jinja's own names)
        if (
            type(__obj) is Macro
            and len(args) <= __obj._argument_count
            and not (__obj.caller or __obj.catch_kwargs or __obj.catch_varargs)
            and _SCOPES.issuperset(kwargs)
            and not (args and isinstance(args[0], EvalContext))
            and not __self.environment.is_async
        ):
            try:
                text = __obj._func(*args, *(missing,) * (__obj._argument_count - len(args)))
            except StopIteration:
                return __self.environment.undefined(
                    "value was undefined because a callable raised a StopIteration exception"
                )
            return Markup(text) if __obj._default_autoescape else text
        return super().call(__obj, *args, **kwargs)
