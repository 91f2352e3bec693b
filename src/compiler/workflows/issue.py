"""Issue an edition (build it as issued, record it, then mark it issued) and start the next one."""

from __future__ import annotations

import json
from pathlib import Path

from ..changes.compare import compare
from ..content.editing import append_edition, set_edition_status
from ..content.load import Content
from ..content.select import latest_edition
from ..errors import CompilerError
from ..files import code_digest, sha256, write_atomic
from ..git import uncommitted
from ..model import fingerprint
from ..project import Project
from ..records.issued import Record, layout_fingerprint, record_path, software_versions
from .build import DEFAULT_FORMATS, build_edition
from .editions import edition_document, previous_issued
from .freshness import inputs_keys
from .manifest import manifest_json, read_manifest


def issue(
    project: Project,
    content: Content,
    edition_id: str,
    progress=None,
    rerecord: bool = False,
    force: bool = False,
    warn=print,
) -> Path:
    """Issue an edition: build it as issued, write its record (model, fingerprint, output hashes), then mark it
    issued in content/editions.yaml.

    The record is written before the status, so an issue stopped in between leaves a draft with a record
    (check says so, and running issue again finishes it), never an "issued" edition without one. An
    edition that adds or changes nothing since the previous issued one is refused unless ``force``;
    content not yet committed is ``warn``ed about: the record holds it as it is.
    """
    spec = content.edition(edition_id)
    if spec is None:
        raise CompilerError(f"unknown edition {edition_id!r}; see `compiler editions`")
    path = record_path(project, edition_id)
    record = Record.load(path)
    if record is not None and not rerecord:
        if spec.status == "draft":  # stopped after its record was written: finish it
            set_edition_status(project, edition_id, "issued")
            warn(f"{project.rel(path)} was written by an issue that did not finish; {edition_id} is now marked issued")
            return path
        raise CompilerError(
            f"edition {edition_id} is already issued and recorded in "
            f"{project.rel(path)}; an issued edition stays what it was (see --rerecord)"
        )
    if rerecord:
        if record is None:
            raise CompilerError(f"edition {edition_id} has no record to render again; issue it first")
        doc = record.document()  # the edition as issued, rendered with today's layouts and code
    else:
        doc = edition_document(content, edition_id, as_issued=True)
        _refuse_if_nothing_new(content, edition_id, doc, force)
        pending = uncommitted(project.root)
        if pending:
            warn(
                f"warning: content/ has {len(pending)} file(s) with changes not committed "
                f"({', '.join(pending[:3])}{', ...' if len(pending) > 3 else ''}): the record holds the content as it "
                f"is now; commit them with the record"
            )
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
    if spec.status == "draft":  # only now that the record is written
        set_edition_status(project, edition_id, "issued")
        _inputs_now(project, edition_id)
    return path


def _inputs_now(project: Project, edition_id: str) -> None:
    """Say in the manifest that the outputs were made from the content as it is now, its status changed."""
    folder = project.edition_dir(edition_id)
    manifest = read_manifest(folder)
    if manifest and "inputs" in manifest:
        manifest["inputs"] = inputs_keys(project, edition_id, tuple(manifest["inputs"]))
        write_atomic(folder / "manifest.json", manifest_json(manifest))


def _refuse_if_nothing_new(content: Content, edition_id: str, doc, force: bool) -> None:
    before = previous_issued(content, edition_id)
    if before is None or force:
        return
    if compare(edition_document(content, before), doc).empty:
        raise CompilerError(
            f"edition {edition_id} adds and changes nothing since the {before} edition: nothing would be new for "
            f'readers. Add the meetings and dialogues it is for (first_edition: "{edition_id}"), or pass --force '
            f"to issue it anyway"
        )


def new_edition(project: Project, content: Content, edition_id: str, date_label: str) -> None:
    """Append a draft edition to content/editions.yaml, taking place and front matter from the latest."""
    if content.edition(edition_id):
        raise CompilerError(f"edition {edition_id} already exists in content/editions.yaml")
    append_edition(project, edition_id, date_label, content.edition(latest_edition(content)))
