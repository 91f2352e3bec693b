"""The command group's error handling: user mistakes become a message and an exit status, never a traceback."""

from ..conftest import run_compiler


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
