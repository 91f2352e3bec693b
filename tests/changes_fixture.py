"""A fixture project in git whose working tree has one change of every kind against HEAD."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from compiler.changes.compare import compare
from compiler.content.load import load_content
from compiler.content.select import select
from compiler.project import Project
from compiler.workflows.editions import document_at

from .conftest import as_draft, copy_project, reword

A = "content/part-a"
B = "content/part-b"


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout


def replace(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def cut_item(root: Path, rel: str, item_id: str) -> str:
    """Remove an item block from a section file and return it."""
    path = root / rel
    lines = path.read_text(encoding="utf-8").split("\n")
    start = lines.index(f"  - id: {item_id}")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("  - id: ")), len(lines))
    block = lines[start:end]
    path.write_text("\n".join(lines[:start] + lines[end:]), encoding="utf-8")
    return "\n".join(l for l in block if l.strip())


def end_item(root: Path, rel: str, item_id: str, edition: str) -> None:
    """Give an item a last_edition: it is in no edition after that one."""
    path = root / rel
    lines = path.read_text(encoding="utf-8").split("\n")
    at = lines.index(f"  - id: {item_id}")
    lines.insert(at + 1, f'    last_edition: "{edition}"')
    path.write_text("\n".join(lines), encoding="utf-8")


def make_changes_project(dest: Path) -> Path:
    """Commit the real content (September 2024 as a draft), then change it in the working tree (one change of each kind)."""
    root = as_draft(copy_project(dest, themes=True))  # a draft being prepared (with themes: its index is compared too)
    git(root, "init", "-q")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "issued")
    # reworded: one recommendation, published before: its correction is recorded with it
    reword(
        root, f"{A}/2022-wg4-trafficking-in-persons.yaml", "wg4-2022-r14", "without undue delay", "without any delay"
    )
    # removed: one observation, ended with the April 2024 edition (a published item is never deleted)
    end_item(root, f"{B}/2023-smuggling-of-migrants.yaml", "cd-som-2023-o6", "2024-04")
    # moved: an observation to another dialogue (end of its list)
    block = cut_item(root, f"{B}/2023-technical-assistance.yaml", "cd-ta-2023-o2")
    path = root / B / "2023-international-cooperation.yaml"
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + block + "\n", encoding="utf-8")
    # added: a new recommendation in an existing meeting
    path = root / A / "2023-wg6-firearms.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").rstrip("\n")
        + "\n"
        + "\n".join(
            [
                "  - id: wg6-2023-r19",
                '    label: "19"',
                "    text: >-",
                "      States parties are encouraged to share information on illicit firearms flows.",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    # sub-item changed: reworded (b), added (d)
    rel = f"{A}/2024-wg7-smuggling-of-migrants.yaml"
    replace(
        root, rel, "Ensure their continuous institutional engagement", "Ensure their continued institutional engagement"
    )
    path = root / rel
    path.write_text(
        path.read_text(encoding="utf-8").rstrip("\n")
        + "\n"
        + "\n".join(['      - label: "(d)"', "        text: >-", "          Report on their progress."])
        + "\n",
        encoding="utf-8",
    )
    # section heading changed
    replace(
        root,
        f"{B}/2024-firearms.yaml",
        "title: Constructive Dialogue on Firearms",
        "title: Constructive Dialogue on Firearms and Ammunition",
    )
    # prose: a heading and a sentence of the front matter
    replace(root, "content/front/guidance.md", "# Guidance for Readers", "# Guidance for readers")
    replace(
        root,
        "content/front/guidance.md",
        "This compilation is intended as a living document",
        "This compilation is intended as a regularly updated living document",
    )
    return root


@pytest.fixture(scope="module")
def every_change(tmp_path_factory):
    root = make_changes_project(tmp_path_factory.mktemp("every") / "project")
    project = Project(root)
    old = document_at(project, "HEAD", "2024-09")
    new = select(load_content(project), "2024-09")
    return compare(old, new, "September 2024 edition as committed", "September 2024 edition in the working copy")
