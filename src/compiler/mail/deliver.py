"""Deliver a prepared message over SMTP with verified TLS and retries, never twice to anyone the send record has."""

from __future__ import annotations

import re
import smtplib
import socket
import ssl
import time
from pathlib import Path

from ..errors import CompilerError
from .message import Prepared
from .record import DELIVERED, PENDING, REJECTED, SENDING, UNCERTAIN, SendRecord, now
from .settings import SmtpSettings

LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
TEMPORARY = (
    smtplib.SMTPServerDisconnected,
    smtplib.SMTPConnectError,
    ConnectionError,
    socket.timeout,
    TimeoutError,
    OSError,
)


class SendError(CompilerError):
    """Delivery could not be completed; the send record says who has the message."""


class Interrupted(CompilerError):
    """Ctrl-C or a signal stopped the send; the record is consistent and the same command continues."""

    exit_code = 130


class _Temporary(Exception):
    """A failure before the message was submitted (4xx, dropped connection, timeout): worth retrying."""


class _Lost(Exception):
    """The message was submitted but no answer came: its recipients are uncertain, never retried."""


def _context(settings: SmtpSettings) -> ssl.SSLContext:
    ctx = ssl.create_default_context(cafile=settings.ca_file) if settings.ca_file else ssl.create_default_context()
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    return ctx


def check_security(settings: SmtpSettings, insecure: bool) -> None:
    """Refuse, before connecting, any unencrypted connection except to localhost with --insecure."""
    local = settings.host in LOCAL_HOSTS
    if settings.security == "none":
        if not (insecure and local):
            raise SendError(
                "refusing to send over an unencrypted connection; use security = starttls or "
                "tls (an unencrypted connection is allowed only to localhost with --insecure)"
            )
    elif insecure and not local:
        raise SendError("--insecure is only for a test server on localhost")


def connect(settings: SmtpSettings) -> smtplib.SMTP:
    """Open an SMTP connection, encrypted and certificate-verified unless security is 'none'."""
    port = settings.effective_port
    server: smtplib.SMTP
    try:
        if settings.security == "tls":
            server = smtplib.SMTP_SSL(settings.host, port, timeout=settings.timeout, context=_context(settings))
            server.ehlo()
        else:
            server = smtplib.SMTP(settings.host, port, timeout=settings.timeout)
            server.ehlo()
            if settings.security == "starttls":
                if not server.has_extn("starttls"):
                    server.close()
                    raise SendError(
                        f"{settings.host}:{port} does not offer STARTTLS; refusing to send "
                        f"(and to authenticate) unencrypted"
                    )
                server.starttls(context=_context(settings))
                server.ehlo()
    except ssl.SSLCertVerificationError as exc:
        raise SendError(
            f"the certificate of {settings.host}:{port} could not be verified ({exc.verify_message}); "
            f"for a private CA set ca_file"
        ) from None
    except ssl.SSLError as exc:
        raise SendError(f"TLS with {settings.host}:{port} failed: {exc}") from None
    except smtplib.SMTPResponseException as exc:
        if 400 <= exc.smtp_code < 500:
            raise _Temporary(f"{exc.smtp_code} {exc.smtp_error!r}") from None
        raise SendError(f"{settings.host}:{port} refused the connection: {exc.smtp_code}") from None
    except TEMPORARY as exc:
        raise _Temporary(f"cannot connect to {settings.host}:{port}: {exc}") from None
    if settings.user:
        if settings.security == "none" and settings.host not in LOCAL_HOSTS:
            raise SendError("refusing to authenticate over an unencrypted connection")
        password = settings.password()
        if password is None:
            server.close()
            raise SendError("SMTP user is set but no password: set UNTOC_SMTP_PASSWORD or password_command")
        try:
            server.login(settings.user, password)
        except smtplib.SMTPAuthenticationError as exc:
            server.close()
            raise SendError(f"SMTP authentication failed for user {settings.user!r} ({exc.smtp_code})") from None
    return server


def _code(exc: Exception) -> int:
    return getattr(exc, "smtp_code", 0) or 0


