"""Build an edition: get its Document, make its View, render the formats through the registry, then write them all."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..changes.compare import compare
from ..content.cache import is_current as content_is_current
from ..content.load import Content, registry_edition_ids
from ..content.select import previous_edition
from ..errors import WARNING, ContentError, Problem
from ..files import sha256
from ..model import Document, fingerprint
from ..project import Project
from ..records.issued import Record, record_path, verify_against_record
from ..related import edition_related
from ..render import Options, WebLinks, writer
from ..view import Mark, View, plain_view
from .check import checked_content
from .editions import edition_document, resolve_editions
from .freshness import cached_pages, inputs_keys, up_to_date
from .manifest import manifest_bytes, read_manifest, write_outputs

if TYPE_CHECKING:
    from ..render.pdf_worker import PdfWorker

FORMATS = ("pdf", "docx", "html", "json")
DEFAULT_FORMATS = FORMATS
Progress = Callable[[str], None]


def output_name(doc: Document, fmt: str) -> str:
    """Return the file name of one format of an edition."""
    return f"{doc.base_name}.{fmt}"


class PrintLayout:
    """The PDF of one edition, written once (in the worker, if one runs) and shared.

    The DOCX takes its contents' page numbers from it; a DOCX built on its own reuses the
    pages of the last PDF build while that PDF is current.
    """

    def __init__(self, project: Project, view: View, options: Options, worker=None):
        self.project = project
        self.view = view
        self.options = options
        self.worker = worker
        self.data: bytes | None = None  # the PDF, once written
        self._pages: dict[str, int] | None = None
        self._submitted = False

    @property
    def edition_id(self) -> str:
        return self.view.doc.edition.id

    def cached_pages(self) -> dict[str, int] | None:
        """Return each anchor's page from the last PDF build, if that PDF is still current."""
        return cached_pages(self.project, self.edition_id, fingerprint(self.view.doc))

    def start(self) -> None:
        """Hand the PDF to the worker, so that the other formats are rendered meanwhile."""
        if self.worker is None or not self.worker.running or self._submitted:
            return
        self.worker.submit("pdf", self.view, self.options)
        self._submitted = True

    def pdf(self) -> bytes:
        """Return the PDF (written once, here or in the worker)."""
        if self.data is None:
            if self._submitted:
                self.data = self.worker.result()
            else:
                self.data = writer("pdf")(self.view, self.options)
            self._pages = _read_pages(self.data, self.view.doc)
        return self.data

    def pages(self) -> dict[str, int]:
        """Return each anchor's page: from a current earlier PDF, or from this one."""
        if self.data is None and not self._submitted:
            cached = self.cached_pages()
            if cached is not None:
                return cached
        self.pdf()
        assert self._pages is not None  # set with the PDF
        return self._pages


def _read_pages(data: bytes, doc: Document) -> dict[str, int]:
    from ..render.pdf import pdf_pages

    return pdf_pages(data, doc)


def marks(content: Content, doc: Document) -> dict[str, Mark]:
    """Return which items are new or revised since the previous edition (as `compiler diff` finds them)."""
    before = previous_edition(content, doc.edition.id)
    return compare(edition_document(content, before), doc).marks() if before else {}


def web_links(project: Project, content: Content, doc: Document, preview: bool = False) -> WebLinks:
    """Return the web edition's links: the edition switcher and the same edition's PDF and DOCX.

    The switcher offers this edition and the earlier ones: a page never changes when later
    editions appear, so an issued edition's page stays what it was; the page learns of later
    ones at run time from build/editions.js (see workflows/site.py), which `build --all` writes. In
    the preview, a PDF or DOCX built from older content is marked out of date instead of linked.
    """
    editions = tuple(
        (eid, spec.date_label, f"../{eid}/{doc.publication.file_name}-{eid}.html")
        for eid in content.edition_ids
        if eid <= doc.edition.id and (spec := content.edition(eid)) is not None
    )
    formats = (("pdf", "PDF"), ("docx", "Word (DOCX)"))
    if not preview:
        return WebLinks(editions, tuple((output_name(doc, fmt), label) for fmt, label in formats))
    stale = stale_formats(project, doc)
    folder = project.edition_dir(doc.edition.id)
    downloads = tuple(
        (output_name(doc, fmt), label)
        if fmt not in stale
        else (None, f"{label}: out of date, run `compiler build {doc.edition.id}`")
        for fmt, label in formats
        if (folder / output_name(doc, fmt)).is_file()
    )
    return WebLinks(editions, downloads)


