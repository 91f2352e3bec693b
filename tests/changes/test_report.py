"""A change set as a terminal summary, a short "what is new" and JSON: counts agree, items named as cited."""

from __future__ import annotations

import json

from compiler.changes.report import render_text, summary_line, to_dict, whats_new


def test_counts_agree_in_every_form(every_change):
    data = to_dict(every_change)
    assert json.loads(json.dumps(data)) == data
    c = data["counts"]
    assert (c["items_added"], c["items_removed"], c["items_moved"], c["items_reworded"]) == (1, 1, 1, 1)
    line = summary_line(every_change)
    assert "1 item added, 1 removed, 1 moved, 1 reworded" in line
    text = render_text(every_change)
    assert line in text
    assert "Working Group on Trafficking in Persons (CTOC/COP/WG.4/2022/4)" in text  # grouped under the section
    assert "~ Recommendation 14: reworded: " in text and "without [-undue-]{+any+} delay" in text


def test_whats_new_names_the_new_recommendation(every_change):
    text = whats_new(every_change)
    assert (
        "1 recommendation added to existing sections of Part A: Recommendation 19, Working Group on Firearms, 2023."
        in text
    )
    assert (
        "2 items with corrected or changed wording: Recommendation 14, Working Group on Trafficking in Persons, 2022;"
        in text
    )
