"""HTML → PDF with WeasyPrint, hermetic and locked down.

Nothing happens when this module is imported. :func:`start` loads WeasyPrint
once per process, explicitly (the :class:`Renderer` calls it, and so do the
batch's worker processes before they fork):

* Fontconfig reads ``hermetic-fonts.conf`` (no font folder at all) while
  WeasyPrint loads and while a font configuration is made, so no system font is
  ever seen; the environment is restored afterwards. Only the fonts of
  :mod:`weekly_pdf.fonts.fontset`, registered one by one from their own files (no copy),
  can draw text, and only those an issue needs.
* WeasyPrint names each native library in several spellings; cffi asks
  :func:`ctypes.util.find_library` about every spelling that does not load
  directly, and that runs ``ldconfig``, ``gcc`` and ``ld`` (about 50 processes,
  0.2 s). The search is switched off while WeasyPrint loads: the sonames it
  also lists load directly. Where that fails, it loads again with the search.
* The URL fetcher reads ``file:`` URLs below the layout folder, fonts/ and the
  issue's own folder, and ``data:`` URLs; anything else stops the render.
"""

from __future__ import annotations

import ctypes.util
import gc
import logging
import os
import shutil
import sys
import tempfile
import warnings
import weakref
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from .. import __version__
from ..errors import WeeklyPdfError
from ..recent import Recent

if TYPE_CHECKING:
    import weasyprint

    from .pdfa import Level
    from ..fonts.fontset import FontFile, FontSet

#: The Fontconfig configuration WeasyPrint runs with: no font folder.
FONTCONFIG_FILE = Path(__file__).with_name("hermetic-fonts.conf")


@contextmanager
def _hermetic_fontconfig():
    """Point Fontconfig at :data:`FONTCONFIG_FILE` for the duration of the block."""
    if not FONTCONFIG_FILE.is_file():  # Fontconfig would fall back to the system's fonts
        raise RuntimeError(f"{FONTCONFIG_FILE} is missing: the package is incomplete")
    saved = {name: os.environ.get(name) for name in ("FONTCONFIG_FILE", "FONTCONFIG_PATH")}
    os.environ["FONTCONFIG_FILE"] = str(FONTCONFIG_FILE)
    os.environ.pop("FONTCONFIG_PATH", None)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextmanager
def _no_library_search():
    """Make :func:`ctypes.util.find_library` find nothing for the duration of the block."""
    real = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        yield
    finally:
        ctypes.util.find_library = real


def _import_weasyprint():
    with _hermetic_fontconfig(), warnings.catch_warnings():
        # WeasyPrint warns that Fontconfig has no fonts: that is the point.
        warnings.simplefilter("ignore", UserWarning)
        try:
            with _no_library_search():
                import weasyprint
        except OSError:
            # A system where the libraries load only under a searched-for name.
            for name in [n for n in sys.modules if n.split(".")[0] == "weasyprint"]:
                del sys.modules[name]
            import weasyprint
    return weasyprint


