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
