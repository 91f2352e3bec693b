"""The `compiler` command line: parse options, call the library, print results."""

from __future__ import annotations

import sys

import click

from . import publish, reading, tools  # noqa: F401 - registering their commands on the group
from .base import cli

__all__ = ["cli", "main"]


def main(argv=None):
    """Run the command line; user mistakes end with a message, never a traceback."""
    try:
        cli.main(args=argv, prog_name="compiler", standalone_mode=True)
    except KeyboardInterrupt:  # pragma: no cover - interactive
        click.echo("interrupted; outputs already in build/ were left as they were", err=True)
        sys.exit(130)
