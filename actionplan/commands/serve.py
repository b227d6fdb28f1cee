"""The ``serve`` command: preview the site locally, rebuilding it on every change."""

from __future__ import annotations

from ..options import Options


def serve(options: Options, host: str, port: int) -> int:
    """Run the preview until interrupted; return the exit code."""
    from ..preview.server import run_preview  # the server's modules load only for this command

    return run_preview(options, host=host, port=port)
