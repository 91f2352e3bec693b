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
