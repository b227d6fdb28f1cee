"""The ``build`` command: make the whole site, then publish it atomically."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from ..errors import Abort, Problem
from ..pipeline import Options, make_site
from ..publish import publish
from ..sources.cache import PlanCache


def _refuse_output_over_sources(options: Options) -> None:
    """A build replaces its output folder whole, so it must not hold the files the site is built from."""
    output = options.output.resolve()
    for source in (options.content, options.templates):
        if source is not None and source.resolve().is_relative_to(output):
            raise Abort(
                f"{options.output} holds {source}; a build replaces its output folder entirely: "
                "choose a folder of its own, such as --output site",
                exit_code=2,
            )


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while the model is made, then freeze it.

    A build makes millions of small objects that live until it ends; Python would scan them again and
    again for cycles they do not have. Rendering, though, leaves cyclic garbage (template contexts), so
    the collector runs again for it, over the new objects only.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()  # the model stays until the build ends: never scan it again
        if was_enabled:
            gc.enable()


def build(options: Options) -> list[Problem]:
    """Build the site into ``options.output``; return the warnings. Raises ContentErrors."""
    _refuse_output_over_sources(options)
    cache = PlanCache(options.cache) if options.cache else None
    with collector_paused():
        _, files, problems = make_site(options, cache)
    publish(options.output, files)  # renders the pages as it writes them
    if cache:
        cache.save()  # only after a build that published: a failed or refused one writes nothing
    return problems
