"""The ``check`` command: report every problem in the content and change nothing."""

from __future__ import annotations

from ..errors import Problem
from ..options import Options
from ..pipeline import check as check_content


def check(options: Options) -> list[Problem]:
    """Return every problem in the content, sorted; write nothing."""
    return check_content(options)[1]
