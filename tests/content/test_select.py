"""Edition selection: what belongs to an edition, in which order, with which table of contents."""

import pytest

from compiler.content.select import in_edition, latest_edition, previous_edition, select
from compiler.model import fingerprint


@pytest.fixture(scope="module")
def content(real_content):
    return real_content


def test_counts_of_both_editions(content):
    assert select(content, "2024-04").counts()["sections"] == 10
    assert select(content, "2024-04").counts()["items"] == 37
    assert select(content, "2024-09").counts()["sections"] == 18
    assert select(content, "2024-09").counts()["items"] == 74


def test_an_item_appears_from_its_first_edition_on():
    assert in_edition("2024-04", None, "2024-04") and in_edition("2024-04", None, "2024-09")
    assert not in_edition("2024-09", None, "2024-04")
    assert not in_edition("2024-04", "2024-04", "2024-09")


def test_latest_and_previous(content):
    assert latest_edition(content) == "2024-09"
    assert previous_edition(content, "2024-09") == "2024-04"
    assert previous_edition(content, "2024-04") is None


def test_order_ids_and_contents(content):
    doc = select(content, "2024-09")
    a, b = doc.parts
    assert [s.id for s in a.sections][:4] == ["wg4-2022", "wg7-2022", "wg6-2023", "wg2-2023"]
    assert [y.year for y in b.years] == [2023, 2024]
    assert [s.id for s in b.years[1].sections] == ["cd-fa-2024", "cd-ta-ic-2024", "cd-tip-2024", "cd-som-2024"]
    assert doc.toc[0].text == "Guidance for Readers" and doc.toc[2].anchor == "part-a"
    assert sum(1 for t in doc.toc if t.level == 2) == 18
    joint = b.years[1].sections[1]
    assert joint.link_text == "Summary by the Co-Chairs" and joint.link_url is None
    wg = a.sections[0]
    assert wg.link_url == "https://undocs.org/CTOC/COP/WG.4/2022/4"
    assert wg.items[0].heading == "Recommendation 14"


def test_fingerprint_changes_with_content_only(content):
    assert fingerprint(select(content, "2024-09")) == fingerprint(select(content, "2024-09"))
    assert fingerprint(select(content, "2024-09")) != fingerprint(select(content, "2024-04"))
