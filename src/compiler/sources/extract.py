"""Extract a source document's lines exactly: page furniture, footnote marks and invisible characters out,
every other character kept as published; where the document states its own symbol; and what was changed.

PDF is read with pdfminer.six, which gives every character with its font size and position: a
footnote mark is a small raised character, a footnote's text sits in small type below the body,
running heads and page numbers repeat at the page edges, and the document's symbol stands in the
top band of its first page. DOCX is read from its XML: soft hyphens (<w:softHyphen/> or U+00AD)
and footnote references are dropped where they stand, and the headers say the symbol. Line-end
hyphens are resolved afterwards (hyphens.py), with the publication's own words.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..errors import CompilerError
from .hyphens import Hyphenation, Vocabulary, resolve_hyphens

# Invisible characters that change no word as published: soft hyphen, zero-width spaces and
# joiners, word joiner, byte-order mark, and the bidirectional controls.
INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*-)?\s*$")
_JOB_NUMBER = re.compile(r"^\s*V\.\d{2}-\d{4,6}\b.*$")  # UN document job numbers
_SYMBOL_LINE = re.compile(r"^\s*[A-Z]{2,}(?:/[A-Z0-9.]+){2,}\s*$")  # a running head: a document symbol
SYMBOL = re.compile(r"\b[A-Z]{2,}(?:/[A-Z0-9.]+){2,}\b")  # a UN document symbol, e.g. CTOC/COP/WG.4/2025/4
# "45." or "(a)", or a chapter's "IV." or "A.", set apart from its text by a tab (a line of its own in a PDF)
_LABEL_ONLY = re.compile(r"^\s*(?:\d{1,3}\.|\([a-z]{1,3}\)|[IVXLC]{1,6}\.|[A-Z]\.)\s*$")
TOP_BAND = 0.85  # the top of a page from this height up: where a UN document's first page states its symbol


@dataclass
class Extraction:
    """A document's lines (one per printed line or paragraph), where each stands, and what extraction changed.

    ``stated_symbols`` are the document symbols the document states where UN documents state their
    own (the top band of the first page, the running head, a Word header), never one cited in the
    text. ``text`` is set by resolve(), once line-end hyphens are decided.
    """

    lines: list[str] = field(default_factory=list)
    positions: list[str] = field(default_factory=list)  # "page 2", "paragraph 14", "line 7": one per line
    stated_symbols: list[tuple[str, str]] = field(default_factory=list)  # (symbol, where)
    footnote_marks: int = 0
    furniture_lines: int = 0
    invisible: int = 0
    left_out: list[str] = field(default_factory=list)  # the furniture lines themselves
    text: str = ""
    hyphens: Hyphenation = field(default_factory=Hyphenation)

    def resolve(self, publication: Vocabulary | None = None) -> Extraction:
        """Decide the line-end hyphens (the publication's words first) and set ``text``."""
        lines, self.hyphens = resolve_hyphens(self.lines, self.positions, publication)
        self.text = "\n".join(lines)
        return self

    def to_data(self) -> dict:
        """Return the extraction as JSON data (a cache keeps it; from_data reads it back)."""
        return asdict(self)

    @classmethod
    def from_data(cls, data: dict) -> Extraction:
        data = dict(data)
        data["hyphens"] = Hyphenation(**data.get("hyphens", {}))
        data["stated_symbols"] = [tuple(s) for s in data.get("stated_symbols", [])]
        return cls(**data)

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
        h = self.hyphens
        if h.joined:
            out.append(f"joined {len(h.joined)} word(s) hyphenated at a line end: {', '.join(h.joined)}")
        if h.compounds:
            out.append(f"kept {len(h.compounds)} compound(s) hyphenated at a line end: {', '.join(h.compounds)}")
        if h.ambiguous:
            out.append(
                f"check {len(h.ambiguous)} line-end hyphen(s) that neither the publication nor the document decides, "
                f"decided by the word list: {', '.join(h.ambiguous)}"
            )
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


def drop_furniture(
    pages: list[list[str]], result: Extraction, edges: set[str] | None = None
) -> tuple[list[str], list[int]]:
    """Leave out running heads (repeated at the page edges; within ``edges``, when positions are known),
    page numbers, job numbers and symbol lines; return the lines kept and the page (1, 2 ...) of each."""
    heads = _running_heads(pages)
    if edges is not None:
        heads &= edges
    out, where = [], []
    for number, lines in enumerate(pages, 1):
        for line in lines:
            if line.strip() in heads or _furniture(line):
                result.furniture_lines += 1
                result.left_out.append(line.strip())
                if line.strip() in heads:
                    result.stated_symbols += [(s, "the running head") for s in SYMBOL.findall(line)]
                continue
            out.append(line)
            where.append(number)
    return out, where


def labels_with_their_text(lines: list[str], positions: list[str]) -> tuple[list[str], list[str]]:
    """Put a paragraph number, sub-item label or chapter numeral that stands alone (a tab after it) back
    before its text."""
    out: list[str] = []
    where: list[str] = []
    for line, at in zip(lines, positions):
        if out and _LABEL_ONLY.match(out[-1]) and line.strip():
            out[-1] = f"{out[-1].strip()} {line.lstrip()}"
        else:
            out.append(line)
            where.append(at)
    return out, where


def extract_text(text: str) -> Extraction:
    """Return plain text (a .txt or .md source, or text pages separated by form feeds), cleaned.

    A line that is only a document symbol states the document's symbol, as its top band would.
    """
    result = Extraction()
    pages = [p.split("\n") for p in _strip_invisible(text.replace("\r\n", "\n"), result).split("\f")]
    if len(pages) > 1:
        lines, page_of = drop_furniture(pages, result)
        positions = [f"page {n}" for n in page_of]
    else:
        lines, positions = pages[0], [f"line {n}" for n in range(1, len(pages[0]) + 1)]
    result.stated_symbols += [(s.strip(), "a line of its own") for s in lines if _SYMBOL_LINE.match(s)]
    result.stated_symbols += [(s, "a line of its own") for s in result.left_out if _SYMBOL_LINE.match(s)]
    result.lines, result.positions = lines, positions
    return result


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _paragraph_text(p, result: Extraction) -> str:
    pieces = []
    for el in p.iter(
        f"{W}t",
        f"{W}tab",
        f"{W}br",
        f"{W}cr",
        f"{W}softHyphen",
        f"{W}noBreakHyphen",
        f"{W}footnoteReference",
        f"{W}endnoteReference",
    ):
        tag = el.tag[len(W) :]
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
    return _strip_invisible("".join(pieces), result)


def _headers(z: zipfile.ZipFile, root, result: Extraction) -> list[tuple[str, str]]:
    """Return (text, "the first page's header" or "the running head") of each header the body's sections use."""
    from lxml import etree  # type: ignore[import-untyped]

    try:
        rels = etree.fromstring(z.read("word/_rels/document.xml.rels"))
    except KeyError:
        return []
    targets = {r.get("Id"): r.get("Target") for r in rels}
    out = []
    for ref in root.iter(f"{W}headerReference"):
        target = targets.get(ref.get(f"{_R}id"), "")
        name = "word/" + target.lstrip("/").removeprefix("word/")
        try:
            header = etree.fromstring(z.read(name))
        except KeyError:
            continue
        where = "the first page's header" if ref.get(f"{W}type") == "first" else "the running head"
        text = " ".join(_paragraph_text(p, Extraction()) for p in header.iter(f"{W}p"))
        out.append((text, where))
    return out


def extract_docx(path: Path) -> Extraction:
    """Return a DOCX's paragraphs, one per line, without soft hyphens and footnote references; its symbol
    from its headers."""
    from lxml import etree

    result = Extraction()
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
        headers = _headers(z, root, result)
    for text, where in headers:
        result.stated_symbols += [(s, where) for s in SYMBOL.findall(text)]
    number = 0
    for p in root.iter(f"{W}p"):
        if p.getparent() is not None and p.getparent().tag in (f"{W}footnote", f"{W}endnote"):
            continue
        number += 1
        result.lines.append(_paragraph_text(p, result))
        result.lines.append("")  # paragraphs are apart: a blank line between them
        result.positions += [f"paragraph {number}"] * 2
    return result


def _too_much(path: Path, what: str, limit: str) -> CompilerError:
    return CompilerError(f"{path}: {what}: more than a report or a summary has ({limit})")


def extract_pdf(path: Path, max_pages: int | None = None, max_chars: int | None = None) -> Extraction:
    """Return a PDF's lines of body text, from characters with their size and position; its symbol from the
    top band of its first page and its running head. Pages are read one at a time, and reading stops past
    ``max_pages`` pages or ``max_chars`` characters."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTChar, LTTextContainer, LTTextLine

    result = Extraction()
    raw_pages = []
    sizes: list[float] = []
    chars_read = 0
    for number, page in enumerate(extract_pages(str(path), laparams=LAParams(line_margin=0.3)), 1):
        if max_pages is not None and number > max_pages:
            raise _too_much(path, f"over {max_pages} pages", f"{max_pages} at most; UNTOC_IMPORT_MAX_PAGES sets it")
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
                        chars_read += len(chars)
        if max_chars is not None and chars_read > max_chars:
            raise _too_much(path, f"over {max_chars:,} characters of text", "UNTOC_IMPORT_MAX_TEXT_MB sets the limit")
        lines.sort(key=lambda lc: (-round(lc[0].y1), lc[0].x0))
        raw_pages.append((page.height, lines))
    if not sizes:
        return result
    body = statistics.mode(sizes)
    pages: list[list[str]] = []
    edges: list[str] = []
    for number, (height, lines) in enumerate(raw_pages, 1):
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
            if number == 1 and line.y0 > height * TOP_BAND:
                result.stated_symbols += [(s, "the top band of page 1") for s in SYMBOL.findall(text)]
        pages.append(text_lines)
    kept_lines, page_of = drop_furniture(pages, result, set(edges))
    cleaned = [_strip_invisible(s, result) for s in kept_lines]
    result.lines, result.positions = labels_with_their_text(cleaned, [f"page {n}" for n in page_of])
    return result


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


def extract(path: Path, max_pages: int | None = None, max_chars: int | None = None) -> Extraction:
    """Return the lines of a source file (.txt/.md, .docx or .pdf), line-end hyphens not yet resolved; reading
    stops past ``max_pages`` pages (a PDF) or ``max_chars`` characters (see sources/bounded.py for the limits)."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".docx":
            result = extract_docx(path)
        elif suffix == ".pdf":
            return extract_pdf(path, max_pages, max_chars)
        else:
            text = path.read_text(encoding="utf-8")
            if max_chars is not None and len(text) > max_chars:
                raise _too_much(path, f"over {max_chars:,} characters", "UNTOC_IMPORT_MAX_TEXT_MB sets the limit")
            return extract_text(text)
        if max_chars is not None and sum(len(line) for line in result.lines) > max_chars:
            raise _too_much(path, f"over {max_chars:,} characters", "UNTOC_IMPORT_MAX_TEXT_MB sets the limit")
        return result
    except CompilerError:
        raise
    except FileNotFoundError:
        raise CompilerError(f"{path}: no such file") from None
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        raise CompilerError(f"{path}: cannot read it as {suffix.lstrip('.') or 'text'}: {exc}") from None
    except Exception as exc:  # noqa: BLE001 - pdfminer raises its own error types for damaged files
        raise CompilerError(f"{path}: cannot read it as {suffix.lstrip('.')}: {type(exc).__name__}: {exc}") from None
