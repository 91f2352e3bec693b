"""Records of issued editions (content/issued/): read and written here, and whether a build reproduces one."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..content.load import Content
from ..errors import BuildError, CompilerError, Location, Problem
from ..files import code_digest, sha256, tree_digest
from ..model import Document, fingerprint
from ..project import Project

RECORD_DIR = "issued"


def record_path(project: Project, edition_id: str) -> Path:
    """Return where the record of an issued edition is kept (with the content)."""
    return project.content_dir / RECORD_DIR / f"{edition_id}.json"


def layout_fingerprint(project: Project) -> str:
    """Return a sha256 over every layout file (templates, CSS, DOCX styles)."""
    return tree_digest(project.layout_dir, [project.layout_dir])


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
    """What was issued: the edition's whole model, its fingerprint, and each output's hash."""

    edition: str
    fingerprint: str
    model: dict  # the Document's lossless JSON data (Document.from_json)
    files: dict[str, dict]
    layout: str
    software: dict[str, str]
    code: str = ""  # files.code_digest() of the compiler that issued it

    @classmethod
    def load(cls, path: Path) -> Record | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(
                data["edition"],
                data["fingerprint"],
                data["model"],
                data["files"],
                data["layout"],
                data["software"],
                data.get("code", ""),
            )
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError) as exc:
            raise CompilerError(f"{path}: the issue record is unreadable ({exc}); restore it from git") from None

    def document(self) -> Document:
        """Return the issued edition's Document model."""
        try:
            return Document.from_json(self.model)
        except (ValueError, KeyError, TypeError) as exc:
            raise CompilerError(
                f"content/{RECORD_DIR}/{self.edition}.json: the recorded model cannot be "
                f"read ({exc}); restore the record from git"
            ) from None

    def to_json(self) -> bytes:
        data = {
            "edition": self.edition,
            "fingerprint": self.fingerprint,
            "files": self.files,
            "layout": self.layout,
            "software": self.software,
            "code": self.code,
            "model": self.model,
        }
        return (json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def record_problems(content: Content) -> list[Problem]:
    """Return an error for an issued edition without a record, a draft with one, and a record that cannot be read."""
    out = []
    project = content.project
    for e in content.editions:
        path = record_path(project, e.id)
        if e.status != "issued":
            if path.exists():
                out.append(
                    Problem(
                        e.loc,
                        f"edition {e.id} is a draft but {project.rel(path)} records it as issued (an issue stopped "
                        f"before it finished?): run `compiler issue {e.id}` to finish issuing it, or delete the record",
                    )
                )
            continue
        try:
            record = Record.load(path)
            if record is not None:
                record.document()
        except CompilerError as exc:
            out.append(Problem(Location(project.rel(path)), exc.message))
            continue
        if record is None and e.status == "issued":
            out.append(
                Problem(
                    e.loc,
                    f"edition {e.id} is marked issued but has no record in content/issued/ (an issue stopped before "
                    f"it finished?); run `compiler issue {e.id}` to record it",
                )
            )
    return out


def verify_against_record(project: Project, edition_id: str, doc: Document, files: dict[str, bytes]) -> None:
    """Raise BuildError saying why a build of an issued edition cannot reproduce the record."""
    record = Record.load(record_path(project, edition_id))
    if record is None:
        return
    differing = [
        name for name, data in files.items() if name in record.files and record.files[name]["sha256"] != sha256(data)
    ]
    if not differing:
        return
    reasons = []
    if fingerprint(doc) != record.fingerprint:
        reasons.append("the edition's model differs from the one recorded")
    if layout_fingerprint(project) != record.layout:
        reasons.append("the layouts (templates, CSS or DOCX styles) changed since it was issued")
    now = software_versions()
    changed = [f"{k} {record.software.get(k)} -> {v}" for k, v in now.items() if record.software.get(k) != v]
    if changed:
        reasons.append("the software differs: " + ", ".join(changed))
    if record.code and record.code != code_digest() and not changed:
        reasons.append("the compiler's own code changed since it was issued")
    if not reasons:
        reasons.append(
            "the same content, layouts and library versions give different bytes: the "
            "fonts or system libraries differ from the machine that issued it"
        )
    raise BuildError(
        f"edition {edition_id} is issued and this build would not reproduce it: "
        f"{', '.join(differing)} differ from content/{RECORD_DIR}/{edition_id}.json.\n  "
        + "\n  ".join(reasons)
        + "\nNothing was written. To rebuild it anyway, pass --allow-changes; to change an "
        "issued edition, start a new one with `compiler edition new`."
    )
