"""The DOCX of a ten times larger edition, rendered by LibreOffice: chunk breaks at the same pages as the PDF.

In a file of its own so that, with the suite spread over the cores, it runs beside the rest.
"""

from __future__ import annotations

import json

from ..conftest import edition_file, run_compiler
from ..libreoffice import convert
from ..pdfread import Pdf, norm


def test_a_ten_times_larger_edition_still_paginates_alike_in_libreoffice(tmp_path):
    """Long Parts are laid out in chunks that start new pages; the DOCX breaks at the same places."""
    import sys

    from ..conftest import REPO

    sys.path.insert(0, str(REPO / "bench"))
    from generate import generate

    root = generate(10, tmp_path / "x10")
    assert run_compiler(root, "build", "--format", "pdf,docx").returncode == 0
    data = json.loads(json.dumps(Pdf(edition_file(root, "2024-09", "pdf")).attachment_json()))
    out = tmp_path / "lo"
    assert convert(edition_file(root, "2024-09", "docx"), out).returncode == 0
    lo = Pdf(out / edition_file(root, "2024-09", "pdf").name)
    weasy = Pdf(edition_file(root, "2024-09", "pdf"))
    assert len(lo.pages) == len(weasy.pages)
    note = norm(data["edition"]["draft_note"])  # the generated edition is a draft: every page says so
    assert all(note in page for page in lo.pages) and all(note in page for page in weasy.pages)
    headings = {f["key"]: f["heading"] for f in data["front"]}
    headings.update({f"part-{p['part'].lower()}": p["heading"] for p in data["parts"]})
    headings.update({s["id"]: f"{s['title']} ({s['link_text']})" for p in data["parts"] for s in p["sections"]})
    guidance = next(i for i, text in enumerate(lo.pages) if text.replace(note, "").strip().startswith("Guidance"))
    toc = [line for page in range(1, guidance) for line in lo.toc_lines(page, skip=note)]
    assert [t for t, _ in toc] == [norm(t["text"]) for t in data["toc"]]
    for (text, number), entry in zip(toc, data["toc"]):
        assert norm(headings[entry["anchor"]]) in lo.pages[number], (text, number)
