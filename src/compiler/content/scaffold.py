"""Write pre-filled content files for a new meeting report or constructive dialogue."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import CompilerError
from ..files import write_atomic
from ..project import Project
from .load import Content
from .naming import dialogue_id, dialogue_slug, group_slug, quoted

TODO = "TODO"


def _edition(content: Content, edition: str | None) -> str:
    if edition:
        if content.edition(edition) is None:
            raise CompilerError(f"unknown edition '{edition}'")
        return edition
    drafts = [e.id for e in content.editions if e.status == "draft"]
    if not drafts:
        raise CompilerError("no draft edition to add it to; start one with `compiler edition new` or give --edition")
    return drafts[-1]


def _order(content: Content, part: str, year: int) -> int:
    return max((s.order for s in content.sections if s.part == part and s.year == year and s.order), default=0) + 1


def _write(path: Path, lines: list[str], force: bool) -> Path:
    if path.exists() and not force:
        raise CompilerError(f"{path} exists; pass --force to replace it")
    write_atomic(path, ("\n".join(lines) + "\n").encode("utf-8"))
    return path


def new_meeting(
    project: Project,
    content: Content,
    group_key: str,
    year: int,
    number: str,
    labels: list[str],
    edition: str | None,
    force: bool = False,
) -> Path:
    """Write content/part-a/<year>-<group>-<topic>.yaml for a working-group meeting report."""
    group = content.publication.working_groups.get(group_key)
    if group is None:
        known = ", ".join(sorted(content.publication.working_groups))
        raise CompilerError(f"unknown working group '{group_key}' (known: {known})")
    eid = _edition(content, edition)
    sid = f"{group_key}-{year}"
    slug = group_slug(group.name)
    path = project.content_dir / "part-a" / f"{year}-{group_key}-{slug}.yaml"
    lines = [
        f"# {group.name}: report {group.symbol}/{year}/{number}. Fill every TODO, then run `compiler check`.",
        f"id: {sid}",
        f"working_group: {group_key}",
        f"year: {year}",
        f"report_symbol: {group.symbol}/{year}/{number}",
        "# meeting: fifteenth meeting          (if a source states it)",
        "# date: 3 to 4 June 2025             (if a source states it)",
        f"order: {_order(content, 'a', year)}",
        f'first_edition: "{eid}"',
        "recommendations:",
    ]
    for label in labels or [TODO]:
        lid = re.sub(r"[^a-z0-9]", "", label.lower()) or "x"
        lines += [
            f"  - id: {sid}-r{lid}",
            f"    label: {quoted(label)}",
            "    text: >-",
            f"      {TODO}: the recommendation word for word as adopted",
        ]
    return _write(path, lines, force)


def new_dialogue(
    project: Project,
    content: Content,
    title: str,
    year: int,
    co_chairs: bool,
    count: int,
    edition: str | None,
    force: bool = False,
) -> Path:
    """Write content/part-b/<year>-<topic>.yaml for a constructive dialogue."""
    eid = _edition(content, edition)
    sid = f"{dialogue_id(title)}-{year}"
    path = project.content_dir / "part-b" / f"{year}-{dialogue_slug(title)}.yaml"
    lines = [
        f"# {title}. Fill every TODO, then run `compiler check`.",
        f"id: {sid}",
        f"year: {year}",
        f"title: {quoted(title)}",
        f"summary_by: {'co-chairs' if co_chairs else 'chair'}",
        "# chairs: [Name of the Chair]         (as the summary names them)",
        "# date: 7 June 2025                  (if the summary states it)",
        "# follows: [wg2]                     (the working groups it followed)",
        "# summary:",
        "#   url: https://...               (where the summary is published)",
        "#   copy: sources/<file>.txt         (a copy, to check the text against)",
        f"order: {_order(content, 'b', year)}",
        f'first_edition: "{eid}"',
        "observations:",
    ]
    for n in range(1, max(1, count) + 1):
        lines += [
            f"  - id: {sid}-o{n}",
            f"    # paragraph: {n}          (its number in the summary)",
            "    text: >-",
            f"      {TODO}: the observation word for word as in the summary",
        ]
    return _write(path, lines, force)
