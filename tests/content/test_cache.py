"""The content cache: used while content/ is unchanged, ignored as soon as anything changes."""

from compiler.content.cache import _path
from compiler.content.load import load_content
from compiler.content.select import select
from compiler.model import fingerprint
from compiler.project import Project

from ..conftest import copy_project, run_compiler


def test_cache_is_used_while_unchanged_and_dropped_on_change(tmp_path):
    root = copy_project(tmp_path / "p")
    project = Project(root)
    fresh = load_content(project)
    assert _path(project).is_file()
    cached = load_content(project)
    assert cached is not fresh and fingerprint(select(cached, "2024-09")) == fingerprint(select(fresh, "2024-09"))
    wg = root / "content" / "part-a" / "2022-wg4-trafficking-in-persons.yaml"
    wg.write_text(wg.read_text().replace("without undue delay", "without any undue delay"))
    changed = load_content(project)
    assert "without any undue delay" in select(changed, "2024-09").items()[0].text
    wg.write_text(wg.read_text().replace("year: 2022", "year: [2022"))
    result = run_compiler(root, "check")
    assert result.returncode == 1 and "YAML syntax error" in result.stderr  # never a stale cached answer


def test_a_damaged_cache_is_ignored(tmp_path):
    root = copy_project(tmp_path / "p")
    project = Project(root)
    load_content(project)
    _path(project).write_bytes(b"not a pickle")
    assert select(load_content(project), "2024-09").counts()["items"] == 74


def _parsed_files(monkeypatch):
    """Record the files whose YAML is parsed."""
    import compiler.content.load as load

    parsed = []
    real = load.load_yaml

    def counting(text, rel):
        parsed.append(rel)
        return real(text, rel)

    monkeypatch.setattr(load, "load_yaml", counting)
    return parsed


def test_after_one_change_only_that_section_file_is_read_again(tmp_path, monkeypatch):
    root = copy_project(tmp_path / "p")
    project = Project(root)
    broken = root / "content" / "part-a" / "2022-wg4-trafficking-in-persons.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("year: 2022", "year: twenty-two"), encoding="utf-8")
    parsed = _parsed_files(monkeypatch)
    first = load_content(project, tolerate_errors=True)
    assert len([p for p in parsed if "/part-" in p]) == 18
    edited = root / "content" / "part-b" / "2024-firearms.yaml"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    parsed.clear()
    again = load_content(project, tolerate_errors=True)
    assert [p for p in parsed if "/part-" in p] == ["content/part-b/2024-firearms.yaml"]
    # the unchanged file's error is reported again, exactly as a full read reports it
    with monkeypatch.context() as m:
        m.setenv("UNTOC_NO_CACHE", "1")
        fresh = load_content(project, tolerate_errors=True)
    assert [str(p) for p in again.problems] == [str(p) for p in fresh.problems] == [str(p) for p in first.problems]
    assert any(p.severity == "error" and "2022-wg4-trafficking-in-persons.yaml" in str(p) for p in again.problems)
    assert again.sections == fresh.sections


def test_a_change_in_the_compiler_reads_every_section_file_again(tmp_path, monkeypatch):
    import compiler.content.cache as cache

    root = copy_project(tmp_path / "p")
    project = Project(root)
    parsed = _parsed_files(monkeypatch)
    load_content(project)
    (root / "content" / "sources" / "note.txt").write_text("a change under content/\n")
    monkeypatch.setattr(cache, "code_digest", lambda: "another version of the compiler")
    parsed.clear()
    load_content(project)
    assert len([p for p in parsed if "/part-" in p]) == 18


class _Planted:
    """What an attacker would pickle: unpickling it runs code (here: it writes a marker file)."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_a_planted_cache_never_runs_code_and_is_rebuilt(tmp_path):
    """A shared or copied project folder can bring any file in build/.cache: only this user's sealed caches are read."""
    import pickle

    from compiler.content.cache import content_key

    root = copy_project(tmp_path / "p")
    project = Project(root)
    load_content(project)  # the caches, sealed with this user's key
    marker = tmp_path / "code-ran"
    planted = pickle.dumps(_Planted(marker))
    (root / "build" / ".cache" / "sections.pickle").write_bytes(planted)
    _path(project).write_bytes(content_key(project).encode() + b"\n" + planted)  # the right key line, too
    assert run_compiler(root, "check", "-q").returncode == 0
    built = run_compiler(root, "build", "2024-09", "--format", "html")
    assert built.returncode == 0, built.stderr
    for cached in (root / "build" / ".cache" / "jinja").glob("*.cache"):  # compiled templates are code too
        cached.write_bytes(planted)
    assert run_compiler(root, "build", "2024-09", "--format", "html", "--force", separate=True).returncode == 0
    assert not marker.exists()
    again = load_content(project)  # the caches were written again, sealed

    assert again.edition_ids == ["2024-04", "2024-09"] and not marker.exists()
