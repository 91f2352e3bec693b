"""Write a View as PDF with WeasyPrint from the print HTML: offline, reproducible, in chunks, with the data attached."""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import BuildError
from ..model import Document, edition_json, fingerprint
from ..view import View

# Above this many items an edition is written in chunks and joined, untagged (see render_edition_pdf).
LARGE_ITEMS = 1000


@dataclass
class PdfResult:
    """The PDF bytes and where things landed: the displayed page number of every anchor."""

    data: bytes
    anchor_pages: dict[str, int]


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


class _Session:
    """One confined WeasyPrint run: the fetcher, reproducible dates, and every problem collected."""

    def __init__(self, view: View, layout_dir: Path, content_dir: Path, data: bytes | None = None):
        from .weasyprint_import import load_weasyprint

        load_weasyprint()
        from .fetcher import ConfinedFetcher

        self.view = view
        self.data = data  # the edition's JSON, if already rendered
        self.layout_dir = layout_dir
        self.fetcher = ConfinedFetcher([layout_dir, content_dir])
        self.when = view.meta.date
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

    def write_plain(self, document) -> bytes:
        """Write one chunk of a very large edition (joined later; see pdf_merge.py)."""
        out = io.BytesIO()
        document.write_pdf(out, pdf_identifier=self.identifier)
        return out.getvalue()

    @property
    def identifier(self) -> bytes:
        return hashlib.sha256(fingerprint(self.view.doc).encode()).hexdigest()[:32].encode()

    def write(self, document, attachment: tuple[str, bytes, str] | None) -> bytes:
        import weasyprint

        name, data, description = attachment or (
            f"{self.view.doc.base_name}.json",
            self.data or edition_json(self.view.doc),
            "The edition's structured content: every recommendation and observation with its id, label and source",
        )
        attached = weasyprint.Attachment(
            string=data.decode("utf-8"),
            name=name,
            description=description,
            created=self.when,
            modified=self.when,
            relationship="Data",
            url_fetcher=self.fetcher,
        )
        out = io.BytesIO()
        document.write_pdf(
            out,
            pdf_variant="pdf/ua-1",
            attachments=[attached],
            pdf_identifier=self.identifier,
            finisher=self._page_labels,
        )
        return out.getvalue()

    def _page_labels(self, document, pdf) -> None:
        """Give the pages the labels a viewer shows: the printed folios, and the covers by name."""
        import pydyf

        nums = []
        for index, label in page_labels(self.view.doc, len(document.pages)):
            style = {"P": pydyf.String(label)} if isinstance(label, str) else {"S": "/D", "St": label}
            nums += [index, pydyf.Dictionary(style)]
        pdf.catalog["PageLabels"] = pydyf.Dictionary({"Nums": pydyf.Array(nums)})


def unnumbered(doc) -> int:
    """Return how many pages come before the first numbered one: the cover, and the imprint page if any."""
    return 2 if doc.edition.notices else 1


def page_labels(doc, count: int) -> list[tuple[int, str | int]]:
    """Return the page-label ranges of an edition of ``count`` pages: (first page index, name or first folio)."""
    out: list[tuple[int, str | int]] = [(0, "Cover")]
    if doc.edition.notices:
        out.append((1, "Imprint"))
    out.append((unnumbered(doc), 1))
    out.append((count - 1, "Back cover"))
    return out


def _anchor_pages(pages, first: int = 0) -> dict[str, int]:
    """Return the printed folio of every anchor; ``first`` is the folio of the first page (0: a cover)."""
    anchors: dict[str, int] = {}
    for index, page in enumerate(pages):
        for anchor in page.anchors:
            anchors.setdefault(anchor, first + index)
    return anchors


def render_pdf(
    view: View, html: str, layout_dir: Path, content_dir: Path, attachment: tuple[str, bytes, str] | None = None
) -> PdfResult:
    """Return the PDF of one HTML document (e.g. a redline); fail if anything outside the project is asked for.

    ``attachment`` is (name, bytes, description); by default the edition's JSON.
    """
    session = _Session(view, layout_dir, content_dir)
    with session.active():
        document = session.render(html)
        data = session.write(document, attachment)
    # Displayed page numbers: the cover is not counted, so page index i shows i.
    return PdfResult(data, _anchor_pages(document.pages, 1 - unnumbered(view.doc)))


