"""How new content files and ids are named and written: slugs, dialogue ids, YAML values."""

from __future__ import annotations

import json
import re
import textwrap

_DIALOGUE = r"^(joint )?constructive dialogue on (the )?"
_GROUP = r"^working group (of government experts )?on (the )?"
ABBREVIATIONS = {
    "technical assistance": "ta",
    "international cooperation": "ic",
    "trafficking in persons": "tip",
    "smuggling of migrants": "som",
    "firearms": "fa",
}


def _slug(text: str, prefix: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", re.sub(prefix, "", text.lower())).strip("-")


def dialogue_slug(title: str) -> str:
    """Return the file-name part of a dialogue: "Constructive Dialogue on Firearms" -> "firearms"."""
    return _slug(title, _DIALOGUE)


def group_slug(name: str) -> str:
    """Return the file-name part of a working group: "Working Group on Firearms" -> "firearms"."""
    return _slug(name, _GROUP)


def dialogue_id(title: str) -> str:
    """Return a dialogue's id stem, e.g. "cd-ta-ic" for technical assistance and international cooperation."""
    core = re.sub(_DIALOGUE, "", title.lower())
    parts = [ABBREVIATIONS.get(p.strip().removeprefix("the "), "") for p in core.split(" and ")]
    if all(parts):
        return "cd-" + "-".join(parts)
    return "cd-" + "-".join(w[0] for w in re.findall(r"[a-z]+", core) if w not in ("the", "of", "and", "in", "on"))


def quoted(value: str) -> str:
    """Return a YAML-safe double-quoted string."""
    return json.dumps(value, ensure_ascii=False)


def folded(text: str, indent: int) -> str:
    """Return text as a YAML folded block (>-), wrapped at 96 columns."""
    pad = " " * indent
    return ">-\n" + "\n".join(
        pad + line for line in textwrap.wrap(text, 96 - indent, break_long_words=False, break_on_hyphens=False)
    )
