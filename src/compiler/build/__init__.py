"""Building editions: rendering the formats and writing them (edition.py), freshness, and the manifest."""
