"""The send record: statuses per recipient, written atomically; a run killed mid-batch leaves them uncertain."""

from __future__ import annotations

import json

import pytest

from compiler.errors import CompilerError
from compiler.mail.record import SENDING, UNCERTAIN, SendRecord, record_path


def _record(tmp_path) -> SendRecord:
    path = record_path(tmp_path / "content", "2024-09", "focal-points")
    return SendRecord(path, "2024-09", "focal-points", "<m@un.org>", "ab" * 32, "Subject")


def test_statuses_counts_and_a_stranded_sending_turns_uncertain(tmp_path):
    record = _record(tmp_path)
    record.set("a@example.org", "delivered", 250)
    record.set("b@example.org", SENDING)
    record.save()
    assert record.path == tmp_path / "content" / "distribution" / "2024-09" / "focal-points.json"
    again = SendRecord.load(record.path)  # as the next run finds it after a kill
    assert again.status("b@example.org") == UNCERTAIN and again.status("c@example.org") == "pending"
    assert json.loads(record.path.read_text())["recipients"]["b@example.org"]["status"] == UNCERTAIN
    assert again.counts(["a@example.org", "b@example.org", "c@example.org"]) == {
        "delivered": 1,
        "rejected": 0,
        "pending": 1,
        "uncertain": 1,
    }


def test_a_resend_keeps_the_earlier_send_and_a_broken_record_stops_sending(tmp_path):
    record = _record(tmp_path)
    record.set("a@example.org", "delivered", 250)
    record.restart("<n@un.org>", "cd" * 32, "Subject 2")
    assert record.recipients == {} and record.earlier[0]["recipients"]["a@example.org"]["status"] == "delivered"
    record.save()
    record.path.write_text("{broken")
    with pytest.raises(CompilerError, match="restore it from git before sending"):
        SendRecord.load(record.path)
