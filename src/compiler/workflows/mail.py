"""The `compiler mail` work: prepare an edition's message for a list, then write it (dry run) or deliver it."""

from __future__ import annotations

import contextlib
import fcntl

from ..changes.compare import compare
from ..changes.report import whats_new
from ..content.load import Content
from ..content.select import previous_edition
from ..errors import CompilerError
from ..files import sha256
from ..mail.deliver import SendError, deliver, mark_delivered
from ..mail.lists import MailingList
from ..mail.message import Attachment, Prepared, compose, get_list, message_id_of, subject_of, write_dry_run
from ..mail.record import DELIVERED, PENDING, REJECTED, UNCERTAIN, SendRecord, record_path
from ..mail.settings import SmtpSettings
from ..model import Document, fingerprint
from ..project import Project
from ..render.html import render_template
from .build import build_edition, output_name
from .editions import edition_document
from .manifest import read_manifest


def stale_reason(project: Project, doc: Document, formats) -> str | None:
    """Return why the built files of an edition do not match the content, or None."""
    folder = project.edition_dir(doc.edition.id)
    manifest = read_manifest(folder)
    if manifest is None:
        return f"{folder}/ has no build yet"
    if manifest.get("fingerprint") != fingerprint(doc):
        return "the content changed since it was built"
    for fmt in formats:
        name = output_name(doc, fmt)
        path = folder / name
        entry = manifest["files"].get(name)
        if not path.is_file() or entry is None or entry["sha256"] != sha256(path.read_bytes()):
            return f"{name} is missing or differs from its manifest"
    return None


def ensure_built(project: Project, content: Content, doc: Document, formats, build: bool) -> None:
    """Build the edition's attachments if they are stale (dry run), or refuse (sending)."""
    reason = stale_reason(project, doc, formats)
    if reason is None:
        return
    if not build:
        raise CompilerError(
            f"the {doc.edition.id} edition's files are stale: {reason}. Run "
            f"`compiler build {doc.edition.id}` and check them before sending."
        )
    build_edition(project, content, doc.edition.id, tuple(formats))


def prepare(
    project: Project,
    content: Content,
    edition_id: str,
    mlist: MailingList,
    attach: tuple[str, ...],
    settings: SmtpSettings,
    build: bool = True,
) -> Prepared:
    """Return the message for an edition and a list, building the attachments if allowed."""
    doc = edition_document(content, edition_id)
    ensure_built(project, content, doc, attach, build)
    folder = project.edition_dir(edition_id)
    attachments = [Attachment(output_name(doc, fmt), (folder / output_name(doc, fmt)).read_bytes()) for fmt in attach]
    before = previous_edition(content, edition_id)
    news = whats_new(compare(edition_document(content, before), doc)) if before else ""
    pub = doc.publication
    ctx = dict(
        edition=doc.edition,
        title=pub.title,
        publisher=pub.publisher,
        contact=pub.contact,
        counts=doc.counts(),
        attachments=attachments,
        whats_new=news,
        whats_new_lines=news.strip().splitlines(),
        subject=subject_of(doc),
        language=pub.language,
    )
    text = render_template(project.layout_dir, "mail.txt.j2", **ctx)
    html = render_template(project.layout_dir, "mail.html.j2", **ctx)
    return compose(doc, mlist, text, html, attachments, settings)