def _dotted(message: bytes) -> bytes:
    """Return the message as DATA sends it: CRLF line ends, leading dots doubled, ending in CRLF . CRLF."""
    data = re.sub(rb"(?:\r\n|\n|\r(?!\n))", b"\r\n", message)
    data = re.sub(rb"(?m)^\.", b"..", data)
    if not data.endswith(b"\r\n"):
        data += b"\r\n"
    return data + b".\r\n"


def _text(resp) -> str:
    return resp.decode(errors="replace") if isinstance(resp, bytes) else str(resp or "")


def _submit(server: smtplib.SMTP, prepared: Prepared, accepted: list[str], record: SendRecord) -> None:
    """Send DATA for the accepted recipients; an answer-less submission makes them uncertain."""
    code, resp = server.docmd("data")
    if code != 354:  # refused before anything was submitted
        if code >= 500:
            for r in accepted:
                record.set(r, REJECTED, code, _text(resp))
            record.save()
            return
        raise _Temporary(f"DATA: {code}")
    for r in accepted:  # from here on the server may store the message: record that before sending it
        record.set(r, SENDING)
    record.save()
    try:
        server.send(_dotted(prepared.message))
        code, resp = server.getreply()
    except (smtplib.SMTPServerDisconnected, OSError) as exc:
        for r in accepted:
            record.set(r, UNCERTAIN, response=f"the message was sent but no answer came: {exc or type(exc).__name__}")
        record.save()
        raise _Lost(str(exc) or type(exc).__name__) from None
    if code == 250:
        status = DELIVERED
    elif code >= 500:
        status = REJECTED
    else:  # the server answered that it did not take the message: safe to try again
        status = PENDING
    for r in accepted:
        record.set(r, status, code, _text(resp))
    record.save()
    if status == PENDING:
        raise _Temporary(f"after DATA: {code}")


def _transaction(server: smtplib.SMTP, prepared: Prepared, targets: list[str], record: SendRecord) -> None:
    """Send the message to ``targets`` (recipients of one batch still pending) in one SMTP transaction."""
    for r in targets:
        record.entry(r)["attempts"] = record.entry(r).get("attempts", 0) + 1  # counted per attempt
    record.save()
    code, resp = server.mail(prepared.mailing_list.sender)
    if code >= 400:
        server.rset()
        if code < 500:
            raise _Temporary(f"MAIL FROM: {code}")
        for r in targets:
            record.set(r, REJECTED, code, _text(resp))
        record.save()
        return
    accepted, temporary = [], []
    for r in targets:
        code, resp = server.rcpt(r)
        if code in (250, 251):
            accepted.append(r)
        elif code >= 500:
            record.set(r, REJECTED, code, _text(resp))
        else:
            temporary.append(r)
    record.save()
    if not accepted:
        server.rset()
        if temporary:
            raise _Temporary(f"{len(temporary)} recipient(s) temporarily refused")
        return
    _submit(server, prepared, accepted, record)
    if temporary:
        raise _Temporary(f"{len(temporary)} recipient(s) temporarily refused")


def _open(
    record: SendRecord | None, path: Path, prepared: Prepared, resend: bool, resend_uncertain: bool, echo
) -> SendRecord:
    """Return the record to send with: the existing one (continuing), or a new one; refuse a second send."""
    current = prepared.recipients
    if record is not None and not resend:
        if record.message_id != prepared.message_id:
            raise SendError(
                f"the {prepared.edition_id} edition was sent to list '{prepared.mailing_list.name}' as another "
                f"message ({record.message_id}; see {path}): its content changed since. Use --resend to send the "
                f"new version to everyone on the list"
            )
        to_do = record.with_status(current, PENDING) + (
            record.with_status(current, UNCERTAIN) if resend_uncertain else []
        )
        if not to_do and not record.with_status(current, UNCERTAIN):
            counts = record.counts(current)
            raise SendError(
                f"the {prepared.edition_id} edition was already sent to list '{prepared.mailing_list.name}' "
                f"({counts[DELIVERED]} delivered, {counts[REJECTED]} rejected; see {path}); use --resend to send "
                f"it again"
            )
        if to_do:
            echo(f"resuming: {len(to_do)} recipient(s) not yet delivered")
    if record is None:
        record = SendRecord(
            path,
            prepared.edition_id,
            prepared.mailing_list.name,
            prepared.message_id,
            prepared.pdf_sha256,
            prepared.subject,
        )
    elif resend:
        record.restart(prepared.message_id, prepared.pdf_sha256, prepared.subject)
    for r in current:
        record.entry(r)
    if resend_uncertain:
        for r in record.with_status(current, UNCERTAIN):
            record.set(r, PENDING, response="to be sent once more on request (--resend-uncertain)")
    return record


