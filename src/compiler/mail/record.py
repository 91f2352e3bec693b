"""The send record: who received which edition from which list, kept with the content (content/distribution/).

It is a record of the publication, like an issued edition's record: committed with the
content, so that deleting build/ or sending from another clone never sends to anyone again.
It is written atomically after every change of a recipient's status, before the next step.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CompilerError
from ..files import write_atomic

FORMAT = "untoc-compilation/distribution@1"
DELIVERED, REJECTED, PENDING = "delivered", "rejected", "pending"
SENDING = "sending"  # the message was being submitted for this recipient: its outcome is not known yet
UNCERTAIN = "uncertain"  # submitted, but no answer came (connection lost, timeout, process killed)
STATUSES = (DELIVERED, REJECTED, PENDING, UNCERTAIN)


def record_path(content_dir: Path, edition_id: str, list_name: str) -> Path:
    """Return where the send record of an edition and a list is kept."""
    return content_dir / "distribution" / edition_id / f"{list_name}.json"


def now() -> str:
    """Return the time, to the second, in UTC (send records say when each thing happened)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


@dataclass
class SendRecord:
    """The recipients of one edition from one list, with each one's status and history."""

    path: Path
    edition: str
    list_name: str
    message_id: str
    pdf_sha256: str
    subject: str
    recipients: dict[str, dict] = field(default_factory=dict)
    runs: list[dict] = field(default_factory=list)
    earlier: list[dict] = field(default_factory=list)  # sends replaced by --resend, kept whole

    @classmethod
    def load(cls, path: Path) -> SendRecord | None:
        """Return the record, with recipients left "sending" by a killed run turned "uncertain"."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            record = cls(
                path,
                data["edition"],
                data["list"],
                data["message_id"],
                data["pdf_sha256"],
                data["subject"],
                data["recipients"],
                data["runs"],
                data.get("earlier", []),
            )
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError) as exc:
            raise CompilerError(
                f"{path}: the send record is unreadable ({exc}); it says who already received the edition, "
                f"so restore it from git before sending"
            ) from None
        stranded = [a for a, e in record.recipients.items() if e["status"] == SENDING]
        for address in stranded:
            record.set(address, UNCERTAIN, response="the sending run ended without an answer from the server")
        if stranded:
            record.save()
        return record

    def to_data(self) -> dict:
        return {
            "format": FORMAT,
            "edition": self.edition,
            "list": self.list_name,
            "message_id": self.message_id,
            "pdf_sha256": self.pdf_sha256,
            "subject": self.subject,
            "recipients": self.recipients,
            "runs": self.runs,
            "earlier": self.earlier,
        }

    def save(self) -> None:
        """Write the record atomically (a reader sees the old record or the new one)."""
        write_atomic(self.path, (json.dumps(self.to_data(), indent=1, sort_keys=True) + "\n").encode())

    def status(self, address: str) -> str:
        return self.recipients.get(address, {}).get("status", PENDING)

    def entry(self, address: str) -> dict:
        return self.recipients.setdefault(address, {"status": PENDING, "attempts": 0})

    def set(self, address: str, status: str, code: int | None = None, response: str = "") -> None:
        """Change a recipient's status (the caller saves when the step is complete)."""
        self.entry(address).update(status=status, code=code, response=response[:200], at=now())

    def restart(self, message_id: str, pdf_sha256: str, subject: str) -> None:
        """Start a new send of the edition to the list (--resend); the earlier one is kept in the record."""
        if self.recipients:
            self.earlier.append(
                {
                    "message_id": self.message_id,
                    "pdf_sha256": self.pdf_sha256,
                    "recipients": self.recipients,
                    "runs": self.runs,
                }
            )
        self.message_id, self.pdf_sha256, self.subject = message_id, pdf_sha256, subject
        self.recipients, self.runs = {}, []

    def counts(self, addresses) -> dict[str, int]:
        """Return how many of ``addresses`` (the list as it is now) have each status."""
        out = dict.fromkeys(STATUSES, 0)
        for a in addresses:
            status = self.status(a)
            out[UNCERTAIN if status == SENDING else status] += 1
        return out

    def with_status(self, addresses, status: str) -> list[str]:
        return [a for a in addresses if self.status(a) == status]
