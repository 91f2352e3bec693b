"""Extract a source document's text exactly: page furniture, footnote marks and invisible characters out,
line-end hyphenation resolved, every other character kept as published; and say what was changed.

PDF is read with pdfminer.six, which gives every character with its font size and position: a
footnote mark is a small raised character, a footnote's text sits in small type below the body,
and running heads and page numbers repeat at the page edges. DOCX is read from its XML: soft
hyphens (<w:softHyphen/> or U+00AD) and footnote references are dropped where they stand.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import CompilerError

# Invisible characters that change no word as published: soft hyphen, zero-width spaces and
# joiners, word joiner, byte-order mark, and the bidirectional controls.
INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*-)?\s*$")
_JOB_NUMBER = re.compile(r"^\s*V\.\d{2}-\d{4,6}\b.*$")  # UN document job numbers
_SYMBOL_LINE = re.compile(r"^\s*[A-Z]{2,}(?:/[A-Z0-9.]+){2,}\s*$")  # a running head: a document symbol
_LINE_END_HYPHEN = re.compile(r"(\w+) ?[-\u2010]$")  # PDF text may put a space before a line-end hyphen
_LABEL_ONLY = re.compile(r"^\s*(?:\d{1,3}\.|\([a-z]{1,3}\))\s*$")  # "45." or "(a)" set apart by a tab
_LINE_START_WORD = re.compile(r"^(\w+)")
_WORDS = re.compile(r"\w+(?:-\w+)*")


@dataclass
class Extraction:
    """A document's text (one line per printed line or paragraph) and what extraction changed."""

    text: str
    footnote_marks: int = 0
    furniture_lines: int = 0
    invisible: int = 0
    joined: list[str] = field(default_factory=list)  # words split at a line end and joined again
    compounds: list[str] = field(default_factory=list)  # hyphenated words that kept their hyphen
    ambiguous: list[str] = field(default_factory=list)  # line-end hyphens decided by the word list alone
    left_out: list[str] = field(default_factory=list)  # the furniture lines themselves (a report's symbol is one)

    def report(self) -> list[str]:
        """Return what the extraction changed, in words, for the editor to check."""
        out = []
        if self.footnote_marks:
            out.append(f"removed {self.footnote_marks} footnote mark(s)")
        if self.furniture_lines:
            out.append(
                f"left out {self.furniture_lines} line(s) of page furniture (page numbers, running heads, "
                f"footnote texts, job numbers)"
            )
        if self.invisible:
            out.append(f"removed {self.invisible} invisible character(s) (soft hyphens, zero-width or bidi controls)")
        if self.joined:
            out.append(f"joined {len(self.joined)} word(s) hyphenated at a line end: {', '.join(self.joined)}")
        if self.compounds:
            out.append(f"kept {len(self.compounds)} compound(s) hyphenated at a line end: {', '.join(self.compounds)}")
        if self.ambiguous:
            out.append(
                f"check {len(self.ambiguous)} line-end hyphen(s) decided by the word list alone: "
                f"{', '.join(self.ambiguous)}"
            )
        return out


@lru_cache(maxsize=1)
def _dictionary():
    from spellchecker import SpellChecker

    return SpellChecker(distance=1)


def _known(word: str) -> bool:
    return bool(_dictionary().known([word.lower()]))


