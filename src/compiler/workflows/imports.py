"""Import a Chair's summary (Part B) or a working group's report (Part A) as a content file, word for word,
with what the document states about its meeting and where it states it."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..content.editing import replace_checked
from ..content.load import Content
from ..content.naming import dialogue_id, dialogue_slug, folded, group_slug, quoted
from ..errors import CompilerError
from ..files import write_atomic
from ..model import Run
from ..project import Project
from ..sources.bounded import extract_bounded
from ..sources.extract import Extraction
from ..sources.facts import Fact, year_of
from ..sources.hyphens import Vocabulary
from ..sources.report import parse_report, report_symbol
from ..sources.summary import dialogue_facts, normalise, parse_summary
from ..text.words import inline_diff, word_diff

PROTECTED = ("sources", "issued", "distribution")  # folders under content/ that only the compiler writes


@dataclass
class ImportResult:
    path: Path
    items: int
    span: tuple[str, str]  # the first and last paragraph number or label taken
    missing: list[str] = field(default_factory=list)
    source_copy: Path | None = None
    changes: list[str] = field(default_factory=list)  # what extraction changed, for the editor to check
    found: list[str] = field(default_factory=list)  # each field and where the document states it
    unchanged: bool = False  # the content already held these items word for word: nothing was written


def _name(path: Path) -> str:
    """Return a file's name as data in a YAML comment: no line break or control character can end the comment."""
    return json.dumps(path.name, ensure_ascii=False)[1:-1]


def _target(project: Project, output: Path | None, default: Path) -> Path:
    """Return the content file to write; a path in a folder only the compiler writes is refused."""
    path = output or default
    content = project.content_dir.resolve()
    resolved = path.resolve()
    for folder in PROTECTED:
        if resolved.is_relative_to(content / folder):
            raise CompilerError(
                f"-o {path}: content/{folder}/ holds what the compiler keeps (originals, records); "
                f"write the content file under content/part-a/ or content/part-b/"
            )
    return path


def _extracted(content: Content, source: Path) -> Extraction:
    """Return the source's lines with line-end hyphens decided by the publication's words first (kept in
    build/.cache, where the check of the kept original finds them)."""
    return extract_bounded(source, cache_dir=content.project.build_dir / ".cache").resolve(
        Vocabulary.of(content.wording())
    )


def _existing(content: Content, path: Path):
    rel = content.project.rel(path)
    return next((s for s in content.sections if s.path == rel), None)


def _same_items(existing, new: list[tuple[str, str, list[tuple[str, str]]]]) -> list[str]:
    """Return the differences between a section's items and a new import's (label or number, text, sub-items)."""
    out = []
    old = {(i.label or str(i.paragraph)): i for i in existing.items}
    for label, text, subs in new:
        item = old.pop(label, None)
        if item is None:
            out.append(f"{label}: only in the new file")
            continue
        if normalise(item.text) != normalise(text):
            out.append(f"{label}: {inline_diff(word_diff((Run(normalise(item.text)),), (Run(normalise(text)),)))}")
        if [(s.label, normalise(s.text)) for s in item.sub_items] != [(a, normalise(b)) for a, b in subs]:
            out.append(f"{label}: the sub-items differ")
    out += [f"{label}: only in the content" for label in old]
    return out


def _second_format(content: Content, path: Path, copy_field: str, source: Path, new, force: bool) -> bool:
    """Return True when the section already holds the same items from another file (nothing to write).

    The same document in another format (its DOCX next to its PDF) gives the same items: the
    section keeps the original it was imported from. Different items are refused unless --force.
    """
    existing = _existing(content, path)
    if existing is None or force:
        return False
    kept = getattr(existing, copy_field)
    differences = _same_items(existing, new)
    if not differences:
        return True
    raise CompilerError(
        f"{content.project.rel(path)} exists (imported from content/{kept}) and {source.name} gives other items:\n  "
        + "\n  ".join(differences)
        + "\n([-only in the content-] {+only in the new file+}). If the new file is the right one, pass --force: "
        "it replaces the content file and the kept original, and keeps the section's order."
    )


