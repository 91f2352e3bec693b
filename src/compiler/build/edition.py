"""Build an edition: select it, render the requested formats through the writers, then write them all."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from ..content.load import Content
from ..files import write_atomic
from ..model import Document
from ..model.select import latest_edition
from ..project import Project
from ..render import Options, writer
from ..view import View, edition_json, fingerprint, plain_view
from .freshness import cached_pages, inputs_keys
from .output import manifest_bytes, read_manifest, write_outputs

FORMATS = ("pdf", "docx", "html", "json")
DEFAULT_FORMATS = FORMATS


def output_name(doc: Document, fmt: str) -> str:
    """Return the file name of one format of an edition."""
    return f"{doc.base_name}.{fmt}"


class PrintLayout:
    """The PDF's layout of one edition, laid out once (in the worker, if one runs) and shared.

    The DOCX takes its contents' page numbers from it; a DOCX built on its own reuses the
    pages of the last PDF build while that PDF is current.
    """

    def __init__(self, project: Project, view: View, worker=None):
        self.project = project
        self.view = view
        self.worker = worker
        self.result = None  # the PdfResult, once laid out
        self._submitted = False

    @property
    def edition_id(self) -> str:
        return self.view.doc.edition.id

    def cached_pages(self) -> dict[str, int] | None:
        """Return each anchor's page from the last PDF build, if that PDF is still current."""
        return cached_pages(self.project, self.edition_id)

    def _front_length(self) -> int | None:
        """Return how long the cover and contents were at the last build (usually still right)."""
        last = (read_manifest(self.project.edition_dir(self.edition_id)) or {}).get("pages")
        if last is None:
            try:
                last = json.loads(self._pages_cache().read_text(encoding="utf-8"))
            except (OSError, ValueError):
                last = {}
        doc = self.view.doc
        from ..render.pdf import unnumbered

        folio = last.get(doc.front[0].anchor) if doc.front else None
        return None if folio is None else folio + unnumbered(doc) - 1  # pages before the front matter

    def _pages_cache(self) -> Path:
        return self.project.build_dir / ".cache" / f"pages-{self.edition_id}.json"

    def start(self) -> None:
        """Hand the layout to the worker, so that the other formats are rendered meanwhile.

        For an edition laid out in one go this process renders the print HTML and the JSON
        itself (it would wait anyway) and sends them along.
        """
        if self.worker is None or not self.worker.running or self._submitted:
            return
        from ..render.html import render_print_html
        from ..render.pdf import single_layout

        doc = self.view.doc
        html = render_print_html(self.view, self.project.layout_dir) if single_layout(doc) else None
        fingerprint(doc)  # computed once here, sent with the model
        self.worker.submit(
            self.view, self.project.layout_dir, self.project.content_dir, self._front_length(), html, edition_json(doc)
        )
        self._submitted = True

    def laid_out(self):
        """Return the PdfResult (laid out once, here or in the worker)."""
        if self.result is None:
            if self._submitted:
                self.result = self.worker.result()
            else:
                from ..render.pdf import render_edition_pdf

                self.result = render_edition_pdf(
                    self.view, self.project.layout_dir, self.project.content_dir, self._front_length()
                )
            try:  # remembered for the next build, even if the outputs are deleted
                write_atomic(self._pages_cache(), json.dumps(self.result.anchor_pages, sort_keys=True).encode())
            except Exception:  # noqa: BLE001 - a cache that cannot be written is no error
                pass
        return self.result

    def pages(self) -> dict[str, int]:
        """Return each anchor's page: from a current earlier PDF, or from this layout."""
        if self.result is None and not self._submitted:
            cached = self.cached_pages()
            if cached is not None:
                return cached
        return self.laid_out().anchor_pages


def web_links(content: Content, doc: Document) -> dict:
    """Return the web edition's links and marks: the edition switcher, the same edition's PDF and
    DOCX, and which items are new or revised since the previous edition.

    The switcher offers this edition and the earlier ones: a page never changes when later
    editions appear, so an issued edition's page stays what it was; the page learns of later
    ones at run time from build/editions.js (see write_index), which `build --all` writes.
    """
    from ..changes.compare import compare
    from ..model.select import previous_edition
    from ..records.issued import edition_document

    editions = [
        {
            "id": eid,
            "label": content.edition(eid).date_label,
            "href": f"../{eid}/{doc.publication.file_name}-{eid}.html",
        }
        for eid in content.edition_ids
        if eid <= doc.edition.id
    ]
    downloads = [(output_name(doc, "pdf"), "PDF"), (output_name(doc, "docx"), "Word (DOCX)")]
    before = previous_edition(content, doc.edition.id)
    marks = compare(edition_document(content, before), doc).marks() if before else {}
    return {"editions": editions, "downloads": downloads, "marks": marks}


