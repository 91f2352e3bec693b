"""check compares each observation with a fresh extraction of the kept original, and says what differs."""

from __future__ import annotations

import json
import shutil

import pytest

from compiler.files import unseal
from compiler.sources.extract import extract

from ..conftest import copy_project, run_compiler
from .un_documents import make_hyphenated_pdf

OUT = "content/part-b/2025-test-cooperation.yaml"


@pytest.fixture
def imported(tmp_path):
    return _import(tmp_path)


def _import(tmp_path):
    root = copy_project(tmp_path / "p")
    assert run_compiler(root, "edition", "new", "2025-01", "January 2025").returncode == 0
    pdf = make_hyphenated_pdf(tmp_path / "summary.pdf")
    result = run_compiler(
        root,
        "import",
        "summary",
        str(pdf),
        "--year",
        "2025",
        "--title",
        "Constructive Dialogue on Test Cooperation",
        "-o",
        str(root / OUT),
    )
    assert result.returncode == 0, result.stderr
    assert "joined 1 word(s) hyphenated at a line end: internationalization" in result.stdout
    assert "kept 1 compound(s) hyphenated at a line end: crime-related" in result.stdout
    assert "removed 1 footnote mark(s)" in result.stdout
    return root


def test_the_original_is_kept_and_a_correct_item_passes(imported):
    text = (imported / OUT).read_text(encoding="utf-8")
    kept = imported / "content" / "sources" / "2025-test-cooperation-summary.pdf"
    assert kept.read_bytes().startswith(b"%PDF") and "sha256: " in text
    assert "“Test Handbook”" in text  # curly quotes kept as published
    check = run_compiler(imported, "check", "-q")
    assert check.returncode == 0, check.stderr


def test_the_import_and_the_checks_after_it_read_the_original_once(tmp_path, monkeypatch):
    """The import keeps what it read in build/.cache, by the file's bytes: the check of the kept original (a copy,
    the same bytes) and every later check take it from there."""
    import compiler.sources.bounded as bounded

    read: list[str] = []
    within = bounded._extract_within

    def reading(path, limits):
        read.append(path.name)
        return within(path, limits)

    monkeypatch.setattr(bounded, "_extract_within", reading)
    root = _import(tmp_path)
    assert [name for name in read if name.endswith(".pdf")] == ["summary.pdf"]  # the PDF imported, read once
    at_import = list(read)  # with the project's kept summary (.txt), which the import checks first
    assert run_compiler(root, "check", "-q").returncode == 0
    assert run_compiler(root, "check", "-q").returncode == 0
    assert read == at_import
    shutil.rmtree(root / "build" / ".cache")  # disposable: without it, the next check reads every original again
    assert run_compiler(root, "check", "-q").returncode == 0
    assert sorted(read[len(at_import) :]) == ["2024-cd-ta-ic-summary.txt", "2025-test-cooperation-summary.pdf"]


def test_lines_planted_in_the_cache_do_not_vouch_for_a_changed_item(imported):
    """build/.cache is the project's, and a shared or copied folder brings its files: the kept lines of an original
    are sealed with this user's key, so lines written there by anyone else are read again from the original."""
    path = imported / OUT
    path.write_text(path.read_text(encoding="utf-8").replace("promote the", "promote all the"), encoding="utf-8")
    cache = imported / "build" / ".cache"
    kept = [p for p in cache.glob("extract-*") if b"tionalization of good practices" in p.read_bytes()]
    assert len(kept) == 1, "the import keeps the lines it read of the PDF"
    original = extract(imported / "content" / "sources" / "2025-test-cooperation-summary.pdf").to_data()
    planted = json.dumps(original).replace("promote the", "promote all the")  # lines that agree with the change
    assert planted != json.dumps(original)
    kept[0].write_text(planted, encoding="utf-8")  # as an unsealed cache would be written: the lines as JSON
    check = run_compiler(imported, "check", "-q")
    assert check.returncode == 1, check.stdout
    assert "differs from paragraph 1 of content/sources/2025-test-cooperation-summary.pdf" in check.stderr
    resealed = kept[0].read_bytes()  # read again from the original, and sealed
    assert unseal(resealed) is not None and b"promote all the" not in resealed


def test_a_changed_item_fails_with_the_word_difference_and_what_to_do(imported):
    path = imported / OUT
    path.write_text(path.read_text(encoding="utf-8").replace("promote the", "promote all the"), encoding="utf-8")
    check = run_compiler(imported, "check", "-q")
    assert check.returncode == 1
    assert "differs from paragraph 1 of content/sources/2025-test-cooperation-summary.pdf" in check.stderr
    assert "promote[- all-] the internationalization" in check.stderr and "record a correction" in check.stderr
    # a deliberate correction of the summary's wording, recorded with the item, is accepted
    text = path.read_text(encoding="utf-8")
    marker = "    paragraph: 1\n"
    correction = (
        "    corrections:\n      - kind: text\n        printed: promote the\n"
        "        corrected: promote all the\n        reason: A test of a recorded correction.\n"
    )
    path.write_text(text.replace(marker, marker + correction, 1), encoding="utf-8")
    assert run_compiler(imported, "check", "-q").returncode == 0


def test_a_kept_source_that_was_changed_is_caught(imported):
    kept = imported / "content" / "sources" / "2025-test-cooperation-summary.pdf"
    kept.write_bytes(kept.read_bytes() + b"\n%")
    check = run_compiler(imported, "check", "-q")
    assert check.returncode == 1 and "is not the file that was imported" in check.stderr
