"""A change set with one change of every kind (tests/changes_fixture.py), compared in-process."""

from ..changes_fixture import every_change  # noqa: F401 - a fixture for this folder's tests
