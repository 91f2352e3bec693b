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


# Every character a mail program may take as the end of a header line (Python's email package among them).
LINE_BREAKS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
MAX_HEADER = 200  # characters of a value that goes into a header


def header_problem(value: str, what: str) -> str | None:
    """Return what is wrong with a value that goes into a mail header (a line break of any kind, or its length)."""
    if any(c in LINE_BREAKS for c in value):
        return f"{what} contains a line break, which is not allowed in a mail header"
    if len(value) > MAX_HEADER:
        return f"{what} is {len(value)} characters long; a mail header takes at most {MAX_HEADER}"
    return None


def address_key(address: str) -> str:
    """Return an address as mail systems compare it: case does not count, in the domain (as the standard says) nor in
    the local part (as mail systems do in practice): "Alice@Example.org" is "alice@example.org"."""
    return address.casefold()


def _text(f: Fields, name: str, required: bool = False) -> str | None:
    """Read a value that goes into a mail header, refusing line breaks (header injection) and overlong values."""
    sub = f.raw(name)
    if sub is not None and isinstance(sub.value, str):
        problem = header_problem(sub.value, f"'{name}'")
        if problem:
            f.problem(sub.loc, problem)
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
        seen: dict[str, Location] = {}
        rnode = f.raw("recipients")
        for r in f.sequence("recipients"):
            if r.kind != "scalar" or not isinstance(r.value, str):
                f.problem(r.loc, "each recipient must be an e-mail address")
                continue
            problem = header_problem(r.value, "a recipient")
            if problem:
                f.problem(r.loc, problem)
                continue
            ok = _checked_address(f, r.value.strip(), r.loc, "recipient")
            if ok and address_key(ok) in seen:
                first = seen[address_key(ok)]
                f.problem(r.loc, f"recipient {ok} is listed twice (also at line {first.line}; case does not count)")
            elif ok:
                seen[address_key(ok)] = r.loc
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
