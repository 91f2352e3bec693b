"""The writers, one signature each, (view, options) -> bytes, looked up by format in a registry."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import BuildError

if TYPE_CHECKING:  # the registry is imported before the View's modules are (see cli/publish.py: build)
    from ..view import View

# format -> "module:function"; modules are imported only when their format is written. The
# redline formats take the View of one edition against another (view/redline.py).
WRITERS = {
    "pdf": "pdf:write_pdf",
    "docx": "docx:write_docx",
    "html": "html:write_html",
    "json": "json:write_json",
    "redline.html": "redline:write_redline_html",
    "redline.pdf": "redline:write_redline_pdf",
    "redline.docx": "docx:write_tracked_docx",
}

Writer = Callable[["View", "Options"], bytes]


@dataclass(frozen=True)
class WebLinks:
    """The web edition's links beyond itself: the edition switcher, the same edition's other formats."""

    editions: tuple[tuple[str, str, str], ...] = ()  # (id, date label, href), up to this edition
    downloads: tuple[tuple[str | None, str], ...] = ()  # (href or None when out of date, label)


@dataclass
class Options:
    """What writers may need besides the View: the layout, confinement, page numbers, links, hints.

    ``pages`` gives the contents' page numbers (the DOCX's; it may wait for the PDF's layout);
    ``cache_dir`` keeps what a later build may reuse (the PDF's chunk layouts: see pdf_chunks.py);
    ``live_reload`` is the preview's build version (the web page then reloads itself when it changes).
    """

    layout_dir: Path
    content_dir: Path
    pages: Callable[[], dict[str, int]] = dict
    web: WebLinks = field(default_factory=WebLinks)
    cache_dir: Path | None = None
    live_reload: int | None = None
    preview_note: str | None = None  # said at the top of the preview's page (an issued edition: edits do not show)


def writer(fmt: str) -> Writer:
    """Return the writer of a format."""
    try:
        module, name = WRITERS[fmt].split(":")
    except KeyError:
        raise BuildError(f"unknown format {fmt!r}; known: {', '.join(WRITERS)}") from None
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
