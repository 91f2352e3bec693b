"""Tests for the compiler, mirroring src/compiler."""
