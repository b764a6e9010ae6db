"""Archival PDF: PDF/A-1b and PDF/A-2b output, and the metadata of every PDF.

* :mod:`.levels` — the PDF/A levels and how a setting names one,
* :mod:`.xmp` — the XMP packet, written so PDFBox and veraPDF both read it,
* :mod:`.truetype` — TrueType outlines for embedded CFF fonts (PDF/A-1),
* :mod:`.dense_cff` — bare CFF programs of only the glyphs drawn, for plain PDFs,
* :mod:`.finisher` — the WeasyPrint finisher that applies them to a render,
* :mod:`.preflight` — Apache PDFBox Preflight's verdict (``weekly-pdf verify``).

See docs/pdfa.md for what each level guarantees and how to validate a file.
"""

from .levels import LEVELS, Level, parse_level, resolve_level


def __getattr__(name):
    # Finisher is imported on first use: it pulls in fontTools, which commands
    # that only read issue files (a no-op build-all) do not need.
    if name == "Finisher":
        from .finisher import Finisher
        return Finisher
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = ["Finisher", "LEVELS", "Level", "parse_level", "resolve_level"]
