"""The Document model: one edition of the compilation, the only input every renderer sees."""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass, field

from .lossless_json import MODEL_FORMAT, MODEL_FORMAT_1, decode, encode, upgrade_1


@dataclass(frozen=True)
class Run:
    """A stretch of inline text with its emphasis and, for a link, its target.

    ``href`` is None for plain text, a URL for a link, and "" for text the print shows as a
    link whose target no source gives (rendered as plain text).
    """

    text: str
    italic: bool = False
    bold: bool = False
    href: str | None = None


def plain_text(runs: tuple[Run, ...]) -> str:
    """Return the text of runs without markup."""
    return "".join(r.text for r in runs)


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of prose."""

    runs: tuple[Run, ...]


@dataclass(frozen=True)
class ListItem:
    """One entry of a labelled list, e.g. "1)" or "A."."""

    label: str
    runs: tuple[Run, ...]


@dataclass(frozen=True)
class ListBlock:
    """A list whose labels are written as printed."""

    items: tuple[ListItem, ...]


@dataclass(frozen=True)
class Correction:
    """A recorded correction of the published text: what was printed, what we say, and why."""

    kind: str
    printed: str
    corrected: str
    reason: str
    editions: tuple[str, ...] = ()


@dataclass(frozen=True)
class SubItem:
    """A lettered sub-item (a), (b) ... of a recommendation or observation."""

    label: str
    runs: tuple[Run, ...]
    corrections: tuple[Correction, ...] = ()

    @property
    def text(self) -> str:
        return plain_text(self.runs)


@dataclass(frozen=True)
class Theme:
    """A subject of the Secretariat's vocabulary (content/themes.yaml): the phrases that signal it in an item's words,
    and the phrases that keep it off an item."""

    key: str
    name: str
    phrases: tuple[str, ...]
    exclude: tuple[str, ...] = ()


@dataclass(frozen=True)
class ThemeHit:
    """A theme of an item, and why: the phrase of the item's words that made it ("focal point"), or "added by the
    editor" (the item's themes: add:)."""

    key: str
    why: str


@dataclass(frozen=True)
class Facets:
    """What an item is about and what it asks: its themes, who it addresses (as written), how strongly (on the scale of
    text/facets.py), whether the request is negated, and on what conditions (as written)."""

    themes: tuple[ThemeHit, ...] = ()
    addressees: tuple[str, ...] = ()
    strength: str | None = None
    negated: bool = False
    conditions: tuple[str, ...] = ()

    @property
    def theme_keys(self) -> tuple[str, ...]:
        return tuple(t.key for t in self.themes)


@dataclass(frozen=True)
class Item:
    """A recommendation (Part A) or an observation (Part B), identified by its stable id."""

    id: str
    kind: str  # "recommendation" or "observation"
    label: str | None  # as printed: "14", "(l)"; observations have none
    heading: str | None  # "Recommendation 14"
    runs: tuple[Run, ...]
    sub_items: tuple[SubItem, ...] = ()
    paragraph: int | None = None  # paragraph number in the source summary or report
    first_edition: str = ""
    corrections: tuple[Correction, ...] = ()
    sic: str | None = None
    source_path: str = ""
    facets: Facets | None = None  # None: an edition issued before items had facets (its record has none)

    @property
    def text(self) -> str:
        return plain_text(self.runs)

    @property
    def anchor(self) -> str:
        return self.id


@dataclass(frozen=True)
class Section:
    """A working-group meeting report (Part A) or a constructive dialogue (Part B)."""

    id: str
    part: str  # "a" or "b"
    year: int
    title: str  # working group name or dialogue title
    link_text: str  # report symbol, or "Summary by the Chair"/"Summary by the Co-Chairs"
    link_url: str | None
    items: tuple[Item, ...]
    first_edition: str = ""
    report_symbol: str | None = None
    working_group: str | None = None
    meeting: str | None = None
    date: str | None = None
    place: str | None = None
    summary_by: str | None = None  # "chair" or "co-chairs"
    chairs: tuple[str, ...] = ()
    follows: tuple[str, ...] = ()
    corrections: tuple[Correction, ...] = ()
    source_path: str = ""

    @property
    def anchor(self) -> str:
        return self.id

    @property
    def toc_text(self) -> str:
        return f"{self.year}: {self.title}"


@dataclass(frozen=True)
class YearGroup:
    """The sections of one Part held in one year."""

    part: str
    year: int
    sections: tuple[Section, ...]

    @property
    def anchor(self) -> str:
        return f"part-{self.part}-{self.year}"


