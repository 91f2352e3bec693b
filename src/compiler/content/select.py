"""Select what belongs to an edition and build its Document model (with its table of contents)."""

from __future__ import annotations

import dataclasses
from typing import TypeVar

from ..errors import ContentError, Problem, ProjectError
from ..model import (
    INDEX_ANCHOR,
    INDEX_HEADING,
    ChangesSection,
    Document,
    Edition,
    FrontSection,
    Item,
    Part,
    Section,
    SubItem,
    TocEntry,
    YearGroup,
)
from ..text.facets import Vocabulary, facets_of
from .load import Content
from .schema import ItemSpec, SectionSpec

FRONT_ORDER = ("guidance", "background")


def latest_edition(content: Content) -> str:
    """Return the id of the newest edition."""
    if not content.editions:
        raise ProjectError("content/editions.yaml lists no edition; add one with `compiler edition new`")
    return content.edition_ids[-1]


def latest_draft(content: Content) -> str | None:
    """Return the id of the newest draft edition, if any."""
    drafts = [e.id for e in content.editions if e.status == "draft"]
    return max(drafts) if drafts else None


def previous_edition(content: Content, edition_id: str) -> str | None:
    """Return the id of the edition before ``edition_id``, if any."""
    ids = content.edition_ids
    i = ids.index(edition_id)
    return ids[i - 1] if i > 0 else None


def in_edition(first: str | None, last: str | None, edition_id: str) -> bool:
    """Return whether something first compiled in ``first`` (until ``last``) is in the edition."""
    return first is not None and first <= edition_id and (not last or edition_id <= last)


T = TypeVar("T")


def _known(value: T | None, spec: SectionSpec, name: str) -> T:
    """Return a field of a section that loaded without errors (so it has it)."""
    if value is None:  # load_content refuses such a section before anything is selected
        raise ContentError([Problem(spec.loc, f"'{name}' is missing; run `compiler check`")])
    return value


def _item(item: ItemSpec, section: SectionSpec, label_word: str, vocabulary: Vocabulary, paragraph: int | None) -> Item:
    kind = "recommendation" if section.part == "a" else "observation"
    heading = f"{label_word} {item.label}" if item.label and section.part == "a" else None
    subs = tuple(SubItem(s.label, s.runs, tuple(c.correction for c in s.corrections)) for s in item.sub_items)
    out = Item(
        id=item.id,
        kind=kind,
        label=item.label,
        heading=heading,
        runs=item.runs,
        sub_items=subs,
        paragraph=item.paragraph if item.paragraph is not None else paragraph,
        first_edition=item.first_edition or section.first_edition or "",
        corrections=tuple(c.correction for c in item.corrections),
        sic=item.sic,
        source_path=section.path,
    )
    return dataclasses.replace(out, facets=facets_of(out, vocabulary, item.themes_added, item.themes_removed))


def summary_paragraphs(spec: SectionSpec) -> list[int | None]:
    """Return the summary's paragraph number of each observation of a dialogue: those of its summary's paragraph range
    (summary: paragraphs: 49-53) when the range holds exactly one paragraph per observation and no observation
    gives its own; else none (the observations are cited by their place in the compilation)."""
    if spec.summary_paragraphs is None or any(i.paragraph is not None for i in spec.items):
        return [None] * len(spec.items)
    first, last = spec.summary_paragraphs
    if last - first + 1 != len(spec.items):
        return [None] * len(spec.items)
    return list(range(first, last + 1))


def vocabulary(content: Content) -> Vocabulary:
    """Return the project's themes, ready to find in items (none when it has no content/themes.yaml)."""
    return Vocabulary(tuple(t.theme for t in content.themes))


def _section(spec: SectionSpec, content: Content, edition_id: str, themes: Vocabulary) -> Section:
    pub = content.publication
    numbers = summary_paragraphs(spec)
    items = tuple(
        _item(i, spec, pub.item_label, themes, number)
        for i, number in zip(spec.items, numbers, strict=True)
        if in_edition(i.first_edition or spec.first_edition, i.last_edition, edition_id)
    )
    section = Section(
        id=_known(spec.id, spec, "id"),
        part=spec.part,
        year=_known(spec.year, spec, "year"),
        title="",
        link_text="",
        link_url=None,
        items=items,
        first_edition=spec.first_edition or "",
        date=spec.date,
        place=spec.place,
        corrections=tuple(c.correction for c in spec.corrections),
        source_path=spec.path,
    )
    if spec.part == "a":
        symbol = _known(spec.report_symbol, spec, "report_symbol")
        group = pub.working_groups[_known(spec.working_group, spec, "working_group")]
        url = spec.report_url or (pub.report_symbol_url.replace("{symbol}", symbol) if pub.report_symbol_url else None)
        return dataclasses.replace(
            section,
            title=group.name,
            link_text=symbol,
            link_url=url,
            report_symbol=symbol,
            working_group=group.key,
            meeting=spec.meeting,
        )
    return dataclasses.replace(
        section,
        title=_known(spec.title, spec, "title"),
        link_text="Summary by the Chair" if spec.summary_by == "chair" else "Summary by the Co-Chairs",
        link_url=spec.summary_url,
        summary_by=spec.summary_by,
        chairs=spec.chairs,
        follows=spec.follows,
    )


