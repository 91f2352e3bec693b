"""A Chair's summary: its numbered observations word for word, and what it states about the dialogue."""

from __future__ import annotations

import pytest

from compiler.content.select import select
from compiler.errors import CompilerError
from compiler.sources.facts import Fact
from compiler.sources.summary import dialogue_facts, parse_summary

from ..conftest import PUBLISHED

SUMMARY = PUBLISHED / "content" / "sources" / "2024-cd-ta-ic-summary.txt"


def test_the_joint_summary_gives_paragraphs_45_to_52_as_published(real_content):
    summary = parse_summary(SUMMARY.read_text(encoding="utf-8"), str(SUMMARY))
    published = next(s for s in select(real_content, "2024-09").sections() if s.id == "cd-ta-ic-2024")
    assert [(o.number, o.text) for o in summary.observations] == [(e.paragraph, e.text) for e in published.items]
    facts = dialogue_facts(summary)
    title = "Joint Constructive Dialogue on Technical Assistance and International Cooperation"
    assert facts["date"] == Fact("7 June 2024", "paragraph 3") and facts["year"].value == "2024"
    # its heading ("Constructive dialogue on the review process ...") names no subject: paragraph 3 does
    assert facts["title"] == Fact(title, "paragraph 3 (the heading names no subject)")
    assert facts["summary_by"] == Fact("co-chairs", "the heading")
    assert facts["chairs"].value == "Mr. Carlos Alberto Sánchez del Águila; Dr. Aldana Rohr"
    assert facts["chairs"].where == "paragraph 3" and "place" not in facts  # it names no place


def test_gaps_repeats_and_missing_chapters_are_refused_with_the_reason():
    chapter = "V. Observations by the Chair\n\n"
    with pytest.raises(CompilerError, match="jump from 3 to 5"):
        parse_summary(chapter + "3. One.\n\n5. Two.\n", "s.txt")
    with pytest.raises(CompilerError, match="paragraph 3 of the observations chapter repeats"):
        parse_summary(chapter + "3. One.\n\n3. Two.\n", "s.txt")
    with pytest.raises(CompilerError, match="s.txt: no chapter of observations"):
        parse_summary("1. Just text.\n", "s.txt")
