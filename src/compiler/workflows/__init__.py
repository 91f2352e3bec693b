"""Workflows that combine the layers below for a command: build, issue, diff, preview, import, mail, check."""
