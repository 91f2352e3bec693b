"""Check every item against the original source document kept under content/sources/: text, sub-items, placement.

The kept file is the original (PDF, DOCX or text), extracted afresh with today's extractor
(sources/extract.py), so a better extractor fixes every check; its sha256, when the content
records one, must still match. Part B items are compared with the summary's observations by
paragraph number, Part A items with the report's recommendations by label; every difference is
shown word by word, for main texts and sub-items alike.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from ..errors import ERROR, WARNING, CompilerError, Location, Problem
from ..model import Run
from ..text.words import Op, word_diff
from .bounded import extract_bounded
from .extract import Extraction
from .hyphens import Vocabulary
from .report import parse_report, report_symbol
from .summary import normalise, parse_summary

DO = (
    "Make the item say what the {what} says, or, if the {what} is wrong, record a correction with the item "
    "(corrections: kind: text, printed, corrected, reason)"
)


def _extracted(content, path, vocabulary: Callable[[], Vocabulary]) -> Extraction:
    """Return a kept source's lines (kept in build/.cache by its bytes and the compiler's code), with its line-end
    hyphens decided by the publication's words as they are today."""
    return extract_bounded(path, cache_dir=content.project.build_dir / ".cache").resolve(vocabulary())


def _shown(ops: list[Op]) -> str:
    """Return a word-level difference as text, long unchanged stretches shortened to their ends."""
    out = []
    for k, op in enumerate(ops):
        if op.kind == "insert":
            out.append(f"{{+{op.text}+}}")
        elif op.kind == "delete":
            out.append(f"[-{op.text}-]")
        elif len(op.tokens) > 16:
            head = "".join(t.text for t in op.tokens[:8]) if k else ""
            tail = "".join(t.text for t in op.tokens[-8:]) if k < len(ops) - 1 else ""
            out.append(f"{head}…{tail}")
        else:
            out.append(op.text)
    return "".join(out)


def difference(mine: str, theirs: str) -> str:
    """Return the word-level difference of an item and its source: [-only in the item-] {+only in the source+}."""
    return _shown(word_diff((Run(mine),), (Run(theirs),)))


def _corrected(source: str, corrections) -> str:
    """Return the source text with the item's recorded corrections of the published text applied."""
    for c in corrections:
        if c.correction.kind == "text":
            source = source.replace(c.correction.printed, c.correction.corrected)
    return source


def _compare(item, text: str, subs: list[tuple[str, str]], where: str, what: str) -> list[Problem]:
    """Return the differences between an item (text and sub-items) and its source, word by word."""
    out = []
    mine, theirs = normalise(item.text), normalise(_corrected(text, item.corrections))
    legend = f"([-only in the item-] {{+only in the {what}+}}). " + DO.format(what=what)
    if mine != theirs:
        out.append(Problem(item.text_loc, f"{item.id} differs from {where}: {difference(mine, theirs)} {legend}"))
    ours = {s.label: s for s in item.sub_items}
    source_labels = [label for label, _ in subs]
    for label, sub_text in subs:
        sub = ours.get(label)
        if sub is None:
            out.append(Problem(item.loc, f"{item.id}: sub-item {label} of {where} is missing from the item"))
            continue
        a, b = normalise(sub.text), normalise(_corrected(sub_text, sub.corrections))
        if a != b:
            out.append(Problem(sub.loc, f"{item.id} {label} differs from {where}: {difference(a, b)} {legend}"))
    for label, sub in ours.items():
        if label not in source_labels:
            out.append(Problem(sub.loc, f"{item.id}: sub-item {label} is not in {where}"))
    return out


def _kept(content, s, copy: str | None, field: str) -> tuple[Path, str, Location] | None:
    """Return (path, its name, where the section names it) of a section's kept original if it can be checked."""
    if not copy:
        return None
    path = content.project.content_dir / copy
    if not path.is_file():
        return None  # reported by the rules
    loc = s.field_locs.get(field, s.loc)
    return path, f"content/{copy}", loc


