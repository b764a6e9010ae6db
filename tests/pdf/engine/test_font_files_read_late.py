"""WeasyPrint reads a font's file when it writes the font, not when a page
first draws with it (weekly_pdf.pdf.engine._read_font_files_late): at most one whole
font file is in memory, and the PDF is the same."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import SEED_ISSUE


def _seed_document(builder):
    checked = builder.check(SEED_ISSUE)
    from weekly_pdf.pdf.compose import compose_document
    return compose_document(checked.issue, checked.layout, builder.fontset, builder.renderer,
                            read_dirs=[Path(SEED_ISSUE).parent],
                            fonts=builder.fontset.needed(checked.fallbacks))


def test_the_pdf_is_the_same_as_with_weasyprints_own_font_reading(builder, monkeypatch):
    from weasyprint.pdf import fonts, stream
    document = _seed_document(builder)
    late, _ = builder.renderer.write(document)
    assert stream.Font is not fonts.Font and stream.Font.reads_file_late
    monkeypatch.setattr(stream, "Font", fonts.Font)
    early, _ = builder.renderer.write(document)
    assert late == early


def test_no_font_file_is_held_while_the_pages_are_drawn(builder, monkeypatch):
    from weasyprint.pdf import stream
    made = []

    class Recorded(stream.Font):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            made.append(self)
            # What a page draws with holds no copy of its file.
            assert self._file_content is None

    monkeypatch.setattr(stream, "Font", Recorded)
    builder.renderer.write(_seed_document(builder))
    assert len(made) >= 5
    # Written fonts hold their subset only: far smaller than any bundled file (4.7 MB and up).
    assert all(font._file_content is None or len(font._file_content) < 1_000_000
               for font in made)
