"""Run the command line as `python -m compiler.cli`."""

from . import main

main()
