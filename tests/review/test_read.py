"""Reading a reviewer's Word file: tracked and moved text, field codes, comments with their anchors and replies, and
files that are not what they claim refused clearly."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from compiler.errors import CompilerError
from compiler.review.read import DATA_NS, bookmark_name, read_reviewed

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
HEAD = f'<w:document xmlns:w="{W_NS}" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"><w:body>'


def _docx(path: Path, body: str, parts: dict[str, str | bytes] | None = None) -> Path:
    files: dict[str, str | bytes] = {
        "word/document.xml": HEAD + body + "</w:body></w:document>",
        "word/styles.xml": (
            f'<w:styles xmlns:w="{W_NS}"><w:style w:styleId="ItemText"><w:name w:val="Item Text"/></w:style></w:styles>'
        ),
        "docProps/core.xml": (
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">'
            "<dc:title>A Compilation</dc:title><dc:identifier>abc</dc:identifier>"
            "<dc:description>Edition 2025-01 (draft)</dc:description><cp:lastModifiedBy>Ben</cp:lastModifiedBy>"
            "<dcterms:modified>2025-02-03T10:00:00Z</dcterms:modified></cp:coreProperties>"
        ),
        **(parts or {}),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return path


def _r(text: str) -> str:
    return f"<w:r><w:t xml:space='preserve'>{text}</w:t></w:r>"


def test_tracked_inserted_deleted_and_moved_text_give_each_paragraph_as_sent_and_as_left(tmp_path):
    body = (
        '<w:p><w:pPr><w:pStyle w:val="ItemText"/></w:pPr><w:bookmarkStart w:id="0" w:name="wg4_2025_r1"/>'
        + _r("States are ")
        + '<w:del w:author="Ana" w:date="2025-02-01T09:00:00Z"><w:r><w:delText>urged</w:delText></w:r></w:del>'
        + '<w:ins w:author="Ana" w:date="2025-02-01T09:00:00Z">'
        + _r("encouraged")
        + "</w:ins>"
        + _r(" to act")
        + '<w:moveFrom w:author="Ana" w:date="x"><w:r><w:t> now</w:t></w:r></w:moveFrom>'
        + "</w:p>"
        + '<w:p><w:pPr><w:rPr><w:ins w:author="Ana" w:date="d"/></w:rPr></w:pPr>'
        + '<w:ins w:author="Ana" w:date="d">'
        + _r("A new paragraph.")
        + "</w:ins></w:p>"
        + "<w:p>"
        + _r("Page ")
        + "<w:r><w:fldChar w:fldCharType='begin'/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>"
        + "<w:r><w:fldChar w:fldCharType='separate'/></w:r>"
        + _r("4")
        + "<w:r><w:fldChar w:fldCharType='end'/></w:r><w:r><w:tab/></w:r></w:p>"
    )
    reviewed = read_reviewed(_docx(tmp_path / "r.docx", body))
    first, added, field = reviewed.paragraphs
    assert (first.style, first.bookmarks) == ("Item Text", ["wg4_2025_r1"])
    assert (first.old, first.new) == ("States are urged to act now", "States are encouraged to act")
    assert {(r.kind, r.author) for r in first.revisions} == {("del", "Ana"), ("ins", "Ana")}
    assert added.inserted and not added.deleted and added.new == "A new paragraph."
    assert field.old == field.new == "Page 4\t"  # the field's code is not text; its result is
    assert (reviewed.title, reviewed.fingerprint, reviewed.edition_id) == ("A Compilation", "abc", "2025-01")
    assert (reviewed.last_editor, reviewed.base) == ("Ben", None)


def test_comments_carry_their_anchor_and_replies_name_their_parent(tmp_path):
    body = (
        "<w:p>"
        + _r("Before ")
        + '<w:commentRangeStart w:id="1"/>'
        + _r("the words")
        + _r(" commented")
        + '<w:commentRangeEnd w:id="1"/><w:r><w:commentReference w:id="1"/></w:r>'
        + "</w:p>"
    )
    comments = (
        f'<w:comments xmlns:w="{W_NS}" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml">'
        '<w:comment w:id="1" w:author="Ana" w:date="2025-02-01T09:00:00Z"><w:p w14:paraId="0A">'
        + _r("Why this?")
        + "</w:p></w:comment>"
        '<w:comment w:id="2" w:author="Ed" w:date="2025-02-02T09:00:00Z"><w:p w14:paraId="0B">'
        + _r("As the report says.")
        + "</w:p></w:comment></w:comments>"
    )
    extended = (
        '<w15:commentsEx xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml">'
        '<w15:commentEx w15:paraId="0A" w15:done="0"/><w15:commentEx w15:paraId="0B" w15:paraIdParent="0A"/>'
        "</w15:commentsEx>"
    )
    path = _docx(tmp_path / "c.docx", body, {"word/comments.xml": comments, "word/commentsExtended.xml": extended})
    reviewed = read_reviewed(path)
    first, reply = reviewed.comments
    assert (first.author, first.text, first.anchor, first.parent) == ("Ana", "Why this?", "the words commented", None)
    assert (reply.text, reply.parent) == ("As the report says.", "1")
    assert reviewed.paragraphs[0].comments == ["1"]


def test_the_edition_data_is_read_from_its_custom_xml_part(tmp_path):
    data = {"edition": {"id": "2025-01"}, "parts": []}
    part = f'<edition xmlns="{DATA_NS}">{json.dumps(data)}</edition>'
    path = _docx(tmp_path / "d.docx", "<w:p/>", {"customXml/item9.xml": part})
    assert read_reviewed(path).base == data


def test_bookmark_names_fit_words_limit():
    assert bookmark_name("wg4-2022-r14") == "wg4_2022_r14"
    assert len(bookmark_name("x" * 60, "_Toc_")) == 40


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda p: p.write_bytes(b"%PDF-1.7\n"), "not a Word (.docx) file"),
        (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100)), "encrypted"),
        (lambda p: _docx(p, "<w:p>", {}), "not well-formed XML"),
        (lambda p: _zip(p, {"word/other.xml": "x"}), "it has no word/document.xml"),
        (lambda p: _bomb(p), "would inflate to"),
        (lambda p: None, "no such file"),
    ],
    ids=["pdf", "encrypted", "broken-xml", "no-document", "bomb", "missing"],
)
def test_files_that_are_not_reviewable_word_files_are_refused_with_what_to_do(tmp_path, make, message):
    path = tmp_path / "in.docx"
    make(path)
    with pytest.raises(CompilerError) as caught:
        read_reviewed(path)
    assert message in str(caught.value) and str(path) in str(caught.value)


def _zip(path: Path, parts: dict[str, str]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def _bomb(path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("word/document.xml", b"<a>" + b" " * 30_000_000 + b"</a>")
    path.write_bytes(buffer.getvalue())
