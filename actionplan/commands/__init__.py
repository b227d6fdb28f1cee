"""One module per command: ``build``, ``check`` and ``serve``; the CLI parses and calls them."""
