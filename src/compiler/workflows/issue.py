"""Issue an edition (mark it issued, build it, record it) and start the next one."""

from __future__ import annotations

import json
from pathlib import Path

from ..content.editing import append_edition, set_edition_status
from ..content.load import Content
from ..content.select import latest_edition
from ..errors import CompilerError
from ..files import code_digest, sha256, write_atomic
from ..model import fingerprint
from ..project import Project
from ..records.issued import Record, layout_fingerprint, record_path, software_versions
from .build import DEFAULT_FORMATS, build_edition
from .check import checked_content
from .editions import edition_document


def issue(project: Project, content: Content, edition_id: str, progress=None, rerecord: bool = False) -> Path:
    """Mark a draft edition as issued, build it, and record its model and output hashes."""
    spec = content.edition(edition_id)
    if spec is None:
        raise CompilerError(f"unknown edition {edition_id!r}; see `compiler editions`")
    path = record_path(project, edition_id)
    if path.exists() and not rerecord:
        raise CompilerError(
            f"edition {edition_id} is already issued and recorded in "
            f"{project.rel(path)}; an issued edition stays what it was (see --rerecord)"
        )
    if spec.status == "draft":
        set_edition_status(project, edition_id, "issued")
        content = checked_content(project)
    record = Record.load(path)
    # re-recording keeps the edition as issued (its model) and renders it with today's layouts and code
    doc = record.document() if record is not None else edition_document(content, edition_id)
    doc, paths = build_edition(
        project, content, edition_id, DEFAULT_FORMATS, progress=progress, check_record=False, doc=doc
    )
    files = {
        p.name: {"sha256": sha256(p.read_bytes()), "size": p.stat().st_size} for p in paths if p.name != "manifest.json"
    }
    record = Record(
        edition_id,
        fingerprint(doc),
        json.loads(doc.to_json()),
        files,
        layout_fingerprint(project),
        software_versions(),
        code_digest(),
    )
    write_atomic(path, record.to_json())
    return path


def new_edition(project: Project, content: Content, edition_id: str, date_label: str) -> None:
    """Append a draft edition to content/editions.yaml, taking place and front matter from the latest."""
    if content.edition(edition_id):
        raise CompilerError(f"edition {edition_id} already exists in content/editions.yaml")
    append_edition(project, edition_id, date_label, content.edition(latest_edition(content)))
