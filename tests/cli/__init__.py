"""Tests of compiler.cli."""
