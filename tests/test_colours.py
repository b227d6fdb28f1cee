"""Contrast ratios as WCAG defines them, and the theme's status colours meet them."""

from __future__ import annotations

import re

import pytest

from actionplan.model.colours import contrast
from tests.conftest import REPO


def test_known_ratios() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1)


def _css_vars() -> dict[str, str]:
    css = (REPO / "templates/assets/style.css").read_text()
    return dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-f]{6})", css))


@pytest.mark.parametrize("name", ["ok", "on", "risk", "off", "not"])
def test_status_tags_have_text_contrast(name: str) -> None:
    colours = _css_vars()
    assert contrast(colours[f"{name}-bg"], colours[f"{name}-fg"]) >= 4.5


def test_chart_colours_stand_out_from_the_white_gaps_between_them() -> None:
    css = (REPO / "templates/assets/style.css").read_text()
    fills = re.findall(r"\.bar__segment--[a-z-]+, \.key--[a-z-]+ \{ fill: (#[0-9a-f]{6})", css)
    assert len(fills) == 6
    assert all(contrast(fill, "#ffffff") >= 3 for fill in fills)
