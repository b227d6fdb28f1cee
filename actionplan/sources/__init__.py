"""Stage 1: find and read content files safely, parse YAML with positions, check it, validate into the model."""
