"""The edition's PDF is laid out in chunks, on every core, and joined: it reads as WeasyPrint's one-pass layout of
the same HTML, tagged (PDF/UA-1) as that one is, whatever the size, the cores, the guesses and the cache."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pikepdf
import pytest

import compiler.render.pdf_chunks as pdf_chunks

from ..conftest import as_draft, copy_project, reword, run_compiler, small_project
from ..pdfread import Pdf, index_numbers, norm, structure

FIREARMS = "content/part-b/2024-firearms.yaml"
_LAY_OUT_ONE = pdf_chunks._lay_out_one  # the pool's own, before a test replaces it


def _heading(section: dict) -> str:
    return f"{section['title']} ({section['link_text']})"


def _edition(root, edition="2024-09"):
    from compiler.content.load import load_content
    from compiler.project import Project
    from compiler.view import plain_view
    from compiler.workflows.editions import edition_document

    project = Project(root)
    return project, plain_view(edition_document(load_content(project), edition))


def _pdfua_findings(path) -> dict:
    """Return the `pdfua` checker's summary of a PDF (the PyPI package that reads the structure with pikepdf)."""
    done = subprocess.run(
        [sys.executable, "-m", "pdfua", "check", "--format", "json", str(path)], capture_output=True, text=True
    )
    report = json.loads(done.stdout)
    return {"exit": done.returncode, "findings": report["findings"], "skipped": report["skipped"]}


def _links(pdf: Pdf) -> list[tuple]:
    out = []
    for i, page in enumerate(pdf.reader.pages):
        for annot in page.get("/Annots", []) or []:
            annot = annot.get_object()
            target = annot.get("/Dest") or annot["/A"]["/URI"]
            rect = tuple(round(float(v), 1) for v in annot["/Rect"])
            out.append((i, rect, str(target), str(annot.get("/Contents"))))
    return out


def _destinations(pdf: Pdf) -> dict[str, tuple[int, float]]:
    return {
        name: (pdf.page_of_ref(dest["/Page"]), round(float(dest["/Top"]), 1))
        for name, dest in pdf.reader.named_destinations.items()
    }


def _bookmarks(pdf: Pdf) -> list[tuple]:
    out = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                out.append((level, str(item.title), pdf.page_of_ref(item.page), round(float(item.top), 1)))

    walk(pdf.reader.outline, 1)
    return out


def test_the_joined_pdf_reads_as_the_one_pass_layout_of_the_same_html(tmp_path):
    """Pages, text, folios, labels, contents links into other chunks, destinations, bookmarks, metadata, data
    and the structure tree, element by element, are those of WeasyPrint laying the whole print HTML out at once."""
    from compiler.render.html import render_print_html
    from compiler.render.pdf import render_edition_pdf, render_pdf

    project, view = _edition(copy_project(tmp_path / "p"))
    joined = tmp_path / "joined.pdf"
    joined.write_bytes(render_edition_pdf(view, project.layout_dir, project.content_dir).data)
    whole = tmp_path / "whole.pdf"
    html = render_print_html(view, project.layout_dir)
    whole.write_bytes(render_pdf(view, html, project.layout_dir, project.content_dir).data)
    ours, theirs = Pdf(joined), Pdf(whole)
    assert len(ours.reader.pages) == len(theirs.reader.pages) > 10
    assert ours.pages == theirs.pages
    assert ours.reader.page_labels == theirs.reader.page_labels
    assert ours.reader.metadata == theirs.reader.metadata
    contents = [link for link in _links(ours) if link[0] == 1]
    assert contents and all(target == name for _, _, target, name in contents)  # internal, into other chunks
    assert _links(ours) == _links(theirs)
    assert _destinations(ours) == _destinations(theirs)
    assert _bookmarks(ours) == _bookmarks(theirs)
    assert ours.attachment_json() == theirs.attachment_json()
    assert structure(joined) == structure(whole)
    with pikepdf.open(joined) as a, pikepdf.open(whole) as b:
        assert a.Root.Metadata.read_bytes() == b.Root.Metadata.read_bytes()  # XMP, with pdfuaid:part 1
        assert sorted(a.Root.keys()) == sorted(b.Root.keys())
        assert a.Root.Lang == b.Root.Lang and a.Root.ViewerPreferences.DisplayDocTitle
        assert a.pdf_version == "1.7"
    assert _pdfua_findings(joined) == _pdfua_findings(whole) | {"exit": 0, "findings": []}


