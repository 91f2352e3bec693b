"""Write a View as PDF with WeasyPrint from the print HTML: offline, reproducible, in chunks joined, data attached."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import BuildError
from ..files import write_atomic
from ..model import Document, edition_json, fingerprint
from ..view import View
from .pdf_session import Session, anchor_pages

DATA_DESCRIPTION = (
    "The edition's structured content: every recommendation and observation with its id, label and source"
)
UNKNOWN_PAGE = 9999  # a page number not known yet: as wide as any the edition will have


@dataclass
class PdfResult:
    """The PDF bytes and where things landed: the displayed page number of every anchor."""

    data: bytes
    anchor_pages: dict[str, int]


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


def render_pdf(
    view: View, html: str, layout_dir: Path, content_dir: Path, attachment: tuple[str, bytes, str] | None = None
) -> PdfResult:
    """Return the PDF of one HTML document laid out in one go (e.g. a redline); fail if anything outside the
    project is asked for. ``attachment`` is (name, bytes, description); by default the edition's JSON.
    """
    import weasyprint

    doc = view.doc
    session = Session(layout_dir, content_dir, view.meta.date)
    name, data, description = attachment or (f"{doc.base_name}.json", edition_json(doc), DATA_DESCRIPTION)
    with session.active():
        document = session.render(html)
        attached = weasyprint.Attachment(
            string=data.decode("utf-8"),
            name=name,
            description=description,
            created=session.when,
            modified=session.when,
            relationship="Data",
            url_fetcher=session.fetcher,
        )

        def labels(document, pdf) -> None:  # the printed folios, and the covers by name
            import pydyf

            nums = []
            for index, label in page_labels(doc, len(document.pages)):
                style = {"P": pydyf.String(label)} if isinstance(label, str) else {"S": "/D", "St": label}
                nums += [index, pydyf.Dictionary(style)]
            pdf.catalog["PageLabels"] = pydyf.Dictionary({"Nums": pydyf.Array(nums)})

        out = io.BytesIO()
        document.write_pdf(
            out,
            pdf_variant="pdf/ua-1",
            attachments=[attached],
            pdf_identifier=_identifier(doc),
            finisher=labels,
        )
    # Displayed page numbers: the cover is not counted, so page index i shows i.
    return PdfResult(out.getvalue(), anchor_pages(document.pages, 1 - unnumbered(doc)))


def render_edition_pdf(view: View, layout_dir: Path, content_dir: Path, cache_dir: Path | None = None) -> PdfResult:
    """Return the PDF of an edition: its chunks (see pagination.py) laid out on every core, then joined, tagged.

    Each chunk's page numbers start where the previous chunk ends, and the contents and the index
    of themes give the pages where things landed; none of that is known before the chunks are laid
    out. With the last build's lengths and pages as the first guess (kept in ``cache_dir``, and beside the chunk
    layouts when UNTOC_PDF_CACHE shares them between clones), every chunk is laid out at once, and a chunk whose
    start or numbers turned out wrong is laid out again, until none is. With no guess, or one process, the chunks
    are laid out one after another in reading order, each from where the last ended, and the contents again once
    the pages are known: each chunk once, not most of them twice. A chunk laid out before with the same HTML is
    taken from the cache (see pdf_chunks.py): changing one observation lays out its Part again, not the edition.
    The bytes do not depend on the guesses, the order, the cache or the number of cores.
    """
    from .pagination import chunks
    from .pdf_chunks import ChunkJob, ChunkLayout, Setting, chunk_cache, lay_out, layout_memos, processes
    from .pdf_merge import Joined, merge

    doc = view.doc
    parts = chunks(doc)
    setting = Setting(layout_dir, content_dir, view.meta.date, chunk_cache(cache_dir))
    memos = layout_memos(cache_dir, doc.edition.id)
    last_lengths, guess_anchors = _last_layout(memos, len(parts))
    laid: dict[int, tuple[str, ChunkLayout]] = {}
    rendered: dict[tuple, ChunkJob] = {}  # (chunk, its first page, the pages it shows) -> its HTML and key

    def job(i: int, start: int, anchors: dict[str, int]) -> ChunkJob:
        shown = _shown_pages(view, parts[i], anchors)
        inputs = (i, start, tuple(shown.items()))
        if inputs not in rendered:  # the same numbers give the same HTML: once the pages settle, none is new
            html = _chunk_html(view, layout_dir, parts[i], start, shown)
            rendered[inputs] = ChunkJob(html, setting.key(html))
        return rendered[inputs]

    if last_lengths is None or processes() == 1:
        with contextlib.suppress(BuildError):  # a chunk's problems: the rounds below lay out all and say them at once
            for i in range(len(parts)):
                starts = _starts(doc, [laid[j][1].pages for j in range(i)] + [1] * (len(parts) - i))
                this = job(i, starts[i], guess_anchors | _placed(laid, starts))
                laid[i] = (this.key, lay_out([this], setting)[0])
    guess_lengths = last_lengths or [1] * len(parts)
    for _ in range(6):
        starts = _starts(doc, [laid[i][1].pages if i in laid else guess_lengths[i] for i in range(len(parts))])
        anchors = guess_anchors | _placed(laid, starts)
        jobs = [job(i, starts[i], anchors) for i in range(len(parts))]
        todo = [i for i in range(len(parts)) if i not in laid or laid[i][0] != jobs[i].key]
        if not todo:
            break
        for i, layout in zip(todo, lay_out([jobs[i] for i in todo], setting)):
            laid[i] = (jobs[i].key, layout)
    else:
        raise BuildError("the PDF's page numbers did not settle after six layouts: report this as a bug")
    layouts = [laid[i][1] for i in range(len(parts))]
    anchors = _placed(laid, starts)
    for memo in memos:
        with contextlib.suppress(OSError, BuildError):  # a cache that cannot be written is no error
            write_atomic(memo, json.dumps({"lengths": [x.pages for x in layouts], "anchors": anchors}).encode())
    total = sum(x.pages for x in layouts)
    joined = Joined(
        opens=[c.kind != "body" or c.opens_part for c in parts],
        attachment=(f"{doc.base_name}.json", edition_json(doc), DATA_DESCRIPTION),
        when=view.meta.date,
        identifier=_identifier(doc),
        labels=page_labels(doc, total),
    )
    return PdfResult(merge([x.data for x in layouts], joined), anchors)


def _placed(laid: dict, starts: list[int]) -> dict[str, int]:
    """Return the folio of every anchor of the chunks laid out so far (``laid``: index -> (key, ChunkLayout)),
    each chunk numbered from its start."""
    anchors: dict[str, int] = {}
    for i, (_, layout) in sorted(laid.items()):
        for anchor, index in layout.anchors.items():
            anchors.setdefault(anchor, starts[i] + index)
    return anchors


def _shown_pages(view: View, chunk, anchors: dict[str, int]) -> dict[str, int]:
    """Return the pages of places elsewhere that a chunk shows, as known (or guessed) so far: the contents' (the
    cover), the index's entries (an index chunk); none for the others."""
    if chunk.kind == "cover":
        return {t.anchor: anchors.get(t.anchor, UNKNOWN_PAGE) for t in view.doc.toc}
    if chunk.kind == "index":
        themes = [t for t in view.themes_index if not chunk.themes or t.key in chunk.themes]
        return {e.id: anchors.get(e.id, UNKNOWN_PAGE) for t in themes for e in t.entries}
    return {}


