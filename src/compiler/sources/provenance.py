"""Check items against the copies of their sources kept under content/ (text and placement)."""

from __future__ import annotations

from ..errors import ERROR, Problem


def _first_difference(a: str, b: str) -> str:
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return f"…{a[max(0, i - 25) : i + 25]}… in the content, …{b[max(0, i - 25) : i + 25]}… in the source"


def check_provenance(content) -> list[Problem]:
    """Return errors where an item differs from its source paragraph, or a paragraph is missing or misplaced."""
    from ..errors import CompilerError
    from .summary import normalise, parse_summary

    out: list[Problem] = []
    root = content.project.content_dir
    texts = {}
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
        try:
            summary = parse_summary(path.read_text(encoding="utf-8"), f"content/{s.summary_copy}")
        except (CompilerError, UnicodeDecodeError) as exc:
            out.append(Problem(loc, f"the summary copy cannot be read for checking: {exc}"))
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
                        f"{item.id}: paragraph {item.paragraph} is not an observation "
                        f"of content/{s.summary_copy} (it has {min(source)}-{max(source)})",
                    )
                )
                continue
            mine, theirs = normalise(item.text), o.text
            if mine != theirs:
                out.append(
                    Problem(
                        item.text_loc,
                        f"{item.id} differs from paragraph {o.number} of "
                        f"content/{s.summary_copy}: {_first_difference(mine, theirs)}",
                    )
                )
            if [(l, normalise(t)) for l, t in ((x.label, x.text) for x in item.sub_items)] != o.sub_items:
                out.append(
                    Problem(
                        item.loc,
                        f"{item.id}: the sub-items differ from paragraph {o.number} of content/{s.summary_copy}",
                    )
                )
        for number, o in source.items():
            if number in seen:
                continue
            elsewhere = [f"{sec.id} ({it.id})" for sec, it in texts.get(o.text, []) if sec.id != s.id]
            where = f"; its text is placed under {', '.join(elsewhere)}" if elsewhere else ""
            out.append(
                Problem(
                    loc,
                    f"paragraph {number} of the observations in content/{s.summary_copy} is missing from {s.id}{where}",
                    ERROR,
                )
            )
    return out