def _orders(content: Content, path: Path, sid: str, part: str, year: int, force: bool, advice: str) -> int:
    """Return the section's order: its own when --force replaces it, else after the year's others; refuse to
    overwrite a file or reuse an id."""
    existing = _existing(content, path)
    if path.exists() and not force:
        raise CompilerError(f"{path} exists; pass --force to replace it")
    taken = {s.id for s in content.sections if s is not existing} | {
        i.id for s in content.sections if s is not existing for i in s.items
    }
    if sid in taken:
        raise CompilerError(f"the id {sid} is already used in content/; {advice}")
    if existing is not None and existing.order:
        return existing.order
    return max((s.order or 0 for s in content.sections if s.part == part and s.year == year), default=0) + 1


def _first_edition(content: Content, missing: list[str]) -> str:
    """Return the first_edition line of an imported file: the latest draft, or a TODO said in ``missing``."""
    drafts = [e.id for e in content.editions if e.status == "draft"]
    if drafts:
        return f'first_edition: "{drafts[-1]}"'
    missing.append("first_edition: no draft edition exists (start one with `compiler edition new`)")
    return "first_edition: # TODO the edition that first compiles it"


def _keep(project: Project, source: Path, copy_rel: str, force: bool) -> Path:
    copy = project.content_dir / copy_rel
    if not copy.exists() or force:  # the original file itself: `check` extracts it again every time
        write_atomic(copy, source.read_bytes())
    return copy


def import_summary(
    project: Project,
    content: Content,
    source: Path,
    year: int | None,
    title: str | None,
    output: Path | None,
    force: bool,
) -> ImportResult:
    """Write a Part B content file from a summary; return what was written, found and missing."""
    extraction = _extracted(content, source)
    summary = parse_summary(extraction.text, str(source))
    facts = dialogue_facts(summary)
    if title:
        facts["title"] = Fact(title, "--title")
    if year:
        facts["year"] = Fact(str(year), "--year")
    if "title" not in facts:
        raise CompilerError(f"{source}: the summary does not say which dialogue it is; give --title")
    if "year" not in facts:
        raise CompilerError(f"{source}: the summary gives no date; give --year")
    title, year = facts["title"].value, int(facts["year"].value)
    missing: list[str] = []
    groups = {g.name: g.key for g in content.publication.working_groups.values()}
    follows = (
        [groups[n] for n in facts["follows_names"].value.split("; ") if n in groups] if "follows_names" in facts else []
    )
    sid = f"{dialogue_id(title)}-{year}"
    path = _target(project, output, project.content_dir / "part-b" / f"{year}-{dialogue_slug(title)}.yaml")
    new = [(str(o.number), o.text, o.sub_items) for o in summary.observations]
    numbers = [o.number for o in summary.observations]
    span = (str(numbers[0]), str(numbers[-1]))
    found = [f"{name}: {fact.value} (from {fact.where})" for name, fact in facts.items()]
    if _second_format(content, path, "summary_copy", source, new, force):
        return ImportResult(path, len(new), span, [], None, extraction.report(), found, unchanged=True)
    order = _orders(content, path, sid, "b", year, force, "give another --title or edit the file")
    suffix = source.suffix.lower() if source.suffix.lower() in (".pdf", ".docx", ".md") else ".txt"
    copy_rel = f"sources/{year}-{dialogue_slug(title)}-summary{suffix}"  # the original itself
    lines = [
        f"# {title}: imported from {_name(source)}; check every field against the summary.",
        f"id: {sid}",
        f"year: {year}",
        f"title: {quoted(title)}",
    ]
    if "summary_by" in facts:
        lines.append(f"summary_by: {facts['summary_by'].value}")
    else:
        missing.append("summary_by (chair or co-chairs): the summary does not say")
        lines.append("summary_by: # TODO chair or co-chairs")
    if "chairs" in facts:
        lines.append("chairs:")
        lines += [f"  - {quoted(name)}" for name in facts["chairs"].value.split("; ")]
    else:
        missing.append("chairs: the names of the Chair or Co-Chairs")
    if "date" in facts:
        lines.append(f"date: {quoted(facts['date'].value)}")
    else:
        missing.append("date: when the dialogue took place")
    if "place" in facts:
        lines.append(f"place: {quoted(facts['place'].value)}")
    else:
        missing.append("place: where the dialogue took place")
    if follows:
        lines.append(f"follows: [{', '.join(follows)}]")
    else:
        missing.append("follows: the working groups the dialogue followed")
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    lines += ["summary:", f"  copy: {copy_rel}", f"  sha256: {digest}  # the original, as imported"]
    missing.append("summary url: where the summary is published (summary: url:)")
    lines.append(f"order: {order}")
    lines.append(_first_edition(content, missing))
    lines.append("observations:")
    for o in summary.observations:
        lines += [f"  - id: {sid}-o{o.number}", f"    paragraph: {o.number}", f"    text: {folded(o.text, 6)}"]
        if o.sub_items:
            lines.append("    items:")
            for label, text in o.sub_items:
                lines += [f"      - label: {quoted(label)}", f"        text: {folded(text, 10)}"]
    replace_checked(project, path, "\n".join(lines) + "\n")
    copy = _keep(project, source, copy_rel, force)
    return ImportResult(path, len(numbers), span, missing, copy, extraction.report(), found)