def check_provenance(content) -> list[Problem]:
    """Return errors where an item differs from its kept source, or a paragraph or recommendation is missing or
    misplaced; a warning for a file in content/sources/ that nothing refers to."""
    out: list[Problem] = []
    texts: dict[str, list] = {}
    for s in content.sections:
        for item in s.items:
            texts.setdefault(normalise(item.text), []).append((s, item))
    words: list[Vocabulary] = []

    def vocabulary() -> Vocabulary:  # built once, and only when a kept source is read
        if not words:
            words.append(Vocabulary.of(content.wording()))
        return words[0]

    for s in content.sections:
        if s.part == "b":
            kept = _kept(content, s, s.summary_copy, "summary")
            sha = s.summary_sha256
        else:
            kept = _kept(content, s, s.report_copy, "report")
            sha = s.report_sha256
        if kept is None:
            continue
        path, rel, loc = kept
        if sha and hashlib.sha256(path.read_bytes()).hexdigest() != sha:
            out.append(
                Problem(
                    loc,
                    f"{rel} is not the file that was imported (its sha256 differs from the one recorded here); "
                    f"restore the original from git",
                )
            )
            continue
        try:
            extraction = _extracted(content, path, vocabulary)
            if s.part == "b":
                out += _check_summary(s, extraction, rel, loc, texts)
            else:
                out += _check_report(s, extraction, rel, loc)
        except (CompilerError, UnicodeDecodeError) as exc:
            out.append(Problem(loc, f"the kept original cannot be read for checking: {exc}"))
    return out + orphans(content)


def _check_summary(s, extraction: Extraction, rel: str, loc: Location, texts) -> list[Problem]:
    out = []
    summary = parse_summary(extraction.text, rel)
    source = {o.number: o for o in summary.observations}
    seen = set()
    for item in s.items:
        if item.paragraph is None:
            continue
        seen.add(item.paragraph)
        o = source.get(item.paragraph)
        if o is None:
            out.append(
                Problem(
                    item.loc,
                    f"{item.id}: paragraph {item.paragraph} is not an observation of {rel} "
                    f"(it has {min(source)}-{max(source)})",
                )
            )
            continue
        out += _compare(item, o.text, o.sub_items, f"paragraph {o.number} of {rel}", "summary")
    for number, o in source.items():
        if number in seen:
            continue
        elsewhere = [f"{sec.id} ({it.id})" for sec, it in texts.get(normalise(o.text), []) if sec.id != s.id]
        where = f"; its text is placed under {', '.join(elsewhere)}" if elsewhere else ""
        out.append(
            Problem(loc, f"paragraph {number} of the observations in {rel} is missing from {s.id}{where}", ERROR)
        )
    return out


def _check_report(s, extraction: Extraction, rel: str, loc: Location) -> list[Problem]:
    out = []
    report = parse_report(extraction.text, report_symbol(extraction.stated_symbols, rel, s.report_symbol), rel)
    source = {r.label: r for r in report.recommendations}
    seen = set()
    for item in s.items:
        r = source.get(item.label or "")
        if r is None:
            out.append(Problem(item.loc, f"{item.id}: {rel} has no recommendation {item.label}"))
            continue
        seen.add(r.label)
        out += _compare(item, r.text, r.subs(), f"recommendation {r.label} of {rel}", "report")
    for label in source:
        if label not in seen:
            out.append(Problem(loc, f"recommendation {label} of {rel} is missing from {s.id}"))
    return out


def orphans(content) -> list[Problem]:
    """Return a warning for each file in content/sources/ that no section or edition refers to (left by an import
    that was replaced, say): commit it with what refers to it, or delete it."""
    folder = content.project.content_dir / "sources"
    if not folder.is_dir():
        return []
    named = {s.summary_copy for s in content.sections} | {s.report_copy for s in content.sections}
    named |= {e.print_copy for e in content.editions}
    out = []
    for path in sorted(folder.iterdir()):
        rel = f"sources/{path.name}"
        if path.is_file() and path.name != "README.md" and rel not in named:
            out.append(
                Problem(
                    Location(f"content/{rel}"),
                    "no section or edition refers to this kept original (an earlier import's?); delete it, or "
                    "name it in the content file it belongs to",
                    WARNING,
                )
            )
    return out