def resolve_hyphens(lines: list[str], result: Extraction) -> list[str]:
    """Join lines split after a hyphen: a split word loses the hyphen, a compound keeps it.

    Decided first by the document's own vocabulary (the word written whole, or hyphenated,
    elsewhere in it), then by pyspellchecker's English word list; the word list alone is
    reported as a case to check.
    """
    text = " ".join(lines)
    whole = {w.lower() for w in _WORDS.findall(text) if "-" not in w}
    hyphenated = {w.lower() for w in _WORDS.findall(text) if "-" in w}
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        left, right = _LINE_END_HYPHEN.search(line.rstrip()), _LINE_START_WORD.match(nxt.lstrip())
        if not (left and right and right.group(1)[:1].islower()):
            out.append(line)
            i += 1
            continue
        a, b = left.group(1), right.group(1)
        joined, compound = f"{a}{b}", f"{a}-{b}"
        if joined.lower() in whole:
            keep = False
        elif compound.lower() in hyphenated:
            keep = True
        elif _known(joined) and not (_known(a) and _known(b)):
            keep = False
        elif _known(a) and _known(b) and not _known(joined):
            keep = True
        else:
            keep = not _known(joined)
            result.ambiguous.append(compound if keep else joined)
        head = line.rstrip()[:-1].rstrip()  # the line without its hyphen (and a space before it)
        if keep:
            result.compounds.append(compound)
            lines[i + 1] = head + "-" + nxt.lstrip()
        else:
            result.joined.append(joined)
            lines[i + 1] = head + nxt.lstrip()
        i += 1
    return out


def _strip_invisible(text: str, result: Extraction) -> str:
    text, n = INVISIBLE.subn("", text)
    result.invisible += n
    return unicodedata.normalize("NFC", text)


