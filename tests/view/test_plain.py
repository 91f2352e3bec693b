"""The shared view: metadata, headings and contents computed once, the same for every writer."""

from compiler.content.select import select
from compiler.model import edition_data, fingerprint
from compiler.view import SAME, heading_runs, metadata, plain_view
from compiler.view.plain import KEYWORDS


def test_metadata_is_one_set_of_values(real_content):
    doc = select(real_content, "2024-09")
    meta = metadata(doc)
    assert meta.title == doc.publication.title and meta.author == doc.publication.publisher
    assert meta.subject.endswith("September 2024 edition") and meta.keywords == KEYWORDS
    assert meta.date_iso == "2024-09-01T00:00:00Z"


def test_section_headings_carry_their_link(real_content):
    doc = select(real_content, "2024-09")
    part_a = doc.parts[0].sections[0]
    runs = heading_runs(part_a)
    assert "".join(r.text for r in runs) == f"{part_a.title} ({part_a.report_symbol})"
    assert runs[2].href == part_a.link_url and runs[0].href is None and runs[1].text == "("
    unlinked = next(s for s in doc.sections() if s.part == "b" and not s.link_url)
    assert heading_runs(unlinked)[2].href is None


def test_a_plain_view_marks_nothing_and_numbers_the_contents(real_content):
    doc = select(real_content, "2024-04")
    pages = {t.anchor: n for n, t in enumerate(doc.toc, 1)}
    view = plain_view(doc, pages)
    assert view.change_set is None and view.old is None
    assert [t.page_new for t in view.toc] == list(range(1, len(doc.toc) + 1))
    items = [i for p in view.parts for y in p.years for s in y.sections for i in s.items]
    assert [i.id for i in items] == [e.id for e in doc.items()]
    assert all(i.status == SAME and not i.text.changed for i in items)


def test_fingerprint_is_over_the_published_data(real_content):
    a, b = select(real_content, "2024-04"), select(real_content, "2024-09")
    assert fingerprint(a) == fingerprint(select(real_content, "2024-04")) != fingerprint(b)
    assert edition_data(b)["counts"]["items"] == 74
