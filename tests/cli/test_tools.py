"""The tool commands as a user runs them: find, related, new, import; clear refusals."""

from __future__ import annotations

import json

import yaml

from ..conftest import copy_project, run_compiler


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


def test_import_of_a_missing_file_and_new_for_an_unknown_group_are_refused(tmp_path):
    root = copy_project(tmp_path / "p")
    missing = run_compiler(root, "import", "summary", str(tmp_path / "absent.pdf"))
    assert missing.returncode == 1 and f"{tmp_path / 'absent.pdf'}: no such file" in missing.stderr
    unknown = run_compiler(root, "new", "meeting", "wg9", "2025", "3")
    assert unknown.returncode == 1 and "unknown working group 'wg9' (known: wg2, wg3, wg4, wg6, wg7)" in unknown.stderr
    assert "Traceback" not in missing.stderr + unknown.stderr
