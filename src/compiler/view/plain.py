"""The View of one edition, computed once from the model: metadata, headings, contents, citations, marks.

Like Pandoc's Writers/Shared: HTML, PDF, DOCX and JSON read a View. A plain edition's View marks
no change in its text; view/redline.py builds the View of one edition against another, with
every block's change marked.
"""

from __future__ import annotations

import datetime as dt

from ..model import Document, Facets, Item, ListBlock, Paragraph, Run, Section
from ..related import similarity_words
from ..search import findable_text
from ..text.citing import citation, item_name, section_name
from ..text.facets import strength_rank
from .nodes import (
    SAME,
    BlockView,
    FacetsView,
    FrontView,
    IndexEntry,
    IndexGroup,
    ItemView,
    Mark,
    Meta,
    PartView,
    RelatedLink,
    SectionView,
    Status,
    SubItemView,
    Text,
    ThemeIndexView,
    TocView,
    View,
    YearView,
)

KEYWORDS = "UNTOC, Review Mechanism, recommendations, observations, working groups, constructive dialogues"


def metadata(doc: Document) -> Meta:
    """Return the metadata of an edition."""
    pub = doc.publication
    when = dt.datetime.combine(doc.edition.date, dt.time(0, 0), tzinfo=dt.UTC)
    return Meta(
        pub.title, pub.publisher, f"{pub.short_title}, {doc.edition.date_label} edition", KEYWORDS, pub.language, when
    )


def heading_runs(section: Section) -> tuple[Run, ...]:
    """Return a section's heading: "title (report symbol)" or "title (Summary by the Chair)", linked."""
    return (Run(f"{section.title} "), Run("("), Run(section.link_text, href=section.link_url or None), Run(")"))


def item_heading_runs(item: Item) -> tuple[Run, ...]:
    """Return an item's label line ("Recommendation 14"); observations have none."""
    return (Run(item.heading),) if item.heading else ()


Block = tuple[str | None, tuple[Run, ...]]  # (a list item's label or None for a paragraph, its runs)


def flatten_blocks(blocks: tuple[Paragraph | ListBlock, ...]) -> list[Block]:
    """Return prose blocks as (label or None, runs): paragraphs and the entries of labelled lists."""
    out: list[Block] = []
    for b in blocks:
        if isinstance(b, Paragraph):
            out.append((None, b.runs))
        elif isinstance(b, ListBlock):
            out += [(i.label, i.runs) for i in b.items]
    return out


def item_view(item: Item, status: Status = SAME) -> ItemView:
    """Return an item with nothing marked but its status (a whole item added or removed)."""
    heading = Text(item_heading_runs(item)) if item.heading else None
    subs = [SubItemView(s.label, status, Text(s.runs)) for s in item.sub_items]
    return ItemView(item.id, status, item, heading, Text(item.runs), subs)


def front_blocks(doc: Document) -> list[tuple[str, str, list[Block]]]:
    """Return the front matter as (anchor, heading, blocks), "Changes in this edition" last if the edition has it."""
    out = [(f.key, f.heading, flatten_blocks(f.blocks)) for f in doc.front]
    c = doc.changes
    if c is not None:
        out.append((c.anchor, c.heading, [(None, c.intro)] + [("\u2022", n.runs) for n in c.notes]))
    return out


def plain_view(
    doc: Document,
    pages: dict[str, int] | None = None,
    related: dict[str, list[tuple[str, float]]] | None = None,
    marks: dict[str, Mark] | None = None,
) -> View:
    """Return the View of one edition: no change in its text marked.

    ``pages`` numbers the contents entries; ``related`` (related.edition_related) gives each
    item's related items, ``marks`` which items are new or revised since the previous edition.
    """
    pages = pages or {}
    links = related_links(doc, related) if related else {}
    front = [
        FrontView(key, SAME, Text((Run(heading),)), [BlockView(SAME, label, Text(runs)) for label, runs in blocks])
        for key, heading, blocks in front_blocks(doc)
    ]
    parts = []
    names = {t.key: t.name for t in doc.themes}
    for p in doc.parts:
        years = [
            YearView(
                y.year,
                SAME,
                [
                    SectionView(s.id, SAME, s, Text(heading_runs(s)), _items(s, links, marks or {}, names))
                    for s in y.sections
                ],
                p.key,
            )
            for y in p.years
        ]
        parts.append(PartView(p.key, SAME, Text((Run(p.heading),)), years))
    if doc.changes is not None:  # the last front view: its lines after the intro are the change notes
        for block, note in zip(front[-1].blocks[1:], doc.changes.notes):
            block.kind = note.kind
    toc = [
        TocView(t.level, t.anchor, SAME, Text((Run(t.text),)), pages.get(t.anchor), pages.get(t.anchor))
        for t in doc.toc
    ]
    view = View(doc, metadata(doc), Text((Run(doc.edition.imprint),)), toc, front, parts)
    view.themes_index = themes_index(doc)
    return view


def facets_view(facets: Facets, names: dict[str, str]) -> FacetsView:
    """Return an item's facets as readers see them: each theme by its name."""
    return FacetsView(
        tuple((key, names.get(key, key)) for key in facets.theme_keys),
        facets.addressees,
        facets.strength,
        strength_rank(facets.strength) if facets.strength else None,
        facets.negated,
        facets.conditions,
    )


def locator(item: Item, position: int) -> str:
    """Return where an item is within its section, as the index of themes gives it: "recommendation 14",
    "paragraph 49" (of the summary), or "observation 3" (its place in the compilation)."""
    if item.kind == "recommendation":
        return f"recommendation {item.label}"
    return f"paragraph {item.paragraph}" if item.paragraph is not None else f"observation {position}"


def themes_index(doc: Document) -> list[ThemeIndexView]:
    """Return the index of themes: each theme of the edition's vocabulary with its items, grouped by section in
    reading order; none for an edition issued before items had themes."""
    if not doc.themes:
        return []
    groups: dict[str, list[IndexGroup]] = {t.key: [] for t in doc.themes}
    for s in doc.sections():
        found: dict[str, list[IndexEntry]] = {}
        for n, item in enumerate(s.items, 1):
            for key in item.facets.theme_keys if item.facets else ():
                found.setdefault(key, []).append(IndexEntry(item.id, locator(item, n)))
        for key, entries in found.items():
            groups.setdefault(key, []).append(IndexGroup(section_name(s), tuple(entries)))
    return [ThemeIndexView(t.key, t.name, tuple(groups[t.key])) for t in doc.themes if groups[t.key]]


def _items(
    section: Section, related: dict[str, list[RelatedLink]], marks: dict[str, Mark], names: dict[str, str]
) -> list[ItemView]:
    out = []
    for n, item in enumerate(section.items, 1):
        view = item_view(item)
        view.citation = citation(item, section, n)
        view.findable = findable_text(item, section)
        view.mark = marks.get(item.id)
        view.related = related.get(item.id, [])
        view.facets = facets_view(item.facets, names) if item.facets else None
        out.append(view)
    return out


def related_links(doc: Document, related: dict[str, list[tuple[str, float]]]) -> dict[str, list[RelatedLink]]:
    """Return each item's related items (id, score) as links: named as readers cite them, closeness in words."""
    names = {e.id: item_name(e, s) for s in doc.sections() for e in s.items}
    return {
        item: [
            RelatedLink(other, names[other], similarity_words(score), score) for other, score in found if other in names
        ]
        for item, found in related.items()
    }
