"""The command line: every command has help with an example; editions are listed."""

import json

import pytest

from compiler.cli import cli as cli_group


def _commands(group, prefix=()):
    for name, cmd in sorted(group.commands.items()):
        yield (*prefix, name), cmd
        if hasattr(cmd, "commands"):
            yield from _commands(cmd, (*prefix, name))


@pytest.mark.parametrize("path, command", list(_commands(cli_group)), ids=lambda v: " ".join(v) if isinstance(v, tuple) else "")
def test_every_command_has_help_with_an_example(path, command, cli, project):
    result = cli(project, *path, "--help")
    assert result.exit_code == 0
    assert command.help and command.help.strip()
    assert "Example" in result.output and f"compiler {' '.join(path)}" in result.output


def test_editions_lists_dates_status_and_counts(cli, project):
    result = cli(project, "editions", "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.output)
    assert [(r["id"], r["date"], r["status"], r["sections"], r["items"]) for r in rows] == [
        ("2024-04", "April 2024", "issued", 10, 37), ("2024-09", "September 2024", "issued", 18, 74)]
    text = cli(project, "editions").output
    assert "September 2024" in text and "74" in text


def test_check_reports_notes_for_missing_information(cli, project):
    result = cli(project, "check")
    assert result.exit_code == 0
    assert "0 errors, 0 warning(s)" in result.output
    assert "note: link \"resolution 9/1\" has no target" in result.output
