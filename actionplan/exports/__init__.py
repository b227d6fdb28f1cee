"""Stage 4, beside render: open data, feeds and the other files that are not pages."""
