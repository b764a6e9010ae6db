"""Our font handling inside the engine: fonts registered from their own files,
read when they are subset, subsets remembered.

Imported only once WeasyPrint is loaded (:func:`weekly_pdf.pdf.engine.start`).
The private parts of WeasyPrint used here are listed, with why, in the
package's docstring and checked by tests/pdf/engine/test_contract.py.
"""

from __future__ import annotations

import gc
import os
import shutil
import tempfile
import weakref
from pathlib import Path

from weasyprint.pdf import fonts as pdf_fonts
from weasyprint.pdf import stream
from weasyprint.text.ffi import ffi, fontconfig, harfbuzz, harfbuzz_subset, pangoft2
from weasyprint.text.fonts import FontConfiguration, get_hb_object_data

from ...errors import WeeklyPdfError
from ...recent import Recent
from .hermetic import hermetic_fontconfig

#: Font subsets a process remembers (:class:`LateFont`).
REMEMBERED_SUBSETS = 16


class Fonts(FontConfiguration):
    """A font configuration that sees only the fonts registered with
    :meth:`register`, read from their own files (WeasyPrint's @font-face
    support copies each file into a temporary folder)."""

    def __init__(self, copies_dir: Path | None = None):
        """``copies_dir``: where the font files of a layout's own @font-face
        rules are copied (None: the system's temporary folder)."""
        with hermetic_fontconfig():
            super().__init__()
        self.registered: set[str] = set()
        self.copies_dir = copies_dir

    def register(self, family: str, path: Path) -> None:
        """Make ``path`` available as CSS family ``family`` (as an @font-face
        rule with only font-family and src would)."""
        if family in self.registered:
            return
        file = _xml_text(Path(path).resolve().as_posix())
        xml = (
            '<?xml version="1.0"?>\n'
            '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
            f'<fontconfig><match target="scan"><test name="file" compare="eq">'
            f'<string>{file}</string></test><edit name="family" mode="prepend">'
            f'<string>{_xml_text(family)}</string></edit></match>'
            f'<match target="font"><test name="file" compare="eq">'
            f'<string>{file}</string></test></match></fontconfig>')
        fontconfig.FcConfigParseAndLoadFromMemory(self._config, xml.encode(), True)
        if not fontconfig.FcConfigAppFontAddFile(
                self._config, os.fsencode(Path(path).resolve())):
            raise WeeklyPdfError(f"字体文件 {path} 无法载入")
        pangoft2.pango_fc_font_map_config_changed(ffi.cast("PangoFcFontMap *", self.font_map))
        self.registered.add(family)

    def add_font_face(self, rule_descriptors, url_fetcher):
        """WeasyPrint's @font-face support, its copies made in :attr:`copies_dir`.

        WeasyPrint makes the folder on the first @font-face rule and removes it
        when the configuration is freed; the command line exits without
        freeing it (cli.entry), hence the finalizer, which runs at exit."""
        if self._folder is None:
            self._folder = Path(tempfile.mkdtemp(prefix="weasyprint-", dir=self.copies_dir))
            weakref.finalize(self, shutil.rmtree, self._folder, ignore_errors=True)
        return super().add_font_face(rule_descriptors, url_fetcher)


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_subsets: "Recent[bytes]" = Recent(REMEMBERED_SUBSETS)


class LateFont(pdf_fonts.Font):
    """WeasyPrint's PDF font, reading its file when it is written, not when a
    page first draws with it, and remembering the subsets it makes.

    WeasyPrint 70 copies the whole font file into memory as soon as a page
    uses the font and keeps every copy until it subsets the fonts, after the
    last page is drawn: the bulletin's five Fandol fonts are 30 MB, a fifth of
    a build's peak memory. Here the copy made then is dropped at once and read
    again when it is needed (fonts are subset one after the other), so at
    most one whole font file is in memory.

    A subset depends only on the font file and the glyphs kept: the last few
    are remembered, so a watching process rebuilding an issue after a small
    edit subsets only the fonts whose glyphs changed. The PDF is byte for
    byte the same (tests/pdf/engine/test_font_files_read_late.py).
    """

    reads_file_late = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._file_content = None  # read again by the writer when it needs it

    @property
    def file_content(self) -> bytes:
        if self._file_content is None:
            self._file_content = get_hb_object_data(self.hb_face)
        return self._file_content

    @file_content.setter
    def file_content(self, value: bytes) -> None:
        self._file_content = value

    def subset(self, to_unicode, hinting):
        if not harfbuzz_subset and not gc.isenabled():
            # fontTools subsets (no libharfbuzz-subset0): it leaves cycles by the
            # megabyte, and a build pauses the cyclic collector (build.cyclic_gc_paused).
            try:
                return self._subset(to_unicode, hinting)
            finally:
                gc.collect()
        return self._subset(to_unicode, hinting)

    def _subset(self, to_unicode, hinting):
        if not to_unicode or self._file_content is not None:
            return super().subset(to_unicode, hinting)
        key = (self._file_identity(), tuple(sorted(to_unicode)), bool(hinting),
               tuple(sorted(self.missing.items())))
        known = _subsets.get(key)
        if known is not None:
            self._file_content = known
            return None
        super().subset(to_unicode, hinting)
        _subsets.put(key, self._file_content)
        return None

    def _file_identity(self) -> tuple:
        """The font file, without reading it: its length, its glyph count
        and its ``head`` table (which holds a checksum of the whole file,
        the font's revision and its dates)."""
        blob = harfbuzz.hb_face_reference_blob(self.hb_face)
        length = harfbuzz.hb_blob_get_length(blob)
        harfbuzz.hb_blob_destroy(blob)
        head = harfbuzz.hb_face_reference_table(
            self.hb_face, harfbuzz.hb_tag_from_string(b"head", -1))
        size = ffi.new("unsigned int *")
        data = harfbuzz.hb_blob_get_data(head, size)
        table = b"" if data == ffi.NULL else ffi.unpack(data, int(size[0]))
        harfbuzz.hb_blob_destroy(head)
        return self.family, self.index, length, self.glyph_count, table


def read_font_files_late() -> None:
    """Make WeasyPrint's PDF writer use :class:`LateFont` (once per process)."""
    if not getattr(stream.Font, "reads_file_late", False):
        stream.Font = LateFont
