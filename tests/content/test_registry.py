"""The publication file and the editions registry read into their specs, every problem at its place."""

from __future__ import annotations

import datetime as dt

from compiler.content.registry import parse_edition_date, read_editions
from compiler.content.yamlsource import load_yaml


def test_edition_dates_are_month_and_year():
    assert parse_edition_date("September 2024") == dt.date(2024, 9, 1)
    assert parse_edition_date("Sept 2024") is None and parse_edition_date("2024-09") is None


def test_an_edition_with_a_bad_id_status_and_date_is_reported_at_its_lines():
    text = 'editions:\n  - id: "2024-9"\n    date: "Sept 2024"\n    status: published\n    front: {}\n'
    node, problems = load_yaml(text, "content/editions.yaml")
    read_editions(node, "content/editions.yaml", problems)
    messages = " | ".join(f"{p.location.line}: {p.message}" for p in problems)
    assert "2024-9" in messages and "Sept 2024" in messages and "published" in messages
