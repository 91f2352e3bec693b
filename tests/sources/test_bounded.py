"""Source files read within limits: hostile and broken files get a clear message and exit 1, fast, never a hang,
a full memory or a traceback; the limits are settings (UNTOC_IMPORT_*), set small here so that the tests are quick."""

from __future__ import annotations

import io
import os
import zipfile

import pikepdf
import pytest

from compiler.errors import CompilerError
from compiler.sources.bounded import Limits, extract_bounded

from ..conftest import PUBLISHED, run_compiler, small_project

TITLE = ("--year", "2025", "--title", "Constructive Dialogue on Firearms")


def _loop_pdf(path):
    """A PDF of 447 bytes whose page's MediaBox is an object that refers to itself (pdfminer loops on it)."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox 4 0 R /Contents 5 0 R >>",
        b"4 0 R",
        b"<< /Length 0 >>\nstream\n\nendstream",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for n, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{off:010d} 00000 n \n".encode() for off in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(out)
    return path


def _bomb_docx(path):
    """A DOCX of some 20 KB whose document.xml inflates to 20 MB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<w:document>" + b" " * 20_000_000 + b"</w:document>")
    path.write_bytes(buffer.getvalue())
    return path


def _text(path, text: str):
    path.write_text(text, encoding="utf-8")
    return path


def _many_pages(path, pages: int):
    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page(page_size=(595, 842))
    pdf.save(path)
    return path


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return small_project(tmp_path_factory.mktemp("bounded") / "project")


@pytest.mark.parametrize(
    "make, env, message",
    [
        (_loop_pdf, {"UNTOC_IMPORT_SECONDS": "1"}, "reading it took longer than 1 s, so it was stopped"),
        (_bomb_docx, {}, "its part word/document.xml would inflate to 20 MB"),
        (lambda p: _many_pages(p, 12), {"UNTOC_IMPORT_MAX_PAGES": "10"}, "over 10 pages"),
        (
            lambda p: _text(p, "x" * 2_000_001),
            {"UNTOC_IMPORT_MAX_MB": "1"},
            "2.0 MB is more than a report or a summary (1 MB at most; UNTOC_IMPORT_MAX_MB sets it)",
        ),
        (
            lambda p: _text(p, "word " * 300_000),
            {"UNTOC_IMPORT_MAX_TEXT_MB": "1"},
            "over 1,000,000 characters",
        ),
    ],
    ids=["self-referring-pdf", "inflating-docx", "too-many-pages", "too-large", "too-much-text"],
)
def test_hostile_sources_are_refused_clearly_within_the_limits(project, tmp_path, make, env, message):
    suffix = {"_loop_pdf": ".pdf", "_bomb_docx": ".docx"}.get(getattr(make, "__name__", ""), "")
    suffix = suffix or (".pdf" if "pages" in message else ".txt")
    source = make(tmp_path / f"summary{suffix}")
    result = run_compiler(project, "import", "summary", str(source), *TITLE, env={**os.environ, **env})
    assert result.returncode == 1, result.stdout
    assert message in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert not list((project / "content" / "part-b").glob("2025-*.yaml"))  # nothing written


def test_a_line_of_200000_letters_is_read_in_linear_time(project, tmp_path):
    source = tmp_path / "long.txt"
    source.write_text("Summary by the Chair\n\n" + "a" * 200_000 + "-\nword\n", encoding="utf-8")
    result = run_compiler(
        project, "import", "summary", str(source), *TITLE, env={**os.environ, "UNTOC_IMPORT_SECONDS": "20"}
    )
    assert result.returncode == 1 and "no chapter of observations found" in result.stderr  # read, then judged


def test_a_file_name_is_data_never_yaml(project, tmp_path):
    """A downloaded file's name with a line break in it cannot add a field to the content file written."""
    import yaml

    summary = (PUBLISHED / "content" / "sources" / "2024-cd-ta-ic-summary.txt").read_text(encoding="utf-8")
    source = tmp_path / "summary\nlast_edition: '2024-04'\n#.txt"
    source.write_text(summary, encoding="utf-8")
    out = project / "content" / "part-b" / "2025-named.yaml"
    result = run_compiler(project, "import", "summary", str(source), *TITLE, "-o", str(out))
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert "last_edition" not in data and data["observations"]
    out.unlink()


def test_the_limits_are_positive_numbers():
    os.environ["UNTOC_IMPORT_MAX_MB"] = "nan"
    try:
        with pytest.raises(CompilerError, match="UNTOC_IMPORT_MAX_MB must be a positive number, not 'nan'"):
            Limits.from_environment()
    finally:
        del os.environ["UNTOC_IMPORT_MAX_MB"]
    assert Limits.from_environment() == Limits()


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(CompilerError, match="no such file"):
        extract_bounded(tmp_path / "nothing.pdf")
