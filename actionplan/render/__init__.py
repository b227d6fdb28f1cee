"""Stage 4: pages through the theme's Jinja templates."""
