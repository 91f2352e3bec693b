"""New files and ids are named from titles the way the existing content is."""

from __future__ import annotations

import yaml

from compiler.content.naming import dialogue_id, dialogue_slug, folded, group_slug, quoted


def test_slugs_and_dialogue_ids_follow_the_existing_files():
    title = "Joint Constructive Dialogue on Technical Assistance and International Cooperation"
    assert dialogue_slug(title) == "technical-assistance-and-international-cooperation"
    assert dialogue_id(title) == "cd-ta-ic"
    assert dialogue_id("Constructive Dialogue on the Smuggling of Migrants") == "cd-som"
    assert dialogue_id("Constructive Dialogue on the Prevention of Cybercrime") == "cd-p-c"  # initials
    assert group_slug("Working Group on Trafficking in Persons") == "trafficking-in-persons"


def test_values_written_read_back_the_same():
    text = "States “shall” act — at once: #1, [a]; " * 6
    document = f"a: {quoted(text)}\nb: {folded(text.strip(), 2)}\n"
    data = yaml.safe_load(document)
    assert data["a"] == text and data["b"] == text.strip()
    assert all(len(line) <= 96 for line in document.splitlines()[1:])
