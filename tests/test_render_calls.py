"""Macros called the cheaper way (render/calls.py) give what Jinja's own way gives, errors included."""

from __future__ import annotations

import jinja2
from hypothesis import given, settings
from hypothesis import strategies as st

from actionplan.render.calls import PageContext
from actionplan.render.environment import PageEnvironment


class JinjasEnvironment(PageEnvironment):
    """Ours in every way but the context: Jinja's own, which calls every macro through ``Macro.__call__``."""

    context_class = jinja2.runtime.Context


def _drawn(kind: type[jinja2.Environment], source: str) -> str:
    env = kind(autoescape=True, undefined=jinja2.StrictUndefined)
    try:
        return env.from_string(source).render(value="<b>&</b>")
    except (TypeError, SyntaxError, jinja2.TemplateError) as error:
        return f"{type(error).__name__}: {error}"


@st.composite
def calls(draw: st.DrawFn) -> str:
    """A template defining a macro of any signature and calling it in any way Jinja allows (or refuses)."""
    required = [f"p{i}" for i in range(draw(st.integers(0, 3)))]
    defaults = [f"d{i}" for i in range(draw(st.integers(0, 2)))]
    body = "".join(f"({{{{ {name} }}}})" for name in required + defaults)
    body += draw(st.sampled_from(["", "{{ caller() }}", "{{ varargs }}", "{{ kwargs }}", "{{ varargs }}{{ kwargs }}"]))
    signature = ", ".join(required + [f"{name}='<{name}>'" for name in defaults])
    given = max(0, len(required) + len(defaults) + draw(st.integers(-2, 1)))  # too few, as many, one too many
    values = [draw(st.sampled_from(["value", "'<i>'", "3", "none"])) for _ in range(given)]
    named = draw(st.lists(st.sampled_from(["p0", "p1", "d0", "d1", "other", "caller"]), unique=True, max_size=2))
    call = "m({})".format(", ".join(values + [f"{name}=value" for name in named]))
    ways = ["{{ %s }}", "{{ %s ~ '<x>' }}", "{{ %s | length }}", "{%% call %s %%}<c>{%% endcall %%}"]
    shown = draw(st.sampled_from(ways))
    used = shown % call
    if draw(st.booleans()):
        used = "{% for i in [1, 2] %}" + used + "{% endfor %}"
    macro = f"{{% macro m({signature}) %}}<m>{body}{{% endmacro %}}"
    if draw(st.booleans()):
        macro = "{% autoescape false %}" + macro + "{% endautoescape %}"
    return macro + used


@settings(max_examples=400, deadline=None)  # many ways to combine; each compiles two templates, slow on a busy machine
@given(calls())
def test_a_macro_call_gives_what_jinjas_gives(source: str) -> None:
    assert _drawn(PageEnvironment, source) == _drawn(JinjasEnvironment, source)


def test_pages_use_the_cheaper_calls() -> None:
    assert PageEnvironment.context_class is PageContext
