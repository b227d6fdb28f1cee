"""A plan's progress badge: a small SVG image ("23 of 27 actions complete") for other websites.

The badge names itself with <title> and role="img", so a screen reader reads the
same words a sighted reader sees. Text widths are estimated, then fixed with
textLength, so the words always fit their box whatever font the reader has.
"""

from __future__ import annotations

from xml.etree import ElementTree

from ..derive.views import PlanView, SiteView
from .words import Words

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
HEIGHT = 20
PADDING = 6
FONT = "Verdana, 'DejaVu Sans', sans-serif"
FONT_SIZE = 11
LABEL_FILL = "#3b3b3b"  # white text on it has a contrast of 11:1
NARROW = frozenset("fijlrtI1.,:;'()!| ")
WIDE = frozenset("mwMW@%")


def text_width(text: str) -> int:
    """Estimate the width of ``text`` in pixels at 11px Verdana, the badge font."""
    return round(sum(3.9 if c in NARROW else 10.5 if c in WIDE else 7.0 for c in text))


def complete_count(plan: PlanView) -> int:
    return plan.breakdown.by_status().get("complete", 0)


def badge(plan: PlanView, view: SiteView, words: Words) -> bytes:
    """Return the plan's badge as an SVG document."""
    complete, total = complete_count(plan), plan.breakdown.total
    label = words.say("badge_label")
    message = words.say("badge_message", complete, total)
    title = words.say("badge_title", plan, complete, total)
    label_width = text_width(label) + 2 * PADDING
    message_width = text_width(message) + 2 * PADDING
    width = label_width + message_width
    svg = ElementTree.Element(
        "svg",
        {
            "xmlns": SVG_NAMESPACE,
            "width": str(width),
            "height": str(HEIGHT),
            "viewBox": f"0 0 {width} {HEIGHT}",
            "role": "img",
            "aria-labelledby": "badge-title",
        },
    )
    ElementTree.SubElement(svg, "title", id="badge-title").text = title
    ElementTree.SubElement(svg, "rect", width=str(label_width), height=str(HEIGHT), fill=LABEL_FILL)
    brand = view.site.brand_colour  # validated to give white text at least 4.5:1
    ElementTree.SubElement(svg, "rect", x=str(label_width), width=str(message_width), height=str(HEIGHT), fill=brand)
    text = ElementTree.SubElement(
        svg, "g", {"fill": "#ffffff", "font-family": FONT, "font-size": str(FONT_SIZE), "aria-hidden": "true"}
    )
    for x, shown, box in ((0, label, label_width), (label_width, message, message_width)):
        ElementTree.SubElement(
            text,
            "text",
            x=str(x + PADDING),
            y="14",
            textLength=str(box - 2 * PADDING),
            lengthAdjust="spacingAndGlyphs",
        ).text = shown
    ElementTree.indent(svg)
    data: bytes = ElementTree.tostring(svg, encoding="utf-8", xml_declaration=True)
    return data + b"\n"
