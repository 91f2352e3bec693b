"""The writers, one signature each, (view, options) -> bytes, looked up by format in a registry."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BuildError

# format -> "module:function"; modules are imported only when their format is written.
WRITERS = {
    "pdf": "pdf:write_pdf",
    "docx": "docx:write_docx",
    "html": "html:write_html",
    "json": "json:write_json",
}


@dataclass
class Options:
    """What writers may need besides the View: the layout, confinement, page numbers, web links."""

    layout_dir: Path
    content_dir: Path
    pages: Callable[[], dict[str, int]] = dict  # the contents' page numbers (may wait for the PDF)
    web_links: dict = field(default_factory=dict)  # the web edition's switcher and downloads
    related: dict = field(default_factory=dict)  # item id -> [(related item id, score)], for the web edition


def writer(fmt: str) -> Callable:
    """Return the writer of a format."""
    try:
        module, name = WRITERS[fmt].split(":")
    except KeyError:
        raise BuildError(f"unknown format {fmt!r}; known: {', '.join(WRITERS)}") from None
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