def mail_edition(
    project: Project,
    content: Content,
    edition_id: str,
    list_name: str,
    attach: tuple[str, ...],
    settings: SmtpSettings,
    send: bool,
    resend: bool,
    insecure: bool,
    echo,
    resend_uncertain: bool = False,
    confirm_delivered: bool = False,
) -> int:
    """Prepare (and with ``send``, deliver) an edition to a list; return the exit status. A send, or a record of
    delivery, holds the list's lock for the whole run: a second one at the same time is refused."""
    locked = send or confirm_delivered
    with send_lock(project, edition_id, list_name) if locked else contextlib.nullcontext():
        mlist = get_list(project, content.publication.contact, list_name)
        path = record_path(project.content_dir, edition_id, list_name)
        if send and not (resend or resend_uncertain):  # say so before asking for a build: it may be another clone's
            refuse_second_send(path, edition_document(content, edition_id), mlist)
        prepared = prepare(project, content, edition_id, mlist, attach, settings, build=not send)
        echo(f"list: {mlist.name} ({mlist.description})")
        echo(f"subject: {prepared.subject}")
        echo(f"message-id: {prepared.message_id}")
        where = f"list address {mlist.address}" if mlist.address else f"Bcc, {len(prepared.batches)} batch(es)"
        echo(f"recipients: {len(prepared.recipients)} ({where})")
        for a in prepared.attachments:
            echo(f"attachment: {a.filename} ({len(a.data)} bytes)")
        if confirm_delivered:
            record = mark_delivered(path, prepared)
        elif not send:
            paths = write_dry_run(project, prepared)
            echo(
                f"dry run: nothing was sent; the exact message is in {project.rel(paths[0])}"
                + (f" (and {len(paths) - 1} more batch file(s))" if len(paths) > 1 else "")
                + "; add --send to deliver it"
            )
            return 0
        else:
            record = deliver(prepared, settings, path, resend, insecure, echo, resend_uncertain)
        return report(project, prepared.recipients, record, echo)


@contextlib.contextmanager
def send_lock(project: Project, edition_id: str, list_name: str):
    """Hold an exclusive lock on sending an edition to a list (a lock file of this project folder, in build/.locks),
    so that two sends started together cannot both deliver; the second is refused at once, saying why."""
    path = project.build_dir / ".locks" / f"mail-{edition_id}-{list_name}.lock"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fh = open(path, "a+")  # noqa: SIM115 - held open for the whole send
    except OSError as exc:
        raise CompilerError(f"cannot lock {project.rel(path)}: {exc.strerror}") from None
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise CompilerError(
                f"another `compiler mail` of the {edition_id} edition to the list {list_name} is running; nothing was "
                f"sent by this one: wait for it to finish, then run again (it continues where the other stopped)"
            ) from None
        yield
    finally:
        fh.close()  # the lock goes with it


def report(project: Project, recipients: list[str], record, echo) -> int:
    """Print who has the edition (the list as it is now) and what to do next; return the exit status."""
    counts = record.counts(recipients)
    echo(
        f"delivered: {counts[DELIVERED]}, rejected: {counts[REJECTED]}, uncertain: {counts[UNCERTAIN]}, "
        f"not yet delivered: {counts[PENDING]} (send record: {project.rel(record.path)}; commit it with the content)"
    )
    for address in recipients:
        entry = record.recipients.get(address, {})
        if entry.get("status") == REJECTED:
            echo(f"  rejected: {address}: {entry.get('code')} {entry.get('response', '')}")
    uncertain = record.with_status(recipients, UNCERTAIN)
    if uncertain:
        echo("uncertain: the server may have stored the message for these recipients but never confirmed it:")
        for address in uncertain:
            echo(f"  {address}")
        echo(
            "  check the mail server's log (or ask them), then either record them as delivered with "
            "--mark-delivered, or send them one more copy with --send --resend-uncertain"
        )
    if counts[PENDING]:
        echo("some recipients have not received it yet: run the same command again to deliver to them only")
    return 0 if counts[DELIVERED] == len(recipients) else 1


def refuse_second_send(path, doc, mlist) -> None:
    """Refuse at once when the send record shows this edition already went to everyone on the list."""
    record = SendRecord.load(path)
    if record is None or record.message_id != message_id_of(doc, mlist):
        return
    addresses = [mlist.address] if mlist.address else mlist.recipients
    if record.with_status(addresses, PENDING) or record.with_status(addresses, UNCERTAIN):
        return
    counts = record.counts(addresses)
    raise SendError(
        f"the {doc.edition.id} edition was already sent to list '{mlist.name}' ({counts[DELIVERED]} delivered, "
        f"{counts[REJECTED]} rejected; see {path}); use --resend to send it again"
    )
