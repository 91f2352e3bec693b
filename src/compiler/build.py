"""Build editions: load and check content, render the requested formats, then write them all."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

from .content.load import Content
from .editions import latest_edition, select
from .errors import BuildError
from .model import Document
from .output import manifest_bytes, read_manifest, write_atomic, write_outputs
from .project import Project

FORMATS = ("pdf", "docx", "html", "json")
DEFAULT_FORMATS = ("pdf", "docx", "html", "json")


def output_name(doc: Document, fmt: str) -> str:
    """Return the file name of one format of an edition."""
    return f"{doc.base_name}.{fmt}"


class Renderer:
    """Render one edition's formats, sharing the print layout between PDF and DOCX."""

    def __init__(self, project: Project, doc: Document, web_links: dict | None = None, worker=None):
        self.project = project
        self.doc = doc
        self.web_links = web_links or {}
        self.worker = worker  # a PdfWorker, if one was started
        self._pdf = None
        self._submitted = False
        self._json = None

    def pages_cached(self) -> dict[str, int] | None:
        """Return each anchor's page from the last PDF build, if that PDF is still current."""
        from .freshness import cached_pages

        return cached_pages(self.project, self.doc.edition.id)

    def pages(self) -> dict[str, int]:
        """Return each anchor's page: from the last PDF build if it is current, else by rendering it."""
        if self._pdf is None and not self._submitted:
            cached = self.pages_cached()
            if cached is not None:
                return cached
        return self.pdf().anchor_pages

    def _front_length(self) -> int | None:
        """Return how long the cover and contents were at the last build (usually still right)."""
        last = (read_manifest(self.project.edition_dir(self.doc.edition.id)) or {}).get("pages")
        if last is None:
            try:
                last = json.loads(self._pages_cache().read_text(encoding="utf-8"))
            except (OSError, ValueError):
                last = {}
        return last.get(self.doc.front[0].anchor) if self.doc.front else None

    def _pages_cache(self) -> Path:
        return self.project.build_dir / ".cache" / f"pages-{self.doc.edition.id}.json"

    def start_pdf(self) -> None:
        """Hand the PDF to the worker, so that the other formats are rendered meanwhile.

        For an edition laid out in one go this process renders the print HTML and the JSON
        itself (it would wait anyway) and sends them along.
        """
        if self.worker is not None and self.worker.pid is not None and self._pdf is None and not self._submitted:
            from .render.data import render_json
            from .render.html import render_print_html
            from .render.pdf import single_layout

            html = render_print_html(self.doc, self.project.layout_dir) if single_layout(self.doc) else None
            self._json = render_json(self.doc)
            self.doc.fingerprint()  # computed once here, sent with the model
            self.worker.submit(self.doc, self.project.layout_dir, self.project.content_dir, self._front_length(),
                               html, self._json)
            self._submitted = True

    def pdf(self):
        """Return the PDF result (rendered once, reused for the DOCX's page numbers)."""
        if self._pdf is None:
            if self._submitted:
                self._pdf = self.worker.result()
            else:
                from .render.pdf import render_edition_pdf

                self._pdf = render_edition_pdf(self.doc, self.project.layout_dir, self.project.content_dir,
                                               self._front_length())
            try:  # remembered for the next build, even if the outputs are deleted
                write_atomic(self._pages_cache(), json.dumps(self._pdf.anchor_pages, sort_keys=True).encode())
            except Exception:
                pass
        return self._pdf

    def render(self, fmt: str) -> bytes:
        """Return the bytes of one format."""
        if fmt == "pdf":
            return self.pdf().data
        if fmt == "html":
            from .render.html import render_web_html

            return render_web_html(self.doc, self.project.layout_dir, **self.web_links).encode("utf-8")
        if fmt == "json":
            from .render.data import render_json

            return self._json or render_json(self.doc)
        if fmt == "docx":
            if self._submitted and self._pdf is None:  # build it while the worker lays out the PDF
                from .render.docx import start_docx

                writer = start_docx(self.doc, self.project.layout_dir)
                return writer.fill_pages(self.pdf().anchor_pages).save()
            from .render.docx import render_docx

            return render_docx(self.doc, self.project.layout_dir, self.pages())
        raise BuildError(f"unknown format {fmt!r}")


def web_links(project: Project, content: Content, doc: Document) -> dict:
    """Return the web edition's links: the edition switcher and the same edition's PDF and DOCX.

    The switcher offers this edition and the earlier ones: a page never changes when later
    editions appear, so an issued edition's page stays what it was. `build --all` builds them all.
    """
    editions = [{"id": eid, "label": content.edition(eid).date_label,
                 "href": f"../{eid}/{doc.publication.file_name}-{eid}.html"}
                for eid in content.edition_ids if eid <= doc.edition.id]
    downloads = [(output_name(doc, "pdf"), "PDF"), (output_name(doc, "docx"), "Word (DOCX)")]
    return {"editions": editions, "downloads": downloads}


def build_edition(project: Project, content: Content, edition_id: str, formats=DEFAULT_FORMATS,
                  progress: Callable[[str], None] | None = None,
                  check_record: bool = True,
                  worker=None) -> tuple[Document, list[Path]]:
    """Render the formats of one edition and write them to build/<edition>/; return the paths.

    Everything is rendered in memory first; nothing is written unless all formats succeed.
    An issued edition must reproduce the bytes recorded when it was issued (``check_record``).
    """
    doc = select(content, edition_id)
    renderer = Renderer(project, doc, web_links(project, content, doc), worker)
    files: dict[str, bytes] = {}
    needs_pdf = "pdf" in formats or ("docx" in formats and renderer.pages_cached() is None)
    if needs_pdf:
        renderer.start_pdf()
    # the formats that do not wait for the PDF first, while the worker lays it out
    for fmt in sorted(formats, key=lambda f: {"pdf": 2, "docx": 1}.get(f, 0)):
        if progress:
            progress(f"{edition_id}: {fmt}")
        files[output_name(doc, fmt)] = renderer.render(fmt)
    files = {output_name(doc, fmt): files[output_name(doc, fmt)] for fmt in formats}
    if renderer._pdf is not None and "pdf" not in formats:  # rendered for the DOCX's page numbers
        files[output_name(doc, "pdf")] = renderer._pdf.data
        formats = (*formats, "pdf")
    if check_record and doc.edition.status == "issued":
        from .issued import verify_against_record

        verify_against_record(project, content, edition_id, doc, files)
    from .freshness import inputs_keys

    folder = project.edition_dir(edition_id)
    old = read_manifest(folder) or {}
    inputs = {f: k for f, k in old.get("inputs", {}).items() if (folder / output_name(doc, f)).is_file()}
    all_files = dict(files)
    for fmt in FORMATS:  # keep formats built earlier in the manifest
        name = output_name(doc, fmt)
        if name not in all_files and (folder / name).is_file():
            all_files[name] = (folder / name).read_bytes()
    inputs.update(inputs_keys(project, edition_id, formats))
    pages = renderer._pdf.anchor_pages if renderer._pdf else old.get("pages")
    manifest = manifest_bytes(
        {"id": doc.edition.id, "date": doc.edition.date_label, "status": doc.edition.status},
        all_files, doc.counts(), doc.fingerprint(), inputs=inputs, pages=pages)
    return doc, write_outputs(folder, files, manifest)


def resolve_editions(content: Content, requested: list[str], all_editions: bool) -> list[str]:
    """Return the edition ids a command should work on (default: the latest)."""
    if all_editions:
        return content.edition_ids
    return list(requested) or [latest_edition(content)]
