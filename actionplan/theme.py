"""Where the theme's files are: the default theme, and a council's folder of overrides in front of it.

Standard library only: a build that has nothing to do finds the theme's files without loading Jinja.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
# In a checkout the theme is the project's templates/; an installed wheel carries it as actionplan/theme.
DEFAULT_THEME = next((p for p in (_PACKAGE.parent / "templates", _PACKAGE / "theme") if p.is_dir()), _PACKAGE / "theme")


def theme_folders(override: Path | None) -> list[Path]:
    """Return the theme folders, most specific first: a council's overrides, then the default."""
    return [p for p in (override, DEFAULT_THEME) if p is not None]
