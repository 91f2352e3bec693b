"""No recipient gets a second copy by accident and none is lost: in-doubt batches, kills, Ctrl-C, fresh clones.

Against aiosmtpd on 127.0.0.1: 7 recipients in Bcc batches of 3 (batches 1, 2, 3).
"""

from __future__ import annotations

import shutil
import signal

from ..conftest import copy_project
from ..mail_fixture import RECIPIENTS, _wait_for, env, log_of, record_file, send, start_send
from ..smtp_server import Faults

BATCH2 = RECIPIENTS[3:6]


def _statuses(root) -> dict[str, str]:
    return {r: e["status"] for r, e in log_of(root)["recipients"].items()}


def _uncertain_then_decide(proj, port, rec, first):
    """After a run that left batch 2 in doubt: nothing resent by a rerun, then each way to decide."""
    assert first.returncode == 1
    assert rec.copies() == {r: 1 for r in RECIPIENTS}  # batch 2 was stored once; batches 1 and 3 delivered
    assert _statuses(proj) == {r: ("uncertain" if r in BATCH2 else "delivered") for r in RECIPIENTS}
    for r in BATCH2:
        assert f"  {r}" in first.stdout
    assert "--mark-delivered" in first.stdout and "--resend-uncertain" in first.stdout
    again = send(proj, port, "--insecure")
    assert again.returncode == 1 and rec.copies() == {r: 1 for r in RECIPIENTS}  # not resent silently
    assert "uncertain: 3" in again.stdout
    other = proj.parent / "other"
    shutil.copytree(proj, other)
    resent = send(other, port, "--insecure", "--resend-uncertain")
    assert resent.returncode == 0, resent.stdout + resent.stderr
    assert rec.copies() == {r: 2 if r in BATCH2 else 1 for r in RECIPIENTS}  # one more copy, on request only
    marked = run_compiler_mail(proj, port, "--mark-delivered")
    assert marked.returncode == 0, marked.stdout + marked.stderr
    assert set(_statuses(proj).values()) == {"delivered"}
    assert log_of(proj)["recipients"][BATCH2[0]]["response"].startswith("confirmed delivered")


def run_compiler_mail(root, port, *args):
    from ..conftest import run_compiler

    return run_compiler(root, "mail", "--list", "focal-points", *args, env=env(port))


def test_stored_then_dropped_before_the_reply_is_uncertain_not_resent(proj, server):
    rec, port = server(Faults(drop_after_data={2}))
    first = send(proj, port, "--insecure")
    assert "no answer" in log_of(proj)["recipients"][BATCH2[0]]["response"]
    _uncertain_then_decide(proj, port, rec, first)


def test_stored_then_stalled_past_the_timeout_is_uncertain_not_resent(proj, server):
    rec, port = server(Faults(stall_after_data={2: 2}))  # the client gives up after 1 s
    first = send(proj, port, "--insecure", timeout=1)
    _uncertain_then_decide(proj, port, rec, first)


def test_killed_while_a_batch_is_being_submitted(proj, server):
    faults = Faults(stall_after_data={2: 30})
    rec, port = server(faults)
    proc = start_send(proj, port, timeout=60)
    # the record says batch 2 is being sent, and the server has stored it: kill the sender now
    assert _wait_for(lambda: _statuses(proj)[BATCH2[0]] == "sending" and len(rec.transactions) == 2)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    proc.stderr.close()
    first = send(proj, port, "--insecure")  # the stranded batch is found uncertain; batch 3 is delivered
    _uncertain_then_decide(proj, port, rec, first)


def test_ctrl_c_leaves_a_consistent_record_and_says_how_to_continue(proj, server):
    faults = Faults(stall_at={(RECIPIENTS[3], 30)})  # hangs at RCPT in batch 2: nothing submitted
    rec, port = server(faults)
    proc = start_send(proj, port, timeout=60, text=True)
    assert _wait_for(lambda: log_of(proj)["recipients"][RECIPIENTS[3]]["attempts"] >= 1)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, out + err
    assert "interrupted: 3 delivered, 0 uncertain, 4 not yet sent" in err
    assert "Run the same command again to continue" in err and "Traceback" not in err
    assert log_of(proj)["runs"][-1]["interrupted"] is True
    faults.stall_at.clear()
    again = send(proj, port, "--insecure")
    assert again.returncode == 0 and rec.copies() == {r: 1 for r in RECIPIENTS}


def test_deleting_build_or_a_fresh_clone_never_sends_again(proj, server, tmp_path):
    rec, port = server()
    assert send(proj, port, "--insecure").returncode == 0
    assert rec.copies() == {r: 1 for r in RECIPIENTS}
    shutil.rmtree(proj / "build")
    again = send(proj, port, "--insecure")
    assert again.returncode == 1 and "already sent" in again.stderr
    clone = copy_project(tmp_path / "clone", content=proj / "content")  # what git gives another machine
    assert record_file(clone).is_file() and not (clone / "build").exists()
    from ..conftest import run_compiler

    assert run_compiler(clone, "build", "--format", "pdf").returncode == 0
    fresh = send(clone, port, "--insecure")
    assert fresh.returncode == 1 and "already sent" in fresh.stderr
    assert rec.copies() == {r: 1 for r in RECIPIENTS} and len(rec.transactions) == 3


def test_attempts_are_counted_per_attempt_and_a_corrected_address_clears_the_exit_status(proj, server):
    faults = Faults(drop_at={RECIPIENTS[4]}, reject={RECIPIENTS[2]})
    rec, port = server(faults)
    first = send(proj, port, "--insecure")
    assert first.returncode == 1 and f"rejected: {RECIPIENTS[2]}: 550" in first.stdout
    log = log_of(proj)
    assert log["recipients"][RECIPIENTS[3]]["attempts"] == 2  # dropped once, then delivered
    assert log["recipients"][RECIPIENTS[0]]["attempts"] == 1
    lists = proj / "content" / "mailing-lists.yaml"
    lists.write_text(lists.read_text().replace(RECIPIENTS[2], "person3.corrected@example.org"))
    fixed = send(proj, port, "--insecure")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert rec.copies()["person3.corrected@example.org"] == 1
    assert all(n == 1 for n in rec.copies().values())


def test_list_headers_and_no_recipient_visible_to_another(proj, server):
    lists = proj / "content" / "mailing-lists.yaml"
    lists.write_text(
        lists.read_text().replace("    batch_size: 3\n", "    batch_size: 3\n    unsubscribe: leave@example.org\n", 1)
    )
    rec, port = server()
    assert send(proj, port, "--insecure").returncode == 0
    for t in rec.transactions:
        msg = t["message"]
        assert msg["List-Id"] == "National focal points <focal-points.un.org>"
        assert msg["List-Unsubscribe"] == "<mailto:leave@example.org?subject=unsubscribe>"
        assert msg["Precedence"] == "bulk" and msg["Auto-Submitted"] == "auto-generated"
        assert not any(r in t["data"].decode() for r in RECIPIENTS)
