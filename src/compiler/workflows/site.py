"""The site `build --all` writes around the editions: the comparisons of each edition with the one before (a redline
page and a tracked-changes DOCX), build/index.html, and build/editions.json and .js (what every page reads)."""

from __future__ import annotations

import json
from pathlib import Path

from ..changes.compare import compare
from ..content.load import Content
from ..content.select import latest_edition
from ..files import sha256, write_atomic
from ..model import Document, fingerprint
from ..project import Project
from ..render import Options, writer
from ..view import plain_view
from .build import PrintLayout, Progress, output_name
from .check import checked_content
from .editions import edition_document


def redline_bytes(project: Project, old: Document, new: Document, changes, fmt: str) -> bytes:
    """Return the redline of ``new`` against ``old`` in ``fmt`` (html, pdf, docx: tracked changes, whose contents take
    both editions' page numbers from their print layouts)."""
    from ..view.redline import redline_view

    def pages(doc: Document) -> dict[str, int]:
        return PrintLayout(project, plain_view(doc), Options(project.layout_dir, project.content_dir)).pages()

    maps = (pages(old), pages(new)) if fmt == "docx" else ({}, {})
    view = redline_view(old, new, changes, *maps)
    return writer(f"redline.{fmt}")(view, Options(project.layout_dir, project.content_dir))


COMPARISON_FORMATS = ("html", "docx")


def comparisons(content: Content) -> list[tuple[str, str]]:
    """Return the pairs of editions `build --all` compares: each edition with the one before, and each older edition
    with the latest (so that its page can say what became of every item)."""
    ids = content.edition_ids
    pairs = list(zip(ids, ids[1:]))
    return pairs + [(old, ids[-1]) for old in ids[:-2]]


def comparison_name(old: str, new: str, fmt: str) -> str:
    """Return a comparison's file under build/, as `compiler diff OLD NEW` names it by default."""
    return f"changes/changes-{old}-to-{new}.{fmt}"


def write_comparisons(project: Project, content: Content, say: Progress = print) -> list[Path]:
    """Write the redline (HTML) and the tracked-changes DOCX of every pair of `comparisons`, each unless it is up to
    date: its key (the two editions' fingerprints, the layouts and the code) is kept in build/changes/manifest.json."""
    from ..files import code_digest, tree_digest

    manifest_path = project.build_dir / "changes" / "manifest.json"
    try:
        known = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    layouts = tree_digest(project.root, [project.layout_dir])
    written: list[Path] = []
    keys = {}
    for old_id, new_id in comparisons(content):
        old, new = edition_document(content, old_id), edition_document(content, new_id)
        key = sha256(f"{fingerprint(old)}\0{fingerprint(new)}\0{layouts}\0{code_digest()}".encode())
        changes = None
        for fmt in COMPARISON_FORMATS:
            name = comparison_name(old_id, new_id, fmt)
            keys[name] = key
            if known.get(name) == key and (project.build_dir / name).is_file():
                continue
            changes = changes or compare(old, new)
            write_atomic(project.build_dir / name, redline_bytes(project, old, new, changes, fmt))
            written.append(project.build_dir / name)
    if written or keys != known:
        write_atomic(manifest_path, (json.dumps(keys, indent=1, sort_keys=True) + "\n").encode())
    for p in written:
        say(f"  {project.rel(p)}")
    return written


def editions_index(content: Content) -> list[dict]:
    """Return every edition, latest first, with its files' paths relative to build/; each edition after the first
    with its comparison against the one before, and each edition before the latest with what became of its items
    in the latest (ids of the items revised or removed; the others are unchanged) and the comparison that shows it."""
    ids = content.edition_ids
    docs = {eid: edition_document(content, eid) for eid in ids}
    latest = ids[-1]
    out = []
    for n, eid in reversed(list(enumerate(ids))):
        doc = docs[eid]
        files = {fmt: f"{eid}/{output_name(doc, fmt)}" for fmt in ("html", "pdf", "docx", "json")}
        entry: dict = {"id": eid, "label": doc.edition.date_label, "status": doc.edition.status, "files": files}
        if n:
            before = ids[n - 1]
            entry["changes"] = {
                "against": before,
                "label": docs[before].edition.date_label,
                **{fmt: comparison_name(before, eid, fmt) for fmt in COMPARISON_FORMATS},
            }
        if eid != latest:
            entry["in_latest"] = {
                "html": comparison_name(eid, latest, "html"),
                "items": compare(doc, docs[latest]).fates(),
            }
        out.append(entry)
    return out


def editions_files(index: list[dict]) -> dict[str, bytes]:
    """Return build/editions.json and build/editions.js for an editions index (the .js is what pages read)."""
    data = json.dumps({"format": "untoc-compilation/editions@1", "editions": index}, indent=1, ensure_ascii=False)
    return {
        "editions.json": (data + "\n").encode("utf-8"),
        "editions.js": f"window.UNTOC_EDITIONS = {data};\n".encode(),
    }


def index_files(project: Project, content: Content) -> dict[str, bytes]:
    """Return build/index.html (the editions, latest first) and build/editions.json and .js, the shared
    index every edition's page reads at run time to offer later editions (a page's bytes never change)."""
    from ..render.html import render_template

    index = editions_index(content)
    publication = edition_document(content, latest_edition(content)).publication
    html = render_template(project.layout_dir, "index.html.j2", publication=publication, editions=index)
    return {"index.html": html.encode("utf-8"), **editions_files(index)}


def write_index(project: Project, content: Content) -> list[Path]:
    """Write build/index.html, build/editions.json and build/editions.js."""
    files = index_files(project, content)
    for name, body in files.items():
        write_atomic(project.build_dir / name, body)
    return [project.build_dir / name for name in files]


def write_site(project: Project, say: Progress = print) -> None:
    """Write what `build --all` adds to the editions: the comparisons (each unless up to date), then the index of
    editions and the list the pages read, from the (cached) content."""
    content = checked_content(project)
    write_comparisons(project, content, say)
    for p in write_index(project, content):
        say(f"  {project.rel(p)}")
