"""The command line: help with an example for every command, and errors as messages with an exit status, never a traceback."""

import json

import pytest

from compiler.cli import cli as cli_group

from ..conftest import run_compiler


def _commands(group, prefix=()):
    for name, cmd in sorted(group.commands.items()):
        yield (*prefix, name), cmd
        if hasattr(cmd, "commands"):
            yield from _commands(cmd, (*prefix, name))


@pytest.mark.parametrize(
    "path, command", list(_commands(cli_group)), ids=lambda v: " ".join(v) if isinstance(v, tuple) else ""
)
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
        ("2024-04", "April 2024", "issued", 10, 37),
        ("2024-09", "September 2024", "issued", 18, 74),
    ]
    text = cli(project, "editions").output
    assert "September 2024" in text and "74" in text


def test_check_reports_notes_for_missing_information(cli, project):
    result = cli(project, "check")
    assert result.exit_code == 0
    assert "0 errors, 0 warning(s)" in result.output
    assert 'note: link "resolution 9/1" has no target' in result.output


def test_a_file_named_build_gives_a_message_not_a_traceback(project):
    (project / "build").write_text("not a folder")
    result = run_compiler(project, "build", "--format", "html")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "cannot write" in result.stderr
    assert (project / "build").read_text() == "not a folder"


def test_an_unknown_edition_is_a_usage_error(project):
    result = run_compiler(project, "build", "2031-01", "--format", "json")
    assert result.returncode == 2 and "unknown edition '2031-01'" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_does_not_say_nothing_was_built_and_build_does(project):
    path = project / "content" / "part-a" / "2022-wg4-trafficking-in-persons.yaml"
    path.write_text(path.read_text().replace("year: 2022", "year: twenty"), encoding="utf-8")
    checked = run_compiler(project, "check")
    assert checked.returncode == 1 and "nothing was built" not in checked.stderr
    built = run_compiler(project, "build", "--format", "json")
    assert built.returncode == 1 and "nothing was built" in built.stderr


def test_editions_counts_an_issued_edition_as_built_whatever_the_content_says_now(cli, project):
    """An issued edition is its record: ending a dialogue it compiled changes neither `editions` nor `build`."""
    path = project / "content" / "part-b" / "2023-smuggling-of-migrants.yaml"
    path.write_text(
        path.read_text().replace('first_edition: "2024-04"', 'first_edition: "2024-04"\nlast_edition: "2024-04"')
    )
    rows = json.loads(cli(project, "editions", "--format", "json").output)
    assert [(r["id"], r["sections"], r["items"]) for r in rows] == [("2024-04", 10, 37), ("2024-09", 18, 74)]
    built = run_compiler(project, "build", "2024-09", "--format", "json")
    assert built.returncode == 0, built.stderr
    manifest = json.loads((project / "build" / "2024-09" / "manifest.json").read_text())
    assert (manifest["counts"]["sections"], manifest["counts"]["items"]) == (18, 74)


def test_a_bug_shows_its_traceback_and_says_it_is_a_bug(project, monkeypatch):
    import compiler.workflows.editions as editions

    def broken(content):
        raise RuntimeError("a bug planted by the test")

    monkeypatch.setattr(editions, "edition_rows", broken)
    result = run_compiler(project, "editions")
    assert result.returncode == 1
    assert (
        "Traceback (most recent call last)" in result.stderr
        and "RuntimeError: a bug planted by the test" in result.stderr
    )
    assert "this is a bug in the compiler, not a problem with your content" in result.stderr


def test_output_cut_short_by_the_reader_ends_quietly(project):
    """`compiler find ... | head -1`: the pipe closes early; no 'Broken pipe' and no traceback."""
    import subprocess

    from ..conftest import COMPILER

    proc = subprocess.Popen(
        [*COMPILER, "find", "States"], cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0
    )
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert first.strip() and err == ""