def build_toc(
    front: tuple[FrontSection, ...],
    parts: tuple[Part, ...],
    changes: ChangesSection | None = None,
    index: bool = False,
) -> tuple[TocEntry, ...]:
    """Return the table of contents: front sections, the changes in this edition, Parts and their sections, and the
    index of themes (``index``: the edition's items have themes)."""
    toc = [TocEntry(1, f.heading, f.anchor) for f in front]
    if changes is not None:
        toc.append(TocEntry(1, changes.heading, changes.anchor))
    for p in parts:
        toc.append(TocEntry(1, p.heading, p.anchor))
        toc += [TocEntry(2, s.toc_text, s.anchor) for s in p.sections]
    if index:
        toc.append(TocEntry(1, INDEX_HEADING, INDEX_ANCHOR))
    return tuple(toc)


def select(content: Content, edition_id: str) -> Document:
    """Return the Document model of one edition."""
    spec = content.edition(edition_id)
    if spec is None:
        known = ", ".join(content.edition_ids) or "none"
        raise ProjectError(f"unknown edition '{edition_id}' (known: {known}); see `compiler editions`")
    pub = content.publication
    publication = pub.model
    edition = Edition(
        spec.id,
        spec.date_label,
        spec.place,
        spec.status,
        spec.date,
        tuple(c.correction for c in spec.corrections),
        notices=spec.imprint if spec.imprint is not None else pub.imprint,
    )
    refs = {r.key: r for r in spec.front}
    keys = [k for k in FRONT_ORDER if k in refs] + [k for k in refs if k not in FRONT_ORDER]
    front = []
    for key in keys:
        ref = refs[key]
        prose = content.prose[ref.file]
        front.append(FrontSection(key, ref.heading or prose.heading or "", prose.blocks, prose.path))
    parts = []
    themes = vocabulary(content)
    for part in ("a", "b"):
        chosen = [
            s for s in content.sections if s.part == part and in_edition(s.first_edition, s.last_edition, edition_id)
        ]
        chosen.sort(key=lambda s: (s.year or 0, s.order or 0))
        years = []
        for year in sorted({_known(s.year, s, "year") for s in chosen}):
            sections = tuple(_section(s, content, edition_id, themes) for s in chosen if s.year == year)
            sections = tuple(s for s in sections if s.items)
            if sections:
                years.append(YearGroup(part, year, sections))
        parts.append(Part(part, pub.part_headings[part], tuple(years)))
    front_t, parts_t = tuple(front), tuple(parts)
    toc = build_toc(front_t, parts_t, index=bool(themes.themes))
    return Document(publication, edition, front_t, parts_t, toc, themes=themes.themes)


def with_changes(doc: Document, changes: ChangesSection) -> Document:
    """Return the document with a "Changes in this edition" section (and its contents entry)."""
    return dataclasses.replace(doc, changes=changes, toc=build_toc(doc.front, doc.parts, changes, bool(doc.themes)))


def with_draft_note(doc: Document, note: str) -> Document:
    """Return the document with the note that every page of a draft carries."""
    return dataclasses.replace(doc, edition=dataclasses.replace(doc.edition, draft_note=note))


def with_facets(doc: Document, content: Content) -> Document:
    """Return the document with facets on every item: those it has, and for an edition issued before items had facets
    (its record has none), those the project's themes give its items now. For finding and relating items; an issued
    edition is rendered from its record as it is."""
    if all(i.facets is not None for i in doc.items()):
        return doc
    themes = vocabulary(content)
    specs = {i.id: i for s in content.sections for i in s.items}

    def item(i: Item) -> Item:
        if i.facets is not None:
            return i
        spec = specs.get(i.id)
        edits = (spec.themes_added, spec.themes_removed) if spec else ((), ())
        return dataclasses.replace(i, facets=facets_of(i, themes, *edits))

    parts = tuple(
        dataclasses.replace(
            p,
            years=tuple(
                dataclasses.replace(
                    y, sections=tuple(dataclasses.replace(s, items=tuple(item(i) for i in s.items)) for s in y.sections)
                )
                for y in p.years
            ),
        )
        for p in doc.parts
    )
    return dataclasses.replace(doc, parts=parts, themes=doc.themes or themes.themes)
