"""The last stage: HTML → laid-out pages → PDF bytes.

:mod:`.engine` is the one boundary to WeasyPrint and pydyf; :mod:`.compose`
lays an issue out and places its pictures, tables and closing block
(:mod:`.placement`); :mod:`.variants` (with :mod:`.pdfa`) writes the plain
or PDF/A file; :mod:`.ofd` converts it to OFD; :mod:`.preview` draws pages.
"""
