"""Mail: dry runs, delivery through a real SMTP server on 127.0.0.1, TLS, and faults."""

from __future__ import annotations

import json
import signal
import ssl

import pytest

from ..conftest import edition_file, reword, run_compiler
from ..mail_fixture import LISTS, RECIPIENTS, _wait_for, env, log_of, record_file, send, start_send
from ..smtp_server import Faults


def test_dry_run_writes_the_exact_message_and_sends_nothing(proj, server):
    rec, port = server()
    result = run_compiler(proj, "mail", "--list", "focal-points", "--attach", "pdf,docx", env=env(port))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "recipients: 7 (Bcc, 3 batch(es))" in out
    assert (
        "subject: Compilation of recommendations and observations on the UNTOC Review Mechanism, September 2024 edition"
        in out
    )
    pdf = edition_file(proj, "2024-09", "pdf")
    assert f"attachment: {pdf.name} ({pdf.stat().st_size} bytes)" in out
    assert "dry run: nothing was sent" in out
    folder = proj / "build" / "2024-09" / "mail" / "focal-points"
    assert sorted(p.name for p in folder.glob("*.eml")) == ["batch-001.eml", "batch-002.eml", "batch-003.eml"]
    envelope = json.loads((folder / "batch-003.envelope.json").read_text())
    assert envelope["to"] == RECIPIENTS[6:]
    from email import message_from_bytes, policy

    msg = message_from_bytes((folder / "batch-001.eml").read_bytes(), policy=policy.default)
    assert "Bcc" not in msg and msg["To"] == "undisclosed-recipients:;"
    assert [p.get_content_type() for p in msg.iter_attachments()] == [
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ]
    assert rec.connections == 0 and rec.transactions == []


def test_delivery_headers_bodies_attachment_and_bcc_batches(proj, server):
    rec, port = server()
    result = send(proj, port, "--insecure")
    assert result.returncode == 0, result.stderr
    assert rec.copies() == {r: 1 for r in RECIPIENTS}
    assert [len(t["to"]) for t in rec.transactions] == [3, 3, 1]
    pdf = edition_file(proj, "2024-09", "pdf").read_bytes()
    ids = set()
    for t in rec.transactions:
        msg = t["message"]
        assert msg["From"] == "United Nations Office on Drugs and Crime <untoc.review@un.org>"
        assert msg["Reply-To"] == "untoc.review@un.org"
        assert "September 2024 edition" in msg["Subject"]
        assert "Bcc" not in msg and not any(r in t["data"].decode() for r in RECIPIENTS)
        ids.add(msg["Message-ID"])
        plain = msg.get_body(("plain",)).get_content()
        html = msg.get_body(("html",)).get_content()
        assert "What is new in the September 2024 edition" in plain
        assert "4 constructive dialogues added to Part B" in html and "<li>" in html
        (att,) = list(msg.iter_attachments())
        assert att.get_content_type() == "application/pdf"
        assert att.get_filename() == "untoc-review-mechanism-compilation-2024-09.pdf"
        assert att.get_content() == pdf
    assert len(ids) == 1
    log = log_of(proj)
    assert all(r["status"] == "delivered" for r in log["recipients"].values())
    again = send(proj, port, "--insecure")
    assert (
        again.returncode == 1 and "already sent to list 'focal-points'" in again.stderr and "--resend" in again.stderr
    )
    assert len(rec.transactions) == 3
    resent = send(proj, port, "--insecure", "--resend")
    assert resent.returncode == 0 and rec.copies() == {r: 2 for r in RECIPIENTS}
    # the same edition and list keep the same Message-ID
    assert {t["message"]["Message-ID"] for t in rec.transactions} == ids


def test_a_list_address_gets_one_message(proj, server):
    rec, port = server()
    result = run_compiler(proj, "mail", "--list", "announce", "--send", "--insecure", env=env(port))
    assert result.returncode == 0, result.stderr
    assert [t["to"] for t in rec.transactions] == [["announce@example.org"]]
    assert rec.transactions[0]["message"]["To"] == "announce@example.org"


def test_unencrypted_is_refused_without_insecure_and_insecure_only_for_localhost(proj, server):
    rec, port = server()
    result = send(proj, port)
    assert result.returncode == 1 and "refusing to send over an unencrypted connection" in result.stderr
    remote = run_compiler(
        proj,
        "mail",
        "--list",
        "focal-points",
        "--send",
        "--insecure",
        env=env(port, host="smtp.example.org", security="starttls"),
    )
    assert remote.returncode == 1 and "--insecure is only for a test server on localhost" in remote.stderr
    assert rec.connections == 0


