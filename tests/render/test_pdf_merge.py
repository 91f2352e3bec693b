"""A very large edition is written chunk by chunk and joined: contents links, bookmarks and the data survive."""

from __future__ import annotations

from ..pdfread import Pdf, index_numbers, norm


def _heading(section: dict) -> str:
    return f"{section['title']} ({section['link_text']})"


def test_a_very_large_edition_is_written_in_chunks_with_links_bookmarks_and_data(tmp_path, monkeypatch):
    """Above LARGE_ITEMS the PDF is joined from chunks; force that path on the real content."""
    import compiler.render.pagination as pagination
    import compiler.render.pdf as pdf
    from compiler.content.load import load_content
    from compiler.content.select import select
    from compiler.project import Project
    from compiler.view import plain_view

    from ..conftest import copy_project

    monkeypatch.setattr(pdf, "LARGE_ITEMS", 10)
    monkeypatch.setattr(pagination, "CHUNK_ITEMS", 20)  # several chunks per Part
    root = copy_project(tmp_path / "p", themes=True)
    project = Project(root)
    doc = select(load_content(project), "2024-09")
    assert len(pagination.chunks(doc)) > 4 and pagination.page_starts(doc)
    first = pdf.render_edition_pdf(plain_view(doc), project.layout_dir, project.content_dir)
    again = pdf.render_edition_pdf(plain_view(doc), project.layout_dir, project.content_dir)
    assert first.data == again.data
    path = tmp_path / "large.pdf"
    path.write_bytes(first.data)
    big = Pdf(path)
    data = big.attachment_json()
    assert [t for t, _ in big.toc_lines(1)] == [norm(t["text"]) for t in data["toc"]]
    headings = {f["key"]: f["heading"] for f in data["front"]}
    headings.update({f"part-{p['part'].lower()}": p["heading"] for p in data["parts"]})
    headings.update({s["id"]: _heading(s) for p in data["parts"] for s in p["sections"]})
    headings["themes-index"] = "Index of themes"  # an edition with themes ends with their index
    links = {l["dest"]: l["dest_page"] for l in big.links(1) if "dest" in l}
    for (text, number), entry in zip(big.toc_lines(1), data["toc"]):
        assert norm(headings[entry["anchor"]]) in big.pages[number], text
        assert links[entry["anchor"]] == number
    assert big.outline() == [(t["level"], t["text"]) for t in data["toc"]]
    # the index of themes, its chunk laid out last: every item's page as the body has it
    entries = [(e.id, e.locator) for t in plain_view(doc).themes_index for e in t.entries]
    labels, named = big.reader.page_labels, big.reader.named_destinations
    assert index_numbers(big, plain_view(doc).themes_index) == [
        (i, int(labels[big.page_of_ref(named[i]["/Page"])])) for i, _ in entries
    ]
    assert big.reader.metadata.title.startswith("Compilation of recommendations")
    assert big.reader.metadata["/CreationDate"].startswith("D:20240901")
    for index in range(1, len(big.pages) - 1):  # up to the back cover
        assert big.pages[index].rstrip().endswith(str(index))
    labels = big.reader.page_labels  # the joined PDF has its page labels too
    assert (
        labels[0] == "Cover"
        and labels[-1] == "Back cover"
        and labels[1:-1] == [str(n) for n in range(1, len(labels) - 1)]
    )
    for s in data["parts"][0]["sections"]:
        assert any(l.get("uri") == f"https://undocs.org/{s['report_symbol']}" for l in big.links())
