"""The `compiler mail` work: prepare an edition's message for a list, then write it (dry run) or deliver it."""

from __future__ import annotations

from ..content.load import Content
from ..project import Project
from .deliver import deliver
from .message import get_list, mail_dir, prepare, write_dry_run
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
) -> int:
    """Prepare (and with ``send``, deliver) an edition to a list; return the exit status."""
    mlist = get_list(project, content, list_name)
    prepared = prepare(project, content, edition_id, mlist, attach, settings, build=not send)
    folder = mail_dir(project, edition_id, list_name)
    echo(f"list: {mlist.name} ({mlist.description})")
    echo(f"subject: {prepared.subject}")
    echo(f"message-id: {prepared.message_id}")
    where = f"list address {mlist.address}" if mlist.address else f"Bcc, {len(prepared.batches)} batch(es)"
    echo(f"recipients: {len(prepared.recipients)} ({where})")
    for a in prepared.attachments:
        echo(f"attachment: {a.filename} ({len(a.data)} bytes)")
    if not send:
        paths = write_dry_run(project, prepared)
        echo(
            f"dry run: nothing was sent; the exact message is in {project.rel(paths[0])}"
            + (f" (and {len(paths) - 1} more batch file(s))" if len(paths) > 1 else "")
            + "; add --send to deliver it"
        )
        return 0
    log = deliver(prepared, settings, folder / "send-log.json", resend, insecure, echo)
    counts = log.counts()
    echo(
        f"delivered: {counts['delivered']}, rejected: {counts['rejected']}, not yet delivered: "
        f"{counts['pending']} (send log: {project.rel(log.path)})"
    )
    for address, entry in sorted(log.recipients.items()):
        if entry["status"] == "rejected":
            echo(f"  rejected: {address}: {entry.get('code')} {entry.get('response', '')}")
    if counts["pending"]:
        echo("some recipients have not received it yet: run the same command again to deliver to them only")
        return 1
    return 1 if counts["rejected"] else 0
