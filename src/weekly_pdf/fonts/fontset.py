"""The fonts a render may use, by role, and which font draws each character.

fonts/manifest.toml maps each role (title, body, heading, kai, song) to a
bundled font and its fallbacks; fonts/local/fonts.toml lets an office put its
licensed fonts (方正小标宋, 仿宋_GB2312) in front of a role (both read and
checked by :mod:`.manifest`). Nothing else is ever used:
:mod:`weekly_pdf.pdf.engine` hides the system's fonts from Fontconfig.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Mapping

from ..errors import IssueError, IssueErrors, WeeklyPdfError, display_path
from ..source.printable import needs_glyph

if TYPE_CHECKING:
    from .manifest import Manifest


@dataclass(frozen=True)
class FontFile:
    """One font file and the CSS family name it is registered under."""

    family: str
    path: Path
    #: The checksum fonts/manifest.toml records (None for the office's own fonts).
    expected_sha256: str | None = None

    def verify(self) -> None:
        """Refuse a bundled font whose bytes are not those the manifest records
        (swapped, modified or truncated). The hash is :attr:`sha256`, taken
        once per process, and only for a font that is actually used."""
        if self.expected_sha256 is not None and self.sha256 != self.expected_sha256.lower():
            raise WeeklyPdfError(
                f"字体文件 {display_path(self.path)} 与 fonts/manifest.toml 记录的校验值（sha256）"
                f"不符：文件被替换、改动或已损坏。请恢复程序附带的原文件（例如 git checkout fonts/）；"
                f"本单位自己的字体请放在 fonts/local/ 并写进 fonts/local/fonts.toml")

    @cached_property
    def metrics(self):
        """Code point → advance width and units per em, read once per process,
        from the metrics cache when it knows this file (:mod:`.fontmetrics`)."""
        from .metrics import read_metrics
        self.verify()
        try:
            return read_metrics(lambda: self.font, self.sha256)
        except WeeklyPdfError:
            raise
        except Exception as exc:  # fontTools raises many kinds on a damaged file
            raise _damaged(self.path, exc) from None

    @property
    def cmap(self) -> Mapping[int, int]:
        """The code points this font draws (→ advance width in font units)."""
        return self.metrics.advances

    @cached_property
    def sha256(self) -> str:
        """The file's actual sha256 (see :func:`file_sha256`)."""
        try:
            return file_sha256(self.path)
        except OSError as exc:
            raise WeeklyPdfError(f"字体文件 {display_path(self.path)} 无法读取"
                                 f"（{exc.strerror or exc}）") from None

    @cached_property
    def font(self):
        """The font file opened lazily with fontTools (tables read on use)."""
        from fontTools.ttLib import TTFont  # not needed to read manifests
        self.verify()
        try:
            return TTFont(self.path, lazy=True, fontNumber=0)
        except Exception as exc:  # TTLibError, struct.error, EOFError, OSError, …
            raise _damaged(self.path, exc) from None

    def __hash__(self):
        return hash((self.family, self.path))


@dataclass(frozen=True)
class Fallback:
    """A character that its role's own font lacks, drawn by a fallback font."""

    char: str
    role: str
    font: str
    path: str  # field path, e.g. sections[0].articles[1].title
    #: (file, line, column) where the character is first written in that
    #: field, when the issue's positions are known.
    where: tuple[str, int, int] | None = None


