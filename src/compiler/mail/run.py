"""The `compiler mail` work: prepare an edition's message for a list, then write it (dry run) or deliver it."""

from __future__ import annotations

from ..content.load import Content
from ..project import Project
from ..records.issued import edition_document
from .deliver import SendError, deliver, mark_delivered
from .message import get_list, message_id_of, prepare, write_dry_run
from .record import DELIVERED, PENDING, REJECTED, UNCERTAIN, SendRecord, record_path
from .settings import SmtpSettings


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
    """Prepare (and with ``send``, deliver) an edition to a list; return the exit status."""
    mlist = get_list(project, content, list_name)
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
