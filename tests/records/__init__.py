"""Tests of compiler.records."""