class FontSet:
    """Role → fonts, in the order they are tried for each character."""

    def __init__(self, fonts_dir: Path, roles: dict[str, tuple[FontFile, ...]],
                 manifest: Manifest):
        self.fonts_dir = fonts_dir
        self.roles = roles
        self.manifest = manifest

    def fonts(self) -> list[FontFile]:
        """Every font any role uses, each once, in a stable order."""
        seen: dict[str, FontFile] = {}
        for chain in self.roles.values():
            for font in chain:
                seen.setdefault(font.family, font)
        return list(seen.values())

    def css(self) -> str:
        """One custom property per role, its font stack: --font-<role>. (The
        fonts themselves are registered by :class:`weekly_pdf.pdf.engine.Renderer`.)"""
        stacks = "; ".join(
            f"--font-{role}: " + ", ".join(f'"{font.family}"' for font in chain)
            for role, chain in self.roles.items())
        return f":root {{ {stacks}; }}\n"

    def needed(self, fallbacks: Iterable[Fallback]) -> list[FontFile]:
        """The fonts a text needs: every role's own font, and the fallback
        fonts that the glyph check found drawing some of its characters."""
        families = {fallback.font for fallback in fallbacks}
        return [font for font in self.fonts()
                if font.family in families or any(chain[0] is font
                                                  for chain in self.roles.values())]

    def font_for(self, char: str, role: str) -> FontFile | None:
        """The first font of ``role`` that has ``char``, or None."""
        code = ord(char)
        return next((font for font in self.roles[role] if code in font.cmap), None)

    def digest(self) -> str:
        """A hash of every font file and its role: changes when any font does."""
        h = hashlib.sha256()
        for role, chain in sorted(self.roles.items()):
            h.update(role.encode())
            for font in chain:
                font.verify()
                h.update(font.family.encode())
                h.update(font.sha256.encode())
        return h.hexdigest()

    def check(self, texts: Iterable[tuple[str, str, str]], file: Path | None,
              positions=None) -> list[Fallback]:
        """Check that every character of ``texts`` (path, text, role) can be drawn.

        Returns the characters that a fallback font draws; raises
        :class:`IssueErrors` naming every character no font of its role has.
        """
        from ..source.schema.yaml_reading import char_position

        fallbacks: dict[tuple[str, str], Fallback] = {}
        errors: list[IssueError] = []
        positions = positions or {}
        # Field path → characters no font has (a title printed in two roles is named once).
        missing: dict[str, dict[str, None]] = {}
        for path, text, role in texts:
            for char in dict.fromkeys(text):
                if not needs_glyph(char):
                    continue
                font = self.font_for(char, role)
                if font is None:
                    missing.setdefault(path, {})[char] = None
                elif font is not self.roles[role][0] and (char, role) not in fallbacks:
                    where = positions.get(path)
                    fallbacks[char, role] = Fallback(char, role, font.family, path,
                                                     char_position(where, char) if where else None)
        for path, chars in missing.items():
            where = positions.get(path)
            if where:  # the line and column of the first such character, not of the field
                where = char_position(where, next(iter(chars)))
            named = "、".join(f"“{c}”（U+{ord(c):04X}）" for c in chars)
            errors.append(IssueError(
                where[0] if where else file,
                f"字 {named} 在所有可用字体里都没有，无法印出；请换用别的字，"
                f"或在 fonts/local/ 放入含有这个字的字体",
                line=where[1] if where else None, column=where[2] if where else None,
                path=path))
        if errors:
            raise IssueErrors(errors)
        return list(fallbacks.values())


def _damaged(path: Path, exc: Exception) -> WeeklyPdfError:
    reason = f"{type(exc).__name__}: {exc}"[:120]
    return WeeklyPdfError(f"字体文件 {display_path(path)} 已损坏或不是字体文件，无法读取（{reason}）；"
                          f"请换用完整的字体文件")


#: (path, device, inode, size, mtime_ns) → sha256, for this process.
_hashes: dict[tuple, str] = {}


def file_sha256(path: Path) -> str:
    """The sha256 of a file, as the manifest (and the batch's state) records it.

    Remembered for the life of the process while the file keeps its inode,
    size and modification time: the font check, the metrics cache and the
    batch's fonts digest share one hash per font.
    """
    with Path(path).open("rb") as f:
        stat = os.fstat(f.fileno())
        key = (str(path), stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)
        if key in _hashes:
            return _hashes[key]
        h = hashlib.sha256()
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    _hashes[key] = h.hexdigest()
    return _hashes[key]


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def _local_font(path: Path) -> FontFile:
    from fontTools.ttLib import TTFont
    try:
        font = TTFont(path, lazy=True, fontNumber=0)
        name = font["name"].getDebugName(6) or path.stem
    except Exception as exc:  # fontTools raises many kinds on a damaged file
        raise _damaged(path, exc) from None
    family = "local-" + "".join(c if c.isalnum() or c in "-_" else "_" for c in name)
    return FontFile(family=family, path=path)


