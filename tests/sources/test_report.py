"""A working group's report: its symbol and its "Recommendation N" items or lettered sub-paragraphs."""

from __future__ import annotations

import pytest

from compiler.errors import CompilerError
from compiler.sources.report import parse_report

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
    report = parse_report(REPORT, "r.txt")
    assert report.symbol == "CTOC/COP/WG.4/2025/3"
    got = [(r.label, r.text, r.subs()) for r in report.recommendations]
    assert got == [
        ("1", "States parties should designate focal points.", []),
        ("2", "States parties are encouraged to:", [("(a)", "share information;"), ("(b)", "train officials.")]),
    ]


def test_a_report_without_recommendations_is_refused():
    with pytest.raises(CompilerError, match="r.txt"):
        parse_report("CTOC/COP/WG.4/2025/3\n\nI. Opening\n\n1. Text.\n", "r.txt")
