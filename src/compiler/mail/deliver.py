"""Deliver a prepared message over SMTP with verified TLS, retries, and a send log that prevents duplicates."""

from __future__ import annotations

import datetime as dt
import json
import smtplib
import socket
import ssl
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CompilerError
from ..files import write_atomic
from .message import Prepared
from .settings import SmtpSettings

LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
DELIVERED, REJECTED, PENDING = "delivered", "rejected", "pending"
TEMPORARY = (
    smtplib.SMTPServerDisconnected,
    smtplib.SMTPConnectError,
    ConnectionError,
    socket.timeout,
    TimeoutError,
    OSError,
)


class SendError(CompilerError):
    """Delivery could not be completed; the send log says who has the message."""


class _Temporary(Exception):
    """A failure worth retrying: 4xx reply, dropped connection or timeout."""


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


@dataclass
class SendLog:
    """Who received the message: kept next to the edition's outputs, rewritten after every change."""

    path: Path
    message_id: str
    pdf_sha256: str
    subject: str
    recipients: dict[str, dict] = field(default_factory=dict)
    runs: list[dict] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path) -> SendLog | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            raise CompilerError(
                f"{path}: the send log is unreadable ({exc}); it says who already "
                f"received the message, so fix or move it before sending"
            ) from None
        return cls(path, data["message_id"], data["pdf_sha256"], data["subject"], data["recipients"], data["runs"])

    def save(self) -> None:
        data = {
            "message_id": self.message_id,
            "pdf_sha256": self.pdf_sha256,
            "subject": self.subject,
            "recipients": self.recipients,
            "runs": self.runs,
        }
        write_atomic(self.path, (json.dumps(data, indent=1, sort_keys=True) + "\n").encode())

    def status(self, address: str) -> str:
        return self.recipients.get(address, {}).get("status", PENDING)

    def mark(self, address: str, status: str, code: int | None = None, response: str = "") -> None:
        entry = self.recipients.setdefault(address, {"status": PENDING, "attempts": 0})
        entry.update(status=status, code=code, response=response[:200], at=_now())
        self.save()

    def counts(self) -> dict[str, int]:
        out = {DELIVERED: 0, REJECTED: 0, PENDING: 0}
        for r in self.recipients.values():
            out[r["status"]] += 1
        return out


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


def _transaction(server: smtplib.SMTP, prepared: Prepared, batch: list[str], log: SendLog) -> None:
    """Send the message to the not-yet-delivered recipients of one batch."""
    pending = [r for r in batch if log.status(r) == PENDING]
    if not pending:
        return
    code, resp = server.mail(prepared.mailing_list.sender)
    if code >= 400:
        server.rset()
        if code < 500:
            raise _Temporary(f"MAIL FROM: {code}")
        for r in pending:
            log.mark(r, REJECTED, code, resp.decode(errors="replace"))
        return
    accepted, temporary = [], []
    for r in pending:
        entry = log.recipients.setdefault(r, {"status": PENDING, "attempts": 0})
        entry["attempts"] = entry.get("attempts", 0) + 1
        code, resp = server.rcpt(r)
        if code in (250, 251):
            accepted.append(r)
        elif code >= 500:
            log.mark(r, REJECTED, code, resp.decode(errors="replace"))
        else:
            temporary.append(r)
    if not accepted:
        server.rset()
        if temporary:
            raise _Temporary(f"{len(temporary)} recipient(s) temporarily refused")
        return
    try:
        code, resp = server.data(prepared.message)
    except smtplib.SMTPDataError as exc:
        code, resp = exc.smtp_code, exc.smtp_error if isinstance(exc.smtp_error, bytes) else b""
    if code == 250:
        for r in accepted:
            log.mark(r, DELIVERED, code, resp.decode(errors="replace"))
    elif code >= 500:
        for r in accepted:
            log.mark(r, REJECTED, code, resp.decode(errors="replace"))
    else:
        raise _Temporary(f"DATA: {code}")
    if temporary:
        raise _Temporary(f"{len(temporary)} recipient(s) temporarily refused")


def deliver(
    prepared: Prepared, settings: SmtpSettings, log_path: Path, resend: bool, insecure: bool, echo=print
) -> SendLog:
    """Deliver to every recipient not yet delivered; return the send log."""
    check_security(settings, insecure)
    log = SendLog.load(log_path)
    if log and log.message_id == prepared.message_id and not resend:
        counts = log.counts()
        outstanding = [r for r in prepared.recipients if log.status(r) == PENDING]
        if not outstanding:
            raise SendError(
                f"the {prepared.edition_id} edition was already sent to list "
                f"'{prepared.mailing_list.name}' ({counts[DELIVERED]} delivered, "
                f"{counts[REJECTED]} rejected; see {log_path}); use --resend to send it again"
            )
        echo(f"resuming: {len(outstanding)} recipient(s) not yet delivered")
    if log is None or log.message_id != prepared.message_id or resend:
        if log is not None:
            archive = log_path.with_name(f"send-log.{len(list(log_path.parent.glob('send-log.*.json'))) + 1}.json")
            log_path.replace(archive)
        log = SendLog(log_path, prepared.message_id, prepared.pdf_sha256, prepared.subject)
    for r in prepared.recipients:
        log.recipients.setdefault(r, {"status": PENDING, "attempts": 0})
    run = {"started": _now(), "host": f"{settings.host}:{settings.effective_port}"}
    log.runs.append(run)
    log.save()
    server = None
    for n, batch in enumerate(prepared.batches, 1):
        attempt = 0
        while any(log.status(r) == PENDING for r in batch):
            try:
                if server is None:
                    server = connect(settings)
                _transaction(server, prepared, batch, log)
            except (_Temporary, smtplib.SMTPResponseException, *TEMPORARY) as exc:
                if isinstance(exc, smtplib.SMTPResponseException) and _code(exc) >= 500:
                    raise SendError(f"the server refused the message: {_code(exc)}") from None
                attempt += 1
                try:
                    if server is not None:
                        server.close()
                finally:
                    server = None
                if attempt > settings.retries:
                    echo(f"batch {n}: giving up after {settings.retries} retries ({exc})")
                    break
                wait = settings.backoff * (2 ** (attempt - 1))
                echo(f"batch {n}: temporary failure ({exc or type(exc).__name__}); retrying in {wait:g} s")
                time.sleep(wait)
    if server is not None:
        try:
            server.quit()
        except (smtplib.SMTPException, OSError):
            server.close()
    counts = log.counts()
    run.update(finished=_now(), **counts)
    log.save()
    return log