def test_a_very_large_edition_is_tagged_with_links_bookmarks_index_and_data(tmp_path, monkeypatch):
    """Parts of several chunks each (as at 10x and 100x, made here with chunks of 20 items): still one structure
    tree, every contents link and index number right, the bookmarks of a continued Part under the Part's own."""
    import compiler.render.pagination as pagination
    from compiler.render.pdf import render_edition_pdf

    monkeypatch.setattr(pagination, "CHUNK_ITEMS", 20)
    monkeypatch.setattr(pagination, "INDEX_CHUNK_ENTRIES", 80)  # the index in chunks too, as at 100x
    project, view = _edition(as_draft(copy_project(tmp_path / "p", themes=True)))
    doc = view.doc
    assert len(pagination.chunks(doc)) > 5 and pagination.page_starts(doc)
    assert sum(1 for c in pagination.chunks(doc) if c.kind == "index") > 1
    path = tmp_path / "large.pdf"
    path.write_bytes(render_edition_pdf(view, project.layout_dir, project.content_dir).data)
    big = Pdf(path)
    data = big.attachment_json()
    assert [t for t, _ in big.toc_lines(1, skip="DRAFT")] == [norm(t["text"]) for t in data["toc"]]
    headings = {f["key"]: f["heading"] for f in data["front"]}
    headings.update({f"part-{p['part'].lower()}": p["heading"] for p in data["parts"]})
    headings.update({s["id"]: _heading(s) for p in data["parts"] for s in p["sections"]})
    headings["themes-index"] = "Index of themes"  # an edition with themes ends with their index
    links = {link["dest"]: link["dest_page"] for link in big.links(1) if "dest" in link}
    for (text, number), entry in zip(big.toc_lines(1, skip="DRAFT"), data["toc"]):
        assert norm(headings.get(entry["anchor"], entry["text"])) in big.pages[number], text
        assert links[entry["anchor"]] == number
    assert big.outline() == [(t["level"], t["text"]) for t in data["toc"]]
    entries = [(e.id, e.locator) for t in view.themes_index for e in t.entries]
    labels, named = big.reader.page_labels, big.reader.named_destinations
    assert index_numbers(big, view.themes_index) == [
        (i, int(labels[big.page_of_ref(named[i]["/Page"])])) for i, _ in entries
    ]
    assert big.reader.metadata.title.startswith("Compilation of recommendations")
    assert big.reader.metadata["/CreationDate"].startswith("D:20240901")
    for index in range(1, len(big.pages) - 1):  # up to the back cover
        assert big.pages[index].rstrip().endswith(str(index))
    assert labels[0] == "Cover" and labels[-1] == "Back cover"
    assert labels[1:-1] == [str(n) for n in range(1, len(labels) - 1)]
    for s in data["parts"][0]["sections"]:
        assert any(link.get("uri") == f"https://undocs.org/{s['report_symbol']}" for link in big.links())
    tags = structure(path)  # checks the parent tree against every page's marked content and every link
    sections = sum(len(p["sections"]) for p in data["parts"])
    assert [t for _, t in tags].count("/H4") == sections  # each section's heading once, in whichever chunk
    assert [t for _, t in tags].count("/Link") >= len(data["toc"])  # every contents line is a link, tagged
    assert _pdfua_findings(path)["findings"] == []


def _chunk_files(root) -> set[str]:
    folder = root / "build" / ".cache" / "pdf-chunks"
    return {p.name for p in folder.iterdir()} if folder.is_dir() else set()


def _pdf(root) -> bytes:
    return next((root / "build" / "2024-09").glob("*.pdf")).read_bytes()


def _recording_pid(task):
    """Lay out a chunk as the pool does, and note which process did it (in the file PDF_CHUNK_PIDS names)."""
    with open(os.environ["PDF_CHUNK_PIDS"], "a", encoding="utf-8") as fh:
        fh.write(f"{os.getpid()}\n")
    return _LAY_OUT_ONE(task)


