"""Checks across content files: ids, editions, report symbols, labels and text artefacts."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..errors import NOTE, WARNING, Location, Problem
from ..model import Paragraph, plain_text
from .schema import ItemSpec, SectionSpec
from .themes import theme_problems

# A page-footer number such as "7/7" left between two words: page n of N, so n <= N.
_FOOTER = re.compile(r"(?<=[A-Za-z,;]) (\d{1,3})/(\d{1,3}) (?=[a-z])")
_DOUBLE_SPACE = re.compile(r"\S {2,}\S")
_ENDS = (".", ";", ":", "!", "?", ".”", '."', ";”", "; and", "; or")


def text_warnings(text: str, loc: Location) -> list[Problem]:
    """Return warnings about copy-and-paste artefacts in one text."""
    out = []
    for m in _FOOTER.finditer(text):
        if int(m.group(1)) <= int(m.group(2)):
            out.append(
                Problem(
                    loc,
                    f'"{m.group(1)}/{m.group(2)}" inside a sentence looks like a '
                    f"page-footer number copied with the text; delete it (and record "
                    f"the correction)",
                    WARNING,
                )
            )
    if _DOUBLE_SPACE.search(text):
        out.append(Problem(loc, "doubled space in the text; use a single space", WARNING))
    if text != text.strip():
        out.append(Problem(loc, "text starts or ends with spaces", WARNING))
    return out


def _label_key(label: str):
    core = label.strip("()")
    if core.isdigit():
        return ("n", int(core))
    if len(core) == 1 and core.isalpha():
        return ("a", ord(core.lower()))
    return None


def label_sequence_warnings(labels: list[tuple[str, Location]], what: str) -> list[Problem]:
    """Return warnings where a label sequence has a gap or a repeat (14, 15, 17 or (a), (a))."""
    out = []
    prev = None
    for label, loc in labels:
        key = _label_key(label) if label else None
        if key is None:
            prev = None
            continue
        if prev is not None and key[0] == prev[0]:
            if key[1] == prev[1]:
                out.append(Problem(loc, f"{what} label {label} repeats the previous one", WARNING))
            elif key[1] != prev[1] + 1:
                out.append(
                    Problem(
                        loc,
                        f"{what} label {label} does not follow the previous label (a gap or a wrong order)",
                        WARNING,
                    )
                )
        prev = key
    return out


def _ends_well(text: str) -> bool:
    t = text.rstrip()
    return t.endswith(_ENDS)


def _check_correction(c, text: str, loc: Location) -> list[Problem]:
    corr = c.correction
    if corr.kind != "text":
        return []
    out = []
    if corr.corrected not in text:
        out.append(
            Problem(
                c.loc,
                f'correction says the text now reads "{corr.corrected}", but it '
                f"does not; update the record or the text",
            )
        )
    if corr.printed in text:
        out.append(Problem(c.loc, f'correction says "{corr.printed}" was corrected, but the text still has it'))
    return out


def _item_checks(item: ItemSpec, section: SectionSpec) -> list[Problem]:
    out = text_warnings(item.text, item.text_loc)
    if "TODO" in item.text or (item.label or "") == "TODO":
        out.append(Problem(item.text_loc, f"{item.id}: a TODO placeholder is left; write the text as published"))
    for c in item.corrections:
        out += _check_correction(c, item.text, item.text_loc)
    if item.sub_items:
        if not item.sic and not item.text.rstrip().endswith((":", "—", "-")) and not _ends_well(item.text):
            out.append(Problem(item.text_loc, f"{item.id}: text before sub-items should end with ':'", WARNING))
        for s in item.sub_items:
            out += text_warnings(s.text, s.loc)
            for c in s.corrections:
                out += _check_correction(c, s.text, s.loc)
            if not s.sic and not _ends_well(s.text):
                out.append(
                    Problem(
                        s.loc,
                        f"{item.id} {s.label}: sub-item does not end with "
                        f"punctuation; add it, or record why not in 'sic'",
                        WARNING,
                    )
                )
        out += label_sequence_warnings([(s.label, s.loc) for s in item.sub_items], f"{item.id} sub-item")
        first = _label_key(item.sub_items[0].label)
        if first and first[1] not in (1, ord("a"), ord("i")):
            out.append(Problem(item.sub_items[0].loc, f"{item.id}: sub-items should start at (a)", WARNING))
    elif item.text and not item.sic and not _ends_well(item.text):
        out.append(
            Problem(
                item.text_loc,
                f"{item.id} does not end with a full stop or other "
                f"punctuation; add it if the source has it, or record "
                f"in 'sic' why the text is kept as printed",
                WARNING,
            )
        )
    return out


def _all_texts(content) -> list[tuple[str, Location]]:
    """Return every text the publication prints, with where it is written."""
    out = []
    for s in content.sections:
        for name in ("title", "report_symbol"):
            if getattr(s, name):
                out.append((getattr(s, name), s.field_locs.get(name, s.loc)))
        out += [(", ".join(s.chairs), s.loc)] if s.chairs else []
        for item in s.items:
            out.append((item.text, item.text_loc))
            out += [(sub.text, sub.loc) for sub in item.sub_items]
    for prose in content.prose.values():
        for block in prose.blocks:
            runs = [block.runs] if isinstance(block, Paragraph) else [i.runs for i in block.items]
            out += [(plain_text(r), Location(prose.path)) for r in runs]
    return out


def _logo_problems(content) -> list[Problem]:
    """Return what is wrong with the cover logo's file: missing, or not the SVG or PNG its name says."""
    pub = content.publication
    logo = pub.model.cover_logo if pub else None
    if not logo:
        return []
    path = content.project.content_dir / logo
    try:
        head = path.read_bytes()[:512]
    except OSError:
        return [Problem(pub.logo_loc, f"cover logo {logo!r}: no such file; put it in content/assets/ or remove 'logo'")]
    is_png = head.startswith(b"\x89PNG\r\n\x1a\n")
    is_svg = b"<svg" in head or (head.lstrip().startswith(b"<?xml") and logo.endswith(".svg"))
    if (logo.endswith(".png") and not is_png) or (logo.endswith(".svg") and not is_svg):
        kind = "PNG" if logo.endswith(".png") else "SVG"
        return [Problem(pub.logo_loc, f"cover logo {logo!r} is not a {kind} image; export it again as {kind}")]
    return []


