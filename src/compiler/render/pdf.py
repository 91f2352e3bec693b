"""Render the print HTML to PDF with WeasyPrint: offline, reproducible, with the edition's data attached."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import BuildError
from ..model import Document
from .data import render_json

FONT_FAMILY = "Carlito"


@dataclass
class PdfResult:
    """The PDF bytes and where things landed: the displayed page number of every anchor."""

    data: bytes
    page_count: int
    anchor_pages: dict[str, int]


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def _source_date(epoch: int):
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def edition_datetime(doc: Document) -> dt.datetime:
    """Return the edition date as a UTC datetime (the document date of every output)."""
    return dt.datetime.combine(doc.edition.date, dt.time(0, 0), tzinfo=dt.timezone.utc)


def render_pdf(doc: Document, html: str, layout_dir: Path, content_dir: Path,
               attachment: tuple[str, bytes, str] | None = None) -> PdfResult:
    """Return the PDF of the print HTML; fail if anything outside the project was asked for.

    ``attachment`` is (name, bytes, description); by default the edition's JSON.
    """
    import weasyprint

    from .fetcher import ConfinedFetcher

    fetcher = ConfinedFetcher([layout_dir, content_dir])
    when = edition_datetime(doc)
    logger = logging.getLogger("weasyprint")
    collect = _Collect()
    logger.addHandler(collect)
    try:
        with _source_date(int(when.timestamp())):
            document = weasyprint.HTML(string=html, base_url=layout_dir.resolve().as_uri() + "/",
                                       url_fetcher=fetcher).render()
            # Displayed page numbers: the cover is not counted, so page index i shows i.
            anchors: dict[str, int] = {}
            for index, page in enumerate(document.pages):
                for anchor in page.anchors:
                    anchors.setdefault(anchor, index)
            name, data, description = attachment or (
                f"{doc.base_name}.json", render_json(doc),
                "The edition's structured content: every recommendation and observation with "
                "its id, label and source")
            attached = weasyprint.Attachment(
                string=data.decode("utf-8"), name=name, description=description,
                created=when, modified=when, relationship="Data", url_fetcher=fetcher)
            out = io.BytesIO()
            document.write_pdf(
                out, pdf_variant="pdf/ua-1", attachments=[attached],
                pdf_identifier=hashlib.sha256(doc.fingerprint().encode()).hexdigest()[:32].encode(),
                uncompressed_pdf=False)
    except BuildError:
        raise
    except Exception as exc:  # WeasyPrint's own failures: report without a traceback
        raise BuildError(f"PDF rendering failed: {type(exc).__name__}: {exc}") from None
    finally:
        logger.removeHandler(collect)
    problems = [f"refused: {r}" for r in fetcher.refused]
    problems += [m for m in collect.messages if not any(r.split(" (")[0] in m for r in fetcher.refused)]
    if problems:
        raise BuildError("PDF rendering reported problems (nothing was written):\n  "
                         + "\n  ".join(problems))
    return PdfResult(out.getvalue(), len(document.pages), anchors)
