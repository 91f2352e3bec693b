"""Write a View as the edition's published JSON data (format edition@1, see model/published.py)."""

from __future__ import annotations

from ..model import edition_json
from ..view import View
from . import Options


def write_json(view: View, options: Options) -> bytes:
    """Return the edition's data as UTF-8 JSON bytes (the registry's writer)."""
    return edition_json(view.doc)