def render_formats(
    project: Project,
    content: Content,
    doc: Document,
    formats,
    progress: Progress | None = None,
    worker=None,
    live_reload: int | None = None,
    preview_note: str | None = None,
) -> tuple[dict[str, bytes], dict[str, int] | None]:
    """Return ({file name: bytes}, the PDF's page of every anchor or None) for an edition's formats.

    Every format is made by its writer in the registry, from one View. A DOCX needs the PDF's
    page numbers: the PDF is written (and returned) too unless a current earlier PDF gives
    them. ``live_reload`` makes the web page of the preview (see workflows/preview.py), and
    ``preview_note`` is said at its top.
    """
    web = "html" in formats
    related = edition_related(doc, project.build_dir / ".cache") if web else None
    view = plain_view(doc, related=related, marks=marks(content, doc) if web else None)
    options = Options(
        project.layout_dir,
        project.content_dir,
        web=web_links(project, content, doc, preview=live_reload is not None) if web else WebLinks(),
        cache_dir=project.build_dir / ".cache",
        live_reload=live_reload,
        preview_note=preview_note,
    )
    layout = PrintLayout(project, view, options, worker)
    options.pages = layout.pages
    if "pdf" in formats or ("docx" in formats and layout.cached_pages() is None):
        layout.start()
    files: dict[str, bytes] = {}
    # the formats that do not wait for the PDF first, while the worker lays it out
    for fmt in sorted(formats, key=lambda f: {"pdf": 2, "docx": 1}.get(f, 0)):
        if progress:
            progress(f"{doc.edition.id}: {fmt}")
        files[fmt] = layout.pdf() if fmt == "pdf" else writer(fmt)(view, options)
    if layout.data is not None:  # also written when laid out only for the DOCX's page numbers
        files["pdf"] = layout.data
    pages = layout.pages() if layout.data is not None else None
    return {output_name(doc, f): files[f] for f in FORMATS if f in files}, pages


def build(
    project: Project,
    editions: list[str],
    all_editions: bool = False,
    formats=DEFAULT_FORMATS,
    force: bool = False,
    strict: bool = False,
    allow_changes: bool = False,
    say: Progress = print,
    progress: Progress | None = None,
    worker: PdfWorker | None = None,
) -> list[Problem]:
    """Build the editions asked for (default: the latest; every one with ``all_editions``: workflows/site.py then
    writes the index of editions and the comparisons).

    An edition whose formats are up to date with the content (an issued one: its record), layouts and
    code is not rendered again (unless ``force``); when none needs it and the content is as it was
    when it last loaded without errors, the content is not even loaded. ``say`` gets what
    was built, ``progress`` each format as it starts. Returns the content's warnings and notes.
    ``worker`` is a PdfWorker the caller started (the command line starts it before importing this module); it is
    closed here.
    """
    if worker is None and ("pdf" in formats or "docx" in formats):
        from ..render.pdf_worker import PdfWorker

        # imports WeasyPrint while freshness is checked and the content read; stopped at once if unused
        worker = PdfWorker(project.layout_dir)
    try:
        if not force and not strict:
            known = registry_edition_ids(project)
            ids = known if all_editions else list(editions) or known[-1:]
            current = ids and set(ids) <= set(known) and all(up_to_date(project, e, formats) for e in ids)
            if current and content_is_current(project):  # and the content unchanged since it last loaded cleanly
                for e in ids:  # nothing changed since the last build: nothing to render
                    say(f"{e} is up to date (nothing changed since the last build; --force rebuilds)")
                return []
        try:
            content = checked_content(project)
        except ContentError as exc:
            raise ContentError(exc.problems, "nothing was built") from None
        warnings = [p for p in content.problems if p.severity == WARNING]
        if strict and warnings:
            raise ContentError(warnings, "nothing was built (--strict)")
        for eid in resolve_editions(content, list(editions), all_editions):
            if not force and up_to_date(project, eid, formats):
                say(f"{eid} is up to date (nothing changed since the last build; --force rebuilds)")
                continue
            started = time.perf_counter()
            _, paths = build_edition(
                project, content, eid, formats, progress=progress, check_record=not allow_changes, worker=worker
            )
            say(f"built {eid} in {time.perf_counter() - started:.1f} s:")
            for p in paths:
                say(f"  {project.rel(p)}")
    finally:  # a worker never given a job (up to date, bad input) is stopped at once
        if worker is not None:
            worker.close()
    return content.problems