def test_starttls_certificate_must_verify_then_authenticates(proj, server, ca, tmp_path):
    cert = ca.issue_cert("127.0.0.1", "localhost")
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(ctx)
    rec, port = server(starttls=ctx, users={"secretariat": "s3cret-pass"})
    creds = dict(security="starttls", user="secretariat", password="s3cret-pass")
    refused = send(proj, port, **creds)
    assert refused.returncode == 1
    assert "could not be verified" in refused.stderr and "ca_file" in refused.stderr
    assert rec.transactions == [] and rec.auth == []
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    ok = send(proj, port, ca_file=ca_file, **creds)
    assert ok.returncode == 0, ok.stderr
    assert rec.copies() == {r: 1 for r in RECIPIENTS}
    assert rec.auth and all(a.endswith(":ok") for a in rec.auth)
    everything = ok.stdout + ok.stderr + record_file(proj).read_text()
    assert "s3cret-pass" not in everything


def test_implicit_tls(proj, server, ca, tmp_path):
    cert = ca.issue_cert("127.0.0.1", "localhost")
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(ctx)
    rec, port = server(implicit=ctx)
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    ok = send(proj, port, security="tls", ca_file=ca_file)
    assert ok.returncode == 0, ok.stderr
    assert rec.copies() == {r: 1 for r in RECIPIENTS}


def test_starttls_not_offered_is_refused_before_authenticating(proj, server):
    rec, port = server()
    result = send(proj, port, security="starttls", user="secretariat", password="pw")
    assert result.returncode == 1 and "does not offer STARTTLS" in result.stderr
    assert rec.transactions == [] and rec.auth == []


@pytest.mark.parametrize("fault", ["drop", "421", "550", "stall"])
def test_faults_each_other_recipient_gets_exactly_one_copy(proj, server, fault):
    faults = Faults()
    if fault == "drop":
        faults.drop_at = {RECIPIENTS[4]}  # in the middle of the second batch
    elif fault == "421":
        faults.data_421_once = True
    elif fault == "550":
        faults.reject = {RECIPIENTS[2]}
    else:
        faults.stall_at = {(RECIPIENTS[3], 2)}  # past the client's 1 s timeout
    rec, port = server(faults)
    result = send(proj, port, "--insecure", timeout=1)
    expected = {r: 1 for r in RECIPIENTS if r not in faults.reject}
    assert rec.copies() == expected, result.stdout + result.stderr
    log = log_of(proj)
    for r in RECIPIENTS:
        assert log["recipients"][r]["status"] == ("rejected" if r in faults.reject else "delivered")
    if fault == "550":
        assert result.returncode == 1
        assert f"rejected: {RECIPIENTS[2]}: 550" in result.stdout
        assert log["recipients"][RECIPIENTS[2]]["code"] == 550
    else:
        assert result.returncode == 0, result.stderr
        assert "temporary failure" in result.stdout


def test_an_interrupted_run_then_rerun_delivers_only_to_the_rest(proj, server):
    faults = Faults(stall_at={(RECIPIENTS[3], 60)})  # hangs in the second batch
    rec, port = server(faults)
    proc = start_send(proj, port, timeout=120)
    # wait until the second batch has started (its attempt is recorded before MAIL FROM): it hangs at RCPT
    assert _wait_for(lambda: log_of(proj)["recipients"][RECIPIENTS[3]]["attempts"] >= 1)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert rec.copies() == {r: 1 for r in RECIPIENTS[:3]}
    faults.stall_at.clear()
    result = send(proj, port, "--insecure")
    assert result.returncode == 0, result.stderr
    assert "resuming: 4 recipient(s) not yet delivered" in result.stdout
    assert rec.copies() == {r: 1 for r in RECIPIENTS}