class Engine:
    """WeasyPrint, loaded hermetically: what :func:`start` returns."""

    def __init__(self):
        weasyprint = _import_weasyprint()
        from weasyprint.text.ffi import ffi, fontconfig, pangoft2
        from weasyprint.text.fonts import FontConfiguration
        from weasyprint.urls import FatalURLFetchingError, URLFetcher

        logging.getLogger("weasyprint").setLevel(logging.ERROR)
        self.weasyprint = weasyprint
        self.FatalURLFetchingError = FatalURLFetchingError
        self.producer = f"weekly-pdf {__version__} (WeasyPrint {weasyprint.__version__})"

        class ForbiddenResource(FatalURLFetchingError):
            """A render tried to read something outside the folders it may read."""

            def __init__(self, url: str, why: str | None = None):
                self.url = url
                self.why = why
                super().__init__(url)

        class LockedFetcher(URLFetcher):
            """A URL fetcher that reads only local files below ``roots`` (and data: URLs)."""

            def __init__(self, roots):
                super().__init__(allowed_protocols={"file", "data"})
                self.roots = tuple(Path(root).resolve() for root in roots)

            def fetch(self, url, headers=None):
                scheme = url.split(":", 1)[0].lower()
                if scheme == "file":
                    path = Path(url2pathname(unquote(urlsplit(url).path))).resolve()
                    if not any(path.is_relative_to(root) for root in self.roots):
                        raise ForbiddenResource(url)
                    if path.exists() and not path.is_file():  # a pipe or a device never ends
                        raise ForbiddenResource(url, "不是普通文件（命名管道、设备文件或文件夹）")
                elif scheme != "data":
                    raise ForbiddenResource(url)
                return super().fetch(url, headers)

        class Fonts(FontConfiguration):
            """A font configuration that sees only the fonts registered with
            :meth:`register`, read from their own files (WeasyPrint's
            @font-face support copies each file into a temporary folder)."""

            def __init__(self):
                with _hermetic_fontconfig():
                    super().__init__()
                self.registered: set[str] = set()

            def register(self, family: str, path: Path) -> None:
                """Make ``path`` available as CSS family ``family`` (as an
                @font-face rule with only font-family and src would)."""
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
                pangoft2.pango_fc_font_map_config_changed(
                    ffi.cast("PangoFcFontMap *", self.font_map))
                self.registered.add(family)

        self.ForbiddenResource = ForbiddenResource
        self.LockedFetcher = LockedFetcher
        self.Fonts = Fonts
        _read_font_files_late()


def _read_font_files_late() -> None:
    """Make WeasyPrint read a font's file when it writes the font, not when a
    page first draws with it, and remember the subsets it makes.

    WeasyPrint 70 copies the whole font file into memory as soon as a page
    uses the font and keeps every copy until it subsets the fonts, after the
    last page is drawn: the bulletin's five Fandol fonts are 30 MB, a fifth of
    a build's peak memory. Here the copy made then is dropped at once and read
    again when it is needed (fonts are subset one after the other), so at
    most one whole font file is in memory.

    A subset depends only on the font file and the glyphs kept: the last few
    are remembered, so a watching process rebuilding an issue after a small
    edit subsets only the fonts whose glyphs changed. The PDF is byte for
    byte the same (tests/pipeline/test_font_files_read_late.py).
    """
    from weasyprint.pdf import fonts, stream
    from weasyprint.text.ffi import ffi, harfbuzz, harfbuzz_subset
    from weasyprint.text.fonts import get_hb_object_data

    if getattr(stream.Font, "reads_file_late", False):
        return

    subsets: Recent[bytes] = Recent(REMEMBERED_SUBSETS)

    class Font(fonts.Font):
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
            known = subsets.get(key)
            if known is not None:
                self._file_content = known
                return None
            super().subset(to_unicode, hinting)
            subsets.put(key, self._file_content)
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

    stream.Font = Font


#: Font subsets a process remembers (:func:`_read_font_files_late`).
REMEMBERED_SUBSETS = 16


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_engine: Engine | None = None


def start() -> Engine:
    """Load WeasyPrint hermetically (once per process) and return it."""
    global _engine
    if _engine is None:
        _engine = Engine()
    return _engine


