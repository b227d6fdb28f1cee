"""The ``check`` command: report every problem in the content and change nothing."""

from __future__ import annotations

from ..errors import Problem
from ..options import Options
from ..pipeline import check as check_content
from ..sources.cache import PlanCache


def check(options: Options) -> list[Problem]:
    """Return every problem in the content, sorted; write nothing (plans a build cached are used, not added)."""
    return check_content(options, PlanCache(options.cache) if options.cache else None)[1]