def check_content(content) -> list[Problem]:
    """Return the problems found across files (ids, editions, symbols, sequences, artefacts, fonts)."""
    from .fonts import missing_glyphs

    out: list[Problem] = missing_glyphs(_all_texts(content))
    pub = content.publication
    out += _logo_problems(content)
    edition_ids = set()
    for e in content.editions:
        if e.id in edition_ids:
            out.append(Problem(e.loc, f"edition '{e.id}' is listed twice"))
        edition_ids.add(e.id)
        out += kept_file(content, e.print_copy, e.loc, "print")
        keys = [r.key for r in e.front]
        for required in ("guidance", "background"):
            if required not in keys:
                out.append(Problem(e.loc, f"edition '{e.id}' has no front section '{required}'"))
        for c in e.corrections:
            if c.correction.kind != "contents":
                out.append(
                    Problem(
                        c.loc,
                        "an edition's corrections are of kind 'contents'; record "
                        "text corrections with the item they correct",
                    )
                )
    for prose in content.prose.values():
        for block in prose.blocks:
            texts = [block.runs] if isinstance(block, Paragraph) else [i.runs for i in block.items]
            for runs in texts:
                out += [p for p in text_warnings(plain_text(runs), Location(prose.path)) if "page-footer" in p.message]

    def known_edition(eid, loc, what):
        if eid and eid not in edition_ids:
            out.append(
                Problem(
                    loc,
                    f"{what} '{eid}' is not an edition in content/editions.yaml "
                    f"(known: {', '.join(sorted(edition_ids)) or 'none'})",
                )
            )

    section_ids: dict[str, Location] = {}
    item_ids: dict[str, Location] = {}
    orders: dict[tuple, Location] = {}
    for s in content.sections:
        if not s.id:
            continue
        if s.id in section_ids or s.id in item_ids:
            first = section_ids.get(s.id) or item_ids.get(s.id)
            out.append(
                Problem(
                    s.field_locs["id"],
                    f"duplicate id '{s.id}' (also used at {first}); every section and item needs its own id",
                )
            )
        else:
            section_ids[s.id] = s.field_locs["id"]
        known_edition(s.first_edition, s.loc, "first_edition")
        known_edition(s.last_edition, s.loc, "last_edition")
        if s.year is not None and s.order is not None:
            key = (s.part, s.year, s.order)
            if key in orders:
                out.append(
                    Problem(
                        s.loc,
                        f"order {s.order} in {s.year} is also used by {orders[key]}; "
                        f"give each section of a year its own position",
                    )
                )
            else:
                orders[key] = Location(s.path)
        for c in s.corrections:
            if c.correction.kind == "heading" and s.title and c.correction.corrected != s.title:
                out.append(Problem(c.loc, "heading correction does not match the section's title"))
        if s.part == "a":
            out += _part_a_checks(s, pub, content)
        else:
            out += _part_b_checks(s, pub, content)
        labels = []
        for item in s.items:
            if item.id in item_ids or item.id in section_ids:
                first = item_ids.get(item.id) or section_ids.get(item.id)
                out.append(
                    Problem(
                        item.id_loc, f"duplicate id '{item.id}' (also used at {first}); every item needs its own id"
                    )
                )
            else:
                item_ids[item.id] = item.id_loc
            known_edition(item.first_edition, item.loc, "first_edition")
            known_edition(item.last_edition, item.loc, "last_edition")
            if item.first_edition and s.first_edition and item.first_edition < s.first_edition:
                out.append(
                    Problem(item.loc, f"{item.id} cannot appear before its section (first_edition {s.first_edition})")
                )
            labels.append((item.label, item.loc))  # a missing label breaks the sequence: its error says why
            out += _item_checks(item, s)
        what = "recommendation" if s.part == "a" else "observation"
        out += label_sequence_warnings(labels, what)
        out += _paragraph_range_notes(s)
    return out + theme_problems(content)


