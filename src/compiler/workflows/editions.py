"""How every command gets an edition's Document: an issued edition from its record, a draft from the content."""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

from ..changes.compare import compare
from ..changes.notes import changes_section
from ..content.load import Content, load_content
from ..content.select import latest_edition, select, with_changes, with_draft_note
from ..errors import CompilerError, UsageError
from ..git import content_date, export_content
from ..model import Document
from ..project import Project
from ..records.issued import Record, record_path


def previous_issued(content: Content, edition_id: str) -> str | None:
    """Return the latest issued edition before ``edition_id``, if any."""
    earlier = [e.id for e in content.editions if e.status == "issued" and e.id < edition_id]
    return max(earlier) if earlier else None


def edition_document(content: Content, edition_id: str, as_issued: bool = False) -> Document:
    """Return an edition's Document: an issued edition as recorded, never re-derived from today's content.

    A draft (or an edition being issued) is selected from the content, with a "Changes in this
    edition" section against the previous issued edition (unless editions.yaml turns it off)
    and, for a draft, the note that marks every page. This is the one way every command gets
    an edition, `compiler editions` included. An edition marked issued without a record is never
    made from today's content: it is an error, which `compiler issue` settles. ``as_issued``
    gives an edition being issued: selected from the content, as it will be recorded.
    """
    spec = content.edition(edition_id)
    if spec is None:
        raise UsageError(f"unknown edition {edition_id!r}; known: {', '.join(content.edition_ids)}")
    if spec.status == "issued" and not as_issued:
        record = Record.load(record_path(content.project, edition_id))
        if record is None:
            raise CompilerError(
                f"edition {edition_id} is marked issued in content/editions.yaml but has no record in "
                f"content/issued/: run `compiler issue {edition_id}` to record it (an issued edition is never "
                f"built from today's content)"
            )
        return record.document()
    doc = select(content, edition_id)
    if as_issued:
        doc = dataclasses.replace(doc, edition=dataclasses.replace(doc.edition, status="issued"))
    before = previous_issued(content, edition_id)
    if before is not None and spec.changes_section:
        old = edition_document(content, before)
        doc = with_changes(doc, changes_section(compare(old, doc), old))
    if doc.edition.status == "draft":
        when = content_date(content.project.root)
        doc = with_draft_note(
            doc,
            f"DRAFT – not an issued edition – {doc.edition.date_label} edition, "
            + (f"content of {when}" if when else "content with changes not yet committed"),
        )
    return doc


def document_at(project: Project, revision: str, edition_id: str) -> Document:
    """Return an edition's Document as the content stood at a git revision (read in a temporary folder)."""
    with tempfile.TemporaryDirectory(prefix="compiler-rev-") as folder:
        content = load_content(Project(export_content(project.root, revision, Path(folder))))
        if content.edition(edition_id) is None:
            raise CompilerError(f"edition {edition_id} does not exist at revision {revision}")
        return edition_document(content, edition_id)


def edition_rows(content: Content) -> list[dict]:
    """Return one row per edition, as built: id, date, place, status, and counts of sections and items."""
    rows = []
    for eid in content.edition_ids:
        doc = edition_document(content, eid)
        counts = doc.counts()
        rows.append(
            {
                "id": eid,
                "date": doc.edition.date_label,
                "place": doc.edition.place,
                "status": doc.edition.status,
                "sections": counts["sections"],
                "items": counts["items"],
            }
        )
    return rows


def resolve_editions(content: Content, requested: list[str], all_editions: bool) -> list[str]:
    """Return the edition ids a command should work on (default: the latest); an unknown one is a usage error."""
    for e in requested:
        if content.edition(e) is None:
            raise UsageError(f"unknown edition {e!r}; known: {', '.join(content.edition_ids)}")
    if all_editions:
        return content.edition_ids
    return list(requested) or [latest_edition(content)]
