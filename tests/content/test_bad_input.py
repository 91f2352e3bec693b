"""Bad content gets clear file:line:col messages, all at once, exit status 1, and no output touched."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from ..conftest import copy_built, run_compiler

WG4 = "content/part-a/2022-wg4-trafficking-in-persons.yaml"
WG6 = "content/part-a/2023-wg6-firearms.yaml"
CD_TIP = "content/part-b/2023-trafficking-in-persons.yaml"


@pytest.fixture
def proj(built, tmp_path) -> Path:
    """A copy of the project with both editions built: what bad input must leave as it was."""
    return copy_built(built, tmp_path / "p")


def hashes(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted((root / "build").rglob("*"))
        if p.is_file() and ".cache" not in p.parts
    }


def edit(root: Path, rel: str, old: str, new: str, count: int = 1) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(root: Path, rel: str, needle: str) -> int:
    lines = (root / rel).read_text(encoding="utf-8").splitlines()
    return next(i for i, l in enumerate(lines, 1) if needle in l)


def fails_cleanly(root: Path, *args: str) -> str:
    """Run a build that must fail: exit 1, no traceback, build/ untouched; return stderr."""
    before = hashes(root)
    result = run_compiler(root, *(args or ("build", "--format", "pdf,html,json")))
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    assert hashes(root) == before
    assert not list((root / "build").rglob("*.tmp"))
    return result.stderr


def test_yaml_syntax_error_names_file_line_and_column(proj):
    edit(proj, WG4, "year: 2022", "year: [2022")
    err = fails_cleanly(proj)
    assert re.search(rf"^{re.escape(WG4)}:\d+:\d+: error: YAML syntax error", err, re.M)


def test_duplicate_yaml_key_is_an_error_at_the_second_key(proj):
    edit(proj, WG4, "year: 2022\n", "year: 2022\nyear: 2023\n")
    err = fails_cleanly(proj)
    line = line_of(proj, WG4, "year: 2023")
    assert f"{WG4}:{line}:1: error: duplicate key 'year' (first given at line {line - 1})" in err


def test_unknown_field_suggests_the_right_name(proj):
    edit(proj, WG4, "recommendations:", "recomendations:")
    err = fails_cleanly(proj)
    line = line_of(proj, WG4, "recomendations:")
    assert f"{WG4}:{line}:1: error: unknown field 'recomendations'" in err
    assert "did you mean 'recommendations'?" in err


def test_missing_and_wrongly_typed_fields(proj):
    edit(proj, WG4, "report_symbol: CTOC/COP/WG.4/2022/4\n", "")
    edit(proj, WG6, "year: 2023", "year: twenty-three")
    err = fails_cleanly(proj)
    assert f"{WG4}:2:1: error: a meeting report file is missing the field 'report_symbol'" in err
    assert re.search(rf"{re.escape(WG6)}:\d+:7: error: 'year' must be a whole number", err)


def test_duplicate_item_ids_across_files(proj):
    edit(proj, WG6, "id: wg6-2023-r18", "id: wg4-2022-r14")
    err = fails_cleanly(proj)
    line = line_of(proj, WG6, "id: wg4-2022-r14")
    assert re.search(
        rf"{re.escape(WG6)}:{line}:\d+: error: duplicate id 'wg4-2022-r14' \(also used at "
        rf"{re.escape(WG4)}:\d+:\d+\)",
        err,
    )


def test_unknown_edition_id(proj):
    edit(proj, WG4, 'first_edition: "2024-04"', 'first_edition: "2024-05"')
    err = fails_cleanly(proj)
    assert "first_edition '2024-05' is not an edition in content/editions.yaml (known: 2024-04, 2024-09)" in err


def test_report_symbol_must_match_body_and_year(proj):
    edit(proj, WG4, "report_symbol: CTOC/COP/WG.4/2022/4", "report_symbol: CTOC/COP/WG.7/2023/4")
    err = fails_cleanly(proj)
    line = line_of(proj, WG4, "report_symbol:")
    assert (
        f"{WG4}:{line}:16: error: report symbol CTOC/COP/WG.7/2023/4 does not match the working "
        f"group and year: expected CTOC/COP/WG.4/2022/<number>"
    ) in err


def test_link_schemes_other_than_http_and_mailto_are_errors(proj):
    edit(
        proj,
        "content/front/guidance.md",
        "This compilation is intended",
        "[Click](javascript:alert(1)) and [file](file:///etc/passwd). This compilation is intended",
    )
    edit(
        proj,
        WG4,
        "report_symbol: CTOC/COP/WG.4/2022/4\n",
        "report_symbol: CTOC/COP/WG.4/2022/4\nreport_url: ftp://example.org/report\n",
    )
    err = fails_cleanly(proj)
    assert re.search(
        r"content/front/guidance\.md:\d+:1: error: link \"Click\" points to 'javascript:alert\(1\)': "
        r"only http\(s\) and mailto links are allowed",
        err,
    )
    assert "link \"file\" points to 'file:///etc/passwd'" in err
    assert "report_url 'ftp://example.org/report' must be a full http(s) URL" in err


def test_every_problem_of_a_run_is_reported_at_once(proj):
    edit(proj, WG4, "year: 2022", "year: [2022")
    edit(proj, WG6, "order: 1", "ordre: 1")
    edit(proj, CD_TIP, "summary_by: chair", "summary_by: president")
    err = fails_cleanly(proj)
    assert WG4 in err and WG6 in err and CD_TIP in err
    assert "'summary_by' is 'president'; expected one of: chair, co-chairs" in err
    assert "3 error(s)" in err or "4 error(s)" in err


def test_unsafe_yaml_is_refused(proj):
    edit(proj, WG4, "year: 2022", "year: !!python/object/apply:os.system ['true']")
    edit(proj, WG6, "order: 1\n", "order: &o 1\nlast_edition: *o\n")
    err = fails_cleanly(proj)
    assert "YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed" in err
    assert "anchors and aliases (&name, *name) are not allowed" in err


def test_control_characters_are_reported_where_they_are(proj):
    edit(proj, WG4, "States parties, if they", "States parties,\x0b if they")
    err = fails_cleanly(proj)
    assert re.search(rf"{re.escape(WG4)}:\d+:\d+: error: U\+000B control character in the text", err)


NEW = "content/part-a/2025-wg4-trafficking-in-persons.yaml"


def new_meeting(root: Path, text: str) -> None:
    """Start a January 2025 draft with one new meeting whose recommendation says ``text``."""
    assert run_compiler(root, "edition", "new", "2025-01", "January 2025").returncode == 0
    assert run_compiler(root, "new", "meeting", "wg4", "2025", "4", "--labels", "1").returncode == 0
    edit(root, NEW, "TODO: the recommendation word for word as adopted", text)


def test_page_footer_artefact_is_a_warning_and_an_error_under_strict(proj):
    new_meeting(proj, "Parties may wish 3/5 to encourage cooperation.")
    result = run_compiler(proj, "check", "-q")
    assert result.returncode == 0, result.stderr
    assert re.search(
        rf"{re.escape(NEW)}:\d+:\d+: warning: \"3/5\" inside a sentence looks like a "
        rf"page-footer number",
        result.stderr,
    )
    assert run_compiler(proj, "check", "--strict", "-q").returncode == 1


def test_text_warnings_fail_under_strict(proj):
    edit(proj, WG6, "Parties may wish to encourage", "Parties may  wish to encourage")
    edit(proj, WG6, 'label: "18"', 'label: "19"')
    result = run_compiler(proj, "check", "--strict", "-q")
    assert result.returncode == 1
    assert "warning: doubled space in the text" in result.stderr
    assert "warning: recommendation label 19 does not follow the previous label" in result.stderr
    assert "--strict treats them as errors" in result.stderr
    strict_build = fails_cleanly(proj, "build", "--strict", "--format", "pdf")
    assert "doubled space" in strict_build
    assert run_compiler(proj, "check", "-q").returncode == 0


def test_a_text_correction_that_no_longer_holds_is_an_error(proj):
    edit(proj, CD_TIP, "asylum authorities, law enforcement", "asylum authorities, law 7/7 enforcement")
    err = fails_cleanly(proj)
    assert 'correction says "law 7/7 enforcement" was corrected, but the text still has it' in err


def test_missing_project_and_misuse(tmp_path, proj):
    result = run_compiler(tmp_path, "check")
    assert result.returncode == 1 and "no compiler project found" in result.stderr
    for args, needle in (
        (("build", "--format", "pdf,odt"), "'odt' is not a format"),
        (("build", "2031-01"), "unknown edition '2031-01'"),
        (("build", "--nope"), "No such option '--nope'"),
        (("frobnicate",), "No such command"),
    ):
        result = run_compiler(proj, *args)
        assert result.returncode == 2, args
        assert needle in result.stderr
        assert "Traceback" not in result.stderr
