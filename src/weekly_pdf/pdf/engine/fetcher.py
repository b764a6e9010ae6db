"""The URL fetcher every render uses: local files below a few folders, and data: URLs.

Anything else (another folder, the network, a pipe or a device that would
never end) stops the render with :class:`ForbiddenResource`. Imported only
once WeasyPrint is loaded (:func:`weekly_pdf.pdf.engine.start`).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import FatalURLFetchingError, URLFetcher


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