def mark_delivered(record_path: Path, prepared: Prepared) -> SendRecord:
    """Record the uncertain recipients as delivered, as confirmed by the mail server's log or by them."""
    record = SendRecord.load(record_path)
    uncertain = record.with_status(prepared.recipients, UNCERTAIN) if record else []
    if record is None or not uncertain:
        raise SendError(f"no recipient of list '{prepared.mailing_list.name}' is uncertain for this edition")
    for r in uncertain:
        record.set(r, DELIVERED, response="confirmed delivered by the sender (--mark-delivered)")
    record.runs.append({"started": now(), "finished": now(), "marked_delivered": uncertain})
    record.save()
    return record


def deliver(
    prepared: Prepared,
    settings: SmtpSettings,
    record_path: Path,
    resend: bool,
    insecure: bool,
    echo=print,
    resend_uncertain: bool = False,
) -> SendRecord:
    """Deliver to every recipient of the list the record does not show as delivered, rejected or uncertain."""
    check_security(settings, insecure)
    record = _open(SendRecord.load(record_path), record_path, prepared, resend, resend_uncertain, echo)
    run: dict[str, object] = {"started": now(), "host": f"{settings.host}:{settings.effective_port}"}
    record.runs.append(run)
    record.save()
    server = None
    try:
        for n, batch in enumerate(prepared.batches, 1):
            attempt = 0
            while targets := [r for r in batch if record.status(r) == PENDING]:
                try:
                    if server is None:
                        server = connect(settings)
                    _transaction(server, prepared, targets, record)
                except _Lost as exc:  # never retried: the server may have stored it
                    echo(
                        f"batch {n}: the connection ended after the message was sent ({exc}); its recipients "
                        f"are uncertain and will not be sent it again"
                    )
                    server = _drop(server)
                    break
                except (_Temporary, smtplib.SMTPResponseException, *TEMPORARY) as exc:
                    if isinstance(exc, smtplib.SMTPResponseException) and _code(exc) >= 500:
                        raise SendError(f"the server refused the message: {_code(exc)}") from None
                    server = _drop(server)
                    attempt += 1
                    if attempt > settings.retries:
                        echo(f"batch {n}: giving up after {settings.retries} retries ({exc})")
                        break
                    wait = settings.backoff * (2 ** (attempt - 1))
                    echo(f"batch {n}: temporary failure ({exc or type(exc).__name__}); retrying in {wait:g} s")
                    time.sleep(wait)
    except KeyboardInterrupt:
        server = _drop(server)  # no QUIT: the server may be the reason we were stopped
        for r, entry in record.recipients.items():
            if entry["status"] == SENDING:
                record.set(r, UNCERTAIN, response="interrupted while the message was being sent")
        run.update(finished=now(), interrupted=True, **record.counts(prepared.recipients))
        record.save()
        c = record.counts(prepared.recipients)
        raise Interrupted(
            f"interrupted: {c[DELIVERED]} delivered, {c[UNCERTAIN]} uncertain, {c[PENDING]} not yet sent "
            f"(send record: {record_path}). Run the same command again to continue: nobody recorded as "
            f"delivered or uncertain is sent it again."
        ) from None
    finally:
        _drop(server, polite=True)
    run.update(finished=now(), **record.counts(prepared.recipients))
    record.save()
    return record


def _drop(server, polite: bool = False):
    """Close a connection (QUIT first when ``polite``); return None."""
    if server is not None:
        try:
            server.quit() if polite else server.close()
        except (smtplib.SMTPException, OSError):
            server.close()
    return None
