"""Characters no installed font has are found by check, at their line; names in other scripts render."""

from __future__ import annotations

import unicodedata

from compiler.content.fonts import _covered, covered_ranges

from ..conftest import edition_file, reword, run_compiler, small_project
from ..pdfread import Pdf

WG4 = "content/part-a/2022-wg4-trafficking-in-persons.yaml"


def _uncovered() -> str:
    ranges = covered_ranges()
    return next(
        chr(c)
        for c in range(0x250, 0x30000)
        if not unicodedata.category(chr(c)).startswith("C") and not _covered(c, ranges)
    )


def test_a_character_in_no_font_is_an_error_at_its_line_and_nothing_is_built(tmp_path):
    root = small_project(tmp_path / "p")  # three sections, both editions drafts
    bad = _uncovered()
    reword(root, WG4, "wg4-2022-r14", "without undue delay", f"without undue {bad} delay")
    check = run_compiler(root, "check", "-q")
    assert check.returncode == 1
    assert f"{WG4}:11:11: error: the character {bad!r} (U+{ord(bad):04X}" in check.stderr
    assert "is in no installed font" in check.stderr
    build = run_compiler(root, "build", "2024-09", "--format", "pdf")
    assert build.returncode == 1 and "is in no installed font" in build.stderr and "Traceback" not in build.stderr
    assert not edition_file(root, "2024-09", "pdf").exists()


def test_names_in_chinese_arabic_and_cyrillic_render_in_the_pdf(tmp_path):
    root = small_project(tmp_path / "p")  # three sections, both editions drafts
    names = "王小明, محمد, Иван"
    reword(root, WG4, "wg4-2022-r14", "nominate, without", f"nominate ({names}), without")
    assert run_compiler(root, "check", "-q").returncode == 0
    build = run_compiler(root, "build", "2024-09", "--format", "pdf")
    assert build.returncode == 0, build.stderr
    text = Pdf(edition_file(root, "2024-09", "pdf")).text
    assert "王小明" in text and "Иван" in text and "محمد" in text
