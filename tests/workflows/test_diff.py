"""Which two editions `compiler diff` compares, from what the user named."""

from __future__ import annotations

import pytest

from compiler.errors import UsageError
from compiler.workflows.diff import pick_editions


def test_the_latest_against_its_predecessor_unless_two_are_named(real_content):
    assert pick_editions(real_content, None, None, None) == ("2024-04", "2024-09")
    assert pick_editions(real_content, "2024-09", None, None) == ("2024-04", "2024-09")
    assert pick_editions(real_content, "2024-09", "2024-04", None) == ("2024-09", "2024-04")
    assert pick_editions(real_content, None, None, "HEAD") == ("2024-09", "2024-09")  # the same edition, then and now


def test_unknown_or_first_editions_are_usage_errors(real_content):
    with pytest.raises(UsageError, match="unknown edition '2031-01'; known: 2024-04, 2024-09"):
        pick_editions(real_content, "2031-01", None, None)
    with pytest.raises(UsageError, match="2024-04 is the first one; name two editions"):
        pick_editions(real_content, "2024-04", None, None)
