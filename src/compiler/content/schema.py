"""The section files' fields (meeting reports and dialogues, their items and corrections), read into typed specs,
reporting every problem; the publication and editions files are read in registry.py."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import Location, Problem
from ..model import Correction, Run
from .fields import Fields
from .markup import parse_inline
from .yamlsource import YNode

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CORRECTION_KINDS = ("text", "heading", "placement", "contents")


@dataclass
class CorrectionSpec:
    correction: Correction
    loc: Location


Span = tuple[Location, Location]  # where a value starts and ends in its file


@dataclass
class SubItemSpec:
    label: str
    text: str
    runs: tuple[Run, ...]
    corrections: list[CorrectionSpec]
    sic: str | None
    loc: Location
    text_span: Span | None = None
    end: Location | None = None  # where its mapping ends
    corrections_end: Location | None = None  # where its corrections list ends, if it has one


@dataclass
class ItemSpec:
    id: str
    label: str | None
    text: str
    runs: tuple[Run, ...]
    sub_items: list[SubItemSpec]
    paragraph: int | None
    first_edition: str | None
    last_edition: str | None
    corrections: list[CorrectionSpec]
    sic: str | None
    loc: Location
    id_loc: Location
    text_loc: Location
    text_span: Span | None = None
    label_span: Span | None = None
    end: Location | None = None  # where its mapping ends
    corrections_end: Location | None = None  # where its corrections list ends, if it has one
    themes_added: tuple[str, ...] = ()  # the editor's themes: add: (keys of content/themes.yaml)
    themes_removed: tuple[str, ...] = ()
    themes_loc: Location | None = None


@dataclass
class SectionSpec:
    """A Part A meeting report or a Part B dialogue as written in its content file."""

    part: str
    path: str
    loc: Location
    id: str | None = None
    year: int | None = None
    order: int | None = None
    first_edition: str | None = None
    last_edition: str | None = None
    items: list[ItemSpec] = field(default_factory=list)
    corrections: list[CorrectionSpec] = field(default_factory=list)
    date: str | None = None
    place: str | None = None
    # Part A
    working_group: str | None = None
    report_symbol: str | None = None
    report_url: str | None = None
    report_copy: str | None = None  # the report as imported, kept under content/sources/
    report_sha256: str | None = None
    meeting: str | None = None
    # Part B
    title: str | None = None
    summary_by: str | None = None
    chairs: tuple[str, ...] = ()
    follows: tuple[str, ...] = ()
    summary_url: str | None = None
    summary_paragraphs: tuple[int, int] | None = None  # the summary's paragraphs the observations are, "49-53"
    summary_copy: str | None = None
    summary_sha256: str | None = None
    field_locs: dict[str, Location] = field(default_factory=dict)


def read_corrections(f: Fields, problems: list[Problem]) -> list[CorrectionSpec]:
    """Return the 'corrections' records of a mapping."""
    out = []
    for node in f.sequence("corrections"):
        c = Fields(node, "a correction", problems, f.path)
        kind = c.text("kind", required=True, choices=CORRECTION_KINDS, hint="text, heading, placement or contents")
        printed = c.text("printed", required=True, hint="what the print said")
        corrected = c.text("corrected", required=True, hint="what the content says now")
        reason = c.text("reason", required=True, hint="why the print was wrong")
        if reason and "TODO" in reason:
            c.problem(
                c.loc_of("reason"), "the correction's reason is still a TODO: say why the published text was wrong"
            )
        editions = c.text_list("editions")
        c.finish()
        if kind and printed and corrected and reason:
            out.append(CorrectionSpec(Correction(kind, printed, corrected, reason, editions), c.loc))
    return out


def _read_text(f: Fields, problems: list[Problem]) -> tuple[str, tuple[Run, ...], Location]:
    text = f.text("text", required=True, hint="the wording as published") or ""
    loc = f.loc_of("text")
    runs, probs = parse_inline(text, loc) if text else ((), [])
    problems.extend(probs)
    return text, runs, loc


def read_item(node: YNode, part: str, problems: list[Problem], path: str) -> ItemSpec | None:
    """Return one recommendation or observation."""
    what = "a recommendation" if part == "a" else "an observation"
    f = Fields(node, what, problems, path)
    if not f.ok:
        return None
    item_id = f.text("id", required=True, hint="a stable id such as wg4-2022-r14; never reuse one")
    if item_id and (not ID_RE.match(item_id) or len(item_id) > 40):
        f.problem(
            f.loc_of("id"), f"id {item_id!r} must be lower-case letters, digits and hyphens, at most 40 characters"
        )
    label = f.text("label", required=(part == "a"), hint='the label as printed, e.g. "14" or "(l)"')
    text, runs, text_loc = _read_text(f, problems)
    paragraph = f.number("paragraph")
    first = f.text("first_edition")
    last = f.text("last_edition")
    sic = f.text("sic")
    corrections = read_corrections(f, problems)
    themes_added, themes_removed = _theme_edits(f, problems, path)
    subs = []
    for sub in f.sequence("items"):
        s = Fields(sub, "a sub-item", problems, path)
        if not s.ok:
            continue
        slabel = s.text("label", required=True, hint='e.g. "(a)"')
        stext, sruns, _ = _read_text(s, problems)
        ssic = s.text("sic")
        scorr = read_corrections(s, problems)
        s.finish()
        if slabel:
            scorr_span = s.span_of("corrections")
            subs.append(
                SubItemSpec(
                    slabel,
                    stext,
                    sruns,
                    scorr,
                    ssic,
                    s.loc,
                    s.span_of("text"),
                    s.node.end,
                    scorr_span[1] if scorr_span else None,
                )
            )
    f.finish()
    if not item_id:
        return None
    corrections_span = f.span_of("corrections")
    return ItemSpec(
        item_id,
        label,
        text,
        runs,
        subs,
        paragraph,
        first,
        last,
        corrections,
        sic,
        f.loc,
        f.loc_of("id"),
        text_loc,
        f.span_of("text"),
        f.span_of("label"),
        f.node.end,
        corrections_span[1] if corrections_span else None,
        themes_added,
        themes_removed,
        f.loc_of("themes"),
    )


def _paragraph_range(s: Fields, problems: list[Problem]) -> tuple[int, int] | None:
    """Return the range of a summary's paragraphs that are the observations ("49-53", or one number)."""
    raw = s.text("paragraphs")
    if raw is None:
        return None
    m = re.fullmatch(r"\s*(\d+)\s*(?:[-\u2013]\s*(\d+))?\s*", str(raw))
    if m is None or int(m.group(2) or m.group(1)) < int(m.group(1)):
        s.problem(s.loc_of("paragraphs"), f"paragraphs: {raw!r} is not a range of paragraph numbers such as 49-53")
        return None
    return int(m.group(1)), int(m.group(2) or m.group(1))