def __getattr__(name):
    # The WeasyPrint-derived names, for readers that import them from here.
    if name in ("ForbiddenResource", "LockedFetcher"):
        return getattr(start(), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class RenderOptions:
    """How a laid-out document is written: the PDF/A level (parsed, or None for
    a plain PDF) and the PDF's identifier (None: WeasyPrint's own)."""

    level: "Level | None" = None
    identifier: bytes | None = None


class Renderer:
    """Turns HTML into PDF bytes; keep one per process to reuse its fonts."""

    def __init__(self, fontset: "FontSet", *, temp_dir: Path | None = None):
        """``temp_dir``: where WeasyPrint copies the fonts of a layout's own
        @font-face rules (None: the system's temp folder)."""
        self.engine = start()
        self.fontset = fontset
        self.fonts_dir = fontset.fonts_dir
        self.font_config = self.engine.Fonts()
        # WeasyPrint removes this folder when the configuration is freed; the
        # command line exits without freeing it (cli.entry), hence the finalizer,
        # which also runs at exit.
        folder = Path(tempfile.mkdtemp(prefix="weasyprint-", dir=temp_dir))
        self.font_config._folder = folder
        weakref.finalize(self.font_config, shutil.rmtree, folder, ignore_errors=True)
        self._role_css = self.engine.weasyprint.CSS(
            string=fontset.css(), font_config=self.font_config)

    def use(self, fonts: "Iterable[FontFile]") -> None:
        """Register ``fonts`` (those not registered yet)."""
        for font in fonts:
            if font.family not in self.font_config.registered:
                font.verify()  # the manifest's sha256, before the file is used
            self.font_config.register(font.family, font.path)

    def layout(self, html: str, *, base_dir: Path, read_dirs=(),
               fonts: "Iterable[FontFile] | None" = None) -> "weasyprint.Document":
        """Lay ``html`` out (no PDF yet); relative URLs resolve against ``base_dir``.

        ``fonts``: the fonts the text needs (see :meth:`FontSet.needed`);
        None for every font of the font set.
        """
        engine = self.engine
        self.use(self.fontset.fonts() if fonts is None else fonts)
        fetcher = engine.LockedFetcher([base_dir, self.fonts_dir, *read_dirs])
        try:
            document = engine.weasyprint.HTML(
                string=html, base_url=base_dir.resolve().as_uri() + "/", url_fetcher=fetcher)
            return document.render(stylesheets=[self._role_css], font_config=self.font_config)
        except engine.FatalURLFetchingError as exc:
            raise self._fetch_error(exc, base_dir) from None

    def _fetch_error(self, exc, base_dir: Path) -> WeeklyPdfError:
        """The Chinese error for a resource the fetcher refused (WeasyPrint's
        FatalURLFetchingError is a BaseException: never let it through)."""
        forbidden = exc if isinstance(exc, self.engine.ForbiddenResource) else exc.__cause__
        if isinstance(forbidden, self.engine.ForbiddenResource):
            if forbidden.why:
                return WeeklyPdfError(f"版式 {base_dir.name} 引用的 {forbidden.url} {forbidden.why}，"
                                      f"不能读取")
            return WeeklyPdfError(
                f"版式 {base_dir.name} 引用了不允许读取的地址 {forbidden.url}：生成 PDF 时只能"
                f"读取 layouts/、fonts/ 和本期文件所在的文件夹，不能联网")
        return WeeklyPdfError(f"生成 PDF 时读取资源失败：{exc}")

    def pdf_bytes(self, html: str, *, base_dir: Path, read_dirs=(),
                  options: RenderOptions = RenderOptions()) -> tuple[bytes, int]:
        """The PDF of ``html`` and its page count."""
        return self.write(self.layout(html, base_dir=base_dir, read_dirs=read_dirs), options)

    def write(self, document: "weasyprint.Document",
              options: RenderOptions = RenderOptions()) -> tuple[bytes, int]:
        """The PDF of a laid-out ``document`` and its page count."""
        from .pdfa import Finisher
        arguments = {}
        if options.level is not None:
            arguments["pdf_variant"] = options.level.variant
        if options.identifier is not None:
            arguments["pdf_identifier"] = options.identifier
        try:  # attachments (<link rel="attachment">) are fetched only now
            data = document.write_pdf(finisher=Finisher(self.engine.producer, options.level),
                                      **arguments)
        except self.engine.FatalURLFetchingError as exc:
            layout = getattr(document.url_fetcher, "roots", (Path("."),))[0]
            raise self._fetch_error(exc, layout) from None
        return data, len(document.pages)
