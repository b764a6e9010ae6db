"""Archival PDF (PDF/A-1b, PDF/A-2b) and the metadata of every PDF: the parts
that need no engine.

* :mod:`.xmp` — the XMP packet, written so PDFBox and veraPDF both read it,
* :mod:`.truetype` — TrueType outlines for embedded CFF fonts (PDF/A-1),
* :mod:`.dense_cff` — bare CFF programs of only the glyphs drawn, for plain PDFs,
* :mod:`.preflight` — Apache PDFBox Preflight's verdict (``weekly-pdf verify``).

Which output variant uses which is :mod:`weekly_pdf.pdf.variants`; the PDF
objects are changed in :mod:`weekly_pdf.pdf.engine.finish`. See docs/pdfa.md
for what each level guarantees and how to validate a file.
"""
