"""The publication file and the editions registry (content/publication.yaml, content/editions.yaml), read into
typed specs, reporting every problem."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..errors import Location, Problem
from ..model import Publication
from .fields import Fields
from .markup import parse_inline
from .schema import ID_RE, CorrectionSpec, read_corrections
from .yamlsource import YNode

EDITION_ID_RE = re.compile(r"^\d{4}-\d{2}$")
MONTHS = ("January February March April May June July August September October November December").split()
STATUSES = ("draft", "issued")


@dataclass
class FrontRef:
    key: str
    file: str
    heading: str | None
    loc: Location


@dataclass
class EditionSpec:
    id: str
    date_label: str
    date: dt.date
    place: str
    status: str
    front: list[FrontRef]
    corrections: list[CorrectionSpec]
    loc: Location
    changes_section: bool = True  # "Changes in this edition", in an edition after an issued one
    imprint: tuple[str, ...] | None = None  # this edition's imprint lines, if they differ from the publication's
    print_copy: str | None = None  # the edition as printed, kept under content/sources/ (for the record)


@dataclass
class WorkingGroup:
    key: str
    name: str
    symbol: str
    loc: Location


@dataclass
class PublicationSpec:
    """The publication file: the model's Publication (declared once, in model/), and what selection needs."""

    model: Publication
    report_symbol_url: str | None
    part_headings: dict[str, str]
    item_label: str
    working_groups: dict[str, WorkingGroup]
    loc: Location
    imprint: tuple[str, ...] = ()  # imprint lines for the verso of the cover; none is printed when absent
    logo_loc: Location | None = None  # where the cover logo is named (its file is checked in rules.py)

    @property
    def contact(self) -> str:
        return self.model.contact


def parse_edition_date(label: str) -> dt.date | None:
    """Return the first day of the month of a "Month Year" date label, or None."""
    m = re.fullmatch(r"([A-Z][a-z]+) (\d{4})", label or "")
    if not m or m.group(1) not in MONTHS:
        return None
    return dt.date(int(m.group(2)), MONTHS.index(m.group(1)) + 1, 1)


def read_editions(node: YNode | None, path: str, problems: list[Problem]) -> list[EditionSpec]:
    """Return the editions registry."""
    f = Fields(node, "the editions file", problems, path)
    out = []
    for enode in f.sequence("editions", required=True):
        e = Fields(enode, "an edition", problems, path)
        if not e.ok:
            continue
        eid = e.text("id", required=True, hint='year and month, e.g. "2024-09"')
        if eid and not EDITION_ID_RE.match(eid):
            e.problem(e.loc_of("id"), f'edition id {eid!r} must be year-month, e.g. "2024-09"')
        label = e.text("date", required=True, hint="as printed on the cover, e.g. September 2024")
        date = parse_edition_date(label) if label else None
        if label and date is None:
            e.problem(e.loc_of("date"), f'date {label!r} must be a month and year, e.g. "September 2024"')
        if date and eid and EDITION_ID_RE.match(eid) and eid != f"{date.year}-{date.month:02d}":
            e.problem(e.loc_of("id"), f"edition id {eid!r} does not match its date {label!r}")
        place = e.text("place", required=True, hint="e.g. Vienna")
        status = e.text("status", required=True, choices=STATUSES)
        front = []
        fnode = e.mapping("front", required=True)
        if fnode is not None:
            for key, sub in fnode.fields.items():
                kloc = fnode.keys[key]
                if sub.kind == "scalar" and isinstance(sub.value, str):
                    front.append(FrontRef(key, sub.value, None, sub.loc))
                elif sub.kind == "map":
                    r = Fields(sub, f"front section '{key}'", problems, path)
                    file = r.text("file", required=True, hint="e.g. front/background.md")
                    heading = r.text("heading")
                    r.finish()
                    if file:
                        front.append(FrontRef(key, file, heading, sub.loc))
                else:
                    e.problem(kloc, f"front section '{key}' must be a file name or a mapping with 'file'")
        corrections = read_corrections(e, problems)
        imprint = e.text_list("imprint") if e.has("imprint") else None
        printed = e.text("print", hint="the edition as printed, kept as e.g. sources/compilation-2024-09-print.txt")
        changes = e.raw("changes_section")
        if changes is not None and not isinstance(changes.value, bool):
            e.problem(changes.loc, "'changes_section' must be true or false")
        e.finish()
        if eid and label and date and place and status:
            shown = changes.value if changes is not None and isinstance(changes.value, bool) else True
            out.append(EditionSpec(eid, label, date, place, status, front, corrections, e.loc, shown, imprint, printed))
    f.finish()
    return out


