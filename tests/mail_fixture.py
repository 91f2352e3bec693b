"""Shared fixtures for the mail tests: a project with mailing lists, a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time

import pytest
import trustme

from .conftest import COMPILER, copy_built, run_compiler
from .smtp_server import Recorder, start

RECIPIENTS = [f"person{n}@example.org" for n in range(1, 8)]
LISTS = f"""lists:
  - name: focal-points
    description: National focal points
    reply_to: untoc.review@un.org
    batch_size: 3
    recipients: {json.dumps(RECIPIENTS)}
  - name: announce
    description: Announcement list
    address: announce@example.org
"""


@pytest.fixture
def proj(built, tmp_path):
    """A copy of the built project with two mailing lists."""
    root = copy_built(built, tmp_path / "p")
    (root / "content" / "mailing-lists.yaml").write_text(LISTS)
    return root


@pytest.fixture(scope="module")
def ca():
    return trustme.CA()


def env(port: int, **extra) -> dict:
    out = {k: v for k, v in os.environ.items() if not k.startswith("UNTOC_SMTP_")}
    out.update(
        UNTOC_SMTP_HOST="127.0.0.1",
        UNTOC_SMTP_PORT=str(port),
        UNTOC_SMTP_SECURITY="none",
        UNTOC_SMTP_TIMEOUT="2",
        UNTOC_SMTP_RETRIES="3",
        UNTOC_SMTP_BACKOFF="0.1",
        UNTOC_SMTP_CONFIG="/nonexistent/smtp.toml",
    )
    out.update({f"UNTOC_SMTP_{k.upper()}": str(v) for k, v in extra.items()})
    return out


def send(root, port, *args, **extra):
    return run_compiler(root, "mail", "--list", "focal-points", "--send", *args, env=env(port, **extra))


def record_file(root, name="focal-points"):
    return root / "content" / "distribution" / "2024-09" / f"{name}.json"


def log_of(root, name="focal-points"):
    return json.loads(record_file(root, name).read_text())


@pytest.fixture
def server():
    started = []

    def make(faults=None, **kw):
        rec = Recorder(faults)
        controller = start(rec, **kw)
        started.append(controller)
        return rec, controller.port

    yield make
    for c in started:
        c.stop()


def _wait_for(predicate, timeout=60.0) -> bool:
    end = time.time() + timeout
    while time.time() < end:
        try:
            if predicate():
                return True
        except (OSError, ValueError, KeyError):  # the record is not there yet
            pass
        time.sleep(0.05)
    return False


def _ctrl_c_as_in_a_terminal():
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # a background job (as CI may run us) starts with it ignored


def start_send(root, port, timeout: int = 60, text: bool = False) -> subprocess.Popen:
    """Start `compiler mail --list focal-points --send --insecure` as a process the test can signal."""
    return subprocess.Popen(
        [*COMPILER, "mail", "--list", "focal-points", "--send", "--insecure"],
        cwd=root,
        env=env(port, timeout=timeout),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=text,
        preexec_fn=_ctrl_c_as_in_a_terminal,
    )
