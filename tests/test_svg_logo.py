"""An SVG logo is a picture, never stored script.

Opened at its own address, an SVG runs its scripts in the council's origin, so a logo
that holds a script, an event handler, HTML or a reference to anything outside itself
is a located error in site.yaml, for ``check`` and ``build`` alike. (The preview serves
SVG with a Content-Security-Policy that forbids scripts: tests/test_serve.py.)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from actionplan.sources.svg import svg_danger
from tests.helpers import Run

OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">'
SITE = "title: Plans\ntheme:\n  logo: crest.svg\n"

REFUSED = {
    "script": f"{OPEN}<script>alert(document.domain)</script></svg>",
    "script in another namespace prefix": '<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:script>alert(1)</s:script></s:svg>',
    "event handler": f'{OPEN}<rect width="10" height="10" onclick="alert(1)"/></svg>',
    "event handler on the root": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    "foreignObject": f"{OPEN}<foreignObject><p>hi</p></foreignObject></svg>",
    "html": f'{OPEN}<iframe xmlns="http://www.w3.org/1999/xhtml" src="https://example.com"/></svg>',
    "outside image": f'{OPEN}<image href="https://example.com/track.png"/></svg>',
    "outside xlink": f'{OPEN}<use xlink:href="other.svg#a"/></svg>',
    "script link": f'{OPEN}<a href="javascript:alert(1)"><rect width="5" height="5"/></a></svg>',
    "data link": f'{OPEN}<image xlink:href="data:image/svg+xml;base64,PHN2Zz4="/></svg>',
    "outside url in an attribute": f'{OPEN}<rect fill="url(https://example.com/p.svg#g)"/></svg>',
    "outside url in a style": f"{OPEN}<rect style=\"fill: url('//example.com/x')\"/></svg>",
    "import in a style element": f'{OPEN}<style>@import "https://example.com/x.css";</style></svg>',
    "animated link": f'{OPEN}<a href="#a"><set attributeName="href" to="javascript:alert(1)"/></a></svg>',
    "stylesheet instruction": f'<?xml-stylesheet href="https://example.com/x.css"?>{OPEN}</svg>',
    "entities": f'<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">]>{OPEN}<text>&a;</text></svg>',
    "not svg": "<html><script>alert(1)</script></html>",
    "not xml": "<svg><script>alert(1)</script>",
}

ACCEPTED = {
    "plain": f'{OPEN}<circle cx="5" cy="5" r="4" fill="#1d4f73"/></svg>',
    "inner references": (
        f'{OPEN}<defs><linearGradient id="g"/><path id="p" d="M0 0h5"/></defs>'
        '<style>.a { fill: url(#g) }</style><rect class="a" fill="url(#g)" style="stroke: url( \'#g\' )"/>'
        '<use xlink:href="#p"/><use href="#p"/><a href="#p"><text>Council</text></a></svg>'
    ),
    "editor's extras": (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
        '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
        "<!-- Created with Inkscape -->\n"
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" '
        'xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" sodipodi:docname="crest.svg">'
        '<sodipodi:namedview inkscape:zoom="1"/><metadata/><g inkscape:label="Layer 1"><rect/></g></svg>'
    ),
}


@pytest.mark.parametrize("svg", REFUSED.values(), ids=REFUSED.keys())
@pytest.mark.parametrize("command", ["check", "build"])
def test_an_svg_logo_that_could_run_or_fetch_is_refused_at_its_line(
    content: Callable[..., Path], cli: Callable[..., Run], tmp_path: Path, svg: str, command: str
) -> None:
    content(extra={"site.yaml": SITE, "crest.svg": svg})
    run = cli(command)
    assert run.code == 1, run.err
    assert run.lines[0].startswith("content/site.yaml:3:9: error: logo crest.svg: the SVG "), run.err
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("svg", ACCEPTED.values(), ids=ACCEPTED.keys())
def test_an_svg_picture_is_published_as_it_is(
    content: Callable[..., Path], cli: Callable[..., Run], tmp_path: Path, svg: str
) -> None:
    assert svg_danger(svg.encode()) is None
    content(extra={"site.yaml": SITE, "crest.svg": svg})
    assert cli("build").code == 0
    assert (tmp_path / "site/assets/logo.svg").read_text(encoding="utf-8") == svg


def test_a_billion_laughs_svg_costs_nothing() -> None:
    entities = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    bomb = f'<!DOCTYPE svg [<!ENTITY l0 "lol">{entities}]>{OPEN}<text>&l9;</text></svg>'
    assert svg_danger(bomb.encode()) == "declares XML entities, which a logo never needs"
