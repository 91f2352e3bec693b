"""Fixtures the workflow tests share with others: the change set of every kind, the mail project and SMTP server."""

from ..changes_fixture import every_change  # noqa: F401 - fixtures for this folder's tests
from ..mail_fixture import ca, proj, server  # noqa: F401
