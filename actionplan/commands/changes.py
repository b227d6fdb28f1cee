"""The ``changes`` command: what changed in the plans since a git revision, as Markdown for a committee paper.

The content at the revision is read by git into a temporary folder and checked by the same loader
as today's; the two models are compared by derive/changes.py, the one place that says what changed,
and the theme's ``changes.md`` words the result.
"""

from __future__ import annotations

import dataclasses

from markupsafe import Markup

from ..derive.revisions import compare_sites
from ..errors import ContentErrors
from ..model import Site
from ..options import Options
from ..pipeline import check
from ..render.environment import make_environment
from ..sources.revision import Revision, content_at, find_revision, located_at
from ..theme import theme_folders

TEMPLATE = "changes.md"


def _site_at(revision: Revision, options: Options) -> Site:
    """Return the model of the content at ``revision``; raise ContentErrors, naming the revision, for its errors."""
    with content_at(revision) as folder:
        site, problems = check(dataclasses.replace(options, content=folder, cache=None, base_url=None))
        errors = [p for p in located_at(problems, folder, revision) if p.is_error]
    if errors:
        raise ContentErrors(errors, where=f"the content at revision {revision.name}", outcome="nothing to compare")
    return site


def _site_now(options: Options) -> Site:
    site, problems = check(options)
    errors = [p for p in problems if p.is_error]
    if errors:
        raise ContentErrors(errors, where="the content", outcome="nothing to compare")
    return site


def changes(options: Options, since: str) -> str:
    """Return, as Markdown, what changed in every plan between revision ``since`` and the content folder now.

    Raises Abort (exit 2) when the content is not in a git repository, the revision is unknown or git
    is missing, and ContentErrors when either version of the content has errors.
    """
    revision = find_revision(options.content, since)
    before = _site_at(revision, options)
    after = _site_now(options)
    summary = compare_sites(before, after, options.as_of)
    env = make_environment(theme_folders(options.templates), after.language)
    text = env.get_template(TEMPLATE).render(summary=summary, revision=revision)
    return str(Markup(text).unescape()).strip() + "\n"  # Markdown escapes its own way: the theme's words as written
