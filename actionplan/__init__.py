"""actionplan: publish councils' action plans and their progress as accessible web pages."""

from __future__ import annotations

__version__ = "0.1.0"
