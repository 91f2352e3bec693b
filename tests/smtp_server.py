"""A real SMTP server on 127.0.0.1 (aiosmtpd) that records what it receives and can misbehave."""

from __future__ import annotations

import asyncio
import socket
import ssl
from dataclasses import dataclass, field
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Faults:
    """Ways to misbehave, each applied once (or always, for rejections)."""

    reject: set = field(default_factory=set)  # addresses answered 550 at RCPT
    drop_at: set = field(default_factory=set)  # close the connection when this RCPT arrives (once)
    data_421_once: bool = False  # answer 421 to the first DATA
    stall_at: set = field(default_factory=set)  # stall this long at this RCPT (once): {(address, seconds)}
    drop_after_data: set = field(default_factory=set)  # store transaction n (1-based), then close without a reply
    stall_after_data: dict = field(default_factory=dict)  # store transaction n, then wait this long before replying


class Recorder:
    """The handler: keeps each accepted transaction (envelope recipients and parsed message)."""

    def __init__(self, faults: Faults | None = None):
        self.faults = faults or Faults()
        self.transactions: list[dict] = []
        self.connections = 0
        self.auth: list[str] = []

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        f = self.faults
        if address in f.drop_at:
            f.drop_at.discard(address)
            server.transport.close()
            return "421 closing"
        for addr, seconds in list(f.stall_at):
            if addr == address:
                f.stall_at.discard((addr, seconds))
                await asyncio.sleep(seconds)
        if address in f.reject:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.faults.data_421_once:
            self.faults.data_421_once = False
            return "421 4.3.2 Service shutting down, try again later"
        self.transactions.append(
            {
                "from": envelope.mail_from,
                "to": list(envelope.rcpt_tos),
                "data": envelope.content,
                "message": message_from_bytes(envelope.content, policy=policy.default),
            }
        )
        n = len(self.transactions)
        if n in self.faults.drop_after_data:  # stored, but the client never hears so
            self.faults.drop_after_data.discard(n)
            server.transport.close()
            return "421 closing"
        if n in self.faults.stall_after_data:
            await asyncio.sleep(self.faults.stall_after_data.pop(n))
        return "250 Message accepted for delivery"

    def copies(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for t in self.transactions:
            for r in t["to"]:
                out[r] = out.get(r, 0) + 1
        return out


class _Controller(Controller):
    def __init__(self, recorder, **kw):
        self.recorder = recorder
        super().__init__(recorder, **kw)

    def factory(self):
        self.recorder.connections += 1
        return super().factory()


def start(
    recorder: Recorder,
    *,
    starttls: ssl.SSLContext | None = None,
    implicit: ssl.SSLContext | None = None,
    users: dict[str, str] | None = None,
) -> Controller:
    """Start a server on 127.0.0.1; return the controller (call .stop())."""
    kwargs = {}
    if starttls is not None:
        kwargs.update(tls_context=starttls, require_starttls=True)
    if users is not None:

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = (
                isinstance(auth_data, LoginPassword)
                and users.get(auth_data.login.decode()) == auth_data.password.decode()
            )
            recorder.auth.append(f"{mechanism}:{'ok' if ok else 'fail'}")
            return AuthResult(success=ok)

        kwargs.update(authenticator=authenticator, auth_require_tls=True)
    controller = _Controller(recorder, hostname="127.0.0.1", port=free_port(), ssl_context=implicit, **kwargs)
    controller.start()
    recorder.connections = 0  # start() makes one connection itself to see that the server is up
    return controller
