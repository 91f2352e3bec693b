"""Problems carry their place and sort by it; every error a user sees comes from one root with an exit status."""

from __future__ import annotations

from compiler.errors import (
    BuildError,
    CompilerError,
    Location,
    Problem,
    ProjectError,
    UsageError,
    sort_problems,
)


def test_a_location_reads_as_file_line_column():
    assert str(Location("content/a.yaml", 3, 7)) == "content/a.yaml:3:7"
    assert str(Location("content/a.yaml", 3)) == "content/a.yaml:3"
    assert str(Location("content/a.yaml")) == "content/a.yaml"
    assert str(Problem(Location("a.yaml", 1, 2), "bad", "warning")) == "a.yaml:1:2: warning: bad"


def test_problems_sort_by_file_then_line_and_duplicates_go():
    later = Problem(Location("b.yaml", 2, 1), "x")
    first = Problem(Location("a.yaml", 9, 1), "y")
    early = Problem(Location("b.yaml", 1, 5), "z")
    assert sort_problems([later, first, early, later]) == [first, early, later]


def test_every_error_has_one_root_and_usage_errors_exit_2():
    for cls in (BuildError, ProjectError, UsageError):
        assert issubclass(cls, CompilerError)
    assert CompilerError("m").exit_code == 1 and UsageError("m").exit_code == 2
    assert BuildError("it failed").format_message() == "it failed"
