"""What the last site build wrote and read, kept in the site folder.

``SITE_DIR/.weekly-pdf-site.json`` (rewritten whole, temp file + rename) holds:

* ``files``: every file the build wrote (path below the site folder) and the
  sha256 of its bytes. A page whose new bytes have the same digest, and whose
  file is still there with that size, is not written again; a file the build
  made that is no longer part of the site is removed (and nothing else ever is);
* ``pdfs``: per PDF (its path as the site links it), size, modification time and
  sha256, so an unchanged PDF is not even hashed again;
* ``outlines``: per PDF sha256, its page count and article pages
  (:class:`.outline.Outline`), so an unchanged PDF is not read again;
* ``data``: per search data script, the sha256 of the JSON it was made from:
  a year whose articles did not change keeps its script without compressing
  it again.

An unreadable or foreign state file is ignored: the next build compares every
page with the file on disk instead (and still rewrites only what differs).
"""

from __future__ import annotations

import json
from pathlib import Path

from ...atomic import write_if_changed
from .outline import Outline

STATE_NAME = ".weekly-pdf-site.json"
FORMAT = 1


class SiteState:
    def __init__(self, site_dir: Path):
        self.path = Path(site_dir) / STATE_NAME
        self.files: dict[str, str] = {}
        self.pdfs: dict[str, tuple[int, int, str]] = {}
        self.outlines: dict[str, Outline] = {}
        self.data: dict[str, str] = {}
        self._load()

    def _load(self) -> None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError, UnicodeDecodeError):
            return
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return
        files = data.get("files")
        if isinstance(files, dict):
            self.files = {k: v for k, v in files.items() if isinstance(v, str)}
        pdfs = data.get("pdfs")
        if isinstance(pdfs, dict):
            for name, value in pdfs.items():
                if isinstance(value, list) and len(value) == 3 and isinstance(value[0], int) \
                        and isinstance(value[1], int) and isinstance(value[2], str):
                    self.pdfs[name] = (value[0], value[1], value[2])
        sources = data.get("data")
        if isinstance(sources, dict):
            self.data = {k: v for k, v in sources.items() if isinstance(v, str)}
        outlines = data.get("outlines")
        if isinstance(outlines, dict):
            for sha, value in outlines.items():
                try:
                    self.outlines[sha] = Outline.from_json(value)
                except ValueError:
                    pass

    def save(self) -> None:
        data = {"format": FORMAT, "files": dict(sorted(self.files.items())),
                "pdfs": {k: list(v) for k, v in sorted(self.pdfs.items())},
                "outlines": {k: v.to_json() for k, v in sorted(self.outlines.items())},
                "data": dict(sorted(self.data.items()))}
        write_if_changed(json.dumps(data, ensure_ascii=False).encode("utf-8"), self.path)