def test_the_same_bytes_on_one_core_or_three_with_wrong_guesses_or_planted_layouts(tmp_path, monkeypatch):
    """Laid out by one process, then by three from every page number guessed wrong, then again from layouts planted
    or damaged in the cache: the same bytes each time. (Three processes from a right guess, the usual case, is
    test_a_first_build_lays_each_chunk_out_once_one_after_another's second build.)"""
    from compiler.render.pagination import chunks

    root = small_project(tmp_path / "p")
    monkeypatch.setenv("UNTOC_PDF_PROCESSES", "1")  # read by the PDF worker, forked from this process
    # laid out by one process: here, or by another test of this run into the run's cache (one process each)
    assert run_compiler(root, "build", "--format", "pdf").returncode == 0
    one = _pdf(root)
    monkeypatch.delenv("UNTOC_PDF_CACHE")  # the project's own cache, empty: every chunk laid out again
    assert not (root / "build" / ".cache" / "pdf-chunks").exists()
    monkeypatch.setenv("UNTOC_PDF_PROCESSES", "3")
    _, view = _edition(root)
    memo = root / "build" / ".cache" / "pdf-layout-2024-09.json"  # a last layout of one page a chunk: all wrong
    memo.write_text(json.dumps({"lengths": [1] * len(chunks(view.doc)), "anchors": {}}), encoding="utf-8")
    pids = tmp_path / "pids"
    monkeypatch.setenv("PDF_CHUNK_PIDS", str(pids))
    monkeypatch.setattr(pdf_chunks, "_lay_out_one", _recording_pid)  # inherited by the forked worker and pool
    assert run_compiler(root, "build", "--format", "pdf", "--force").returncode == 0
    assert _pdf(root) == one
    laid_out_by = pids.read_text().split()
    assert len(laid_out_by) > len(chunks(view.doc)) and len(set(laid_out_by)) > 1  # some twice, in several processes
    assert str(os.getpid()) not in laid_out_by
    for name in _chunk_files(root):  # layouts planted or damaged in the cache are laid out again
        path = root / "build" / ".cache" / "pdf-chunks" / name
        path.write_bytes(path.read_bytes()[:40] + b"%PDF-1.7 planted")
    pids.unlink()
    assert run_compiler(root, "build", "--format", "pdf", "--force").returncode == 0
    assert _pdf(root) == one
    assert len(pids.read_text().split()) >= len(chunks(view.doc))  # none of the planted layouts was taken


def test_a_first_build_lays_each_chunk_out_once_one_after_another(tmp_path, monkeypatch):
    """With no last layout to guess from, even with cores to spare: each chunk once, in reading order, from where the
    last ended, and the contents again with the pages (guessing one page each lays most chunks out twice)."""
    from compiler.render.pagination import chunks

    monkeypatch.delenv("UNTOC_PDF_CACHE")  # the project's own cache: empty
    root = small_project(tmp_path / "p")
    monkeypatch.setenv("UNTOC_PDF_PROCESSES", "3")
    pids = tmp_path / "pids"
    monkeypatch.setenv("PDF_CHUNK_PIDS", str(pids))
    monkeypatch.setattr(pdf_chunks, "_lay_out_one", _recording_pid)
    assert run_compiler(root, "build", "--format", "pdf").returncode == 0
    _, view = _edition(root)
    assert len(pids.read_text().split()) == len(chunks(view.doc)) + 1
    first = _pdf(root)
    shutil.rmtree(root / "build" / "2024-09")
    shutil.rmtree(root / "build" / ".cache" / "pdf-chunks")
    pids.unlink()
    assert run_compiler(root, "build", "--format", "pdf").returncode == 0  # the last pages guessed: all at once
    assert len(set(pids.read_text().split())) > 1 and _pdf(root) == first


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory):
    """The small project built with its own cache (build/.cache: each chunk's layout and the last layout's pages), as
    from nothing: tests of what a second build takes from the cache copy it rather than lay it all out again."""
    root = small_project(tmp_path_factory.mktemp("laid-out") / "p")
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("UNTOC_PDF_CACHE")
        assert run_compiler(root, "build", "--format", "pdf").returncode == 0
    return root


@pytest.fixture(scope="module")
def reworded_from_nothing(tmp_path_factory) -> bytes:
    """The PDF of the small project with one observation of Part B reworded, laid out from nothing (an empty cache of
    its own, no guess): what a build that took the rest from the cache must equal."""
    root = small_project(tmp_path_factory.mktemp("reworded") / "p")
    reword(root, FIREARMS, "cd-fa-2024-o2", "by private security companies", "by private military companies")
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("UNTOC_PDF_CACHE")
        assert run_compiler(root, "build", "--format", "pdf").returncode == 0
    return _pdf(root)


