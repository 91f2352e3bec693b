"""Change content files as text (keeping the editor's comments), checked before they replace the old file."""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import ERROR, CompilerError, ContentError
from ..files import write_atomic
from ..project import Project
from .registry import EDITION_ID_RE, parse_edition_date, read_editions
from .schema import read_section
from .yamlsource import load_yaml

EDITIONS_FILE = "editions.yaml"


def replace_checked(project: Project, path: Path, text: str, kind: str | None = None) -> None:
    """Write ``text`` to ``path`` atomically if it reads back cleanly; otherwise raise, leaving the file.

    ``kind`` says how to check it beyond YAML syntax: "editions" (the registry), "a" or "b" (a
    section file); None checks only that it is YAML (e.g. a new file with TODOs to fill).
    """
    rel = project.rel(path)
    node, problems = load_yaml(text, rel)
    if node is not None and kind == "editions":
        read_editions(node, rel, problems)
    elif node is not None and kind in ("a", "b"):
        read_section(node, kind, rel, problems)
    errors = [p for p in problems if p.severity == ERROR]
    if errors:
        raise ContentError(errors, f"{rel} was not changed (this is a bug in the compiler's edit; please report it)")
    write_atomic(path, text.encode("utf-8"))


def _editions_text(project: Project) -> tuple[Path, str]:
    path = project.content_dir / EDITIONS_FILE
    try:
        return path, path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CompilerError(f"content/{EDITIONS_FILE}: cannot read: {exc.strerror}") from None


def set_edition_status(project: Project, edition_id: str, status: str) -> None:
    """Set an edition's ``status:`` in content/editions.yaml, changing only that value."""
    path, text = _editions_text(project)
    node, _ = load_yaml(text, f"content/{EDITIONS_FILE}")
    editions = node.fields.get("editions") if node is not None else None
    for enode in editions.elements if editions is not None else []:
        if enode.fields["id"].value != edition_id:
            continue
        old = enode.fields["status"]
        lines = text.split("\n")
        n, col = old.loc.line - 1, old.loc.col - 1
        width = len(old.raw) + (2 if lines[n][col : col + 1] in ("'", '"') else 0)
        lines[n] = lines[n][:col] + status + lines[n][col + width :]
        replace_checked(project, path, "\n".join(lines), "editions")
        return
    raise CompilerError(f"content/{EDITIONS_FILE}: no edition {edition_id}")


def append_edition(project: Project, edition_id: str, date_label: str, latest) -> None:
    """Append a draft edition to content/editions.yaml with the place and front matter of ``latest``."""
    if not EDITION_ID_RE.match(edition_id):
        raise CompilerError(f"edition id {edition_id!r} must be year-month, e.g. 2025-01")
    date = parse_edition_date(date_label)
    if date is None:
        raise CompilerError(f'date {date_label!r} must be a month and year, e.g. "January 2025"')
    if f"{date.year}-{date.month:02d}" != edition_id:
        raise CompilerError(f"edition id {edition_id} does not match the date {date_label!r}")
    if edition_id <= latest.id:
        raise CompilerError(f"a new edition must come after the latest one ({latest.id})")

    def q(value: str) -> str:  # a YAML-safe quoted string
        return json.dumps(value, ensure_ascii=False)

    lines = [
        "",
        f"  - id: {q(edition_id)}",
        f"    date: {q(date_label)}",
        f"    place: {q(latest.place)}",
        "    status: draft",
        "    front:",
    ]
    for ref in latest.front:
        if ref.heading:
            lines += [f"      {ref.key}:", f"        file: {q(ref.file)}", f"        heading: {q(ref.heading)}"]
        else:
            lines.append(f"      {ref.key}: {q(ref.file)}")
    path, text = _editions_text(project)
    replace_checked(project, path, text.rstrip("\n") + "\n" + "\n".join(lines) + "\n", "editions")
