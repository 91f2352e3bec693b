"""Parse the content's short Markdown (emphasis, links, labelled lists) into model runs and blocks."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from ..errors import ERROR, NOTE, Location, Problem
from ..model import ListBlock, ListItem, Paragraph, Run
from .characters import forbidden_characters

ALLOWED_SCHEMES = ("http", "https", "mailto")
# A line that starts with a label as printed: "1)", "2.", "A.", "(a)", or a bullet "-".
_LABEL = re.compile(r"^(\d{1,3}\)|\d{1,3}\.|[A-Z]\.|\([a-z]{1,4}\)|[-*])\s+")
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$")


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    md = MarkdownIt("js-default")  # no raw HTML; markup in text comes out escaped
    md.validateLink = lambda url: True  # type: ignore[method-assign] # every link is parsed, so check_link reports it
    return md


def check_link(href: str, text: str, loc: Location) -> list[Problem]:
    """Return the problems with a link target: unknown targets are noted, bad schemes are errors."""
    if href == "":
        return [
            Problem(
                loc,
                f'link "{text}" has no target: no source gives its URL; add it when '
                f"known (it is printed as plain text until then)",
                NOTE,
            )
        ]
    scheme = urlsplit(href).scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        shown = href if len(href) < 60 else href[:57] + "..."
        return [
            Problem(
                loc,
                f'link "{text}" points to {shown!r}: only http(s) and mailto links '
                f"are allowed; give a full https:// URL",
            )
        ]
    return []


def parse_inline(text: str, loc: Location) -> tuple[tuple[Run, ...], list[Problem]]:
    """Return the runs of one paragraph of inline Markdown and the problems found in it."""
    problems: list[Problem] = []
    tokens = _parser().parseInline(text)[0].children or []
    runs: list[Run] = []
    italic = bold = 0
    href: str | None = None  # the target given to runs inside the current link
    target = ""  # the current link's target as written
    link_text: list[str] = []
    for tok in tokens:
        t = tok.type
        if t in ("text", "code_inline", "html_inline"):
            piece = tok.content
        elif t in ("softbreak", "hardbreak"):
            piece = " "
        elif t == "em_open":
            italic += 1
            continue
        elif t == "em_close":
            italic -= 1
            continue
        elif t == "strong_open":
            bold += 1
            continue
        elif t == "strong_close":
            bold -= 1
            continue
        elif t == "link_open":
            target = tok.attrs.get("href", "") or ""
            allowed = target == "" or urlsplit(target).scheme.lower() in ALLOWED_SCHEMES
            href = target if allowed else None
            link_text = []
            continue
        elif t == "link_close":
            problems += check_link(target, "".join(link_text), loc)
            href = None
            target = ""
            continue
        elif t == "image":
            problems.append(
                Problem(loc, f"image {tok.attrs.get('src', '')!r}: images are not allowed in content; remove it", ERROR)
            )
            continue
        else:  # pragma: no cover - js-default emits nothing else inline
            piece = tok.content
        if not piece:
            continue
        if target or href is not None:
            link_text.append(piece)
        run = Run(piece, italic > 0, bold > 0, href)
        if runs and (runs[-1].italic, runs[-1].bold, runs[-1].href) == (run.italic, run.bold, run.href):
            runs[-1] = Run(runs[-1].text + piece, run.italic, run.bold, run.href)
        else:
            runs.append(run)
    return tuple(runs), problems


def parse_prose(text: str, path: str) -> tuple[str | None, tuple, list[Problem]]:
    """Return (heading, blocks, problems) of a Markdown prose file.

    The first line "# ..." is the heading. Blocks are separated by blank lines; a block whose
    every line starts with a label ("1)", "A.", "(a)", "-") is a list with those labels.
    """
    text, problems = forbidden_characters(text, path)
    heading = None
    blocks: list = []
    lines = text.split("\n")
    block: list[tuple[int, str]] = []

    def flush():
        if not block:
            return
        first_line = block[0][0]
        if all(_LABEL.match(s) for _, s in block):
            items = []
            for n, s in block:
                m = _LABEL.match(s)
                if m is None:  # every line matched above
                    continue
                label = "\u2022" if m.group(1) in "-*" else m.group(1)
                runs, probs = parse_inline(s[m.end() :], Location(path, n, 1))
                problems.extend(probs)
                items.append(ListItem(label, runs))
            blocks.append(ListBlock(tuple(items)))
        else:
            runs, probs = parse_inline("\n".join(s for _, s in block), Location(path, first_line, 1))
            problems.extend(probs)
            blocks.append(Paragraph(runs))
        block.clear()

    for n, line in enumerate(lines, 1):
        stripped = line.strip()
        m = _HEADING.match(stripped)
        if m and heading is None and not blocks and not block:
            heading = m.group(1)
            continue
        if stripped.startswith("#"):
            problems.append(
                Problem(
                    Location(path, n, 1), 'only one heading (the first line, "# Heading") is allowed in a prose file'
                )
            )
            continue
        if not stripped:
            flush()
            continue
        block.append((n, stripped))
    flush()
    if heading is None:
        problems.append(
            Problem(Location(path, 1, 1), 'a prose file must start with its heading, e.g. "# Guidance for Readers"')
        )
    return heading, tuple(blocks), problems