def build_edition(
    project: Project,
    content: Content,
    edition_id: str,
    formats=DEFAULT_FORMATS,
    progress: Progress | None = None,
    check_record: bool = True,
    worker=None,
    doc: Document | None = None,
) -> tuple[Document, list[Path]]:
    """Render the formats of one edition and write them to build/<edition>/; return the paths.

    Everything is rendered in memory first; nothing is written unless all formats succeed.
    An issued edition must reproduce the bytes recorded when it was issued (``check_record``).
    """
    doc = doc or edition_document(content, edition_id)
    files, pages = render_formats(project, content, doc, formats, progress, worker)
    built = tuple(f for f in FORMATS if output_name(doc, f) in files)
    if check_record and doc.edition.status == "issued":
        verify_against_record(project, edition_id, doc, files)
    folder = project.edition_dir(edition_id)
    old = read_manifest(folder) or {}
    stale = [f for f in stale_formats(project, doc) if f not in built]
    inputs = {
        f: k for f, k in old.get("inputs", {}).items() if (folder / output_name(doc, f)).is_file() and f not in stale
    }
    all_files = dict(files)
    for fmt in FORMATS:  # keep formats built earlier in the manifest, unless older than this content
        name = output_name(doc, fmt)
        if name not in all_files and (folder / name).is_file() and fmt not in stale:
            all_files[name] = (folder / name).read_bytes()
    inputs.update(inputs_keys(project, edition_id, built))
    manifest = manifest_bytes(
        {"id": doc.edition.id, "date": doc.edition.date_label, "status": doc.edition.status},
        all_files,
        doc.counts(),
        fingerprint(doc),
        inputs=inputs,
        pages=pages or old.get("pages"),
    )
    written = write_outputs(folder, files, manifest)
    for fmt in stale:  # the new files must not link to, or sit beside, files made from older content
        (folder / output_name(doc, fmt)).unlink(missing_ok=True)
        if progress:
            progress(f"{edition_id}: removed the {fmt.upper()} built from older content (build it again to have it)")
    return doc, written


def stale_formats(project: Project, doc: Document) -> list[str]:
    """Return the formats whose built file exists but was made from other content, layouts or code.

    A file is current when its manifest entry says it was made from today's inputs, or, for an
    issued edition, when it is byte for byte the file recorded when the edition was issued.
    """
    folder = project.edition_dir(doc.edition.id)
    manifest = read_manifest(folder) or {}
    record = Record.load(record_path(project, doc.edition.id)) if doc.edition.status == "issued" else None
    keys = inputs_keys(project, doc.edition.id, FORMATS)
    out = []
    for fmt in FORMATS:
        path = folder / output_name(doc, fmt)
        if not path.is_file():
            continue
        entry = manifest.get("files", {}).get(path.name)
        if entry and manifest.get("inputs", {}).get(fmt) == keys[fmt] and entry["size"] == path.stat().st_size:
            continue  # made from today's inputs (up_to_date checks the bytes when it matters)
        if record is not None and record.files.get(path.name, {}).get("sha256") == sha256(path.read_bytes()):
            continue
        out.append(fmt)
    return out
