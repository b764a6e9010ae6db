"""HTML → PDF with WeasyPrint, hermetic and locked down.

* Fontconfig is pointed at an empty configuration before WeasyPrint starts, so
  no system font is ever seen: only the fonts of :mod:`weekly_pdf.fonts`,
  registered through @font-face, can draw text.
* The URL fetcher reads ``file:`` URLs below the layout folder, fonts/ and the
  issue's own folder, and ``data:`` URLs; anything else stops the render.
* The PDF is written to a temporary file beside the target and renamed, so a
  failed or interrupted build never leaves a partial PDF under its final name.
"""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from . import __version__
from .archival import Finisher, parse_level
from .errors import WeeklyPdfError


def _hermetic_fontconfig() -> None:
    """Give Fontconfig a configuration that lists no font folder at all."""
    folder = Path(tempfile.mkdtemp(prefix="weekly-pdf-fontconfig-"))
    atexit.register(shutil.rmtree, folder, True)
    (folder / "fonts.conf").write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f"<fontconfig><cachedir>{folder / 'cache'}</cachedir></fontconfig>\n",
        encoding="utf-8")
    os.environ["FONTCONFIG_FILE"] = str(folder / "fonts.conf")
    os.environ.pop("FONTCONFIG_PATH", None)


_hermetic_fontconfig()
with warnings.catch_warnings():
    # WeasyPrint warns that Fontconfig has no fonts: that is the point.
    warnings.simplefilter("ignore", UserWarning)
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

logging.getLogger("weasyprint").setLevel(logging.ERROR)

PRODUCER = f"weekly-pdf {__version__} (WeasyPrint {weasyprint.__version__})"


class ForbiddenResource(FatalURLFetchingError):
    """A render tried to read something outside the folders it may read."""

    def __init__(self, url: str):
        self.url = url
        super().__init__(url)


class LockedFetcher(URLFetcher):
    """A URL fetcher that reads only local files below ``roots`` (and data: URLs)."""

    def __init__(self, roots):
        super().__init__(allowed_protocols={"file", "data"})
        self.roots = tuple(Path(root).resolve() for root in roots)
        self.fetched: list[str] = []

    def fetch(self, url, headers=None):
        scheme = url.split(":", 1)[0].lower()
        if scheme == "file":
            path = Path(url2pathname(unquote(urlsplit(url).path))).resolve()
            if not any(path.is_relative_to(root) for root in self.roots):
                raise ForbiddenResource(url)
        elif scheme != "data":
            raise ForbiddenResource(url)
        self.fetched.append(url)
        return super().fetch(url, headers)


@dataclass
class Renderer:
    """Turns HTML into PDF bytes; keep one per process to reuse its fonts."""

    font_css: str
    fonts_dir: Path

    def __post_init__(self):
        self.font_config = FontConfiguration()

    def layout(self, html: str, *, base_dir: Path, read_dirs=()) -> "weasyprint.Document":
        """Lay ``html`` out (no PDF yet); relative URLs resolve against ``base_dir``."""
        fetcher = LockedFetcher([base_dir, self.fonts_dir, *read_dirs])
        try:
            document = weasyprint.HTML(
                string=html, base_url=base_dir.resolve().as_uri() + "/", url_fetcher=fetcher)
            fonts = weasyprint.CSS(string=self.font_css, font_config=self.font_config,
                                   url_fetcher=fetcher)
            return document.render(stylesheets=[fonts], font_config=self.font_config)
        except FatalURLFetchingError as exc:
            forbidden = exc if isinstance(exc, ForbiddenResource) else exc.__cause__
            if isinstance(forbidden, ForbiddenResource):
                raise WeeklyPdfError(
                    f"版式 {base_dir.name} 引用了不允许读取的地址 {forbidden.url}：生成 PDF 时只能"
                    f"读取 layouts/、fonts/ 和本期文件所在的文件夹，不能联网") from None
            raise WeeklyPdfError(f"生成 PDF 时读取资源失败：{exc}") from None

    def pdf_bytes(self, html: str, *, base_dir: Path, read_dirs=(), pdfa=None, **options
                  ) -> tuple[bytes, int]:
        """The PDF of ``html`` and its page count. ``pdfa``: None for a plain
        PDF, or a PDF/A level ("1b", "2b", see :mod:`weekly_pdf.archival`)."""
        return self.write(self.layout(html, base_dir=base_dir, read_dirs=read_dirs),
                          pdfa=pdfa, **options)

    def write(self, document: "weasyprint.Document", *, pdfa=None, **options
              ) -> tuple[bytes, int]:
        """The PDF of a laid-out ``document`` and its page count."""
        level = parse_level(pdfa)
        if level is not None:
            options.setdefault("pdf_variant", level.variant)
        data = document.write_pdf(finisher=Finisher(PRODUCER, level), **options)
        return data, len(document.pages)