def _chunk_html(view: View, layout_dir: Path, chunk, start: int, shown: dict[str, int]) -> str:
    """Return one chunk's print HTML, numbered from ``start``, showing the pages ``shown`` (see _shown_pages)."""
    from .html import render_print_html
    from .pdf_merge import TOC_PREFIX

    if chunk.kind == "cover":
        return render_print_html(view, layout_dir, chunk, shown, toc_prefix=TOC_PREFIX)
    index = shown if chunk.kind == "index" else None
    return render_print_html(view, layout_dir, chunk, first_page=start, toc_prefix=TOC_PREFIX, index_pages=index)


def _starts(doc: Document, lengths: list[int]) -> list[int]:
    """Return the folio each chunk starts at, given every chunk's length in pages (the cover's folio first)."""
    starts, folio = [], 1 - unnumbered(doc)
    for length in lengths:
        starts.append(folio)
        folio += length
    return starts


def _last_layout(memos: list[Path], count: int) -> tuple[list[int] | None, dict[str, int]]:
    """Return the last build's chunk lengths and anchors' pages, the first guess: from the first memo that gives a
    length for each chunk (None and no pages if none does)."""
    for memo in memos:
        try:
            last = json.loads(memo.read_text(encoding="utf-8"))
            lengths = [int(n) for n in last.get("lengths", [])]
            anchors = {str(k): int(v) for k, v in last.get("anchors", {}).items()}
        except (OSError, ValueError, TypeError, AttributeError):
            continue
        if len(lengths) == count:
            return lengths, anchors
    return None, {}


def _identifier(doc: Document) -> bytes:
    return hashlib.sha256(fingerprint(doc).encode()).hexdigest()[:32].encode()


def write_pdf(view: View, options) -> bytes:
    """Return the PDF of an edition's View (the registry's writer)."""
    return render_edition_pdf(view, options.layout_dir, options.content_dir, options.cache_dir).data


def pdf_pages(data: bytes, doc: Document) -> dict[str, int]:
    """Return the printed folio of every anchor of an edition's PDF, read from its named destinations."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        index: dict[object, int] = {page.objgen: i for i, page in enumerate(pdf.pages)}
        names = pikepdf.NameTree(pdf.Root.Names.Dests)
        first = 1 - unnumbered(doc)  # the folio of page index 0 (the cover is not counted)
        return {str(name): index[dest[0].objgen] + first for name, dest in names.items()}
