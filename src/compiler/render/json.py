"""Write a View as the edition's published JSON data (format edition@1, see view.edition_data)."""

from __future__ import annotations

from ..view import View, edition_json


def write_json(view: View, options) -> bytes:
    """Return the edition's data as UTF-8 JSON bytes (the registry's writer)."""
    return edition_json(view.doc)