def render_edition_pdf(
    view: View,
    layout_dir: Path,
    content_dir: Path,
    front_length: int | None = None,
    html: str | None = None,
    data: bytes | None = None,
) -> PdfResult:
    """Return the PDF of an edition, laid out chunk by chunk (see pagination.py) and written as one.

    The cover and contents are laid out first with placeholder page numbers, to learn their
    length; then the front matter and every body chunk, numbered on from it; then the cover and
    contents again with the real numbers. ``front_length`` (from the last build) saves the first
    layout of the cover and contents when it is still right. ``html`` (the whole print HTML, for
    an edition that is one chunk per Part) and ``data`` (its JSON) may come ready-made from the
    process that reads the content. An edition of more than LARGE_ITEMS items is written
    chunk by chunk and joined (see pdf_merge.py), which keeps memory bounded but cannot keep the
    PDF/UA structure tags; editions up to that size (today's has 74 items) are tagged.
    """
    from .html import render_print_html
    from .pagination import chunks

    doc = view.doc
    parts = chunks(doc)
    if single_layout(doc):  # no Part needs splitting: one layout, contents by target-counter
        session = _Session(view, layout_dir, content_dir, data)
        with session.active():
            document = session.render(html or render_print_html(view, layout_dir))
            pages = document.pages
            if view.themes_index:  # laid out now that every item's page is known, on the page kept for it
                first = 1 - unnumbered(doc)
                body_pages = _anchor_pages(pages, first)
                at = body_pages["themes-index"] - first
                index = session.render(
                    render_print_html(
                        view,
                        layout_dir,
                        chunks(doc)[-1],
                        first_page=body_pages["themes-index"],
                        index_pages=body_pages,
                        with_contact=False,
                    )
                )
                pages = pages[:at] + index.pages + pages[at + 1 :]
                document = document.copy(pages)
            out = session.write(document, None)
        return PdfResult(out, _anchor_pages(document.pages, 1 - unnumbered(doc)))
    cover, rest = parts[0], parts[1:]
    large = len(doc.items()) > LARGE_ITEMS
    prefix = ""
    if large:
        from .pdf_merge import TOC_PREFIX as prefix
    session = _Session(view, layout_dir, content_dir, data)
    with session.active():
        length = front_length or len(
            session.render(
                render_print_html(view, layout_dir, cover, {t.anchor: 9999 for t in doc.toc}, toc_prefix=prefix)
            ).pages
        )
        skip = unnumbered(doc) - 1  # pages before the body that have no folio besides the cover
        for _ in range(3):
            anchors: dict[str, int] = {}
            pages, written, number = [], [], length - skip  # the folio of the body's first page
            for chunk in rest:
                document = session.render(
                    render_print_html(
                        view,
                        layout_dir,
                        chunk,
                        first_page=number,
                        toc_prefix=prefix,
                        index_pages=anchors if chunk.kind == "index" else None,  # every item laid out by now
                    )
                )
                for k, v in _anchor_pages(document.pages, number).items():
                    anchors.setdefault(k, v)
                if large:  # write it now and let its layout go: memory stays bounded
                    written.append(session.write_plain(document))
                else:
                    pages += document.pages
                number += len(document.pages)
                del document
            front = session.render(
                render_print_html(
                    view, layout_dir, cover, {t.anchor: anchors[t.anchor] for t in doc.toc}, toc_prefix=prefix
                )
            )
            if len(front.pages) == length:
                break
            length = len(front.pages)  # the real numbers changed the contents' length: lay out again
        anchors.update(_anchor_pages(front.pages, 1 - unnumbered(doc)))
        if not large:
            pages = front.pages + pages
            return PdfResult(session.write(front.copy(pages), None), anchors)
        from .pdf_merge import merge

        data = merge(
            [session.write_plain(front)] + written,
            [(t.level, t.text, t.anchor) for t in doc.toc],
            {k: v + skip for k, v in anchors.items()},  # page indexes
            _metadata(view),
            (f"{doc.base_name}.json", edition_json(doc)),
            session.identifier,
            doc.publication.language,
            page_labels(doc, number + skip),
        )
    return PdfResult(data, anchors)


def single_layout(doc: Document) -> bool:
    """Return whether the edition is laid out in one go (no Part long enough to be split)."""
    from .pagination import chunks

    return sum(1 for c in chunks(doc) if c.kind == "body") == len(doc.parts)


def _metadata(view: View) -> dict:
    meta = view.meta
    stamp = meta.date.strftime("D:%Y%m%d%H%M%SZ")
    return {
        "/Title": meta.title,
        "/Author": meta.author,
        "/Subject": meta.subject,
        "/Keywords": meta.keywords,
        "/Creator": "untoc-compilation",
        "/CreationDate": stamp,
        "/ModDate": stamp,
    }


def write_pdf(view: View, options) -> bytes:
    """Return the PDF of an edition's View (the registry's writer)."""
    return render_edition_pdf(view, options.layout_dir, options.content_dir, options.front_length).data


def pdf_pages(data: bytes, doc: Document) -> dict[str, int]:
    """Return the printed folio of every anchor of an edition's PDF, read from its named destinations."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        index: dict[object, int] = {page.objgen: i for i, page in enumerate(pdf.pages)}
        names = pikepdf.NameTree(pdf.Root.Names.Dests)
        first = 1 - unnumbered(doc)  # the folio of page index 0 (the cover is not counted)
        return {str(name): index[dest[0].objgen] + first for name, dest in names.items()}
