"""Join the tagged PDFs of an edition's chunks into one PDF/UA file: pages, structure, links, bookmarks, data."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime

TOC_PREFIX = "https://untoc-compilation.invalid/anchor/"  # links between chunks, made internal when joined


@dataclass(frozen=True)
class Joined:
    """What the joined file has besides its chunks: each chunk opens a Part or not (its bookmarks nest under the
    last one before it if not), the catalogue's data attachment, the identifier and the page labels."""

    opens: list[bool]
    attachment: tuple[str, bytes, str]
    when: datetime
    identifier: bytes
    labels: list[tuple[int, str | int]]


def merge(chunks: list[bytes], joined: Joined) -> bytes:
    """Return one PDF/UA file from the chunks' tagged PDFs, in order.

    The first chunk (the cover) gives the catalogue's metadata (XMP, language, document title
    shown) and the document information. The chunks' structure trees go under one Document
    element, in order; the parent tree is numbered again (pages first, then annotations, as
    WeasyPrint numbers them) and so are the pages' and annotations' keys into it. Named
    destinations keep their positions; links written between chunks (TOC_PREFIX) become
    internal links; bookmarks are the chunks' own. qpdf (through pikepdf) does the copying.
    """
    import pikepdf
    from pikepdf import Array, Dictionary, Name, NameTree, String

    out = pikepdf.Pdf.new()
    sources = [pikepdf.Pdf.open(io.BytesIO(data)) for data in chunks]
    try:
        first = len(out.pages)
        spans = []
        for src in sources:
            out.pages.extend(src.pages)
            spans.append((first, len(out.pages)))
            first = len(out.pages)
        document = out.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, K=Array()))
        root = out.make_indirect(Dictionary(Type=Name.StructTreeRoot, K=Array([document])))
        document.P = root
        pages_nums: list = []
        annots_nums: list = []
        next_key = len(out.pages)
        role_map: dict = {}
        for src, (start, end) in zip(sources, spans):
            tree = src.Root.StructTreeRoot
            for kid in tree.K[0].K:
                copied = out.copy_foreign(kid)
                copied.P = document
                document.K.append(copied)
            for key, value in (tree.get(Name.RoleMap) or Dictionary()).items():
                role_map.setdefault(key, value)
            nums = tree.ParentTree.Nums
            keys = {}
            for i in range(0, len(nums), 2):
                old, value = int(nums[i]), nums[i + 1]
                if old < end - start:  # a page's marked content
                    keys[old] = start + old
                    pages_nums.append((start + old, _copy(out, value)))
                else:  # an annotation's structure element
                    keys[old] = next_key
                    annots_nums.append((next_key, _copy(out, value)))
                    next_key += 1
            for page in out.pages[start:end]:
                page.obj.StructParents = keys[int(page.obj.StructParents)]
                for annot in page.obj.get(Name.Annots, Array()):
                    if Name.StructParent in annot:
                        annot.StructParent = keys[int(annot.StructParent)]
        nums_array = Array()
        for key, value in sorted(pages_nums, key=lambda kv: kv[0]) + annots_nums:
            nums_array.append(key)
            nums_array.append(value)
        root.ParentTree = out.make_indirect(Dictionary(Nums=nums_array))
        root.ParentTreeNextKey = next_key
        if role_map:
            root.RoleMap = Dictionary(role_map)
        out.Root.StructTreeRoot = root
        cover = sources[0].Root
        for entry in (Name.Lang, Name.MarkInfo, Name.ViewerPreferences, Name.Metadata):
            if entry in cover:
                out.Root[entry] = _copy(out, cover[entry])
        for key, value in sources[0].docinfo.items():
            out.docinfo[key] = value
        dests = NameTree.new(out)
        for src in sources:
            if Name.Names in src.Root and Name.Dests in src.Root.Names:
                for name, dest in NameTree(src.Root.Names.Dests).items():
                    if name not in dests:
                        dests[name] = _copy(out, dest)
        out.Root.Names = Dictionary(Dests=dests.obj)
        _internal_links(out)
        _bookmarks(out, sources, joined.opens)
        name, data, description = joined.attachment
        stamp = joined.when.strftime("D:%Y%m%d%H%M%SZ")
        out.attachments[name] = pikepdf.AttachedFileSpec(
            out,
            data,
            description=description,
            filename=name,
            mime_type="application/json",
            creation_date=stamp,
            mod_date=stamp,
            relationship=Name.Data,
        )
        del out.Root.AF  # pikepdf lists the data as an associated file too; WeasyPrint's PDF/UA-1 does not
        labels = []
        for index, label in joined.labels:  # what a viewer shows as each page's number (see pdf.page_labels)
            labels += [index, Dictionary(P=String(label)) if isinstance(label, str) else Dictionary(S=Name.D, St=label)]
        out.Root.PageLabels = Dictionary(Nums=Array(labels))
        out.trailer.ID = Array([String(joined.identifier), String(joined.identifier)])
        buffer = io.BytesIO()
        out.save(
            buffer,
            static_id=True,
            fix_metadata_version=False,  # the cover's XMP as WeasyPrint wrote it
            min_version="1.7",
            compress_streams=True,
            stream_decode_level=pikepdf.StreamDecodeLevel.none,  # WeasyPrint's compressed streams, as they are
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
        )
    finally:
        for src in sources:
            src.close()
    return buffer.getvalue()


def _copy(out, obj):
    """Return a foreign object as this PDF's: indirect ones through qpdf (pages map to the pages copied), direct
    arrays and dictionaries rebuilt around them."""
    import pikepdf

    if isinstance(obj, pikepdf.Object) and obj.is_indirect:
        return out.copy_foreign(obj)
    if isinstance(obj, pikepdf.Array):
        return pikepdf.Array([_copy(out, x) for x in obj])
    if isinstance(obj, pikepdf.Dictionary):
        return pikepdf.Dictionary({k: _copy(out, v) for k, v in obj.items()})
    return obj


def _internal_links(out) -> None:
    """Make the links written between chunks what WeasyPrint writes for a link inside a document."""
    from pikepdf import Array, Name, String

    for page in out.pages:
        for annot in page.obj.get(Name.Annots, Array()):
            action = annot.get(Name.A)
            uri = str(action.get(Name.URI, "")) if action is not None else ""
            if uri.startswith(TOC_PREFIX):
                name = uri[len(TOC_PREFIX) :].lstrip("#")
                del annot[Name.A]
                annot.Dest = String(name)
                annot.Contents = String(name)


def _bookmarks(out, sources, opens: list[bool]) -> None:
    """Give the joined file the chunks' bookmarks; a chunk that continues a Part nests its own under the Part's."""
    from pikepdf import OutlineItem

    with out.open_outline() as outline:
        for src, opening in zip(sources, opens):
            with src.open_outline() as theirs:
                items = [_bookmark(out, item, OutlineItem) for item in theirs.root]
            if not opening and outline.root:
                outline.root[-1].children.extend(items)
            else:
                outline.root.extend(items)


def _bookmark(out, item, make):
    copied = make(item.title, destination=_copy(out, item.destination))
    copied.is_closed = item.is_closed
    copied.children.extend(_bookmark(out, child, make) for child in item.children)
    return copied
