"""What the importer tests compare: an issue's fields, paragraphs and contents."""

from __future__ import annotations


def model_key(issue) -> dict:
    """What must survive an import: every field, paragraph and contents entry.

    The contents are compared as printed (text and which article), so an
    article left out of the contents compares equal whether its file said
    ``toc: false`` or nothing.
    """
    return {
        "publication": issue.publication, "publisher": issue.publisher, "year": issue.year,
        "number": issue.number, "total": issue.total, "date": issue.date,
        "toc_title": issue.toc_title, "footer": issue.footer,
        "sections": [(s.column, [(a.title, a.paragraphs, a.source) for a in s.articles])
                     for s in issue.sections],
        "toc": [(entry.text, entry.section, entry.index) for entry in issue.toc_entries],
    }


def differences(got: dict, expected: dict) -> list[str]:
    """The keys whose values differ, with both values, for assertion messages."""
    return [f"{key}:\n  got      {str(got[key])[:300]}\n  expected {str(expected[key])[:300]}"
            for key in expected if got.get(key) != expected[key]]


def printed_size(image) -> tuple[float, float]:
    """The size a picture prints at in the bulletin layout, to the half point."""
    from tests.helpers import ROOT
    from weekly_pdf.source.layout import read_layout
    from weekly_pdf.typeset.blocks import image_size

    set_image = image_size(image, read_layout(ROOT / "layouts" / "bulletin"))
    return round(set_image.width * 2) / 2, round(set_image.height * 2) / 2


def body_key(item):
    """One item of an article's body as it prints: a paragraph's text, a
    heading's level and text, a table's rows and caption, a picture's
    caption and printed size (its file is the PDF's copy, not the original)."""
    from weekly_pdf.source.model import Heading, Image, Table

    if isinstance(item, Heading):
        return (item.key, item.text)
    if isinstance(item, Table):
        return ("table", item.rows, item.caption)
    if isinstance(item, Image):
        return ("image", item.caption, printed_size(item))
    return item


def body_keys(body) -> list:
    """An article's body as it prints, item by item: a list as its items'
    paragraphs, each opening with its marker (how a PDF's list reads back,
    docs/import.md)."""
    from weekly_pdf.source.model import ItemList

    out = []
    for item in body:
        out += list(item.printed) if isinstance(item, ItemList) else [body_key(item)]
    return out


def full_key(issue) -> dict:
    """:func:`model_key` with every article's note and whole body (blocks too)."""
    key = model_key(issue)
    key["sections"] = [(s.column, [(a.title, a.note, body_keys(a.body), a.source)
                                   for a in s.articles]) for s in issue.sections]
    return key
