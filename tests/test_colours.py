"""Contrast ratios as WCAG defines them, and the theme's status colours meet them."""

from __future__ import annotations

import colorsys
import re

import pytest

from actionplan.model.colours import contrast
from actionplan.model.statuses import CATEGORIES
from tests.helpers import REPO


def test_known_ratios() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1)


def _css_vars() -> dict[str, str]:
    css = (REPO / "templates/assets/style.css").read_text()
    return dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-f]{6})", css))


@pytest.mark.parametrize("name", ["ok", "prog", "on", "risk", "off", "not"])
def test_status_tags_have_text_contrast(name: str) -> None:
    colours = _css_vars()
    assert contrast(colours[f"{name}-bg"], colours[f"{name}-fg"]) >= 4.5


def _fills() -> dict[str, str]:
    css = (REPO / "templates/assets/style.css").read_text()
    return dict(re.findall(r"\.bar__segment--([a-z-]+), \.key--[a-z-]+ \{ fill: (#[0-9a-f]{6})", css))


def test_chart_colours_stand_out_from_the_white_gaps_between_them() -> None:
    fills = _fills()
    assert sorted(fills) == sorted([*CATEGORIES, "overdue"])
    assert all(contrast(fill, "#ffffff") >= 3 for fill in fills.values())


def test_no_two_keys_share_a_hue() -> None:
    hues = []
    for name, fill in _fills().items():
        hue, _, saturation = colorsys.rgb_to_hls(*(int(fill[i : i + 2], 16) / 255 for i in (1, 3, 5)))
        if saturation > 0.25:  # grey (not started) has no hue to share
            hues.append((hue * 360, name))
    hues.sort()
    gaps = [(b - a, na, nb) for (a, na), (b, nb) in zip(hues, [*hues[1:], (hues[0][0] + 360, hues[0][1])], strict=True)]
    assert min(gaps)[0] >= 20, min(gaps)


def test_absence_of_information_is_drawn_pale_with_a_visible_outline() -> None:
    css = (REPO / "templates/assets/style.css").read_text()
    rule = re.search(r"\.bar__segment--none, \.bar__segment--no-report-since \{([^}]*)\}", css)
    assert rule is not None
    fill = re.search(r"fill: (#[0-9a-f]{6})", rule.group(1))
    assert fill is not None and contrast(fill.group(1), "#ffffff") < 1.2  # pale: no status colour is
    outline = re.search(r"stroke: (#[0-9a-f]{6})", rule.group(1))
    assert outline is not None and contrast(outline.group(1), "#ffffff") >= 3
