"""Importing a Chair's summary (text, DOCX, PDF), the provenance check, find, and scaffolding."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from compiler.content.load import load_content
from compiler.content.select import select
from compiler.project import Project

from ..conftest import PUBLISHED, as_draft, copy_project, run_compiler

SUMMARY = PUBLISHED / "content" / "sources" / "2024-cd-ta-ic-summary.txt"
JOINT = "content/part-b/2024-technical-assistance-and-international-cooperation.yaml"


@pytest.fixture(scope="module")
def expected(real_content):
    doc = select(real_content, "2024-09")
    joint = next(s for s in doc.sections() if s.id == "cd-ta-ic-2024")
    return [(e.paragraph, e.text) for e in joint.items]


@pytest.fixture
def proj(tmp_path):
    """The published content with September 2024 a draft again (its record gone), so its joint dialogue may go."""
    root = as_draft(copy_project(tmp_path / "p"))
    (root / JOINT).unlink()
    (root / "content" / "sources" / "2024-cd-ta-ic-summary.txt").unlink()
    assert run_compiler(root, "edition", "new", "2025-01", "January 2025").returncode == 0
    return root


def summary_paragraphs() -> list[str]:
    text = SUMMARY.read_text(encoding="utf-8")
    return [re.sub(r"\s+", " ", p).strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def make_docx(path: Path) -> Path:
    import docx

    d = docx.Document()
    for p in summary_paragraphs():
        d.add_paragraph(re.sub(r"\[([^\]]*)\]\(#\)", r"\1", p))
    footer = d.sections[0].footer.paragraphs[0]
    footer.text = "V.24-10464 9/9"
    d.save(str(path))
    return path


def make_pdf(path: Path) -> Path:
    from html import escape

    import weasyprint

    link = re.compile(r"\[([^\]]*)\]\(#\)")
    body = "".join("<p>" + escape(link.sub(r"\1", p)) + "</p>" for p in summary_paragraphs())
    html = f"""<html><head><style>
      @page {{ size: A4; margin: 25mm; @top-center {{ content: "CTOC/COP/WG.2/2024/CRP.1" }}
               @bottom-right {{ content: counter(page) "/" counter(pages) }}
               @bottom-left {{ content: "V.24-10464" }} }}
      body {{ font-family: Carlito; font-size: 11pt; }} p {{ text-align: justify; }}
    </style></head><body>{body}</body></html>"""
    weasyprint.HTML(string=html).write_pdf(str(path))
    return path


def imported(root: Path, out: str) -> list[tuple[int, str]]:
    doc = select(load_content(Project(root)), "2025-01")
    section = next(s for s in doc.sections() if s.source_path.endswith(out))
    return [(e.paragraph, e.text) for e in section.items]


@pytest.mark.parametrize("kind", ["txt", "docx", "pdf"])
def test_import_yields_the_eight_observations_identical(proj, tmp_path, expected, kind):
    source = {
        "txt": lambda: SUMMARY,
        "docx": lambda: make_docx(tmp_path / "summary.docx"),
        "pdf": lambda: make_pdf(tmp_path / "summary.pdf"),
    }[kind]()
    if kind == "pdf":
        from compiler.sources.extract import extract

        raw = extract(source).resolve().text  # the page furniture is out already: running head, job number, page n/N
        assert "CTOC/COP/WG.2/2024/CRP.1" not in raw and "V.24-10464" not in raw
        assert not re.search(r"^\s*\d+/\d+\s*$", raw, re.M)
    result = run_compiler(proj, "import", "summary", str(source))
    assert result.returncode == 0, result.stderr
    out = "content/part-b/2024-technical-assistance-and-international-cooperation.yaml"
    assert f"wrote {out}: 8 observation(s), paragraphs 45-52" in result.stdout
    assert imported(proj, out) == expected
    text = (proj / out).read_text()
    assert 'title: "Joint Constructive Dialogue on Technical Assistance and International Cooperation"' in text
    assert 'date: "7 June 2024"' in text and "summary_by: co-chairs" in text and "follows: [wg2, wg3]" in text
    assert (
        "  - title: Joint Constructive Dialogue on Technical Assistance and International Cooperation (from paragraph 3"
        in result.stdout
    )
    assert "Mr. Carlos Alberto Sánchez del Águila" in text and "Dr. Aldana Rohr" in text
    assert "Based on the discussions" not in text
    assert "summary url" in result.stdout  # what it could not find is listed
    check = run_compiler(proj, "check", "-q")
    assert check.returncode == 0, check.stderr


def test_refusals(proj, tmp_path):
    text = SUMMARY.read_text(encoding="utf-8")
    cases = {
        "no-chapter.txt": (
            text.replace("V. Observations by the Chair", "V. Conclusions"),
            "no chapter of observations found",
        ),
        "jump.txt": (text.replace("\n48. States", "\nStates"), "paragraph numbers jump from 47 to 49"),
        "repeat.txt": (
            text.replace("\n48. States", "\n47. States"),
            "paragraph 47 of the observations chapter repeats",
        ),
    }
    for name, (body, message) in cases.items():
        path = tmp_path / name
        path.write_text(body, encoding="utf-8")
        result = run_compiler(proj, "import", "summary", str(path))
        assert result.returncode == 1 and message in result.stderr, (name, result.stderr)
        assert "Traceback" not in result.stderr
    assert run_compiler(proj, "import", "summary", str(SUMMARY)).returncode == 0
    out = proj / "content" / "part-b" / "2024-technical-assistance-and-international-cooperation.yaml"
    written = out.read_text()
    other = tmp_path / "changed.txt"
    other.write_text(text.replace("organized fraud, trends and", "organized fraud, trend and"), encoding="utf-8")
    again = run_compiler(proj, "import", "summary", str(other))
    assert again.returncode == 1 and "gives other items:" in again.stderr
    assert "48: " in again.stderr and "[-trends-]{+trend+}" in again.stderr and "pass --force" in again.stderr
    assert out.read_text() == written
    assert run_compiler(proj, "import", "summary", str(other), "--force").returncode == 0
    missing = run_compiler(proj, "import", "summary", str(tmp_path / "nope.pdf"))
    assert missing.returncode == 1 and "no such file" in missing.stderr


def test_provenance_flags_defect_4_when_the_two_observations_go_back(tmp_path):
    root = copy_project(tmp_path / "p")
    joint = root / JOINT
    text = joint.read_text()
    cut = text.index("  - id: cd-ta-ic-2024-o51")
    moved = re.sub(r"    paragraph: \d+\n", "", text[cut:])
    moved = re.sub(r"    corrections:\n(?:      .*\n|          .*\n|        .*\n)+", "", moved)
    joint.write_text(text[:cut])
    som = root / "content" / "part-b" / "2024-smuggling-of-migrants.yaml"
    som.write_text(som.read_text().rstrip("\n") + "\n" + moved.replace("cd-ta-ic-2024-o5", "cd-som-2024-o"))
    result = run_compiler(root, "check", "-q")
    assert result.returncode == 1
    for n, item in ((51, "cd-som-2024-o1"), (52, "cd-som-2024-o2")):
        assert (
            f"paragraph {n} of the observations in content/sources/2024-cd-ta-ic-summary.txt is missing "
            f"from cd-ta-ic-2024; its text is placed under cd-som-2024 ({item})"
        ) in result.stderr


def test_provenance_flags_a_changed_text(tmp_path):
    root = copy_project(tmp_path / "p")
    joint = root / JOINT
    joint.write_text(joint.read_text().replace("organized fraud, trends and", "organized fraud, trend and"))
    result = run_compiler(root, "check", "-q")
    assert result.returncode == 1
    assert "cd-ta-ic-2024-o48 differs from paragraph 48 of content/sources/2024-cd-ta-ic-summary.txt" in result.stderr


def test_find_focal_points_across_working_groups(tmp_path):
    root = copy_project(tmp_path / "p")
    result = run_compiler(root, "find", '"focal points"', "--format", "json")
    data = json.loads(result.stdout)
    groups = {h["section"]["title"] for h in data["hits"] if h["part"] == "A"}
    assert len(groups) >= 4
    for h in data["hits"]:
        s, e = h["matches"][0]
        assert h["text"][s:e].lower() == "focal points"
        assert "focal points" in h["sentence"].lower()
    text = run_compiler(root, "find", "FOCAL", "Points").stdout
    assert "**focal points**" not in text and "**focal**" in text.lower()
    assert (
        "2022 Working Group on Trafficking in Persons (CTOC/COP/WG.4/2022/4): Recommendation 14 [wg4-2022-r14]" in text
    )
    only_b = json.loads(
        run_compiler(
            root, "find", "states", "--part", "B", "--year", "2024", "--body", "firearms", "--format", "json"
        ).stdout
    )
    assert only_b["hits"] and {h["section"]["id"] for h in only_b["hits"]} == {"cd-fa-2024"}
    accents = json.loads(run_compiler(root, "find", "RÉVMOD", "--format", "json").stdout)
    assert [h["id"] for h in accents["hits"]] == ["wg2-2023-r4"]  # “RevMod”
    april = json.loads(run_compiler(root, "find", '"focal points"', "--edition", "2024-04", "--format", "json").stdout)
    assert all(h["year"] < 2024 for h in april["hits"]) and april["count"] < data["count"]


def test_new_meeting_and_dialogue_pass_check_once_filled(tmp_path):
    root = copy_project(tmp_path / "p")
    assert run_compiler(root, "edition", "new", "2025-01", "January 2025").returncode == 0
    m = run_compiler(root, "new", "meeting", "wg4", "2025", "4", "--labels", "1,2")
    d = run_compiler(root, "new", "dialogue", "2025", "Constructive Dialogue on Firearms", "--observations", "2")
    assert m.returncode == 0 and d.returncode == 0, m.stderr + d.stderr
    meeting = root / "content" / "part-a" / "2025-wg4-trafficking-in-persons.yaml"
    dialogue = root / "content" / "part-b" / "2025-firearms.yaml"
    assert "report_symbol: CTOC/COP/WG.4/2025/4" in meeting.read_text()
    before = run_compiler(root, "check", "-q")
    assert before.returncode == 1 and before.stderr.count("TODO placeholder") == 4
    for path in (meeting, dialogue):
        path.write_text(
            path.read_text()
            .replace("TODO: the recommendation word for word as adopted", "States parties are encouraged to act.")
            .replace("TODO: the observation word for word as in the summary", "States should act.")
        )
    after = run_compiler(root, "check", "-q")
    assert after.returncode == 0, after.stderr
    counts = json.loads(run_compiler(root, "editions", "--format", "json").stdout)[-1]
    assert counts["id"] == "2025-01" and counts["items"] == 74 + 4


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_import_report_gives_group_year_symbol_labels_and_sub_items(tmp_path, kind):
    from ..libreoffice import convert
    from ..sources.un_documents import REPORT_ITEMS, REPORT_SYMBOL, make_report_docx

    root = copy_project(tmp_path / "p")
    assert run_compiler(root, "edition", "new", "2025-05", "May 2025").returncode == 0
    source = make_report_docx(tmp_path / "report.docx")
    if kind == "pdf":
        assert convert(source, tmp_path).returncode == 0
        source = tmp_path / "report.pdf"
    result = run_compiler(root, "import", "report", str(source))
    assert result.returncode == 0, result.stderr
    out = "content/part-a/2025-wg4-trafficking-in-persons.yaml"
    assert f"wrote {out}: 3 recommendation(s), 1 to 3" in result.stdout
    assert "removed 1 footnote mark(s)" in result.stdout
    doc = select(load_content(Project(root)), "2025-05")
    section = next(s for s in doc.sections() if s.id == "wg4-2025")
    assert section.report_symbol == REPORT_SYMBOL and section.working_group == "wg4" and section.year == 2025
    got = [(e.label, e.text, [(s.label, s.text) for s in e.sub_items]) for e in section.items]
    assert got == REPORT_ITEMS
    assert all(e.paragraph == 1 for e in section.items)
    assert (root / "content" / "sources" / f"2025-wg4-report.{kind}").read_bytes() == source.read_bytes()
    assert run_compiler(root, "check", "-q").returncode == 0


def test_a_report_without_recommendations_is_refused(tmp_path):
    root = copy_project(tmp_path / "p")
    path = tmp_path / "report.txt"
    path.write_text("CTOC/COP/WG.4/2025/4\nI. Introduction\n1. Text.\n", encoding="utf-8")
    result = run_compiler(root, "import", "report", str(path))
    assert result.returncode == 1 and "no chapter of recommendations found" in result.stderr


# -- documents made as the UN makes them (tests/sources/un_templates.py) -----------------------------
@pytest.fixture(scope="module")
def un_files(tmp_path_factory):
    from ..libreoffice import convert
    from ..sources.un_templates import make_report, make_summary

    folder = tmp_path_factory.mktemp("un")
    files = {}
    for name, make in (("report", make_report), ("summary", make_summary)):
        docx = make(folder)
        assert convert(docx, folder).returncode == 0  # LibreOffice makes the PDF, as the secretariat would
        files[(name, "docx")], files[(name, "pdf")] = docx, folder / f"{name}.pdf"
    return files


@pytest.fixture
def next_edition(tmp_path):
    root = copy_project(tmp_path / "p")
    assert run_compiler(root, "edition", "new", "2025-07", "July 2025").returncode == 0
    return root


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_a_report_made_the_un_way_imports_word_for_word_with_its_own_symbol_and_dates(un_files, next_edition, kind):
    from ..sources.un_templates import CITED, RECOMMENDATIONS, SYMBOL

    root = next_edition
    result = run_compiler(root, "import", "report", str(un_files[("report", kind)]))
    assert result.returncode == 0, result.stderr
    out = "content/part-a/2025-wg4-trafficking-in-persons.yaml"
    assert f"wrote {out}: 3 recommendation(s), 1 to 3" in result.stdout
    where = (
        "the top band of page 1 and the running head"
        if kind == "pdf"
        else "the first page's header and the running head"
    )
    assert f"  - report_symbol: {SYMBOL} (from {where})" in result.stdout
    assert '  - date: 3 and 4 June 2025 (from the line "Vienna, 3 and 4 June 2025"' in result.stdout
    text = (root / out).read_text()
    assert f"report_symbol: {SYMBOL}" in text and CITED not in text
    assert 'date: "3 and 4 June 2025"' in text and 'place: "Vienna"' in text
    section = next(s for s in select(load_content(Project(root)), "2025-07").sections() if s.id == "wg4-2025")
    got = [(e.label, e.text, [(s.label, s.text) for s in e.sub_items]) for e in section.items]
    assert got == RECOMMENDATIONS  # nothing of chapter II, and the sub-items whole
    check = run_compiler(root, "check", "-q")
    assert check.returncode == 0, check.stderr


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_a_summary_made_the_un_way_takes_its_title_from_its_heading_and_nothing_of_the_next_chapter(
    un_files, next_edition, kind
):
    from ..sources.un_templates import OBSERVATIONS

    root = next_edition
    result = run_compiler(root, "import", "summary", str(un_files[("summary", kind)]))
    assert result.returncode == 0, result.stderr
    out = "content/part-b/2025-firearms.yaml"
    assert f"wrote {out}: 2 observation(s), paragraphs 3-4" in result.stdout
    assert '  - title: Constructive Dialogue on Firearms (from the heading "Constructive dialogue on firearms")' in (
        result.stdout
    )
    assert '  - date: 5 June 2025 (from the line "Vienna, 5 June 2025"' in result.stdout
    section = next(s for s in select(load_content(Project(root)), "2025-07").sections() if s.id == "cd-fa-2025")
    assert [(e.paragraph, e.text, [(s.label, s.text) for s in e.sub_items]) for e in section.items] == [
        (n, text, subs) for n, (text, subs) in OBSERVATIONS.items()
    ]
    assert "Closing" not in (root / out).read_text() and "closed the dialogue" not in (root / out).read_text()


def test_the_second_format_of_the_same_report_keeps_one_original(un_files, next_edition):
    root = next_edition
    assert run_compiler(root, "import", "report", str(un_files[("report", "pdf")])).returncode == 0
    out = root / "content" / "part-a" / "2025-wg4-trafficking-in-persons.yaml"
    written = out.read_text()
    again = run_compiler(root, "import", "report", str(un_files[("report", "docx")]))
    assert again.returncode == 0, again.stderr
    assert "already holds these 3 recommendation(s), 1 to 3, word for word: nothing was written" in again.stdout
    assert out.read_text() == written and not (root / "content" / "sources" / "2025-wg4-report.docx").exists()
    assert run_compiler(root, "check", "--strict", "-q").returncode == 0  # no original left orphaned


def test_check_compares_a_part_a_item_with_its_kept_report_word_by_word(un_files, next_edition):
    root = next_edition
    assert run_compiler(root, "import", "report", str(un_files[("report", "pdf")])).returncode == 0
    out = root / "content" / "part-a" / "2025-wg4-trafficking-in-persons.yaml"
    text = out.read_text()
    assert "without undue delay" in text and "extrabudgetary " in text
    out.write_text(text.replace("without undue delay", "without delay").replace("extrabudgetary ", ""))
    check = run_compiler(root, "check", "-q")
    assert check.returncode == 1
    kept = "content/sources/2025-wg4-report.pdf"
    assert f"wg4-2025-r1 differs from recommendation 1 of {kept}: " in check.stderr
    assert "without {+undue +}delay" in check.stderr
    assert f"wg4-2025-r2 (b) differs from recommendation 2 of {kept}: Provide{{+ extrabudgetary+}} resources" in (
        check.stderr
    )
    assert "record a correction with the item" in check.stderr


def test_the_traps_of_a_second_import(proj, tmp_path):
    """-o into a folder the compiler keeps is refused; --force keeps the section's order; an original left behind
    by a replaced import is a warning of check."""
    kept = run_compiler(proj, "import", "summary", str(SUMMARY), "-o", "content/sources/x.yaml")
    assert kept.returncode == 1 and "content/sources/ holds what the compiler keeps" in kept.stderr
    issued = run_compiler(proj, "import", "summary", str(SUMMARY), "-o", "content/issued/x.yaml")
    assert issued.returncode == 1 and "content/issued/ holds what the compiler keeps" in issued.stderr
    assert (
        not (proj / "content" / "sources" / "x.yaml").exists() and not (proj / "content" / "issued" / "x.yaml").exists()
    )
    out = proj / "content" / "part-b" / "2024-technical-assistance-and-international-cooperation.yaml"
    assert run_compiler(proj, "import", "summary", str(SUMMARY)).returncode == 0
    out.write_text(re.sub(r"^order: \d+$", "order: 9", out.read_text(), flags=re.M))
    assert "order: 9" in out.read_text()
    pdf = make_pdf(tmp_path / "summary.pdf")
    replaced = run_compiler(proj, "import", "summary", str(pdf), "--force")
    assert replaced.returncode == 0, replaced.stderr
    assert "order: 9" in out.read_text()  # its place among the year's dialogues is kept
    check = run_compiler(proj, "check", "-q")
    left = "content/sources/2024-technical-assistance-and-international-cooperation-summary.txt"
    assert (
        check.returncode == 0 and f"{left}: warning: no section or edition refers to this kept original" in check.stderr
    )
