"""Issued-edition records (issued.py), issuing an edition (issue.py), and content at a git revision (history.py)."""
