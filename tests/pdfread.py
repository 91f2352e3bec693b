"""Read a PDF back the way a user's tools see it: text per page, links, outline, metadata, fonts."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pypdfium2
from pypdf import PdfReader


def norm(text: str) -> str:
    """Return text with whitespace collapsed and typographic variants made plain."""
    text = text.replace("\u00ad", "").replace("\u2019", "'")
    return re.sub(r"\s+", " ", text).strip()


def _page_text(page) -> str:
    """Return a PDFium page's text, normalised (a line-end hyphen read as a hyphen and a line end)."""
    textpage = page.get_textpage()
    try:
        return norm(textpage.get_text_bounded().replace("\x02", "-\n"))
    finally:
        textpage.close()
        page.close()


_TEXTS: dict[tuple, list[str]] = {}  # a file's page texts: extracting them is the slow part


@dataclass
class Pdf:
    """A PDF opened for checking."""

    path: Path

    def __post_init__(self):
        self.reader = PdfReader(str(self.path))
        self._page_index = {id(p.indirect_reference.get_object()): i for i, p in enumerate(self.reader.pages)}

    @property
    def pages(self) -> list[str]:
        """The text of each page, as PDFium (Chromium's PDF reader) extracts it, once per file and version of it.

        PDFium marks a hyphen at the end of a line as hyphenation (U+0002); read as the hyphen and line end it is,
        the text is what pypdf extracts, some forty times faster (both published editions, page for page).
        """
        stat = Path(self.path).stat()
        key = (str(Path(self.path).resolve()), stat.st_mtime_ns, stat.st_size)
        if key not in _TEXTS:
            document = pypdfium2.PdfDocument(str(self.path))
            try:
                _TEXTS[key] = [_page_text(document[i]) for i in range(len(document))]
            finally:
                document.close()
        return _TEXTS[key]

    @property
    def text(self) -> str:
        return " ".join(self.pages)

    def page_of_ref(self, ref) -> int:
        return self._page_index[id(ref.get_object())]

    def links(self, page: int | None = None) -> list[dict]:
        """Return link annotations: {'page', 'uri'} or {'page', 'dest', 'dest_page'}."""
        out = []
        named = self.reader.named_destinations
        pages = range(len(self.reader.pages)) if page is None else [page]
        for i in pages:
            for a in self.reader.pages[i].get("/Annots", []) or []:
                a = a.get_object()
                if a.get("/Subtype") != "/Link":
                    continue
                if "/A" in a and "/URI" in a["/A"]:
                    out.append({"page": i, "uri": str(a["/A"]["/URI"])})
                elif "/Dest" in a:
                    dest = a["/Dest"]
                    name = str(dest)
                    target = named[name]["/Page"] if name in named else dest[0]
                    out.append({"page": i, "dest": name, "dest_page": self.page_of_ref(target)})
        return out

    def outline(self) -> list[tuple[int, str]]:
        """Return the bookmarks as (level, title), depth-first."""
        out: list[tuple[int, str]] = []

        def walk(items, level):
            for it in items:
                if isinstance(it, list):
                    walk(it, level + 1)
                else:
                    out.append((level, str(it.title)))

        walk(self.reader.outline, 1)
        return out

    def fonts(self) -> set[tuple[str, bool]]:
        """Return (base font name, embedded?) for every font used on any page."""
        found = set()
        for page in self.reader.pages:
            for font in (page["/Resources"].get("/Font") or {}).values():
                font = font.get_object()
                desc = font.get("/FontDescriptor")
                if desc is None and "/DescendantFonts" in font:
                    desc = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
                desc = desc.get_object() if desc is not None else {}
                embedded = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                found.add((str(font["/BaseFont"]), embedded))
        return found

    def attachment_json(self) -> dict:
        """Return the one JSON attachment, parsed."""
        ((name, [data]),) = [(n, d) for n, d in self.reader.attachments.items() if n.endswith(".json")]
        return json.loads(data)

    def toc_lines(self, toc_page: int = 1, skip: str = "") -> list[tuple[str, int]]:
        """Return (entry text, printed page number) from a table-of-contents page.

        Dot leaders are text in a PDF made from the DOCX (Word's tab leader) and decoration in
        ours, so an entry ends in dots and a number, a tab and a number, or a space and a number.
        A line that starts with ``skip`` (a draft's running note) is not an entry.
        """
        raw = self.reader.pages[toc_page].extract_text() or ""
        out = []
        buf = ""
        for line in raw.splitlines():
            line = line.strip()
            if not line or line.lower().startswith("table of contents") or (skip and line.startswith(skip[:20])):
                continue
            buf = f"{buf} {line}".strip()
            m = (
                re.match(r"^(.*?)[\s.\u2026]*\.{3,}[\s.]*(\d+)$", buf)
                or re.match(r"^(.*?)\t+\s*(\d+)$", buf)
                or re.match(r"^(.*?\D)\s+(\d+)$", buf)
            )
            if m:
                out.append((norm(m.group(1)), int(m.group(2))))
                buf = ""
        return out


