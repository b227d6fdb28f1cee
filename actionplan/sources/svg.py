"""Refuse an SVG logo that could run code or fetch anything.

An SVG file is a document, not only a picture: opened at its own address
(``assets/logo.svg``) a browser runs its scripts in the council's origin. The logo is
parsed with defusedxml (no entity expansion, no external DTDs) and refused when it holds
a script, an event handler, HTML, or a reference to anything outside itself.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element, TreeBuilder

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, ParseError

_SVG = "{http://www.w3.org/2000/svg}"
_XHTML = "{http://www.w3.org/1999/xhtml}"
_ANIMATIONS = {"set", "animate", "animateColor", "animateMotion", "animateTransform"}
_OUTSIDE_URL = re.compile(r"url\((?!\s*['\"]?\s*#)", re.IGNORECASE)  # anything but url(#id)
_IMPORT = re.compile(r"@import", re.IGNORECASE)


class _Builder(TreeBuilder):
    """Build the tree and note processing instructions, which the tree leaves out before its root."""

    def __init__(self) -> None:
        super().__init__()
        self.instructions: list[str] = []

    def pi(self, target: str, data: str | None = None) -> Element:
        self.instructions.append(target)
        return super().pi(target, data)


def _local(name: str) -> str:
    return name.rpartition("}")[2]


def _element_danger(element: Element) -> str | None:
    tag = element.tag if isinstance(element.tag, str) else ""
    name = _local(tag)
    if name == "script":
        return "holds a script (<script>)"
    if name == "foreignObject" or tag.startswith(_XHTML):
        return f"holds HTML (<{name}>)"
    if name == "style" and element.text and (_IMPORT.search(element.text) or _OUTSIDE_URL.search(element.text)):
        return "loads a style or an image from outside the file (in <style>)"
    for attribute, value in element.attrib.items():
        key = _local(attribute)
        if key.lower().startswith("on"):
            return f"runs code when something happens ({key}=…)"
        if key.lower() == "href" and not value.strip().startswith("#"):
            return f'refers to something outside the file (<{name} {key}="{value[:60]}">)'
        if _OUTSIDE_URL.search(value) or (key == "style" and _IMPORT.search(value)):
            return f"loads something from outside the file ({key}=…)"
        if name in _ANIMATIONS and key == "attributeName" and _local(value).lower() == "href":
            return f"changes a link as it animates (<{name} attributeName=…>)"
    return None


def svg_danger(data: bytes) -> str | None:
    """Return what makes the SVG unsafe to publish, in words, or None when it is only a picture."""
    builder = _Builder()
    parser = DefusedXMLParser(target=builder)
    try:
        parser.feed(data)
        root = parser.close()
    except DefusedXmlException:
        return "declares XML entities, which a logo never needs"
    except ParseError as exc:
        return f"is not a well-formed SVG image ({exc})"
    if not isinstance(root, Element) or root.tag != f"{_SVG}svg":
        return "is not an SVG image: it does not start with <svg>"
    if builder.instructions:
        return f"asks for a stylesheet or program (<?{builder.instructions[0]} …?>)"
    return next((danger for element in root.iter() if (danger := _element_danger(element))), None)
