"""A link swapped while the build reads never makes it read a file outside ``content/``.

Checking where a link leads and then opening it are two steps; a process that swaps
the link between them once made the build read an outside file. The file is now
checked after it is opened, so the check and the read are the same file.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from actionplan.errors import Problem
from actionplan.sources.reading import read_text

SECRET = "root:x:0:0:secret"
READS = 10_000
SECONDS = 8.0


@pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="needs links that anyone may make")
def test_a_link_swapped_during_reads_never_leaks_an_outside_byte(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "acme").mkdir(parents=True)
    inside = content / "acme" / "inside.yaml"
    inside.write_text("title: inside\n", encoding="utf-8")
    outside = tmp_path / "passwd.yaml"
    outside.write_text(f"title: {SECRET}\n", encoding="utf-8")
    link = content / "acme" / "plan.yaml"
    link.symlink_to(inside)
    stop = threading.Event()

    def swap() -> None:
        """Point the link inside, then outside, as fast as the system allows."""
        spare = content / "acme" / ".swap"
        while not stop.is_set():
            for target in (outside, inside):
                spare.unlink(missing_ok=True)
                spare.symlink_to(target)
                os.replace(spare, link)  # atomic: the link always exists

    swapper = threading.Thread(target=swap, daemon=True)
    swapper.start()
    leaked = refused = reads = 0
    deadline = time.monotonic() + SECONDS
    try:
        while reads < READS:
            reads += 1
            problems: list[Problem] = []
            text = read_text(link, content, problems)
            leaked += text is not None and SECRET in text
            refused += bool(problems)
            if time.monotonic() > deadline:
                break
    finally:
        stop.set()
        swapper.join(timeout=5)
    assert refused, "the swap never took effect: the test proved nothing"
    assert leaked == 0, f"{leaked} of {reads} reads returned the outside file"
