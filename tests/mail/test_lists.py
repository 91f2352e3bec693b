"""Mailing lists are content: checked at file:line:col, and nothing that could inject a mail header."""

from __future__ import annotations

from compiler.mail.lists import read_mailing_lists, valid_address


def test_addresses():
    assert valid_address("untoc.review@un.org")
    assert not valid_address("Review <untoc.review@un.org>") and not valid_address("a@b.org\nBcc: x@y.org")


def test_lists_read_and_problems_have_their_place(tmp_path):
    (tmp_path / "mailing-lists.yaml").write_text(
        "lists:\n"
        "  - name: focal-points\n"
        "    description: National focal points\n"
        '    recipients: ["a@example.org", "b@example.org"]\n'
        "  - name: announce\n"
        '    description: "Line one\\nBcc: x@example.org"\n'
        "    address: not-an-address\n"
    )
    lists, problems = read_mailing_lists(tmp_path, "untoc.review@un.org")
    assert [(m.name, m.recipients, m.sender) for m in lists][:1] == [
        ("focal-points", ["a@example.org", "b@example.org"], "untoc.review@un.org")
    ]
    text = "\n".join(map(str, problems))
    assert "content/mailing-lists.yaml:6:" in text and "line break" in text
    assert "content/mailing-lists.yaml:7:" in text and "'not-an-address' is not a valid e-mail address" in text
