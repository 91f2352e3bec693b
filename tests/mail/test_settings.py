"""SMTP settings: a config file outside the repository, overridden by the environment; no password in files."""

from __future__ import annotations

import pytest

from compiler.errors import CompilerError
from compiler.mail.settings import load_settings


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    import os

    for key in [k for k in os.environ if k.startswith("UNTOC_SMTP_")]:
        monkeypatch.delenv(key)


def test_file_then_environment_and_ports_follow_the_security(tmp_path, monkeypatch):
    config = tmp_path / "smtp.toml"
    config.write_text('host = "mail.example.org"\nsecurity = "tls"\ntimeout = 5\n')
    settings = load_settings(str(config))
    assert (settings.host, settings.effective_port, settings.timeout) == ("mail.example.org", 465, 5.0)
    monkeypatch.setenv("UNTOC_SMTP_HOST", "relay.example.org")
    monkeypatch.setenv("UNTOC_SMTP_SECURITY", "starttls")
    settings = load_settings(str(config))
    assert (settings.host, settings.effective_port) == ("relay.example.org", 587)
    assert settings.source == f"{config}, UNTOC_SMTP_HOST, UNTOC_SMTP_SECURITY"


def test_a_password_in_the_file_and_bad_values_are_refused(tmp_path, monkeypatch):
    config = tmp_path / "smtp.toml"
    config.write_text('password = "secret"\n')
    with pytest.raises(CompilerError, match="a password may not be stored in a file"):
        load_settings(str(config))
    config.write_text("prot = 25\n")
    with pytest.raises(CompilerError, match="unknown setting 'prot'"):
        load_settings(str(config))
    monkeypatch.setenv("UNTOC_SMTP_CONFIG", str(tmp_path / "none.toml"))  # no file: the environment only
    monkeypatch.setenv("UNTOC_SMTP_PORT", "twenty-five")
    with pytest.raises(CompilerError, match="UNTOC_SMTP_PORT: port must be a number"):
        load_settings()


def test_the_password_comes_from_the_environment_or_a_command(tmp_path, monkeypatch):
    monkeypatch.setenv("UNTOC_SMTP_CONFIG", str(tmp_path / "none.toml"))
    settings = load_settings()
    settings.password_command = "printf s3cret"
    assert settings.password() == "s3cret"
    monkeypatch.setenv("UNTOC_SMTP_PASSWORD", "from-env")
    assert settings.password() == "from-env"
