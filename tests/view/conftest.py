"""The change set with one change of every kind (tests/changes_fixture.py), for the redline view."""

from ..changes_fixture import every_change  # noqa: F401 - a fixture for this folder's tests
