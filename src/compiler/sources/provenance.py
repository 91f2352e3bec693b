"""Check items against the original source documents kept under content/sources/ (text and placement).

The kept file is the original (PDF, DOCX or text), extracted afresh with today's extractor
(sources/extract.py), so a better extractor fixes every check; its sha256, when the content
records one, must still match.
"""

from __future__ import annotations

import hashlib
import json

from ..errors import ERROR, CompilerError, Problem
from ..files import code_digest, write_atomic


def _extracted(content, path) -> str:
    """Return the text of a kept source, cached in build/.cache by its bytes and the compiler's code."""
    from .extract import extract

    data = path.read_bytes()
    key = hashlib.sha256(data + code_digest().encode()).hexdigest()[:32]
    cache = content.project.build_dir / ".cache" / f"extract-{key}.json"
    try:
        return json.loads(cache.read_text(encoding="utf-8"))["text"]
    except (OSError, ValueError, KeyError):
        pass
    text = extract(path).text
    try:
        write_atomic(cache, json.dumps({"text": text}).encode())
    except CompilerError:  # a cache that cannot be written is no error
        pass
    return text


def _difference(mine: str, theirs: str) -> str:
    """Return the word-level difference of an item and its source: [-only in the item-] {+only in the source+}.

    Long unchanged stretches are shortened to their ends, so the message shows the changes.
    """
    from ..model import Run
    from ..text.words import word_diff

    ops = word_diff((Run(mine),), (Run(theirs),))
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


def _corrected(source: str, corrections) -> str:
    """Return the source text with the item's recorded corrections of the published text applied."""
    for c in corrections:
        if c.correction.kind == "text":
            source = source.replace(c.correction.printed, c.correction.corrected)
    return source


def check_provenance(content) -> list[Problem]:
    """Return errors where an item differs from its source paragraph, or a paragraph is missing or misplaced."""
    from .summary import normalise, parse_summary

    out: list[Problem] = []
    root = content.project.content_dir
    texts: dict[str, list] = {}
    for s in content.sections:
        for item in s.items:
            texts.setdefault(normalise(item.text), []).append((s, item))
    for s in content.sections:
        if s.part != "b" or not s.summary_copy:
            continue
        path = root / s.summary_copy
        if not path.is_file():
            continue  # reported by the rules
        loc = s.field_locs.get("summary", s.loc)
        rel = f"content/{s.summary_copy}"
        if s.summary_sha256 and hashlib.sha256(path.read_bytes()).hexdigest() != s.summary_sha256:
            out.append(
                Problem(
                    loc,
                    f"{rel} is not the file that was imported (its sha256 differs from the one "
                    f"recorded here); restore the original from git",
                )
            )
            continue
        try:
            summary = parse_summary(_extracted(content, path), rel)
        except (CompilerError, UnicodeDecodeError) as exc:
            out.append(Problem(loc, f"the kept summary cannot be read for checking: {exc}"))
            continue
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
            mine = normalise(item.text)
            theirs = normalise(_corrected(o.text, item.corrections))
            if mine != theirs:
                out.append(
                    Problem(
                        item.text_loc,
                        f"{item.id} differs from paragraph {o.number} of {rel}: {_difference(mine, theirs)} "
                        f"([-only in the item-] {{+only in the summary+}}). Make the item say what the summary says, "
                        f"or, if the summary is wrong, record a correction with the item (corrections: kind: text, "
                        f"printed, corrected, reason)",
                    )
                )
            subs = [(x.label, normalise(x.text)) for x in item.sub_items]
            wanted = [
                (label, normalise(_corrected(t, [c for x in item.sub_items for c in x.corrections])))
                for label, t in o.sub_items
            ]
            if subs != wanted:
                out.append(Problem(item.loc, f"{item.id}: the sub-items differ from paragraph {o.number} of {rel}"))
        for number, o in source.items():
            if number in seen:
                continue
            elsewhere = [f"{sec.id} ({it.id})" for sec, it in texts.get(normalise(o.text), []) if sec.id != s.id]
            where = f"; its text is placed under {', '.join(elsewhere)}" if elsewhere else ""
            out.append(
                Problem(loc, f"paragraph {number} of the observations in {rel} is missing from {s.id}{where}", ERROR)
            )
    return out
