"""Stage 3: the views pages and exports show, and the one map of output addresses."""
