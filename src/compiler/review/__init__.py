"""Reviewers' Word files: what they changed and said (read.py), and what it changes in the content (changes.py)."""
