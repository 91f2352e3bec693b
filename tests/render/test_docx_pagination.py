"""The DOCX of an edition laid out in chunks, rendered by LibreOffice: chunk breaks at the same pages as the PDF.

In a file of its own so that, with the suite spread over the cores, it runs beside the rest.
"""

from __future__ import annotations

import json

from click.testing import CliRunner

from ..conftest import as_draft, copy_project, edition_file
from ..libreoffice import convert
from ..pdfread import Pdf, index_numbers, norm


def test_an_edition_laid_out_in_chunks_paginates_alike_in_libreoffice(tmp_path, monkeypatch):
    """Long Parts are laid out in chunks that start new pages; the DOCX breaks at the same places.

    A chunk is CHUNK_ITEMS items (400: a 10x edition); made 20 here, the real draft has several
    chunks per Part, which tests the same breaks without laying out a ten times larger edition.
    """
    import compiler.render.pagination as pagination
    from compiler.cli import cli

    monkeypatch.setattr(pagination, "CHUNK_ITEMS", 20)
    monkeypatch.setattr(pagination, "INDEX_CHUNK_ENTRIES", 80)  # a long index in chunks too, each on a new page
    root = as_draft(copy_project(tmp_path / "p", themes=True))  # with the index of themes, laid out last
    monkeypatch.chdir(root)
    result = CliRunner().invoke(cli, ["build", "--format", "pdf,docx"])
    assert result.exit_code == 0, result.output
    from compiler.content.load import load_content
    from compiler.content.select import select
    from compiler.project import Project
    from compiler.view import plain_view

    starts = pagination.page_starts(select(load_content(Project(root)), "2024-09"))
    assert len(starts) >= 2
    monkeypatch.undo()
    data = json.loads(json.dumps(Pdf(edition_file(root, "2024-09", "pdf")).attachment_json()))
    out = tmp_path / "lo"
    assert convert(edition_file(root, "2024-09", "docx"), out).returncode == 0
    lo = Pdf(out / edition_file(root, "2024-09", "pdf").name)
    weasy = Pdf(edition_file(root, "2024-09", "pdf"))
    assert len(lo.pages) == len(weasy.pages)
    note = norm(data["edition"]["draft_note"])  # the generated edition is a draft: every page says so
    assert all(note in page for page in lo.pages) and all(note in page for page in weasy.pages)
    headings = {f["key"]: f["heading"] for f in data["front"]} | {"changes": data["changes"]["heading"]}
    headings.update({f"part-{p['part'].lower()}": p["heading"] for p in data["parts"]})
    headings.update({s["id"]: f"{s['title']} ({s['link_text']})" for p in data["parts"] for s in p["sections"]})
    headings["themes-index"] = "Index of themes"  # in an edition with themes
    view = plain_view(select(load_content(Project(root)), "2024-09"))
    headings.update({t.anchor: t.name for t in view.themes_index})  # a later chunk of the index opens with a theme
    assert any(anchor.startswith("theme-") for anchor in starts)
    guidance = next(i for i, text in enumerate(lo.pages) if text.replace(note, "").strip().startswith("Guidance"))
    toc = [line for page in range(1, guidance) for line in lo.toc_lines(page, skip=note)]
    assert [t for t, _ in toc] == [norm(t["text"]) for t in data["toc"]]
    for (text, number), entry in zip(toc, data["toc"]):
        assert norm(headings[entry["anchor"]]) in lo.pages[number], (text, number)
    for pdf in (lo, weasy):  # each chunk's first section opens a page, in both renderings
        tops = [page.replace(note, "").strip() for page in pdf.pages]
        for anchor in starts:
            assert any(top.startswith(norm(headings[anchor])) for top in tops), anchor
    # the index of themes, laid out after every chunk: each item's page as the body has it, in both renderings
    entries = [(e.id, e.locator) for t in view.themes_index for e in t.entries]
    assert len(entries) > 100
    named, labels = weasy.reader.named_destinations, weasy.reader.page_labels
    expected = [(i, int(labels[weasy.page_of_ref(named[i]["/Page"])])) for i, _ in entries]
    assert index_numbers(weasy, view.themes_index, data["edition"]["draft_note"]) == expected
    assert (
        index_numbers(lo, view.themes_index, data["edition"]["draft_note"]) == expected
    )  # Word's PAGEREF fields, as LibreOffice shows them
