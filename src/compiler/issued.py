"""Issued editions as public records: issue an edition, start a new one, and guard what was issued."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from .content.load import Content
from .content.schema import EDITION_ID_RE, parse_edition_date
from .errors import WARNING, BuildError, CompilerError, Location, NOTE, Problem
from .output import sha256, write_atomic
from .project import Project

RECORD_DIR = "issued"


def record_path(project: Project, edition_id: str) -> Path:
    """Return where the record of an issued edition is kept (with the content)."""
    return project.content_dir / RECORD_DIR / f"{edition_id}.json"


def layout_fingerprint(project: Project) -> str:
    """Return a sha256 over every layout file (templates, CSS, DOCX styles)."""
    h = hashlib.sha256()
    for path in sorted(p for p in project.layout_dir.rglob("*") if p.is_file()):
        h.update(path.relative_to(project.layout_dir).as_posix().encode() + b"\0")
        h.update(path.read_bytes() + b"\0")
    return h.hexdigest()


def software_versions() -> dict[str, str]:
    """Return the versions of the libraries that shape the output bytes."""
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in ("untoc-compilation", "weasyprint", "pydyf", "fonttools", "python-docx", "jinja2"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:  # pragma: no cover
            out[name] = "unknown"
    return out


@dataclass
class Record:
    """What was issued: the model's fingerprint and data, and each output's hash."""

    edition: str
    fingerprint: str
    model: dict
    files: dict[str, dict]
    layout: str
    software: dict[str, str]

    @classmethod
    def load(cls, path: Path) -> "Record | None":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(data["edition"], data["fingerprint"], data["model"], data["files"],
                       data["layout"], data["software"])
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError) as exc:
            raise CompilerError(f"{path}: the issue record is unreadable ({exc}); restore it from git")

    def to_json(self) -> bytes:
        data = {"edition": self.edition, "fingerprint": self.fingerprint, "files": self.files,
                "layout": self.layout, "software": self.software, "model": self.model}
        return (json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def issue_problems(content: Content) -> list[Problem]:
    """Return warnings for content changes that would alter an issued edition."""
    from .compare import compare
    from .editions import select
    from .render.data import document_from_dict

    out = []
    project = content.project
    for e in content.editions:
        if e.status != "issued":
            continue
        rel = project.rel(record_path(project, e.id))
        record = Record.load(record_path(project, e.id))
        if record is None:
            out.append(Problem(e.loc, f"edition {e.id} is issued but has no issue record; run "
                                      f"`compiler issue {e.id}` to record what was issued", NOTE))
            continue
        doc = select(content, e.id)
        if doc.fingerprint() == record.fingerprint:
            continue
        cs = compare(document_from_dict(record.model), doc)
        what = [f"{i.id} ({'moved' if i.moved else i.kind if i.kind != 'changed' else 'reworded'})"
                for i in cs.items]
        what += [f"section {s.id} ({s.kind})" for s in cs.sections]
        what += [f"{p.key} {p.what}" for p in cs.prose]
        detail = ", ".join(what[:12]) + (f" and {len(what) - 12} more" if len(what) > 12 else "")
        out.append(Problem(Location(rel), f"the content no longer gives the issued edition {e.id}: "
                                          f"{detail or 'metadata changed'}; an issued edition is a "
                                          f"public record (see `compiler diff {e.id} --against HEAD`)",
                           WARNING))
    return out


def verify_against_record(project: Project, content: Content, edition_id: str, doc,
                          files: dict[str, bytes]) -> None:
    """Raise BuildError saying why a build of an issued edition cannot reproduce the record."""
    record = Record.load(record_path(project, edition_id))
    if record is None:
        return
    differing = [name for name, data in files.items()
                 if name in record.files and record.files[name]["sha256"] != sha256(data)]
    if not differing:
        return
    reasons = []
    if doc.fingerprint() != record.fingerprint:
        for p in issue_problems(content):
            if f"edition {edition_id}:" in p.message:
                reasons.append(p.message.split(": ", 1)[1].split("; an issued")[0])
    if layout_fingerprint(project) != record.layout:
        reasons.append("the layouts (templates, CSS or DOCX styles) changed since it was issued")
    now = software_versions()
    changed = [f"{k} {record.software.get(k)} -> {v}" for k, v in now.items() if record.software.get(k) != v]
    if changed:
        reasons.append("the software differs: " + ", ".join(changed))
    if not reasons:
        reasons.append("the same content, layouts and library versions give different bytes: the "
                       "fonts or system libraries differ from the machine that issued it, or the "
                       "compiler's own code changed what it writes")
    raise BuildError(
        f"edition {edition_id} is issued and this build would not reproduce it: "
        f"{', '.join(differing)} differ from content/{RECORD_DIR}/{edition_id}.json.\n  "
        + "\n  ".join(reasons)
        + "\nNothing was written. To rebuild it anyway, pass --allow-changes; to change an "
          "issued edition, start a new one with `compiler edition new`.")


def _set_status(project: Project, content: Content, edition_id: str) -> None:
    from .content.yamlsource import load_yaml

    path = project.content_dir / "editions.yaml"
    text = path.read_text(encoding="utf-8")
    node, _ = load_yaml(text, "content/editions.yaml")
    for enode in node.value["editions"].value:
        if enode.value["id"].value == edition_id:
            status = enode.value["status"]
            lines = text.split("\n")
            line = lines[status.loc.line - 1]
            col = status.loc.col - 1
            m = re.match(r"(['\"]?)draft\1", line[col:])
            if not m:
                raise CompilerError(f"content/editions.yaml:{status.loc.line}: cannot set the status")
            lines[status.loc.line - 1] = line[:col] + "issued" + line[col + m.end():]
            write_atomic(path, "\n".join(lines).encode("utf-8"))
            return


def issue(project: Project, content: Content, edition_id: str, progress=None, rerecord: bool = False) -> Path:
    """Mark a draft edition as issued, build it, and record its fingerprint and output hashes."""
    from .build import DEFAULT_FORMATS, build_edition
    from .content.load import load_content

    spec = content.edition(edition_id)
    path = record_path(project, edition_id)
    if path.exists() and not rerecord:
        raise CompilerError(f"edition {edition_id} is already issued and recorded in "
                            f"{project.rel(path)}; an issued edition stays what it was (see --rerecord)")
    if spec.status == "draft":
        _set_status(project, content, edition_id)
        content = load_content(project)
    doc, paths = build_edition(project, content, edition_id, DEFAULT_FORMATS, progress=progress,
                               check_record=False)
    files = {p.name: {"sha256": sha256(p.read_bytes()), "size": p.stat().st_size}
             for p in paths if p.name != "manifest.json"}
    record = Record(edition_id, doc.fingerprint(), doc.to_dict(), files, layout_fingerprint(project),
                    software_versions())
    write_atomic(path, record.to_json())
    return path


def new_edition(project: Project, content: Content, edition_id: str, date_label: str) -> None:
    """Append a draft edition to content/editions.yaml, taking place and front matter from the latest."""
    from .editions import latest_edition

    if not EDITION_ID_RE.match(edition_id):
        raise CompilerError(f"edition id {edition_id!r} must be year-month, e.g. 2025-01")
    date = parse_edition_date(date_label)
    if date is None:
        raise CompilerError(f"date {date_label!r} must be a month and year, e.g. \"January 2025\"")
    if f"{date.year}-{date.month:02d}" != edition_id:
        raise CompilerError(f"edition id {edition_id} does not match the date {date_label!r}")
    if content.edition(edition_id):
        raise CompilerError(f"edition {edition_id} already exists in content/editions.yaml")
    latest = content.edition(latest_edition(content))
    if edition_id <= latest.id:
        raise CompilerError(f"a new edition must come after the latest one ({latest.id})")
    q = lambda s: json.dumps(s, ensure_ascii=False)  # noqa: E731 - a YAML-safe quoted string
    lines = ["", f"  - id: {q(edition_id)}", f"    date: {q(date_label)}", f"    place: {q(latest.place)}",
             "    status: draft", "    front:"]
    for ref in latest.front:
        if ref.heading:
            lines += [f"      {ref.key}:", f"        file: {q(ref.file)}", f"        heading: {q(ref.heading)}"]
        else:
            lines.append(f"      {ref.key}: {q(ref.file)}")
    path = project.content_dir / "editions.yaml"
    text = path.read_text(encoding="utf-8")
    write_atomic(path, (text.rstrip("\n") + "\n" + "\n".join(lines) + "\n").encode("utf-8"))
