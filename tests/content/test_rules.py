"""The checks beyond the schema: label sequences, text defects of the print, corrections that still hold."""

from __future__ import annotations

from compiler.content.rules import check_content, label_sequence_warnings, text_warnings
from compiler.errors import Location


def test_a_label_gap_or_repeat_is_a_warning_at_the_label():
    at = [Location("a.yaml", n) for n in (1, 2, 3, 4)]
    warnings = label_sequence_warnings(list(zip(["13", "14", "16", "16"], at)), "recommendation")
    assert [(w.location.line, w.severity) for w in warnings] == [(3, "warning"), (4, "warning")]
    assert "label 16 does not follow" in warnings[0].message and "repeats" in warnings[1].message


def test_print_defects_in_text_are_named():
    found = text_warnings("States  should act.", Location("a.yaml", 5))
    assert [str(p) for p in found] == ["a.yaml:5: warning: doubled space in the text; use a single space"]
    assert text_warnings("States should act.", Location("a.yaml", 5)) == []


def test_the_real_content_has_no_errors(real_content):
    assert [p for p in check_content(real_content) if p.severity == "error"] == []


def test_a_cover_logo_must_be_an_svg_or_png_in_assets_that_exists(tmp_path):
    from ..conftest import copy_project, run_compiler

    root = copy_project(tmp_path / "p")
    publication = root / "content" / "publication.yaml"
    original = publication.read_text(encoding="utf-8")

    def check_with(logo: str) -> str:
        publication.write_text(
            original.replace("  heading: COMPILATION\n", f"  heading: COMPILATION\n  logo: {logo}\n")
        )
        result = run_compiler(root, "check", "-q")
        assert result.returncode == 1
        return result.stderr

    assert "content/publication.yaml:19:9: error: cover logo 'assets/emblem.svg': no such file" in check_with(
        "assets/emblem.svg"
    )
    assert "must be an SVG or PNG file in content/assets/" in check_with("../secret.png")
    (root / "content" / "assets").mkdir()
    (root / "content" / "assets" / "emblem.png").write_text("<svg/>")
    assert "cover logo 'assets/emblem.png' is not a PNG image" in check_with("assets/emblem.png")
