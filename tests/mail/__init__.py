"""Tests of compiler.mail."""
