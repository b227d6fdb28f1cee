"""What a build is asked to do: the folders it reads and writes, the site's address and the as-of date."""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Options:
    content: Path = Path("content")
    templates: Path | None = None
    output: Path = Path("site")
    base_url: str | None = None
    as_of: datetime.date = dataclasses.field(default_factory=datetime.date.today)
    cache: Path | None = None  # where builds keep validated plans (the command line's default: .cache/actionplan)
    jobs: int = 1  # processes that draw the site; 0: as many as pay (the build command's default)