def _paragraph_range_notes(s: SectionSpec) -> list[Problem]:
    """Say when a dialogue's summary paragraphs cannot number its observations: they are then cited by their place."""
    if s.summary_paragraphs is None:
        return []
    first, last = s.summary_paragraphs
    if last - first + 1 == len(s.items) or any(i.paragraph is not None for i in s.items):
        return []
    return [
        Problem(
            s.field_locs.get("summary", s.loc),
            f"{s.id}: the summary's paragraphs {first}-{last} are {last - first + 1}, the observations "
            f"{len(s.items)}: they are cited by their place in the compilation, not by paragraph",
            NOTE,
        )
    ]


def _part_a_checks(s: SectionSpec, pub, content) -> list[Problem]:
    out = []
    groups = pub.working_groups if pub else {}
    group = groups.get(s.working_group) if s.working_group else None
    if s.working_group and pub and group is None:
        out.append(
            Problem(
                s.field_locs["working_group"],
                f"unknown working group '{s.working_group}'; known: {', '.join(sorted(groups))} "
                f"(add new ones to content/publication.yaml)",
            )
        )
    if s.report_symbol and group and s.year:
        expected = f"{group.symbol}/{s.year}/"
        if not s.report_symbol.startswith(expected) or not s.report_symbol[len(expected) :].isdigit():
            out.append(
                Problem(
                    s.field_locs["report_symbol"],
                    f"report symbol {s.report_symbol} does not match the working group and "
                    f"year: expected {expected}<number> for {group.name}, {s.year}",
                )
            )
    if s.report_url:
        out += _url_problems(s.report_url, s.field_locs["report_url"], "report_url")
    elif pub and not pub.report_symbol_url:
        out.append(
            Problem(
                s.loc,
                f"no link for report {s.report_symbol}: set report_url here or "
                f"report_symbol_url in content/publication.yaml",
                NOTE,
            )
        )
    for item in s.items:
        if item.paragraph is not None and item.paragraph < 1:
            out.append(Problem(item.loc, "paragraph must be a positive number"))
    out += kept_file(content, s.report_copy, s.field_locs.get("report", s.loc), "report copy")
    return out


def _part_b_checks(s: SectionSpec, pub, content) -> list[Problem]:
    out = []
    groups = pub.working_groups if pub else {}
    for key in s.follows:
        if pub and key not in groups:
            out.append(Problem(s.field_locs["follows"], f"follows: unknown working group '{key}'"))
    if s.summary_url:
        out += _url_problems(s.summary_url, s.field_locs.get("summary", s.loc), "summary url")
    else:
        out.append(
            Problem(
                s.loc,
                f"{s.id}: no link to the summary by the "
                f"{'Chair' if s.summary_by == 'chair' else 'Co-Chairs'} "
                f"(summary: url:); the heading is printed without a link",
                NOTE,
            )
        )
    out += kept_file(content, s.summary_copy, s.field_locs.get("summary", s.loc), "summary copy")
    return out


def kept_file(content, rel: str | None, loc: Location, what: str) -> list[Problem]:
    """Return an error if a kept original the content names is not a file in content/sources/."""
    if not rel:
        return []
    sources = (content.project.content_dir / "sources").resolve()
    path = (content.project.content_dir / rel).resolve()
    if not path.is_relative_to(sources) or not path.is_file():
        return [Problem(loc, f"{what} content/{rel} does not exist (kept originals are files in content/sources/)")]
    return []


def _url_problems(url: str, loc: Location, what: str) -> list[Problem]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return [Problem(loc, f"{what} {url!r} must be a full http(s) URL")]
    return []
