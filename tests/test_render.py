"""Rendering: links that work from any depth, and from a sub-folder."""

from __future__ import annotations

import pytest

from actionplan.render.pages import _root_for


@pytest.mark.parametrize(
    ("url", "root"),
    [
        ("", ""),
        ("harlow/", "../"),
        ("harlow/cpc-2023/", "../../"),
        ("harlow/cpc-2023/1/", "../../../"),
        ("404.html", "/plans/"),
    ],
)
def test_root_for(url: str, root: str) -> None:
    assert _root_for(url, "/plans/") == root
