"""A working group's report: its symbol and its "Recommendation N" items or lettered sub-paragraphs."""

from __future__ import annotations

import pytest

from compiler.errors import CompilerError
from compiler.sources.extract import extract_text
from compiler.sources.facts import Fact
from compiler.sources.report import parse_report, report_symbol

REPORT = """CTOC/COP/WG.4/2025/3

II. Recommendations

1. The Working Group adopted the following recommendations:

Recommendation 1
States parties should designate focal points.

Recommendation 2
States parties are encouraged to:
(a) share information;
(b) train officials.

III. Organization of the meeting

7. The meeting was held in Vienna.
"""


def test_numbered_recommendations_with_sub_items_and_the_symbol():
    extraction = extract_text(REPORT)
    symbol = report_symbol(extraction.stated_symbols, "r.txt")
    assert symbol == Fact("CTOC/COP/WG.4/2025/3", "a line of its own")
    report = parse_report(extraction.resolve().text, symbol, "r.txt")
    assert (report.group_symbol, report.year) == ("CTOC/COP/WG.4", 2025)
    got = [(r.label, r.text, r.subs()) for r in report.recommendations]
    assert got == [
        ("1", "States parties should designate focal points.", []),
        ("2", "States parties are encouraged to:", [("(a)", "share information;"), ("(b)", "train officials.")]),
    ]


def test_a_report_without_recommendations_is_refused():
    with pytest.raises(CompilerError, match="r.txt: no chapter of recommendations found"):
        parse_report("CTOC/COP/WG.4/2025/3\n\nI. Opening\n\n1. Text.\n", Fact("CTOC/COP/WG.4/2025/3", "x"), "r.txt")


def test_the_symbol_is_where_the_report_states_it_and_two_that_disagree_are_asked_about():
    header = [("CTOC/COP/WG.4/2025/4", "the top band of page 1"), ("CTOC/COP/WG.4/2025/4", "the running head")]
    assert report_symbol(header, "r.pdf") == Fact("CTOC/COP/WG.4/2025/4", "the top band of page 1 and the running head")
    with pytest.raises(CompilerError, match=r"states two different symbols: CTOC/COP/WG.4/2025/4 \(the top band"):
        report_symbol([*header, ("CTOC/COP/WG.4/2025/1", "the running head")], "r.pdf")
    assert report_symbol([*header, ("CTOC/COP/WG.4/2025/1", "x")], "r.pdf", "CTOC/COP/WG.4/2025/1").value == (
        "CTOC/COP/WG.4/2025/1"
    )
    with pytest.raises(CompilerError, match="no report symbol .* Give it with --symbol"):
        report_symbol([("CTOC/COP/WG.2/2025/CRP.9", "the top band of page 1")], "r.pdf")
