"""Tests of compiler.sources."""