def test_changing_one_observation_lays_out_only_its_part_again(laid_out, reworded_from_nothing, tmp_path, monkeypatch):
    monkeypatch.delenv("UNTOC_PDF_CACHE")  # the project's own cache, build/.cache/pdf-chunks
    root = shutil.copytree(laid_out, tmp_path / "p")
    before = _chunk_files(root)
    assert len(before) >= 4  # cover with contents, Guidance and Background, Part A, Part B (some laid out twice)
    reword(root, FIREARMS, "cd-fa-2024-o2", "by private security companies", "by private military companies")
    assert run_compiler(root, "build", "--format", "pdf").returncode == 0
    assert len(_chunk_files(root) - before) == 1  # Part B's chunk; the others came from the cache
    assert "by private military companies" in Pdf(next((root / "build" / "2024-09").glob("*.pdf"))).text
    assert _pdf(root) == reworded_from_nothing  # as laid out from nothing


@pytest.mark.parametrize("edition", ["2024-04", "2024-09"])
def test_the_issued_editions_pass_the_pdfua_checker(built, edition):
    path = next((built / "build" / edition).glob("*.pdf"))
    assert _pdfua_findings(path)["findings"] == []
    structure(path)


@pytest.mark.parametrize("value", ["two", "0", "-1"])
def test_a_wrong_number_of_processes_is_said_clearly_and_nothing_is_written(tmp_path, monkeypatch, value):
    root = small_project(tmp_path / "p")
    monkeypatch.setenv("UNTOC_PDF_PROCESSES", value)
    result = run_compiler(root, "build", "--format", "pdf")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"UNTOC_PDF_PROCESSES must be a whole number of at least 1, not '{value}'" in result.stderr
    assert not (root / "build" / "2024-09").exists()


def test_a_cache_that_cannot_be_written_is_no_error(tmp_path, monkeypatch):
    root = small_project(tmp_path / "p")
    assert run_compiler(root, "build", "--format", "pdf").returncode == 0  # the run's cache may have its chunks
    expected = _pdf(root)
    monkeypatch.delenv("UNTOC_PDF_CACHE")  # the project's own cache, build/.cache/pdf-chunks: laid out anew
    shutil.rmtree(root / "build")
    (root / "build").mkdir()
    (root / "build" / ".cache").write_text("a file where the cache folder goes\n")
    result = run_compiler(root, "build", "--format", "pdf")
    assert result.returncode == 0, result.stderr
    assert _pdf(root) == expected


def test_a_kept_layout_is_taken_again_only_while_the_files_it_read_are_unchanged(laid_out, tmp_path, monkeypatch):
    monkeypatch.delenv("UNTOC_PDF_CACHE")  # the project's own cache, build/.cache/pdf-chunks
    root = shutil.copytree(laid_out, tmp_path / "p")
    first, kept = _pdf(root), _chunk_files(root)
    web = root / "layouts" / "compilation" / "web.css"  # not read by the PDF: every layout is taken again
    web.write_text(web.read_text(encoding="utf-8") + "\n/* the web page only */\n", encoding="utf-8")
    assert run_compiler(root, "build", "--format", "pdf").returncode == 0
    assert _chunk_files(root) == kept and _pdf(root) == first
    css = root / "layouts" / "compilation" / "print.css"  # read by every chunk: every one laid out again
    css.write_text(css.read_text(encoding="utf-8") + "\nh1, h2 { letter-spacing: 0.5pt; }\n", encoding="utf-8")
    assert run_compiler(root, "build", "--format", "pdf").returncode == 0
    assert len(_chunk_files(root) - kept) >= 4 and _pdf(root) != first


def test_a_clone_sharing_the_cache_guesses_from_another_and_lays_out_only_what_differs(
    reworded_from_nothing, tmp_path, monkeypatch
):
    """With UNTOC_PDF_CACHE shared, a clone's first build takes the last layout of the edition, built in another
    clone, as its first guess: after one observation changed, only its Part is new, not every chunk twice."""
    shared = tmp_path / "shared"
    monkeypatch.setenv("UNTOC_PDF_CACHE", str(shared))
    first = small_project(tmp_path / "first")
    assert run_compiler(first, "build", "--format", "pdf").returncode == 0
    before = {p.name for p in shared.iterdir()}
    assert "pdf-layout-2024-09.json" in before
    second = small_project(tmp_path / "second")
    reword(second, FIREARMS, "cd-fa-2024-o2", "by private security companies", "by private military companies")
    assert not (second / "build").exists()  # no memo of its own
    assert run_compiler(second, "build", "--format", "pdf").returncode == 0
    assert len({p.name for p in shared.iterdir()} - before) == 1  # Part B's chunk, laid out once
    assert _pdf(second) == reworded_from_nothing  # the same file as from nothing, with no guess
