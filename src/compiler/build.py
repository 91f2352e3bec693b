"""Build editions: load and check content, render the requested formats, then write them all."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .content.load import Content
from .editions import latest_edition, select
from .errors import BuildError
from .model import Document
from .output import manifest_bytes, write_outputs
from .project import Project

FORMATS = ("pdf", "docx", "html", "json")
DEFAULT_FORMATS = ("pdf", "docx", "html", "json")


@dataclass
class Rendered:
    """What rendering an edition produced, before anything is written."""

    files: dict[str, bytes] = field(default_factory=dict)
    page_count: int | None = None
    anchor_pages: dict[str, int] | None = None


def output_name(doc: Document, fmt: str) -> str:
    """Return the file name of one format of an edition."""
    return f"{doc.base_name}.{fmt}"


class Renderer:
    """Render one edition's formats, sharing the print layout between PDF and DOCX."""

    def __init__(self, project: Project, doc: Document, web_links: dict | None = None):
        self.project = project
        self.doc = doc
        self.web_links = web_links or {}
        self._pdf = None

    def pdf(self):
        """Return the PDF result (rendered once, reused for the DOCX's page numbers)."""
        if self._pdf is None:
            from .render.html import render_print_html
            from .render.pdf import render_pdf

            html = render_print_html(self.doc, self.project.layout_dir)
            self._pdf = render_pdf(self.doc, html, self.project.layout_dir, self.project.content_dir)
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

            return render_json(self.doc)
        if fmt == "docx":
            from .render.docx import render_docx

            return render_docx(self.doc, self.project.layout_dir, self.pdf().anchor_pages)
        raise BuildError(f"unknown format {fmt!r}")


def web_links(project: Project, content: Content, doc: Document, formats, building) -> dict:
    """Return the web edition's links: the edition switcher and the other formats' files."""
    editions = []
    for eid in content.edition_ids:
        name = f"{doc.publication.file_name}-{eid}.html"
        if eid == doc.edition.id or eid in building or (project.edition_dir(eid) / name).is_file():
            editions.append({"id": eid, "label": content.edition(eid).date_label,
                             "href": f"../{eid}/{name}"})
    folder = project.edition_dir(doc.edition.id)
    downloads = [(output_name(doc, fmt), label) for fmt, label in (("pdf", "PDF"), ("docx", "Word (DOCX)"))
                 if fmt in formats or (folder / output_name(doc, fmt)).is_file()]
    return {"editions": editions, "downloads": downloads}


def build_edition(project: Project, content: Content, edition_id: str, formats=DEFAULT_FORMATS,
                  progress: Callable[[str], None] | None = None,
                  building: tuple[str, ...] = (), check_record: bool = True) -> tuple[Document, list[Path]]:
    """Render the formats of one edition and write them to build/<edition>/; return the paths.

    Everything is rendered in memory first; nothing is written unless all formats succeed.
    An issued edition must reproduce the bytes recorded when it was issued (``check_record``).
    """
    doc = select(content, edition_id)
    renderer = Renderer(project, doc, web_links(project, content, doc, formats, building))
    files: dict[str, bytes] = {}
    for fmt in formats:
        if progress:
            progress(f"{edition_id}: {fmt}")
        files[output_name(doc, fmt)] = renderer.render(fmt)
    if check_record and doc.edition.status == "issued":
        from .issued import verify_against_record

        verify_against_record(project, content, edition_id, doc, files)
    folder = project.edition_dir(edition_id)
    all_files = dict(files)
    for fmt in FORMATS:  # keep formats built earlier in the manifest
        name = output_name(doc, fmt)
        if name not in all_files and (folder / name).is_file():
            all_files[name] = (folder / name).read_bytes()
    manifest = manifest_bytes(
        {"id": doc.edition.id, "date": doc.edition.date_label, "status": doc.edition.status},
        all_files, doc.counts(), doc.fingerprint())
    return doc, write_outputs(folder, files, manifest)


def resolve_editions(content: Content, requested: list[str], all_editions: bool) -> list[str]:
    """Return the edition ids a command should work on (default: the latest)."""
    if all_editions:
        return content.edition_ids
    return list(requested) or [latest_edition(content)]
