"""Prepare the message that sends an edition to a mailing list, and write it as .eml for a dry run."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.utils import formataddr, formatdate
from pathlib import Path

from ..errors import CompilerError, ContentError
from ..files import sha256, write_atomic
from ..model import Document, fingerprint
from ..project import Project
from .lists import MailingList, read_mailing_lists
from .settings import SmtpSettings

MIME = {
    "pdf": ("application", "pdf"),
    "docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
}


@dataclass
class Attachment:
    filename: str
    data: bytes

    @property
    def size_label(self) -> str:
        size = len(self.data)
        return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{max(1, round(size / 1000))} kB"


@dataclass
class Prepared:
    """One message for one edition and one list, and the envelopes it goes out in."""

    mailing_list: MailingList
    edition_id: str
    subject: str
    message_id: str
    message: bytes
    batches: list[list[str]]
    attachments: list[Attachment]

    @property
    def recipients(self) -> list[str]:
        return [r for batch in self.batches for r in batch]

    @property
    def pdf_sha256(self) -> str:
        return sha256(self.attachments[0].data)


def get_list(project: Project, contact: str, name: str) -> MailingList:
    """Return the mailing list called ``name``; content errors are reported with file:line."""
    lists, problems = read_mailing_lists(project.content_dir, contact)
    if any(p.severity == "error" for p in problems):
        raise ContentError(problems)
    for m in lists:
        if m.name == name:
            return m
    known = ", ".join(m.name for m in lists) or "none (add them to content/mailing-lists.yaml)"
    raise CompilerError(f"no mailing list named '{name}'; known: {known}")


def _header(msg: EmailMessage, name: str, value: str) -> None:
    if "\n" in value or "\r" in value:
        raise CompilerError(
            f"refusing to send: the {name} header would contain a line break "
            f"({value!r}); fix it in content/mailing-lists.yaml"
        )
    msg[name] = value


def message_id_of(doc: Document, mlist: MailingList) -> str:
    """Return the Message-ID of an edition sent to a list: the same for the same content and list."""
    digest = hashlib.sha256(f"{fingerprint(doc)}:{mlist.name}".encode()).hexdigest()[:20]
    return f"<untoc-compilation.{doc.edition.id}.{mlist.name}.{digest}@{mlist.sender.rsplit('@', 1)[1]}>"


def compose(
    doc: Document,
    mlist: MailingList,
    text_body: str,
    html_body: str,
    attachments: list[Attachment],
    settings: SmtpSettings,
) -> Prepared:
    """Return the message that sends an edition to a list, and the batches of recipients it goes to."""
    limit = settings.max_attachment_mb * 1_000_000
    total = sum(len(a.data) for a in attachments)
    if total > limit:
        raise CompilerError(
            f"refusing to send: the attachments are {total / 1e6:.1f} MB, over the "
            f"limit of {settings.max_attachment_mb:g} MB (max_attachment_mb)"
        )
    pub = doc.publication
    domain = mlist.sender.rsplit("@", 1)[1]
    message_id = message_id_of(doc, mlist)
    msg = EmailMessage()
    _header(msg, "From", formataddr((pub.publisher, mlist.sender)))
    _header(msg, "To", mlist.address or "undisclosed-recipients:;")
    if mlist.reply_to:
        _header(msg, "Reply-To", mlist.reply_to)
    _header(msg, "Subject", subject_of(doc))
    _header(msg, "Date", formatdate(usegmt=True))
    _header(msg, "Message-ID", message_id)
    # what list servers and recipients' mail programs expect of a mailing
    _header(msg, "List-Id", f"{mlist.description} <{mlist.name}.{domain}>")
    if mlist.unsubscribe:
        _header(msg, "List-Unsubscribe", f"<mailto:{mlist.unsubscribe}?subject=unsubscribe>")
    _header(msg, "Precedence", "bulk")
    _header(msg, "Auto-Submitted", "auto-generated")
    msg.set_content(text_body)
    msg.add_alternative(html_body, subtype="html")
    for a in attachments:
        maintype, subtype = MIME[a.filename.rsplit(".", 1)[1]]
        msg.add_attachment(a.data, maintype=maintype, subtype=subtype, filename=a.filename)
    data = msg.as_bytes(policy=SMTP_POLICY)
    if mlist.address:
        batches = [[mlist.address]]
    else:
        size = mlist.batch_size or settings.batch_size
        batches = [mlist.recipients[i : i + size] for i in range(0, len(mlist.recipients), size)]
    return Prepared(mlist, doc.edition.id, subject_of(doc), message_id, data, batches, attachments)


def subject_of(doc: Document) -> str:
    """Return the subject of an edition's message: "<short title>, <Month Year> edition"."""
    return f"{doc.publication.short_title}, {doc.edition.date_label} edition"


def mail_dir(project: Project, edition_id: str, list_name: str) -> Path:
    """Return where the dry run's messages of an edition and a list are written (build/, not a record)."""
    return project.edition_dir(edition_id) / "mail" / list_name


def write_dry_run(project: Project, prepared: Prepared) -> list[Path]:
    """Write each batch's exact message (.eml) and its envelope recipients (.json)."""
    folder = mail_dir(project, prepared.edition_id, prepared.mailing_list.name)
    for old in folder.glob("batch-*"):  # an earlier dry run may have had more batches
        old.unlink()
    paths = []
    for n, batch in enumerate(prepared.batches, 1):
        eml = folder / f"batch-{n:03d}.eml"
        write_atomic(eml, prepared.message)
        envelope = {"from": prepared.mailing_list.sender, "to": batch, "message_id": prepared.message_id}
        write_atomic(folder / f"batch-{n:03d}.envelope.json", (json.dumps(envelope, indent=1) + "\n").encode())
        paths.append(eml)
    return paths
