"""Failure messages that stay readable when one template error breaks every page."""

from __future__ import annotations

from collections import defaultdict

MAX_SHOWN = 30  # kinds of problem
PLACES_SHOWN = 5  # places for each


class Problems:
    """Problems grouped by what is wrong, each with the places it was seen."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._places: dict[str, list[str]] = defaultdict(list)

    def add(self, what: str, where: str) -> None:
        self._places[what].append(where)

    def __bool__(self) -> bool:
        return bool(self._places)

    def __repr__(self) -> str:
        return f"<{sum(len(places) for places in self._places.values())} {self.kind}>"

    def __str__(self) -> str:
        total = sum(len(places) for places in self._places.values())
        lines = [f"{total} {self.kind}, {len(self._places)} different:"]
        # The most widespread first: one broken template shows up on many pages.
        ordered = sorted(self._places.items(), key=lambda item: (-len(item[1]), item[0]))
        for what, places in ordered[:MAX_SHOWN]:
            more = f" and {len(places) - PLACES_SHOWN} more" if len(places) > PLACES_SHOWN else ""
            lines.append(f"- {what}\n    on {', '.join(places[:PLACES_SHOWN])}{more}")
        if len(ordered) > MAX_SHOWN:
            lines.append(f"... and {len(ordered) - MAX_SHOWN} more different problems")
        return "\n".join(lines)
