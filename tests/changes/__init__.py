"""Tests of compiler.changes."""
