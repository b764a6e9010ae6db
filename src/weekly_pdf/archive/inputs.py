"""Fingerprints of everything an issue's PDF depends on.

An issue is rendered again only when its key changes. The key covers:

* the issue file: its bytes and its modification time (so ``touch`` forces
  one issue, as with make);
* the defaults file (publication.yaml) and the office's term list
  (terms.txt) that apply to it;
* the pictures its ``image:`` blocks name: their size and modification time
  (found with a regular expression, without reading the YAML);
* the layouts folder (every file except the annual volume's own templates);
* the fonts: the digest of :meth:`weekly_pdf.fonts.fontset.FontSet.digest`, recomputed
  only when a file below fonts/ changes size or modification time (hashing
  100+ MB of fonts on every run would make a no-op batch slow);
* the program: its version and the versions of the libraries that make the
  PDF (not its source: after editing the code, use ``--force``);
* the render options (e.g. PDF/A) and the output path.

Nothing here imports WeasyPrint.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from stat import S_IFMT, S_ISREG

from .. import __version__
from ..fonts.fontset import file_sha256, load_fontset
from ..options import BuildOptions
from ..source.load import find_defaults
from ..source.terms import find_terms

#: Files of a layout folder that only the annual volume uses.
VOLUME_FILES = frozenset({"volume.html", "volume.css"})
#: The folder of a layout that only the archive site uses (weekly_pdf.archive.site).
SITE_FOLDER = "site"
#: Libraries whose version can change the bytes of a PDF.
LIBRARIES = ("weasyprint", "pydyf", "fonttools", "jinja2", "pyyaml", "tinycss2", "cssselect2",
             "pillow", "jieba")
#: The value of an ``image:`` line of an issue file (a picture of a body block).
IMAGE_LINE_RE = re.compile(r"""^[ \t-]*image:[ \t]*(["']?)(.+?)\1[ \t]*(?:#.*)?$""", re.M)


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _tree_digest(folder: Path, skip=frozenset(), skip_folder: str | None = None) -> str:
    """A hash of every file's path and bytes below ``folder`` (but the files
    named in ``skip`` and those of ``skip_folder`` at the second level)."""
    h = hashlib.sha256()
    if folder.is_dir():
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            if path.name in skip or path.name.startswith("."):
                continue
            parts = path.relative_to(folder).parts
            if skip_folder and len(parts) > 2 and parts[1] == skip_folder:
                continue
            h.update(path.relative_to(folder).as_posix().encode() + b"\0")
            h.update(file_sha256(path).encode())
    return h.hexdigest()


def program_digest() -> str:
    """The program's version and the versions of the libraries that make the PDF.

    The source itself is not hashed: an installed weekly-pdf changes only with
    its version, and in a checkout under development every edit would otherwise
    re-render the archive. After changing the code without a new version,
    run ``build-all --force``.
    """
    h = hashlib.sha256(f"weekly-pdf {__version__}\0python {sys.version_info[:2]}\0".encode())
    versions = installed_versions()
    for name in LIBRARIES:
        h.update(f"{name}=={versions.get(name, '-')}\0".encode())
    return h.hexdigest()


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def installed_versions() -> dict[str, str]:
    """Distribution name → version, read from the names of the *.dist-info
    folders on sys.path (importlib.metadata is several times slower)."""
    versions: dict[str, str] = {}
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        for entry in names:
            if entry.endswith(".dist-info") and "-" in entry:
                name, version = entry[:-len(".dist-info")].rsplit("-", 1)
                versions.setdefault(_normalise(name), version)
    return versions


def pictures_stat(source: Path) -> list[list]:
    """Path, size and modification time of every picture the issue file names
    (None for one that is missing: the build will say so)."""
    try:
        text = source.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return []
    rows = []
    for match in IMAGE_LINE_RE.finditer(text):
        try:
            stat = (source.parent / match[2]).stat()
            rows.append([match[2], stat.st_size, stat.st_mtime_ns])
        except OSError:
            rows.append([match[2], None, None])
    return rows


def layouts_digest(layouts_dir: Path) -> str:
    return _tree_digest(Path(layouts_dir), skip=VOLUME_FILES, skip_folder=SITE_FOLDER)


def fonts_stat(fonts_dir: Path) -> list[list]:
    """Path, size and modification time of every file below fonts/."""
    fonts_dir = Path(fonts_dir)
    rows = []
    for path in sorted(p for p in fonts_dir.rglob("*") if p.is_file()):
        stat = path.stat()
        rows.append([path.relative_to(fonts_dir).as_posix(), stat.st_size, stat.st_mtime_ns])
    return rows


def fonts_digest(fonts_dir: Path, cache: dict | None) -> tuple[str, dict]:
    """The fonts' digest and the cache entry to keep for next time.

    ``cache`` is what the previous batch returned: when no file below fonts/
    changed size or modification time, its digest is reused without reading
    the fonts.
    """
    stat = fonts_stat(fonts_dir)
    if cache and cache.get("stat") == stat and cache.get("digest"):
        return cache["digest"], cache
    fontset = load_fontset(Path(fonts_dir))
    h = hashlib.sha256(fontset.digest().encode())
    for manifest in (Path(fonts_dir) / "manifest.toml", Path(fonts_dir) / "local" / "fonts.toml"):
        h.update(manifest.read_bytes() if manifest.is_file() else b"-")
    digest = h.hexdigest()
    return digest, {"stat": stat, "digest": digest}


@dataclass(frozen=True)
class SharedInputs:
    """What every issue of one batch depends on alike."""

    program: str
    layouts: str
    fonts: str
    options: BuildOptions

    def issue_key(self, source: Path, pdf_name: str) -> str:
        """The key of one issue: changes whenever its PDF could."""
        stat = source.stat()
        defaults = find_defaults(source)
        terms = find_terms(source)
        parts = {
            "program": self.program, "layouts": self.layouts, "fonts": self.fonts,
            "options": self.options.key, "pdf": pdf_name,
            "issue": [file_sha256(source), stat.st_mtime_ns],
            "defaults": _defaults_digest(defaults),
            "terms": file_sha256(terms) if terms and terms.is_file() else None,
            "pictures": pictures_stat(source),
        }
        return sha256_bytes(json.dumps(parts, sort_keys=True).encode())


def _defaults_digest(defaults: Path | None) -> str | None:
    """The sha256 of a publication.yaml; for one that is not a regular file (a
    folder, a pipe: never opened here, a pipe would wait for ever) its kind,
    so that the issue is rendered and the worker reports what it is."""
    if defaults is None:
        return None
    try:
        mode = defaults.stat().st_mode
    except OSError:
        return "missing"
    return file_sha256(defaults) if S_ISREG(mode) else f"not a file: {S_IFMT(mode)}"
