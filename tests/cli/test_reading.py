"""The reader's commands as a user runs them: find (words, themes, addressees, strength; text, JSON, CSV),
themes, related."""

from __future__ import annotations

import csv
import io
import json

import yaml

from ..conftest import copy_project, run_compiler, with_themes


def _ids_whose_text_has(root, phrase: str) -> list[str]:
    """Return, in reading order, the items whose wording (text and sub-items) has a phrase: read from the YAML."""
    out = []
    for part, key in (("part-a", "recommendations"), ("part-b", "observations")):
        sections = [
            yaml.safe_load(f.read_text(encoding="utf-8")) for f in sorted((root / "content" / part).glob("*.yaml"))
        ]
        for s in sorted(sections, key=lambda s: (s["year"], s["order"])):
            for item in s[key]:
                words = " ".join([item["text"], *(sub["text"] for sub in item.get("items", []))])
                if phrase in " ".join(words.lower().split()):
                    out.append(item["id"])
    return out


def test_find_a_phrase_and_list_related_language(tmp_path):
    root = copy_project(tmp_path / "p")
    found = run_compiler(root, "find", '"focal points"', "--format", "json")
    assert found.returncode == 0, found.stderr
    expected = _ids_whose_text_has(root, "focal points")
    assert len(expected) == 10 and "wg4-2022-r14" in expected
    assert [h["id"] for h in json.loads(found.stdout)["hits"]] == expected
    text = run_compiler(root, "find", '"focal points"').stdout
    assert text.endswith("10 item(s) in the September 2024 edition\n")
    related = run_compiler(root, "related", "wg4-2022-r14", "--limit", "2")
    assert related.returncode == 0, related.stderr
    lines = related.stdout.splitlines()
    assert lines[2].startswith("1. 0.99 almost the same wording: 2022, Working Group on the Smuggling of Migrants")
    assert lines[2].endswith("Recommendation 13 [wg7-2022-r13]")
    assert lines[4].startswith(
        "   States parties[-, if they have not done so,-] are urged to nominate, without undue delay,"
    )


def test_find_by_theme_addressee_and_strength_in_text_json_and_csv(project):
    with_themes(project)
    text = run_compiler(project, "find", "--theme", "funding", "--strength", "should")
    assert text.returncode == 0, text.stderr
    assert text.stdout.splitlines()[-1] == "3 item(s) in the September 2024 edition"
    assert "[wg2-2023-r4]" in text.stdout and "[cd-ta-ic-2024-o49]" in text.stdout  # extrabudgetary, allocation
    data = json.loads(run_compiler(project, "find", "--addressee", "secretariat", "--format", "json").stdout)
    assert data["filters"]["addressees"] == ["the secretariat"] and data["count"] == 3  # UNODC apart
    hit = data["hits"][0]
    assert set(hit) >= {"themes", "addressees", "strength", "negated", "conditions", "citation", "name"}
    assert hit["themes"][0] == {
        "key": "focal-points",
        "name": "Focal points and governmental experts",
        "why": "focal point",
    }
    csv_out = run_compiler(project, "find", "technology", "--format", "csv").stdout
    rows = list(csv.reader(io.StringIO(csv_out.lstrip("\ufeff"))))
    assert rows[0][0] == "id" and len(rows) == 3 and all(len(r) == 15 for r in rows)  # two items say "technology"
    assert all(r[-1].startswith("untoc-review-mechanism-compilation-2024-09.html#") for r in rows[1:])


def test_find_refuses_an_unknown_theme_addressee_or_strength_and_an_empty_search(project):
    with_themes(project)
    for args, message in (
        (["--theme", "fundng"], "no theme 'fundng'; the themes are focal-points, funding"),
        (["--addressee", "the moon"], "no addressee 'the moon'"),
        (["--strength", "very"], "no strength 'very'; from the strongest: shall, strongly urged"),
        ([], "give a word or a phrase to find, or a --theme"),
    ):
        result = run_compiler(project, "find", *args)
        assert result.returncode == 2 and message in result.stderr, (args, result.stderr)


def test_themes_lists_each_theme_with_its_items_and_why(project):
    with_themes(project)
    result = run_compiler(project, "themes")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Focal points and governmental experts [focal-points]: 11 item(s)"
    assert (
        '  Recommendation 13, Working Group on the Smuggling of Migrants, 2024 [wg7-2024-r13]: "focal point"' in lines
    )
    data = json.loads(run_compiler(project, "themes", "--format", "json").stdout)
    assert len(data["themes"]) == 22 and all(t["items"] for t in data["themes"])