def import_report(
    project: Project, content: Content, source: Path, output: Path | None, force: bool, symbol: str | None = None
) -> ImportResult:
    """Write a Part A content file from a working group's report; return what was written, found and missing."""
    extraction = _extracted(content, source)
    stated = report_symbol(extraction.stated_symbols, str(source), symbol)
    report = parse_report(extraction.text, stated, str(source))
    missing: list[str] = []
    groups = {g.symbol: g for g in content.publication.working_groups.values()}
    group = groups.get(report.group_symbol)
    if group is None:
        raise CompilerError(
            f"{source}: the report's symbol {report.symbol.value} names no working group of "
            f"content/publication.yaml; add the group there first"
        )
    found = [f"report_symbol: {report.symbol.value} (from {report.symbol.where})"]
    found.append(f"working_group: {group.key}, {group.name} (from the symbol's {group.symbol})")
    named = next((line.strip() for line in report.front if "Working Group" in line), None)
    if named and group.name not in named:
        raise CompilerError(
            f"{source}: the symbol {report.symbol.value} is the {group.name}'s, but the report's title block says "
            f'"{named}"; check which report this is (or give --symbol)'
        )
    found.append(f"year: {report.year} (from the symbol)")
    if report.dates:
        stated_year = year_of(report.dates.value)
        if stated_year is not None and stated_year != report.year:
            raise CompilerError(
                f"{source}: the symbol {report.symbol.value} says {report.year} but the meeting was held "
                f"{report.dates.value} ({report.dates.where}); check the symbol (or give --symbol)"
            )
        found.append(f"date: {report.dates.value} (from {report.dates.where})")
    else:
        missing.append("date: when the meeting was held (the report states no dates in its title block)")
    if report.place:
        found.append(f"place: {report.place.value} (from {report.place.where})")
    else:
        missing.append("place: where the meeting was held")
    sid = f"{group.key}-{report.year}"
    default = project.content_dir / "part-a" / f"{report.year}-{group.key}-{group_slug(group.name)}.yaml"
    path = _target(project, output, default)
    new = [(r.label, r.text, r.subs()) for r in report.recommendations]
    labels = [r.label for r in report.recommendations]
    if _second_format(content, path, "report_copy", source, new, force):
        return ImportResult(path, len(new), (labels[0], labels[-1]), [], None, extraction.report(), found, True)
    order = _orders(content, path, sid, "a", report.year, force, "edit that file or pass -o and --force")
    suffix = source.suffix.lower() if source.suffix.lower() in (".pdf", ".docx", ".md") else ".txt"
    copy_rel = f"sources/{report.year}-{group.key}-report{suffix}"
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    lines = [
        f"# {group.name}: report {report.symbol.value}, imported from {_name(source)}; check every field against "
        f"the report.",
        f"id: {sid}",
        f"working_group: {group.key}",
        f"year: {report.year}",
        f"report_symbol: {report.symbol.value}",
    ]
    if report.dates:
        lines.append(f"date: {quoted(report.dates.value)}")
    if report.place:
        lines.append(f"place: {quoted(report.place.value)}")
    lines += ["report:", f"  copy: {copy_rel}", f"  sha256: {digest}  # the original, as imported"]
    lines.append(f"order: {order}")
    lines.append(_first_edition(content, missing))
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
    copy = _keep(project, source, copy_rel, force)
    return ImportResult(path, len(labels), (labels[0], labels[-1]), missing, copy, extraction.report(), found)