@dataclass(frozen=True)
class Part:
    """Part A (recommendations) or Part B (observations)."""

    key: str
    heading: str
    years: tuple[YearGroup, ...]

    @property
    def anchor(self) -> str:
        return f"part-{self.key}"

    @property
    def sections(self) -> tuple[Section, ...]:
        return tuple(s for y in self.years for s in y.sections)


@dataclass(frozen=True)
class FrontSection:
    """Guidance for Readers or Background: a heading and Markdown prose."""

    key: str
    heading: str
    blocks: tuple[Paragraph | ListBlock, ...]
    source_path: str = ""

    @property
    def anchor(self) -> str:
        return self.key


@dataclass(frozen=True)
class ChangeNote:
    """One line of "Changes in this edition": what changed, with the item named as a reader would.

    ``kind`` is added, removed, moved, reworded, relabelled, sub-items or corrected (for a
    machine); the runs say it in words and link to the item ("#id") where the edition has it.
    """

    kind: str
    runs: tuple[Run, ...]


@dataclass(frozen=True)
class ChangesSection:
    """What changed since the previous issued edition, generated from the change set."""

    heading: str
    intro: tuple[Run, ...]
    notes: tuple[ChangeNote, ...]

    @property
    def anchor(self) -> str:
        return "changes"


INDEX_ANCHOR, INDEX_HEADING = "themes-index", "Index of themes"  # the section that ends an edition with themes


@dataclass(frozen=True)
class TocEntry:
    """One line of the table of contents: level 1 (front, parts) or 2 (meetings, dialogues)."""

    level: int
    text: str
    anchor: str


@dataclass(frozen=True)
class Edition:
    """Which edition this is: id, printed date, place and status."""

    id: str
    date_label: str  # "September 2024"
    place: str
    status: str
    date: _dt.date  # first day of the edition's month: the document date
    corrections: tuple[Correction, ...] = ()
    draft_note: str | None = None  # printed on every page of a draft; an issued edition has none
    notices: tuple[str, ...] = ()  # imprint lines on the verso of the cover (copyright, disclaimer ...), if any

    @property
    def imprint(self) -> str:
        return f"{self.place}, {self.date_label}"


@dataclass(frozen=True)
class Publication:
    """What stays the same across editions: titles, publisher, cover, contact."""

    title: str
    short_title: str
    file_name: str
    language: str
    publisher: str
    publisher_short: str
    contact: str
    cover_publisher: tuple[str, ...]
    cover_mark: tuple[str, ...]
    cover_heading: str
    cover_title: tuple[tuple[Run, ...], ...]
    cover_logo: str | None = None  # an emblem for the cover: a file under content/assets/ (SVG or PNG)


@dataclass(frozen=True)
class Document:
    """One edition of the compilation, ready to render."""

    publication: Publication
    edition: Edition
    front: tuple[FrontSection, ...]
    parts: tuple[Part, ...]
    toc: tuple[TocEntry, ...] = field(default=())
    changes: ChangesSection | None = None  # "Changes in this edition", in editions after an issued one
    themes: tuple[Theme, ...] = ()  # the vocabulary its items' themes come from; none in editions issued before it

    def sections(self) -> tuple[Section, ...]:
        """Return every meeting and dialogue in reading order."""
        return tuple(s for p in self.parts for s in p.sections)

    def items(self) -> tuple[Item, ...]:
        """Return every recommendation and observation in reading order."""
        return tuple(e for s in self.sections() for e in s.items)

    def counts(self) -> dict[str, int]:
        """Return how many sections and items the edition has, in total and per Part."""
        out = {"sections": len(self.sections()), "items": len(self.items())}
        for p in self.parts:
            out[f"part_{p.key}_sections"] = len(p.sections)
            out[f"part_{p.key}_items"] = sum(len(s.items) for s in p.sections)
        return out

    @property
    def base_name(self) -> str:
        """Return the output file name without extension, e.g. "...-compilation-2024-09"."""
        return f"{self.publication.file_name}-{self.edition.id}"

    def to_json(self) -> str:
        """Return the model as JSON text, every field of every node (sorted keys: stable)."""
        data = {"format": MODEL_FORMAT, "document": encode(self)}
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str | dict) -> Document:
        """Return the Document that to_json() wrote (text, or its parsed data)."""
        data = json.loads(text) if isinstance(text, str) else text
        if data.get("format") == MODEL_FORMAT_1:
            data = {"format": MODEL_FORMAT, "document": upgrade_1(data["document"])}
        if data.get("format") != MODEL_FORMAT:
            raise ValueError(f"not a {MODEL_FORMAT} model (format {data.get('format')!r})")
        return decode(cls, data["document"])