def _running_heads(pages: list[list[str]]) -> set[str]:
    """Return lines that repeat at the top or bottom of most pages (running heads and feet)."""
    if len(pages) < 2:
        return set()
    counts: dict[str, int] = {}
    for lines in pages:
        for line in {s.strip() for s in lines[:2] + lines[-3:] if s.strip()}:
            counts[line] = counts.get(line, 0) + 1
    return {line for line, n in counts.items() if n >= max(2, len(pages) // 2) and not re.match(r"^\d{1,3}\.\s", line)}


def _furniture(line: str) -> bool:
    s = line.strip()
    return bool(s) and bool(_PAGE_NUMBER.match(s) or _JOB_NUMBER.match(s) or _SYMBOL_LINE.match(s))


def drop_furniture(pages: list[list[str]], result: Extraction, edges: set[str] | None = None) -> list[str]:
    """Leave out running heads (repeated at the page edges; within ``edges``, when positions are known),
    page numbers, job numbers and symbol lines."""
    heads = _running_heads(pages)
    if edges is not None:
        heads &= edges
    out = []
    for lines in pages:
        for line in lines:
            if line.strip() in heads or _furniture(line):
                result.furniture_lines += 1
                result.left_out.append(line.strip())
                continue
            out.append(line)
    return out


def extract_text(text: str) -> Extraction:
    """Return plain text (a .txt or .md source, or text pages separated by form feeds), cleaned."""
    result = Extraction("")
    pages = [p.split("\n") for p in _strip_invisible(text.replace("\r\n", "\n"), result).split("\f")]
    lines = drop_furniture(pages, result) if len(pages) > 1 else pages[0]
    result.text = "\n".join(resolve_hyphens(lines, result))
    return result


def extract_docx(path: Path) -> Extraction:
    """Return a DOCX's paragraphs, one per line, without soft hyphens and footnote references."""
    from lxml import etree  # type: ignore[import-untyped]

    result = Extraction("")
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    lines = []
    for p in root.iter(f"{w}p"):
        if p.getparent() is not None and p.getparent().tag in (f"{w}footnote", f"{w}endnote"):
            continue
        pieces = []
        for el in p.iter(
            f"{w}t",
            f"{w}tab",
            f"{w}br",
            f"{w}cr",
            f"{w}softHyphen",
            f"{w}noBreakHyphen",
            f"{w}footnoteReference",
            f"{w}endnoteReference",
        ):
            tag = el.tag[len(w) :]
            if tag == "t":
                pieces.append(el.text or "")
            elif tag in ("tab", "br", "cr"):
                pieces.append(" ")
            elif tag == "noBreakHyphen":
                pieces.append("-")
            elif tag == "softHyphen":
                result.invisible += 1
            else:
                result.footnote_marks += 1
        lines.append(_strip_invisible("".join(pieces), result))
        lines.append("")  # paragraphs are apart: a blank line between them
    result.text = "\n".join(lines)
    return result


def extract_pdf(path: Path) -> Extraction:
    """Return a PDF's lines of body text, from characters with their size and position."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTChar, LTTextContainer, LTTextLine

    result = Extraction("")
    raw_pages = []
    sizes: list[float] = []
    for page in extract_pages(str(path), laparams=LAParams(line_margin=0.3)):
        lines = []
        for box in page:
            if not isinstance(box, LTTextContainer):
                continue
            for line in box:
                if isinstance(line, LTTextLine):
                    chars = [c for c in line if isinstance(c, LTChar)]
                    if chars:
                        lines.append((line, chars))
                        sizes += [round(c.size, 1) for c in chars]
        lines.sort(key=lambda lc: (-round(lc[0].y1), lc[0].x0))
        raw_pages.append((page.height, lines))
    if not sizes:
        return result
    body = statistics.mode(sizes)
    pages, edges = [], []
    for height, lines in raw_pages:
        kept = [(ln, chars) for ln, chars in lines if not _furniture(_plain(chars))]
        body_lines = [ln for ln, chars in kept if statistics.median(c.size for c in chars) >= body * 0.95]
        lowest_body = min((ln.y0 for ln in body_lines), default=0)
        text_lines = []
        for line, chars in lines:
            small = statistics.median(c.size for c in chars) < body * 0.95
            if small and line.y1 <= lowest_body + 1:  # a footnote's text, below the body
                result.furniture_lines += 1
                continue
            text = _line_text(line, chars, body, result)
            text_lines.append(text)
            if line.y0 > height * 0.9 or line.y1 < height * 0.1:  # in the top or bottom margin band
                edges.append(text.strip())
        pages.append(text_lines)
    body_text = drop_furniture(pages, result, set(edges))
    body_text = _labels_with_their_text([_strip_invisible(s, result) for s in body_text])
    result.text = "\n".join(resolve_hyphens(body_text, result))
    return result


def _labels_with_their_text(lines: list[str]) -> list[str]:
    """Put a paragraph number or sub-item label that stands alone (a tab after it) back before its text."""
    out: list[str] = []
    for line in lines:
        if out and _LABEL_ONLY.match(out[-1]) and line.strip():
            out[-1] = f"{out[-1].strip()} {line.lstrip()}"
        else:
            out.append(line)
    return out


def _plain(chars) -> str:
    return "".join(c.get_text() for c in chars)


def _line_text(line, chars, body: float, result: Extraction) -> str:
    """Return a line's text without its footnote marks (small characters raised above the baseline)."""
    from pdfminer.layout import LTChar

    base = (
        statistics.median(c.y0 for c in chars if c.size >= body * 0.9)
        if any(c.size >= body * 0.9 for c in chars)
        else min(c.y0 for c in chars)
    )
    out, in_mark = [], False
    for obj in line:
        if isinstance(obj, LTChar):
            if obj.size < body * 0.8 and obj.y0 > base + body * 0.2:
                if not in_mark:
                    result.footnote_marks += 1
                in_mark = True
                continue
            in_mark = False
            out.append(obj.get_text())
        else:
            text = obj.get_text()
            if text != "\n":
                out.append(text)
    return re.sub(r" {2,}", " ", "".join(out)).rstrip()


def extract(path: Path) -> Extraction:
    """Return the exact text of a source file: .txt/.md, .docx or .pdf."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".docx":
            return extract_docx(path)
        if suffix == ".pdf":
            return extract_pdf(path)
        return extract_text(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CompilerError(f"{path}: no such file") from None
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        raise CompilerError(f"{path}: cannot read it as {suffix.lstrip('.') or 'text'}: {exc}") from None
    except Exception as exc:  # noqa: BLE001 - pdfminer raises its own error types for damaged files
        raise CompilerError(f"{path}: cannot read it as {suffix.lstrip('.')}: {type(exc).__name__}: {exc}") from None