def index_numbers(pdf: Pdf, index, skip: str = "") -> list[tuple[str, int]]:
    """Return (item id, printed page number) of each entry of the index of themes (``index``: the View's
    themes_index), read in order from the pages after the one that starts "Index of themes", where each section's
    line reads "Working Group on ..., 2022: recommendation 14, page 5; recommendation 15, page 5"."""
    pages = [p.replace(norm(skip), "").strip() if skip else p for p in pdf.pages]
    start = next(i for i, text in enumerate(pages) if text.startswith("Index of themes"))
    text = " ".join(pages[start:])

    def loose(words: str) -> str:  # extractors may add or drop a space anywhere in a line
        return r"\s*".join(re.escape(c) for c in norm(words).replace(" ", ""))

    out, at = [], 0
    for theme in index:
        for group in theme.groups:
            m = re.compile(loose(group.section) + r"\s*:").search(text, at)
            assert m is not None, (theme.key, group.section, text[at : at + 200])
            at = m.end()
            for entry in group.entries:
                m = re.compile(loose(entry.locator) + r"\s*,\s*page\s*(\d+)").search(text, at)
                assert m is not None, (entry.id, entry.locator, text[at : at + 200])
                out.append((entry.id, int(m.group(1))))
                at = m.end()
    return out


def structure(path: Path) -> list[tuple[int, str]]:
    """Return a tagged PDF's structure elements as (depth, type), depth-first, after checking that it holds together.

    One StructTreeRoot with one Document element; every page's marked content (each MCID in its content
    streams) is found through the page's key in the parent tree, by elements that say they are on that
    page; every link annotation's key leads to an element that points back at it; no key is used twice.
    """
    import pikepdf

    with pikepdf.open(path) as pdf:
        root = pdf.Root.StructTreeRoot
        assert len(root.K) == 1 and root.K[0].S == "/Document"
        nums = root.ParentTree.Nums
        keys = [int(nums[i]) for i in range(0, len(nums), 2)]
        assert len(keys) == len(set(keys)) and int(root.get("/ParentTreeNextKey", max(keys) + 1)) > max(keys)
        tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        for page in pdf.pages:
            contents = page.obj.Contents
            streams = [contents] if isinstance(contents, pikepdf.Stream) else list(contents)
            mcids = {int(m) for m in re.findall(rb"/MCID (\d+)", b"".join(s.read_bytes() for s in streams))}
            owners = tree[int(page.obj.StructParents)]
            assert len(owners) == len(mcids) == max(mcids, default=-1) + 1
            assert all(owner.Pg.objgen == page.obj.objgen for owner in owners)
            for annot in page.obj.get("/Annots", []):
                element = tree[int(annot.StructParent)]  # a Link, or what WeasyPrint makes of a link's ::after
                kids = element.K if isinstance(element.K, pikepdf.Array) else [element.K]
                assert any(isinstance(k, pikepdf.Dictionary) and k.get("/Obj") == annot for k in kids)
        out: list[tuple[int, str]] = []

        def walk(element, depth):
            if isinstance(element, pikepdf.Dictionary) and "/S" in element:
                out.append((depth, str(element.S)))
                kids = element.get("/K")
                for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                    walk(kid, depth + 1)

        walk(root.K[0], 0)
        return out
