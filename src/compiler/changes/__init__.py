"""Comparing editions: change sets (compare.py), the word diff (words.py), the redline view, reports and notes."""
