"""The ``build`` command: make the whole site, then publish it atomically.

A build whose inputs have not changed since the last one published (see ``stamp``) stops before loading the
pipeline, so this module imports it only when there is work to do.
"""

from __future__ import annotations

import dataclasses

from ..errors import Abort, Problem, Severity
from ..options import Options
from ..stamp import Stamp


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


def _stored(problems: list[Problem]) -> list[dict[str, object]]:
    return [dataclasses.asdict(p) for p in problems]


def _restored(stored: list[dict[str, object]]) -> list[Problem] | None:
    try:
        return [Problem(**{**p, "severity": Severity(p["severity"])}) for p in stored]  # type: ignore[arg-type]
    except (TypeError, ValueError, KeyError):  # a stamp from a build whose problems had other fields
        return None


def build(options: Options) -> list[Problem]:
    """Build the site into ``options.output``; return the warnings. Raises ContentErrors."""
    _refuse_output_over_sources(options)
    stamp = Stamp.of(options, options.cache) if options.cache else None
    stored = stamp.unchanged() if stamp else None
    unchanged = _restored(stored) if stored is not None else None
    if unchanged is not None:
        return unchanged

    from ..cache import PartCache
    from ..pipeline import make_site
    from ..publish import publish

    cache = PartCache(options.cache) if options.cache else None
    files = make_site(options, cache)
    site = publish(options.output, files, reuse=cache is not None)  # draws the pages as it writes them
    if cache:
        cache.prune()  # only after a build that published: a failed one may have been stopped part-way
    if stamp:
        stamp.save(site, _stored(files.problems))
    return files.problems
