"""Tests of compiler.build."""
