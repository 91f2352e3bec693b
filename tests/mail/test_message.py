"""The message that carries an edition: a Message-ID fixed by the content and the list, so a resend is recognisable."""

from __future__ import annotations

from compiler.content.select import select
from compiler.mail.lists import MailingList
from compiler.mail.message import message_id_of


def _list(name: str) -> MailingList:
    return MailingList(name, "A list", "untoc.review@un.org", None, None, ["a@example.org"])


def test_the_message_id_depends_on_the_edition_content_and_list(real_content):
    april, september = select(real_content, "2024-04"), select(real_content, "2024-09")
    first = message_id_of(september, _list("focal-points"))
    assert first == message_id_of(select(real_content, "2024-09"), _list("focal-points"))
    assert first.startswith("<untoc-compilation.2024-09.focal-points.") and first.endswith("@un.org>")
    assert first != message_id_of(september, _list("announce"))
    assert first != message_id_of(april, _list("focal-points"))