def _theme_edits(f: Fields, problems: list[Problem], path: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return the themes an editor adds to an item and removes from it (``themes: {add: [...], remove: [...]}``)."""
    node = f.mapping("themes")
    if node is None:
        return (), ()
    t = Fields(node, "an item's themes", problems, path)
    added, removed = t.text_list("add"), t.text_list("remove")
    t.finish()
    for key in set(added) & set(removed):
        t.problem(t.loc, f"theme '{key}' is both added and removed; keep one")
    return added, removed


def read_section(node: YNode | None, part: str, path: str, problems: list[Problem]) -> SectionSpec:
    """Return a Part A meeting report or Part B dialogue file's content."""
    what = "a meeting report file" if part == "a" else "a constructive dialogue file"
    f = Fields(node, what, problems, path)
    spec = SectionSpec(part=part, path=path, loc=f.loc if f.ok else Location(path, 1, 1))
    if not f.ok:
        return spec
    spec.id = f.text("id", required=True, hint="a stable id such as wg4-2022 or cd-ta-2023")
    if spec.id and (not ID_RE.match(spec.id) or len(spec.id) > 40):
        f.problem(
            f.loc_of("id"), f"id {spec.id!r} must be lower-case letters, digits and hyphens, at most 40 characters"
        )
    spec.year = f.number("year", required=True)
    spec.order = f.number("order", required=True, hint="its position among the year's sections, 1, 2, ...")
    spec.first_edition = f.text(
        "first_edition", required=True, hint='the id of the edition that first compiled it, e.g. "2024-09"'
    )
    spec.last_edition = f.text("last_edition")
    spec.date = f.text("date")
    spec.place = f.text("place")
    spec.corrections = read_corrections(f, problems)
    if part == "a":
        spec.working_group = f.text("working_group", required=True, hint="e.g. wg4")
        spec.report_symbol = f.text("report_symbol", required=True, hint="e.g. CTOC/COP/WG.4/2022/4")
        spec.report_url = f.text("report_url")
        spec.meeting = f.text("meeting")
        report = f.mapping("report")
        if report is not None:
            r = Fields(report, "'report'", problems, path)
            spec.report_copy = r.text("copy", hint="the kept original, e.g. sources/2025-wg4-report.pdf")
            spec.report_sha256 = r.text("sha256")
            r.finish()
            spec.field_locs["report"] = report.loc
        items = f.sequence("recommendations", required=True, hint="the recommendations in printed order")
    else:
        spec.title = f.text("title", required=True, hint="e.g. Constructive Dialogue on Firearms")
        spec.summary_by = f.text("summary_by", required=True, choices=("chair", "co-chairs"), hint="chair or co-chairs")
        spec.chairs = f.text_list("chairs")
        spec.follows = f.text_list("follows")
        summary = f.mapping("summary")
        if summary is not None:
            s = Fields(summary, "'summary'", problems, path)
            spec.summary_url = s.text("url")
            spec.summary_copy = s.text("copy")
            spec.summary_sha256 = s.text("sha256")
            spec.summary_paragraphs = _paragraph_range(s, problems)
            s.finish()
            spec.field_locs["summary"] = summary.loc
        items = f.sequence("observations", required=True, hint="the observations in printed order")
    for name in ("id", "year", "working_group", "report_symbol", "report_url", "follows"):
        spec.field_locs[name] = f.loc_of(name)
    for node_item in items:
        item = read_item(node_item, part, problems, path)
        if item:
            spec.items.append(item)
    if not items and (f.has("recommendations") or f.has("observations")):
        f.problem(f.loc, f"{what} has no {'recommendations' if part == 'a' else 'observations'}")
    f.finish()
    return spec
