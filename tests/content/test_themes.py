"""The themes vocabulary (content/themes.yaml) read with locations; what `check` says of themes; an item's own themes;
observations numbered by their summary's paragraphs."""

from __future__ import annotations

from compiler.content.load import load_content
from compiler.content.select import select
from compiler.content.themes import read_themes
from compiler.content.yamlsource import load_yaml
from compiler.project import Project

from ..conftest import run_compiler, small_project


def _read(text: str):
    node, problems = load_yaml(text, "content/themes.yaml")
    themes = read_themes(node, "content/themes.yaml", problems)
    return themes, [(p.location.line, p.message) for p in problems]


def test_themes_are_read_with_their_phrases_and_exclusions():
    themes, problems = _read(
        "themes:\n  - key: funding\n    name: Funding\n    phrases: [voluntary contribution, funding]\n"
        "    exclude: [funding of terrorism]\n"
    )
    assert problems == []
    assert [(t.theme.key, t.theme.phrases, t.theme.exclude, t.loc.line) for t in themes] == [
        ("funding", ("voluntary contribution", "funding"), ("funding of terrorism",), 2)
    ]


def test_every_mistake_in_the_vocabulary_is_reported_at_its_line():
    _, problems = _read(
        "themes:\n"
        "  - key: Funding Money\n    name: Funding\n    phrases: [funding]\n"
        "  - key: a\n    name: A\n    phrases: [x]\n"
        "  - key: a\n    name: Again\n    phrases: [y]\n"
        "  - key: b\n    name: B\n"
        "  - key: c\n    name: C\n    phrases: ['--']\n    colour: red\n"
    )
    messages = "\n".join(f"{line}: {m}" for line, m in problems)
    assert "2: theme key 'Funding Money' must be lower-case letters" in messages
    assert "8: theme 'a' is defined twice (first at line 5); keep one" in messages
    assert "11: theme 'b' has no phrases" in messages
    assert "the phrase '--' has no word in it" in messages
    assert "unknown field 'colour' in a theme" in messages


def _project(tmp_path):
    root = small_project(tmp_path / "project")  # three sections: two meetings and a dialogue
    (root / "content" / "themes.yaml").write_text(
        "themes:\n"
        "  - key: focal-points\n    name: Focal points\n    phrases: [focal point]\n"
        "  - key: firearms\n    name: Firearms\n    phrases: [ballistic]\n"
        "  - key: oceans\n    name: Oceans\n    phrases: [maritime]\n",
        encoding="utf-8",
    )
    return root


def test_check_warns_of_a_theme_without_items_and_an_item_without_a_theme(tmp_path):
    root = _project(tmp_path)
    result = run_compiler(root, "check")
    assert result.returncode == 0
    out = result.stdout + result.stderr
    assert "content/themes.yaml:8:5: warning: theme 'oceans' has no item: none has its phrases (maritime)" in out
    uncovered = [line for line in out.splitlines() if "no theme covers it" in line]
    assert all(line.startswith("content/part-b/2024-firearms.yaml:") and "warning" in line for line in uncovered)
    assert [line.split(": ")[2] for line in uncovered] == [f"cd-fa-2024-o{n}" for n in (2, 3, 4, 5)]  # o1: "ballistic"
    strict = run_compiler(root, "check", "--strict")
    assert strict.returncode == 1


def test_an_item_takes_a_theme_and_drops_one_and_an_unknown_key_is_an_error(tmp_path):
    root = _project(tmp_path)
    path = root / "content" / "part-a" / "2022-wg4-trafficking-in-persons.yaml"
    text = path.read_text(encoding="utf-8")
    at = text.index("    text: >-")
    path.write_text(text[:at] + "    themes: {add: [oceans], remove: [focal-points]}\n" + text[at:], encoding="utf-8")
    doc = select(load_content(Project(root)), "2024-09")
    r14 = next(i for i in doc.items() if i.id == "wg4-2022-r14")
    assert [(t.key, t.why) for t in r14.facets.themes] == [("oceans", "added by the editor")]
    path.write_text(text[:at] + "    themes: {add: [ocean]}\n" + text[at:], encoding="utf-8")
    result = run_compiler(root, "check")
    assert result.returncode == 1
    assert "wg4-2022-r14: no theme 'ocean' in content/themes.yaml; did you mean 'oceans'?" in result.stderr


def test_observations_take_the_numbers_of_their_summarys_paragraphs_when_they_are_as_many(tmp_path):
    root = small_project(tmp_path / "project")
    path = root / "content" / "part-b" / "2024-firearms.yaml"  # five observations
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("first_edition:", "summary:\n  paragraphs: 40-44\nfirst_edition:", 1), encoding="utf-8"
    )
    doc = select(load_content(Project(root)), "2024-09")
    dialogue = next(s for s in doc.sections() if s.id == "cd-fa-2024")
    assert [i.paragraph for i in dialogue.items] == [40, 41, 42, 43, 44]
    path.write_text(
        text.replace("first_edition:", "summary:\n  paragraphs: 40-45\nfirst_edition:", 1), encoding="utf-8"
    )
    content = load_content(Project(root))
    dialogue = next(s for s in select(content, "2024-09").sections() if s.id == "cd-fa-2024")
    assert [i.paragraph for i in dialogue.items] == [None] * 5
    assert any(
        "paragraphs 40-45 are 6, the observations 5: they are cited by their place in the compilation" in p.message
        for p in content.problems
    )
