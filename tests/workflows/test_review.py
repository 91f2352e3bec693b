"""`compiler import review`: a draft's DOCX sent to reviewers, edited in LibreOffice as they edit it (Track Changes
on, and off), commented as Word writes comments, and brought back into the content."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest

from ..conftest import copy_project, edition_file, meeting_2025, run_compiler
from ..libreoffice import reviewed

NEW_SECTION = meeting_2025(
    """\
  - id: wg4-2025-r1
    label: "1"
    text: >-
      States parties are encouraged to pool their expertise on the screening of presumed
      victims.
  - id: wg4-2025-r2
    label: "2"
    text: >-
      States parties are invited to:
    items:
      - label: "(a)"
        text: >-
          Strengthen the training of front-line officials;
      - label: "(b)"
        text: >-
          Exchange information on the routes used by traffickers.
  - id: wg4-2025-r3
    label: "3"
    # the secretariat's wording, kept as the report gives it
    text: >-
      The secretariat is requested to keep supporting the countries under review in the *review
      process*.
"""
)
SECTION = "content/part-a/2025-wg4-trafficking-in-persons.yaml"
FIREARMS = "content/part-b/2024-firearms.yaml"

ANA = [  # with Track Changes on
    ["replace", "pool their expertise", "share their expertise"],  # a new item's text
    ["replace", "routes used by traffickers", "routes and methods used by traffickers"],  # a sub-item
    ["insert-after", "Exchange information on the", "(c)\tShare data on the screening of victims."],
    ["delete-paragraph", "meaningful participation of women and youth"],  # a published item, deleted
    ["replace", "private security companies", "private military and security companies"],  # published: no reason
    ["replace", "age and gender disaggregated data", "age- and gender-disaggregated data"],  # published: a comment
    ["replace", "composed by two parts", "composed of two parts"],  # the Guidance
    ["replace", "Vienna, January 2025", "New York, January 2025"],  # the cover: generated
]
BEN = [  # with Track Changes off
    ["replace", "pool their expertise", "combine their expertise"],  # Ana changed these words too
    ["replace", "keep supporting", "continue to support"],  # an item with italics
]
REASON = "The report hyphenates the compound adjectives (CTOC/COP/2024/3, para. 5)."


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def sent(tmp_path_factory) -> Path:
    """A project with both published editions issued and the next one drafted with a new meeting, committed; its
    DOCX built: the file sent to reviewers."""
    root = copy_project(tmp_path_factory.mktemp("review") / "project")
    assert run_compiler(root, "edition", "new", "2025-01", "January 2025").returncode == 0
    (root / SECTION).write_text(NEW_SECTION, encoding="utf-8")
    result = run_compiler(root, "build", "2025-01", "--format", "docx")
    assert result.returncode == 0, result.stderr
    (root / ".gitignore").write_text("build/\nreturned/\n", encoding="utf-8")
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "the draft sent for review")
    return root


@pytest.fixture(scope="module")
def returned(sent) -> dict[str, Path]:
    """The reviewers' files, as LibreOffice saves them, Ana's with a comment added as Word writes one."""
    folder = sent / "returned"
    folder.mkdir()
    draft = edition_file(sent, "2025-01", "docx")
    files = {"ana": folder / "ana.docx", "ben": folder / "ben.docx"}
    reviewed([(draft, files["ana"], ANA, "Ana Reviewer", True), (draft, files["ben"], BEN, "Ben Reviewer", False)])
    document = docx.Document(str(files["ana"]))
    paragraph = next(p for p in document.paragraphs if "collect and analyse" in p.text)
    document.add_comment(paragraph.runs[0], text=REASON, author="Ana Reviewer", initials="AR")
    document.save(str(files["ana"]))
    return files


def _copy(sent: Path, dest: Path) -> Path:
    shutil.copytree(sent, dest, symlinks=True)
    return dest


def _report(root: Path, *args: str) -> dict:
    result = run_compiler(root, "import", "review", *args, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _change(report: dict, kind: str, item: str | None, what: str = "text", file: str = "ana.docx") -> dict:
    found = [c for c in report["changes"] if (c["kind"], c["item"], c["what"], c["file"]) == (kind, item, what, file)]
    assert len(found) == 1, (kind, item, what, [(c["kind"], c["item"], c["what"]) for c in report["changes"]])
    return found[0]


def test_the_report_maps_each_tracked_change_and_comment_to_what_it_changes(sent, returned):
    report = _report(sent, str(returned["ana"]))
    assert report["format"] == "untoc-compilation/review@1"
    assert report["files"][0]["edition"] == "2025-01"

    r1 = _change(report, "reworded", "wg4-2025-r1")
    assert (r1["author"], r1["applied"], r1["why"]) == ("Ana Reviewer", True, None)
    assert r1["date"].startswith("20")
    assert r1["old"].startswith("States parties are encouraged to pool their expertise")
    assert r1["new"].startswith("States parties are encouraged to share their expertise")
    assert {"op": "delete", "text": "pool"} in r1["diff"] and {"op": "insert", "text": "share"} in r1["diff"]
    assert r1["name"] == "Recommendation 1, Working Group on Trafficking in Persons, 2025"

    sub = _change(report, "reworded", "wg4-2025-r2", "sub-item")
    assert (sub["sub_item"], sub["new"], sub["applied"]) == (
        "(b)",
        "Exchange information on the routes and methods used by traffickers.",
        True,
    )
    added = _change(report, "inserted", "wg4-2025-r2", "sub-item")
    assert added["new"] == "Share data on the screening of victims." and not added["applied"]
    assert '- label: "(c)"' in added["why"]  # the YAML to add, not guessed into the file

    gone = _change(report, "deleted", "cd-fa-2024-o4")
    assert not gone["applied"] and 'last_edition: "2024-09"' in gone["why"]

    unexplained = _change(report, "reworded", "cd-fa-2024-o2")
    assert not unexplained["applied"] and "--reason" in unexplained["why"]
    assert unexplained["why"].startswith("the September 2024 edition published this text")
    explained = _change(report, "reworded", "cd-fa-2024-o3")
    assert explained["applied"] and "age- and gender-disaggregated" in explained["new"]

    prose = _change(report, "reworded", None, "prose")
    assert (prose["front"], prose["new"], prose["applied"]) == (
        "guidance",
        "This publication is composed of two parts:",
        True,
    )
    cover = _change(report, "refused", None, "generated")
    assert not cover["applied"] and "content/editions.yaml" in cover["why"]

    comment = _change(report, "comment", "cd-fa-2024-o3")
    assert (comment["author"], comment["new"]) == ("Ana Reviewer", REASON)
    assert comment["old"].startswith("States are encouraged to collect and analyse")  # the words it is on
    kinds = sorted(c["kind"] for c in report["changes"])
    assert kinds == ["comment", "deleted", "inserted", "refused", *["reworded"] * 5]
    assert report["written"] == []


def test_the_text_report_cites_items_as_readers_do(sent, returned):
    result = run_compiler(sent, "import", "review", str(returned["ana"]))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "reworded: Recommendation 1, Working Group on Trafficking in Persons, 2025 (by Ana Reviewer, 20" in out
    assert "  States parties are encouraged to [-pool-]{+share+} their expertise" in out
    assert "reworded: sub-item (b) of Recommendation 2, Working Group on Trafficking in Persons, 2025" in out
    assert "reworded: Guidance for Readers, paragraph 1" in out
    assert "refused: the cover (the compiler writes it)" in out
    observation = (
        "Observation “States are encouraged to collect and analyse age…”, Constructive Dialogue on Firearms, 2024"
    )
    assert f"comment on {observation} (by Ana Reviewer" in out
    assert "not applied: the September 2024 edition published this text" in out
    assert "run again with --apply" in out
    assert (sent / "content" / "reviews").exists() is False  # nothing written without --apply


def test_apply_writes_the_changes_with_a_correction_and_keeps_the_comments(sent, returned, tmp_path):
    root = _copy(sent, tmp_path / "project")
    before = (root / FIREARMS).read_text(encoding="utf-8")
    result = run_compiler(root, "import", "review", str(returned["ana"]), "--apply")
    assert result.returncode == 0, result.stderr
    assert "wrote content/part-a/2025-wg4-trafficking-in-persons.yaml" in result.stdout

    section = (root / SECTION).read_text(encoding="utf-8")
    assert "encouraged to share their expertise on the screening of presumed victims." in " ".join(section.split())
    assert "Exchange information on the routes and methods used by traffickers." in " ".join(section.split())
    assert "# the secretariat's wording, kept as the report gives it" in section  # edited as text: comments stay
    assert "(c)" not in section  # an inserted sub-item is reported, not guessed
    firearms = (root / FIREARMS).read_text(encoding="utf-8")
    assert "private security companies" in firearms and "private military" not in firearms  # no reason: left
    assert "age- and gender-disaggregated data" in " ".join(firearms.split())
    assert firearms.count("corrections:") == before.count("corrections:") + 1
    assert 'printed: "age and gender disaggregated data"' in firearms
    assert f"reason: {json.dumps(REASON)}" in firearms
    guidance = (root / "content" / "front" / "guidance.md").read_text(encoding="utf-8")
    assert "This publication is composed of two parts:\n" in guidance

    kept = json.loads((root / "content" / "reviews" / "2025-01" / "ana.docx.json").read_text(encoding="utf-8"))
    assert [(c["item"], c["text"], c["settled"]) for c in kept["comments"]] == [
        ("cd-fa-2024-o3", REASON, "applied change")
    ]
    assert {(c["item"], c["applied"]) for c in kept["changes"]} >= {("cd-fa-2024-o2", False), ("wg4-2025-r1", True)}

    assert run_compiler(root, "check", "--strict").returncode == 0
    diff = run_compiler(root, "diff", "2025-01", "--against", "HEAD", "--format", "json")
    assert diff.returncode == 0, diff.stderr
    changed = json.loads(diff.stdout)
    assert [(i["id"], i["reworded"], [s["label"] for s in i.get("sub_items", [])]) for i in changed["items"]] == [
        ("wg4-2025-r1", True, []),
        ("wg4-2025-r2", False, ["(b)"]),
        ("cd-fa-2024-o3", True, []),
    ]
    assert [(p["key"], p["old"], p["new"]) for p in changed["prose"]] == [
        ("guidance", "This publication is composed by two parts:", "This publication is composed of two parts:")
    ]
    assert changed["counts"]["sections_changed"] == changed["counts"]["items_added"] == 0

    built = run_compiler(root, "build", "2025-01", "--format", "docx")
    assert built.returncode == 0, built.stderr
    text = "\n".join(p.text for p in docx.Document(str(edition_file(root, "2025-01", "docx"))).paragraphs)
    assert "States parties are encouraged to share their expertise on the screening of presumed victims." in text
    assert "States are encouraged to collect and analyse age- and gender-disaggregated data" in text
    assert "This publication is composed of two parts:" in text

    again = run_compiler(root, "import", "review", str(returned["ana"]), "--format", "json")
    report = json.loads(again.stdout)
    assert any("ana.docx was imported before" in n for n in report["notes"])
    assert _change(report, "reworded", "wg4-2025-r1")["why"] == "the content says this already"

    given = run_compiler(root, "import", "review", str(returned["ana"]), "--apply", "--reason", "As agreed.")
    assert given.returncode == 0, given.stderr
    firearms = (root / FIREARMS).read_text(encoding="utf-8")
    assert "private military and security companies" in " ".join(firearms.split())
    assert 'reason: "As agreed."' in firearms
    assert run_compiler(root, "check", "--strict").returncode == 0


def test_an_untracked_edit_is_found_against_what_was_sent_and_keeps_the_items_italics(sent, returned, tmp_path):
    root = _copy(sent, tmp_path / "project")
    report = _report(root, str(returned["ben"]), "--apply")
    r3 = _change(report, "reworded", "wg4-2025-r3", file="ben.docx")
    assert r3["applied"] and r3["author"] == "Ben Reviewer"
    section = (root / SECTION).read_text(encoding="utf-8")
    assert "requested to continue to support the countries under review in the *review process*." in " ".join(
        section.split()
    )
    assert run_compiler(root, "check", "--strict").returncode == 0


def test_two_reviewers_changing_the_same_words_differently_is_a_conflict(sent, returned, tmp_path):
    root = _copy(sent, tmp_path / "project")
    before = (root / SECTION).read_text(encoding="utf-8")
    report = _report(root, str(returned["ana"]), str(returned["ben"]), "--apply")
    both = [c for c in report["changes"] if c["item"] == "wg4-2025-r1"]
    assert sorted((c["file"], c["kind"], c["applied"]) for c in both) == [
        ("ana.docx", "conflict", False),
        ("ben.docx", "conflict", False),
    ]
    assert "share their expertise" in both[0]["why"] and "combine their expertise" in both[0]["why"]
    section = " ".join((root / SECTION).read_text(encoding="utf-8").split())
    assert "pool their expertise" in section  # neither applied
    assert "continue to support" in section and "routes and methods" in section  # the rest applied
    assert before != section


def test_a_file_from_before_the_content_changed_applies_only_what_did_not_change_on_both_sides(
    sent, returned, tmp_path
):
    root = _copy(sent, tmp_path / "project")
    path = root / SECTION
    path.write_text(path.read_text(encoding="utf-8").replace("pool their expertise", "pool their know-how"), "utf-8")
    report = _report(root, str(returned["ana"]), "--apply")
    r1 = _change(report, "conflict", "wg4-2025-r1")
    assert not r1["applied"] and "pool their know-how" in r1["why"] and "share their expertise" in r1["new"]
    assert _change(report, "reworded", "wg4-2025-r2", "sub-item")["applied"]
    section = " ".join(path.read_text(encoding="utf-8").split())
    assert "pool their know-how" in section and "routes and methods" in section


def test_an_issued_editions_file_is_recognised_and_its_changes_go_to_the_next_edition(sent, tmp_path):
    root = _copy(sent, tmp_path / "project")
    run_compiler(root, "build", "2024-09", "--format", "docx")
    issued = edition_file(root, "2024-09", "docx")
    edited = tmp_path / "issued-edited.docx"
    _rewrite_part(issued, edited, "word/document.xml", lambda xml: xml.replace(b"private security", b"private armed"))
    report = _report(root, str(edited), "--reason", "As agreed.")
    assert any("of the issued September 2024 edition" in n for n in report["notes"])
    change = _change(report, "reworded", "cd-fa-2024-o2", file=edited.name)
    assert change["applied"] and change["author"]  # untracked: found against the file's own data


def _rewrite_part(src: Path, dest: Path, name: str, edit) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info, edit(data) if info.filename == name else data)


def test_bad_files_are_refused_clearly_and_nothing_is_written(sent, returned, tmp_path):
    root = _copy(sent, tmp_path / "project")
    draft = edition_file(root, "2025-01", "docx")
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "notes.docx").write_text("Dear editor, see my changes.", encoding="utf-8")
    (bad / "locked.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    docx.Document().save(str(bad / "blank.docx"))
    _rewrite_part(
        draft, bad / "other.docx", "docProps/core.xml", lambda xml: xml.replace(b"Compilation of", b"Digest of")
    )
    _rewrite_part(
        draft, bad / "altered.docx", "customXml/item9.xml", lambda xml: xml.replace(b"pool their", b"pool our")
    )
    expected = {
        "notes.docx": "not a Word (.docx) file",
        "locked.docx": "encrypted (saved with a password) or is an old .doc file",
        "blank.docx": "not a file this compiler wrote",
        "other.docx": "a file of another publication",
        "altered.docx": "it was altered",
        "missing.docx": "no such file",
    }
    for name, message in expected.items():
        result = run_compiler(root, "import", "review", str(bad / name))
        assert result.returncode == 1, (name, result.stdout)
        assert message in result.stderr and name in result.stderr, (name, result.stderr)
        assert "Traceback" not in result.stderr

    before = {p: p.read_bytes() for p in (root / "content").rglob("*") if p.is_file()}
    result = run_compiler(root, "import", "review", str(returned["ana"]), str(bad / "blank.docx"), "--apply")
    assert result.returncode == 1
    after = {p: p.read_bytes() for p in (root / "content").rglob("*") if p.is_file()}
    assert after == before  # the good file's changes were not written either