def read_publication(node: YNode | None, path: str, problems: list[Problem]) -> PublicationSpec | None:
    """Return the publication file's content."""
    f = Fields(node, "the publication file", problems, path)
    if not f.ok:
        return None
    values = {
        k: f.text(k, required=True)
        for k in ("title", "short_title", "file_name", "language", "publisher", "publisher_short", "contact")
    }
    for k in ("title", "short_title", "publisher", "publisher_short"):  # page titles, mail subjects and senders
        value = values[k]
        if value and ("\n" in value or "\r" in value):
            f.problem(f.loc_of(k), f"{k} must be one line: it is a page's title and a mail's subject")
            values[k] = " ".join(value.split())
    if values["file_name"] and not ID_RE.match(values["file_name"]):
        f.problem(f.loc_of("file_name"), "file_name must be lower-case letters, digits and hyphens")
    if values["contact"] and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", values["contact"]):
        f.problem(f.loc_of("contact"), f"contact {values['contact']!r} is not an e-mail address")
    url = f.text("report_symbol_url")
    if url and "{symbol}" not in url:
        f.problem(f.loc_of("report_symbol_url"), "report_symbol_url must contain {symbol}")
    if url and not url.startswith("https://") and not url.startswith("http://"):
        f.problem(f.loc_of("report_symbol_url"), "report_symbol_url must be an http(s) URL")
    cover = Fields(f.mapping("cover", required=True), "'cover'", problems, path)
    cover_publisher = cover.text_list("publisher_lines")
    cover_mark = cover.text_list("mark_lines")
    cover_heading = cover.text("heading", required=True) or ""
    logo = cover.text("logo")
    logo_loc = cover.loc_of("logo")
    if logo and not re.fullmatch(r"assets/[A-Za-z0-9][A-Za-z0-9._-]*\.(svg|png)", logo):
        cover.problem(
            cover.loc_of("logo"),
            f"cover logo {logo!r} must be an SVG or PNG file in content/assets/, written as assets/<name>.svg or .png",
        )
        logo = None
    title_lines = []
    for line in cover.text_list("title_lines"):
        runs, probs = parse_inline(line, cover.loc_of("title_lines"))
        problems.extend(probs)
        title_lines.append(runs)
    cover.finish()
    parts = Fields(f.mapping("parts", required=True), "'parts'", problems, path)
    headings, item_label = {}, "Recommendation"
    for key in ("a", "b"):
        p = Fields(parts.mapping(key, required=True), f"part '{key}'", problems, path)
        headings[key] = p.text("heading", required=True) or ""
        if key == "a":
            item_label = p.text("item_label") or item_label
        p.finish(("item_label",))
    parts.finish()
    groups: dict[str, WorkingGroup] = {}
    for gnode in f.sequence("working_groups", required=True):
        g = Fields(gnode, "a working group", problems, path)
        gkey, name, symbol = (
            g.text("key", required=True),
            g.text("name", required=True),
            g.text("symbol", required=True),
        )
        g.finish()
        if gkey in groups:
            g.problem(g.loc_of("key"), f"working group '{gkey}' is listed twice")
        elif gkey and name and symbol:
            groups[gkey] = WorkingGroup(gkey, name, symbol, g.loc)
    imprint = f.text_list("imprint")
    f.finish()
    texts = {k: v for k, v in values.items() if v}
    if len(texts) != len(values):
        return None
    model = Publication(
        **texts,
        cover_publisher=cover_publisher,
        cover_mark=cover_mark,
        cover_heading=cover_heading,
        cover_title=tuple(title_lines),
        cover_logo=logo,
    )
    return PublicationSpec(model, url, headings, item_label, groups, f.loc, imprint, logo_loc if logo else None)
