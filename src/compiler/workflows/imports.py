"""Import a Chair's summary as a Part B content file: its observations, and what it says about the dialogue."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..content.editing import replace_checked
from ..content.load import Content
from ..content.naming import dialogue_id, dialogue_slug, folded, group_slug, quoted
from ..errors import CompilerError
from ..files import write_atomic
from ..project import Project
from ..sources.extract import extract
from ..sources.summary import dialogue_facts, parse_summary


@dataclass
class ImportResult:
    path: Path
    observations: int
    span: tuple[str, str]  # the first and last paragraph number or label taken
    missing: list[str] = field(default_factory=list)
    source_copy: Path | None = None
    changes: list[str] = field(default_factory=list)  # what extraction changed, for the editor to check


def _placing(content: Content, path: Path, sid: str, part: str, year: int, force: bool, advice: str):
    """Refuse to overwrite a file or reuse an id; return the year's section orders and the draft editions."""
    if path.exists() and not force:
        raise CompilerError(f"{path} exists; pass --force to replace it")
    taken = {s.id for s in content.sections} | {i.id for s in content.sections for i in s.items}
    if sid in taken and not (force and path.exists()):
        raise CompilerError(f"the id {sid} is already used in content/; {advice}")
    orders = [s.order for s in content.sections if s.part == part and s.year == year and s.order]
    return orders, [e.id for e in content.editions if e.status == "draft"]


def import_summary(
    project: Project,
    content: Content,
    source: Path,
    year: int | None,
    title: str | None,
    output: Path | None,
    force: bool,
) -> ImportResult:
    """Write a Part B content file from a summary; return what was written and what is missing."""
    extraction = extract(source)
    summary = parse_summary(extraction.text, str(source))
    facts = dialogue_facts(summary)
    missing = []
    title = title or facts.get("title")
    year = year or facts.get("year")
    if not title:
        raise CompilerError(f"{source}: the summary does not say which dialogue it is; give --title")
    if not year:
        raise CompilerError(f"{source}: the summary gives no date; give --year")
    groups = {g.name: g.key for g in content.publication.working_groups.values()}
    follows = [groups[n] for n in facts.get("follows_names", []) if n in groups]
    sid = f"{dialogue_id(title)}-{year}"
    path = output or project.content_dir / "part-b" / f"{year}-{dialogue_slug(title)}.yaml"
    orders, drafts = _placing(content, path, sid, "b", year, force, "give another --title or edit the file")
    suffix = source.suffix.lower() if source.suffix.lower() in (".pdf", ".docx", ".md") else ".txt"
    copy_rel = f"sources/{year}-{dialogue_slug(title)}-summary{suffix}"  # the original itself
    lines = [
        f"# {title}: imported from {source.name}; check every field against the summary.",
        f"id: {sid}",
        f"year: {year}",
        f"title: {quoted(title)}",
    ]
    if "summary_by" in facts:
        lines.append(f"summary_by: {facts['summary_by']}")
    else:
        missing.append("summary_by (chair or co-chairs): the summary does not say")
        lines.append("summary_by: # TODO chair or co-chairs")
    if facts.get("chairs"):
        lines.append("chairs:")
        lines += [f"  - {quoted(name)}" for name in facts["chairs"]]
    else:
        missing.append("chairs: the names of the Chair or Co-Chairs")
    if facts.get("date"):
        lines.append(f"date: {facts['date']}")
    else:
        missing.append("date: when the dialogue took place")
    if follows:
        lines.append(f"follows: [{', '.join(follows)}]")
    else:
        missing.append("follows: the working groups the dialogue followed")
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    lines += ["summary:", f"  copy: {copy_rel}", f"  sha256: {digest}  # the original, as imported"]
    missing.append("summary url: where the summary is published (summary: url:)")
    lines.append(f"order: {max(orders, default=0) + 1}")
    lines.append(_first_edition(drafts, missing))
    lines.append("observations:")
    for o in summary.observations:
        lines += [f"  - id: {sid}-o{o.number}", f"    paragraph: {o.number}", f"    text: {folded(o.text, 6)}"]
        if o.sub_items:
            lines.append("    items:")
            for label, text in o.sub_items:
                lines += [f"      - label: {quoted(label)}", f"        text: {folded(text, 10)}"]
    replace_checked(project, path, "\n".join(lines) + "\n")
    copy = project.content_dir / copy_rel
    if not copy.exists() or force:  # the original file itself: `check` extracts it again every time
        write_atomic(copy, source.read_bytes())
    numbers = [o.number for o in summary.observations]
    return ImportResult(path, len(numbers), (str(numbers[0]), str(numbers[-1])), missing, copy, extraction.report())


def import_report(project: Project, content: Content, source: Path, output: Path | None, force: bool) -> ImportResult:
    """Write a Part A content file from a working group's report; return what was written and what is missing."""
    from ..sources.report import parse_report

    extraction = extract(source)
    report = parse_report(extraction.text, str(source), extraction.left_out)
    missing: list[str] = []
    groups = {g.symbol: g for g in content.publication.working_groups.values()}
    group = groups.get(report.group_symbol or "")
    if report.symbol is None:
        raise CompilerError(f"{source}: no document symbol (such as CTOC/COP/WG.4/2025/4) found in the report")
    if group is None or report.year is None:
        raise CompilerError(
            f"{source}: the report's symbol {report.symbol} names no working group of "
            f"content/publication.yaml; add the group there first"
        )
    sid = f"{group.key}-{report.year}"
    path = output or project.content_dir / "part-a" / f"{report.year}-{group.key}-{group_slug(group.name)}.yaml"
    orders, drafts = _placing(content, path, sid, "a", report.year, force, "edit that file or pass -o and --force")
    copy_rel = f"sources/{report.year}-{group.key}-report{source.suffix.lower() or '.txt'}"
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    lines = [
        f"# {group.name}: report {report.symbol}, imported from {source.name} (kept as content/{copy_rel}, "
        f"sha256 {digest[:16]}...); check every field against the report.",
        f"id: {sid}",
        f"working_group: {group.key}",
        f"year: {report.year}",
        f"report_symbol: {report.symbol}",
        f"order: {max(orders, default=0) + 1}",
    ]
    lines.append(_first_edition(drafts, missing))
    missing.append("the meeting (e.g. fifteenth meeting), if a source states it")
    lines.append("recommendations:")
    for r in report.recommendations:
        lines += [f"  - id: {sid}-r{r.label.strip('()')}", f"    label: {quoted(r.label)}"]
        if r.paragraph is not None:
            lines.append(f"    paragraph: {r.paragraph}")
        lines.append(f"    text: {folded(r.text, 6)}")
        if r.sub_items:
            lines.append("    items:")
            for label, text in r.subs():
                lines += [f"      - label: {quoted(label)}", f"        text: {folded(text, 10)}"]
    replace_checked(project, path, "\n".join(lines) + "\n")
    copy = project.content_dir / copy_rel
    if not copy.exists() or force:
        write_atomic(copy, source.read_bytes())
    labels = [r.label for r in report.recommendations]
    return ImportResult(path, len(labels), (labels[0], labels[-1]), missing, copy, extraction.report())


def _first_edition(drafts: list[str], missing: list[str]) -> str:
    """Return the first_edition line of an imported file: the latest draft, or a TODO said in ``missing``."""
    if drafts:
        return f'first_edition: "{drafts[-1]}"'
    missing.append("first_edition: no draft edition exists (start one with `compiler edition new`)")
    return "first_edition: # TODO the edition that first compiles it"
