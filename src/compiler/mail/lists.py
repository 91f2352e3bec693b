"""The mailing lists (content/mailing-lists.yaml): who receives an edition, checked like all content."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..content.fields import Fields
from ..content.yamlsource import load_yaml
from ..errors import Location, Problem

FILE = "mailing-lists.yaml"
_ADDRESS = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)
_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def valid_address(address: str) -> bool:
    """Return whether a text is a plain e-mail address (no display name, no line breaks)."""
    return bool(_ADDRESS.match(address)) and len(address) <= 254


@dataclass
class MailingList:
    """One list: a list address, or individual recipients sent in Bcc batches."""

    name: str
    description: str
    sender: str
    reply_to: str | None
    address: str | None
    recipients: list[str] = field(default_factory=list)
    batch_size: int | None = None
    loc: Location = field(default_factory=lambda: Location(FILE))
    unsubscribe: str | None = None  # where a recipient asks to leave the list (List-Unsubscribe)


def _checked_address(f: Fields, value: str | None, loc: Location, what: str) -> str | None:
    if value is None:
        return None
    if not valid_address(value):
        f.problem(loc, f"{what} {value!r} is not a valid e-mail address")
        return None
    return value


def _text(f: Fields, name: str, required: bool = False) -> str | None:
    """Read a value that goes into a mail header, refusing line breaks (header injection)."""
    sub = f.raw(name)
    if sub is not None and isinstance(sub.value, str) and ("\n" in sub.value or "\r" in sub.value):
        f.problem(sub.loc, f"'{name}' contains a line break, which is not allowed in a mail header")
        return None
    return f.text(name, required=required)


def read_mailing_lists(content_dir, default_sender: str) -> tuple[list[MailingList], list[Problem]]:
    """Return the project's mailing lists and the problems found (file:line:col)."""
    path = content_dir / FILE
    rel = f"content/{FILE}"
    problems: list[Problem] = []
    if not path.is_file():
        return [], []
    node, probs = load_yaml(path.read_text(encoding="utf-8"), rel)
    problems += probs
    if node is None:
        return [], problems
    top = Fields(node, "the mailing-lists file", problems, rel)
    out: list[MailingList] = []
    names: set[str] = set()
    for lnode in top.sequence("lists"):
        f = Fields(lnode, "a mailing list", problems, rel)
        if not f.ok:
            continue
        name = f.text("name", required=True, hint="a short name such as focal-points")
        if name and not _NAME.match(name):
            f.problem(f.loc_of("name"), f"list name {name!r} must be lower-case letters, digits and hyphens")
        if name in names:
            f.problem(f.loc_of("name"), f"list '{name}' is defined twice")
        if name:
            names.add(name)
        description = _text(f, "description", required=True)
        sender = _checked_address(f, _text(f, "sender"), f.loc_of("sender"), "sender") or default_sender
        reply_to = _checked_address(f, _text(f, "reply_to"), f.loc_of("reply_to"), "reply_to")
        address = _checked_address(f, _text(f, "address"), f.loc_of("address"), "list address")
        unsubscribe = _checked_address(f, _text(f, "unsubscribe"), f.loc_of("unsubscribe"), "unsubscribe address")
        recipients = []
        rnode = f.raw("recipients")
        for r in f.sequence("recipients"):
            if r.kind != "scalar" or not isinstance(r.value, str):
                f.problem(r.loc, "each recipient must be an e-mail address")
                continue
            if "\n" in r.value or "\r" in r.value:
                f.problem(r.loc, "a recipient contains a line break, which is not allowed in a mail header")
                continue
            ok = _checked_address(f, r.value.strip(), r.loc, "recipient")
            if ok in recipients:
                f.problem(r.loc, f"recipient {ok} is listed twice")
            elif ok:
                recipients.append(ok)
        if f.has("address") == (rnode is not None):
            f.problem(f.loc, "a mailing list needs either 'address' (a list address) or 'recipients', not both")
        batch = f.number("batch_size")
        if batch is not None and batch < 1:
            f.problem(f.loc_of("batch_size"), "batch_size must be at least 1")
        f.finish()
        if name and description:
            out.append(MailingList(name, description, sender, reply_to, address, recipients, batch, f.loc, unsubscribe))
    top.finish()
    return out, problems