def editions_index(content: Content) -> list[dict]:
    """Return every edition, latest first, with its files' paths relative to build/."""
    from ..records.issued import edition_document

    out = []
    for eid in reversed(content.edition_ids):
        doc = edition_document(content, eid)
        files = {fmt: f"{eid}/{output_name(doc, fmt)}" for fmt in ("html", "pdf", "docx", "json")}
        out.append({"id": eid, "label": doc.edition.date_label, "status": doc.edition.status, "files": files})
    return out


def editions_files(index: list[dict]) -> dict[str, bytes]:
    """Return build/editions.json and build/editions.js for an editions index (the .js is what pages read)."""
    data = json.dumps({"format": "untoc-compilation/editions@1", "editions": index}, indent=1, ensure_ascii=False)
    return {
        "editions.json": (data + "\n").encode("utf-8"),
        "editions.js": f"window.UNTOC_EDITIONS = {data};\n".encode(),
    }


def write_index(project: Project, content: Content) -> list[Path]:
    """Write build/index.html (the editions, latest first) and build/editions.json and .js, the shared
    index every edition's page reads at run time to offer later editions (a page's bytes never change)."""
    from ..records.issued import edition_document
    from ..render.html import render_template

    index = editions_index(content)
    publication = edition_document(content, latest_edition(content)).publication
    html = render_template(project.layout_dir, "index.html.j2", publication=publication, editions=index)
    files = {"index.html": html.encode("utf-8"), **editions_files(index)}
    for name, body in files.items():
        write_atomic(project.build_dir / name, body)
    return [project.build_dir / name for name in files]


def render_formats(
    project: Project, content: Content, doc: Document, formats, progress=None, worker=None
) -> tuple[dict[str, bytes], dict[str, int] | None]:
    """Return ({file name: bytes}, the PDF's page of every anchor or None) for an edition's formats.

    A DOCX needs the PDF's page numbers: the PDF is laid out (and returned) too unless a
    current earlier PDF gives them.
    """
    view = plain_view(doc)
    layout = PrintLayout(project, view, worker)
    options = Options(project.layout_dir, project.content_dir, pages=layout.pages, web_links=web_links(content, doc))
    if "html" in formats:  # the web edition lists related agreed language under each item
        from ..related import edition_related

        options.related = edition_related(doc, project.build_dir / ".cache")
    if "pdf" in formats or ("docx" in formats and layout.cached_pages() is None):
        layout.start()
    files: dict[str, bytes] = {}
    # the formats that do not wait for the PDF first, while the worker lays it out
    for fmt in sorted(formats, key=lambda f: {"pdf": 2, "docx": 1}.get(f, 0)):
        if progress:
            progress(f"{doc.edition.id}: {fmt}")
        files[fmt] = layout.laid_out().data if fmt == "pdf" else writer(fmt)(view, options)
    if layout.result is not None:  # also written when laid out only for the DOCX's page numbers
        files["pdf"] = layout.result.data
    pages = layout.result.anchor_pages if layout.result is not None else None
    return {output_name(doc, f): files[f] for f in FORMATS if f in files}, pages


def build_edition(
    project: Project,
    content: Content,
    edition_id: str,
    formats=DEFAULT_FORMATS,
    progress: Callable[[str], None] | None = None,
    check_record: bool = True,
    worker=None,
    doc: Document | None = None,
) -> tuple[Document, list[Path]]:
    """Render the formats of one edition and write them to build/<edition>/; return the paths.

    Everything is rendered in memory first; nothing is written unless all formats succeed.
    An issued edition must reproduce the bytes recorded when it was issued (``check_record``).
    """
    from ..records.issued import edition_document, verify_against_record

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
    from ..files import sha256
    from ..records.issued import Record, record_path

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


def resolve_editions(content: Content, requested: list[str], all_editions: bool) -> list[str]:
    """Return the edition ids a command should work on (default: the latest)."""
    if all_editions:
        return content.edition_ids
    return list(requested) or [latest_edition(content)]
