"""The mail tests' fixtures (tests/mail_fixture.py): a project with mailing lists, a real SMTP server on 127.0.0.1."""

from ..mail_fixture import ca, proj, server  # noqa: F401 - fixtures for this folder's tests
