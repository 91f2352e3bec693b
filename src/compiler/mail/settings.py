"""SMTP settings from the environment or a config file outside the repository; never a password in files."""

from __future__ import annotations

import math
import os
import shlex
import subprocess
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..errors import CompilerError

ENV = "UNTOC_SMTP_"
DEFAULT_CONFIG = Path("~/.config/untoc-compilation/smtp.toml")
SECURITY = ("starttls", "tls", "none")
KEYS = (
    "host",
    "port",
    "security",
    "user",
    "password_command",
    "ca_file",
    "timeout",
    "retries",
    "backoff",
    "batch_size",
    "max_attachment_mb",
)


@dataclass
class SmtpSettings:
    """Where and how to deliver; the password is fetched only when connecting."""

    host: str = "localhost"
    port: int | None = None
    security: str = "starttls"
    user: str | None = None
    password_command: str | None = None
    ca_file: str | None = None
    timeout: float = 30.0
    retries: int = 4
    backoff: float = 2.0
    batch_size: int = 50
    max_attachment_mb: float = 10.0
    source: str = "defaults"

    @property
    def effective_port(self) -> int:
        return self.port or {"starttls": 587, "tls": 465, "none": 25}[self.security]

    def password(self) -> str | None:
        """Return the password from UNTOC_SMTP_PASSWORD or the password command (never logged)."""
        if os.environ.get(ENV + "PASSWORD"):
            return os.environ[ENV + "PASSWORD"]
        if self.password_command:
            try:
                done = subprocess.run(
                    shlex.split(self.password_command), capture_output=True, text=True, timeout=30, check=True
                )
            except (OSError, subprocess.SubprocessError):
                raise CompilerError("the SMTP password command failed; check password_command") from None
            return done.stdout.rstrip("\n")
        return None


def _convert(key: str, value, where: str):
    try:
        if key in ("port", "retries", "batch_size"):
            number: float = int(value)
        elif key in ("timeout", "backoff", "max_attachment_mb"):
            number = float(value)
        else:
            number = 0
    except (TypeError, ValueError):
        raise CompilerError(f"{where}: {key} must be a number, not {value!r}") from None
    if key in ("port", "batch_size", "timeout", "max_attachment_mb") and not (math.isfinite(number) and number > 0):
        raise CompilerError(f"{where}: {key} must be a positive number, not {value!r}")
    if key in ("retries", "backoff") and not (math.isfinite(number) and number >= 0):
        raise CompilerError(f"{where}: {key} must be zero or a positive number, not {value!r}")
    if key == "port" and number > 65535:
        raise CompilerError(f"{where}: port must be at most 65535, not {value!r}")
    if key in ("port", "retries", "batch_size", "timeout", "backoff", "max_attachment_mb"):
        return number
    if key == "security" and value not in SECURITY:
        raise CompilerError(f"{where}: security must be one of {', '.join(SECURITY)}, not {value!r}")
    return str(value)


def load_settings(config_path: str | None = None) -> SmtpSettings:
    """Return SMTP settings: the config file first, then UNTOC_SMTP_* environment variables."""
    settings = SmtpSettings()
    path = Path(config_path or os.environ.get(ENV + "CONFIG") or DEFAULT_CONFIG).expanduser()
    sources = []
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise CompilerError(f"{path}: cannot read the SMTP config: {exc}") from None
        if "password" in data:
            raise CompilerError(
                f"{path}: a password may not be stored in a file; use {ENV}PASSWORD or password_command"
            )
        for key, value in data.items():
            if key not in KEYS:
                raise CompilerError(f"{path}: unknown setting '{key}' (known: {', '.join(KEYS)})")
            setattr(settings, key, _convert(key, value, str(path)))
        sources.append(str(path))
    elif config_path:
        raise CompilerError(f"{path}: no such SMTP config file")
    for key in KEYS:
        value = os.environ.get(ENV + key.upper())
        if value:
            setattr(settings, key, _convert(key, value, ENV + key.upper()))
            sources.append(ENV + key.upper())
    settings.source = ", ".join(sources) or "defaults"
    return settings
