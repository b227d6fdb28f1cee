"""The ``build`` command: make the whole site, then publish it atomically."""

from __future__ import annotations

from ..errors import Abort, Problem
from ..pipeline import Options, make_site
from ..publish import publish


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


def build(options: Options) -> list[Problem]:
    """Build the site into ``options.output``; return the warnings. Raises ContentErrors."""
    _refuse_output_over_sources(options)
    _, files, problems = make_site(options)
    publish(options.output, files)
    return problems
