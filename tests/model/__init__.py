"""Tests of compiler.model."""
