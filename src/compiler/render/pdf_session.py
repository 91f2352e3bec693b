"""One confined WeasyPrint run (only the project's files fetched, reproducible dates, every problem collected), and
where its anchors landed."""

from __future__ import annotations

import contextlib
import logging
import os
from datetime import datetime
from pathlib import Path

from ..errors import BuildError


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


class Session:
    """One confined WeasyPrint run: the fetcher, reproducible dates, and every problem collected."""

    def __init__(self, layout_dir: Path, content_dir: Path, when: datetime):
        from .weasyprint_import import load_weasyprint

        load_weasyprint()
        from .fetcher import ConfinedFetcher

        self.layout_dir = layout_dir
        self.fetcher = ConfinedFetcher([layout_dir, content_dir])
        self.when = when
        self.collect = _Collect()

    @contextlib.contextmanager
    def active(self):
        logger = logging.getLogger("weasyprint")
        logger.addHandler(self.collect)
        old = os.environ.get("SOURCE_DATE_EPOCH")
        os.environ["SOURCE_DATE_EPOCH"] = str(int(self.when.timestamp()))  # font subsetting reads it
        try:
            yield self
        finally:
            logger.removeHandler(self.collect)
            if old is None:
                os.environ.pop("SOURCE_DATE_EPOCH", None)
            else:
                os.environ["SOURCE_DATE_EPOCH"] = old
        problems = [f"refused: {r}" for r in self.fetcher.refused]
        problems += [m for m in self.collect.messages if not any(r.split(" (")[0] in m for r in self.fetcher.refused)]
        if problems:
            raise BuildError("PDF rendering reported problems (nothing was written):\n  " + "\n  ".join(problems))

    def render(self, html: str):
        import weasyprint

        return weasyprint.HTML(
            string=html, base_url=self.layout_dir.resolve().as_uri() + "/", url_fetcher=self.fetcher
        ).render()


def anchor_pages(pages, first: int = 0) -> dict[str, int]:
    """Return the page of every anchor of laid-out pages: the folio, ``first`` being the first page's (0: a cover,
    or an index within a chunk)."""
    anchors: dict[str, int] = {}
    for index, page in enumerate(pages):
        for anchor in page.anchors:
            anchors.setdefault(anchor, first + index)
    return anchors