def load_fontset(fonts_dir: Path) -> FontSet:
    """Read fonts/manifest.toml and fonts/local/fonts.toml (:mod:`.manifest`)
    into a :class:`FontSet`."""
    # The manifests' reader is loaded here, not with this module: a batch with
    # nothing to do uses file_sha256 only.
    from .manifest import LOCAL_DIR, LOCAL_MANIFEST, MANIFEST, read_local, read_manifest
    fonts_dir = Path(fonts_dir)
    for listed in (fonts_dir / MANIFEST, fonts_dir / LOCAL_DIR / LOCAL_MANIFEST):
        if listed.exists() and not _inside(listed, fonts_dir):
            raise IssueErrors([IssueError(listed, "这是指向 fonts/ 之外的链接，不能使用")])
    manifest = read_manifest(fonts_dir)
    files = {name: FontFile(family=name, path=entry.path, expected_sha256=entry.sha256)
             for name, entry in manifest.fonts.items()}
    roles = {role: tuple(files[name] for name in (entry.font, *entry.fallback))
             for role, entry in manifest.roles.items()}
    for role, path in read_local(fonts_dir).roles.items():
        roles[role] = (_local_font(path), *roles[role])
    return FontSet(fonts_dir, roles, manifest)


@dataclass(frozen=True)
class FontInfo:
    """What ``weekly-pdf fonts`` lists about one font of a role."""

    role: str
    rank: int            # 0: the role's own font, 1…: its fallbacks in order
    family: str          # the name the font itself gives (name table)
    version: str
    licence: str
    path: Path
    local: bool          # office-supplied (fonts/local/), not bundled


def describe(fontset: FontSet) -> list[FontInfo]:
    """Every role's fonts, in the order they are tried."""
    rows = []
    entries = fontset.manifest.fonts
    for role, chain in fontset.roles.items():
        for rank, font in enumerate(chain):
            entry = entries.get(font.family)
            local = entry is None
            licence = (_licence(fontset.fonts_dir / entry.license)
                       if entry and entry.license else _embedded_licence(font))
            family = _name(font, 16, 1) or font.family
            style = _name(font, 17, 2)
            if style and style.lower() not in ("regular", "book"):
                family = f"{family} {style}"
            version = _name(font, 5).split(";")[0].removeprefix("Version ").strip()
            rows.append(FontInfo(role, rank, family, version or "?", licence, font.path, local))
    return rows


def _name(font: FontFile, *ids: int) -> str:
    try:
        table = font.font["name"]
    except (KeyError, OSError, AssertionError):
        return ""
    for name_id in ids:
        value = table.getDebugName(name_id)
        if value:
            return value.strip()
    return ""


def _licence(path: Path) -> str:
    """A licence's short name from its file (Debian copyright format or a GPL text)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return f"{path.name}（文件缺失）"
    for line in text.splitlines():
        if line.startswith("License:"):
            name = line.removeprefix("License:").strip()
            if name and name != "*":
                return LICENCE_NAMES.get(name, name)
    if "GNU GENERAL PUBLIC LICENSE" in text:
        version = next((w for w in text.split("Version ", 1)[1].split()[:1]), "") \
            if "Version " in text else ""
        version = version.rstrip(",")
        name = f"GPL-{version}.0" if version.isdigit() else "GPL"
        if "if you create a document which uses this font" in text:
            name += " + font exception"  # documents made with the font are not bound by the GPL
        return name
    return path.name


#: Debian's short names for licences that have an SPDX identifier users know better.
LICENCE_NAMES = {"SIL-1.1": "OFL-1.1", "SIL-OFL-1.1": "OFL-1.1"}


def _embedded_licence(font: FontFile) -> str:
    """An office font's own licence words (name table), shortened; else a reminder."""
    text = _name(font, 13)
    if not text:
        return "本单位自备（字体文件未写明授权）"
    first = text.splitlines()[0]
    return first if len(first) <= 40 else first[:40] + "…"
