"""Tests for reading and checking content."""
