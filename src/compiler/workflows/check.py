"""Load the content with every check composed: the content's own, the kept sources, the mailing lists, the records,
and published text changed only with a record."""

from __future__ import annotations

from ..content.load import Content, load_content
from ..errors import Problem
from ..mail.lists import read_mailing_lists
from ..project import Project
from ..records.corrections import published_text_problems
from ..records.issued import record_problems
from ..sources.provenance import check_provenance


def mailing_list_problems(content: Content) -> list[Problem]:
    """Return the problems of content/mailing-lists.yaml (file:line:col)."""
    return read_mailing_lists(content.project.content_dir, content.publication.contact)[1]


CHECKS = (check_provenance, mailing_list_problems, record_problems, published_text_problems)


def checked_content(project: Project, tolerate_errors: bool = False) -> Content:
    """Return the project's content with every check run; raise ContentError listing every error at once."""
    return load_content(project, tolerate_errors, CHECKS)