def test_refusals_before_connecting(proj, server):
    rec, port = server()
    big = send(proj, port, "--insecure", max_attachment_mb="0.01")
    assert big.returncode == 1 and "over the limit of 0.01 MB" in big.stderr
    # the issued edition is its record: a content edit (for the next edition) does not touch it
    reword(
        proj,
        "content/part-a/2022-wg4-trafficking-in-persons.yaml",
        "wg4-2022-r14",
        "without undue delay",
        "without delay",
    )
    pdf = edition_file(proj, "2024-09", "pdf")
    pdf.write_bytes(pdf.read_bytes() + b"%")  # a built file that is no longer what was built
    stale = send(proj, port, "--insecure")
    assert stale.returncode == 1 and f"files are stale: {pdf.name} is missing or differs" in stale.stderr
    lists = proj / "content" / "mailing-lists.yaml"
    lists.write_text(
        LISTS.replace("reply_to: untoc.review@un.org", 'reply_to: "untoc.review@un.org\\nBcc: all@example.org"')
    )
    injected = send(proj, port, "--insecure")
    assert injected.returncode == 1 and "contains a line break" in injected.stderr
    assert re_line(injected.stderr)
    assert rec.connections == 0


def re_line(text: str) -> bool:
    import re

    return bool(re.search(r"content/mailing-lists\.yaml:\d+:\d+: error:", text))


def test_bad_addresses_are_content_errors(proj):
    lists = proj / "content" / "mailing-lists.yaml"
    lists.write_text(
        LISTS.replace("person3@example.org", "person3@@example") + "  - name: Bad Name\n    description: x\n"
    )
    result = run_compiler(proj, "check", "-q")
    assert result.returncode == 1
    assert (
        "content/mailing-lists.yaml:6:" in result.stderr
        and "'person3@@example' is not a valid e-mail address" in result.stderr
    )
    assert "list name 'Bad Name' must be lower-case" in result.stderr
    assert "needs either 'address' (a list address) or 'recipients'" in result.stderr


def test_a_second_send_while_one_runs_is_refused_and_nobody_gets_two_copies(proj, server):
    """Two `compiler mail --send` of one edition to one list at once: the list's lock lets one through."""
    from compiler.project import Project
    from compiler.workflows.mail import send_lock

    rec, port = server()
    with send_lock(Project(proj), "2024-09", "focal-points"):  # a send that is running
        second = send(proj, port, "--insecure")
    assert (
        second.returncode == 1
        and "another `compiler mail` of the 2024-09 edition to the list focal-points is running" in (second.stderr)
    )
    assert rec.connections == 0
    first = send(proj, port, "--insecure")
    assert first.returncode == 0, first.stderr
    assert rec.copies() == {r: 1 for r in RECIPIENTS}  # each once


def test_one_address_in_other_cases_is_a_duplicate_and_header_values_are_one_line(proj):
    lists = proj / "content" / "mailing-lists.yaml"
    lists.write_text(
        LISTS.replace('"person2@example.org"', '"person2@example.org", "Person2@EXAMPLE.ORG"').replace(
            "description: Announcement list", 'description: "Announcement\\u2028Bcc: all@example.org"'
        )
    )
    result = run_compiler(proj, "check", "-q")
    assert result.returncode == 1
    assert "recipient Person2@EXAMPLE.ORG is listed twice (also at line 6; case does not count)" in result.stderr
    assert "'description' contains a line break, which is not allowed in a mail header" in result.stderr
    lists.write_text(LISTS)
    publication = proj / "content" / "publication.yaml"
    text = publication.read_text(encoding="utf-8")
    line = next(n for n, s in enumerate(text.split("\n"), 1) if s.startswith("short_title:"))
    publication.write_text(text.replace("short_title: ", 'short_title: "Compilation\\r\\nBcc: all@example.org" #', 1))
    result = run_compiler(proj, "check", "-q")
    assert result.returncode == 1
    assert f"content/publication.yaml:{line}:" in result.stderr and "short_title must be one line" in result.stderr


@pytest.mark.parametrize(
    "setting, value, message",
    [
        ("batch_size", "0", "UNTOC_SMTP_BATCH_SIZE: batch_size must be a positive number, not '0'"),
        ("batch_size", "-1", "batch_size must be a positive number, not '-1'"),
        ("timeout", "-3", "timeout must be a positive number, not '-3'"),
        ("max_attachment_mb", "nan", "max_attachment_mb must be a positive number, not 'nan'"),
    ],
)
def test_settings_are_checked_with_a_clear_message(proj, server, setting, value, message):
    rec, port = server()
    result = send(proj, port, "--insecure", **{setting: value})
    assert result.returncode == 1 and message in result.stderr and "Traceback" not in result.stderr
    assert rec.connections == 0
