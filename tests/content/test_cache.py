"""The content cache: used while content/ is unchanged, ignored as soon as anything changes."""

from compiler.content.cache import _path
from compiler.content.load import load_content
from compiler.editions import select
from compiler.project import Project

from ..conftest import copy_project, run_compiler


def test_cache_is_used_while_unchanged_and_dropped_on_change(tmp_path):
    root = copy_project(tmp_path / "p")
    project = Project(root)
    fresh = load_content(project)
    assert _path(project).is_file()
    cached = load_content(project)
    assert cached is not fresh and select(cached, "2024-09").fingerprint() == select(fresh, "2024-09").fingerprint()
    wg = root / "content" / "part-a" / "2022-wg4-trafficking-in-persons.yaml"
    wg.write_text(wg.read_text().replace("without undue delay", "without any undue delay"))
    changed = load_content(project)
    assert "without any undue delay" in select(changed, "2024-09").entries()[0].text
    wg.write_text(wg.read_text().replace("year: 2022", "year: [2022"))
    result = run_compiler(root, "check")
    assert result.returncode == 1 and "YAML syntax error" in result.stderr  # never a stale cached answer


def test_a_damaged_cache_is_ignored(tmp_path):
    root = copy_project(tmp_path / "p")
    project = Project(root)
    load_content(project)
    _path(project).write_bytes(b"not a pickle")
    assert select(load_content(project), "2024-09").counts()["items"] == 74
