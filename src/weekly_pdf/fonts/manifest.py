"""The fonts manifests, declared with the schema vocabulary: fonts/manifest.toml
(the bundled fonts and the font of each role, with fallbacks) and
fonts/local/fonts.toml (an office's own licensed fonts in front of a role).

Reading a manifest gives a typed, frozen value (:class:`Manifest`,
:class:`LocalFonts`) or :class:`~weekly_pdf.errors.IssueErrors` naming every
problem with file, line, column and field path: a role that is not one of the
five, a font file outside its folder (or a link leading out), one that is
missing, a checksum that is not 64 hexadecimal digits, a role naming a font the
manifest does not list. :mod:`.fontset` makes the :class:`~.fontset.FontSet`
from them. The editors' JSON Schemas of both files come from the same
declarations (:mod:`weekly_pdf.source.schema.editor`).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from yaml.nodes import Node

from ..errors import display_path
from ..source.schema.kinds import (INVALID, Checker, Context, Field, Problem, described, entries,
                                   mapping, record, schema_of, sequence, string, text)
from ..source.layout import FONT_ROLES
from ..source.schema.toml_reading import read_toml

MANIFEST = "manifest.toml"
LOCAL_DIR = "local"
LOCAL_MANIFEST = "fonts.toml"
#: The font roles weekly-pdf supplies (one home: a layout names roles only, var(--font-<role>)).
ROLES = FONT_ROLES
#: What each role draws, for the messages and the editors' schema.
ROLE_WORDS = {"title": "小标宋：报头和文章标题", "body": "仿宋：正文、期号、版记",
              "heading": "黑体：栏目名、目录提要", "kai": "楷体：目录条目", "song": "宋体：页码"}


@dataclass(frozen=True)
class FontEntry:
    """One bundled font: [fonts.<name>] of fonts/manifest.toml."""

    name: str
    path: Path                    # fonts/<file>
    sha256: str | None = None     # lower case
    license: str | None = None    # below fonts/
    package: str | None = None
    version: str | None = None
    origin: str | None = None


@dataclass(frozen=True)
class RoleEntry:
    """[roles.<role>]: the role's font and its fallbacks, by name."""

    font: str
    fallback: tuple[str, ...] = ()
    describe: str | None = None


@dataclass(frozen=True)
class Manifest:
    """fonts/manifest.toml, checked."""

    fonts: Mapping[str, FontEntry]
    roles: Mapping[str, RoleEntry]


@dataclass(frozen=True)
class LocalFonts:
    """fonts/local/fonts.toml, checked: role → the office's font file."""

    roles: Mapping[str, Path]


def font_file(what: str, folder_words: str, description: str | None = None) -> Checker:
    """A font file named relative to the manifest's own folder, inside it
    (not through a link leading out) and present; returns its path.
    ``description``: what the editors' schema says of it (else ``what``)."""
    name = text(what)

    def check(ctx: Context, node: Node, path: str):
        value = name(ctx, node, path)
        if value is INVALID:
            return INVALID
        folder = ctx.file.parent
        target = folder / value
        if Path(value).is_absolute() or not target.resolve().is_relative_to(folder.resolve()):
            ctx.error(node, path, f"字体文件 {value} 在 {folder_words} 之外（或是指向外面的链接），不能使用")
            return INVALID
        if not target.is_file():
            ctx.error(node, path, f"字体文件 {value} 不存在（应当放在 {display_path(folder)} 里）")
            return INVALID
        return target
    return described(check, {**schema_of(name), "description": description or what})


_sha256 = string("校验值（sha256，64 位十六进制数）", pattern="[0-9A-Fa-f]{64}",
                 example="ffa76a70e128947a4dd22151d5ee829b23e24ce3cb6fe8ad49891cd1c2d9e9b9")

FONT_FIELDS = {
    "file": Field(font_file("字体文件名，在 fonts/ 里", "fonts/"), required=True),
    "sha256": Field(_sha256),
    "license": Field(text("授权文件，相对于 fonts/，例如 licenses/Fandol-COPYING.txt")),
    "package": Field(text("取自哪个软件包")),
    "version": Field(text("软件包的版本")),
    "origin": Field(text("原始文件在软件包里的位置")),
}

ROLE_FIELDS = {
    "describe": Field(text("说明")),
    "font": Field(text("字体名：[fonts.名字] 里的名字"), required=True),
    "fallback": Field(sequence(text("后备字体名：[fonts.名字] 里的名字"), "后备字体", min_items=0)),
}


_font_entry = mapping(FONT_FIELDS, "一个字体")
_role_entry = record(ROLE_FIELDS, "一个字体角色",
                     lambda v: RoleEntry(v["font"], v.get("fallback", ()), v.get("describe")))


def _unlisted(values: dict) -> list[Problem]:
    """Each role's fonts are fonts the manifest lists."""
    fonts = values["fonts"]
    problems = []
    for role, entry in values["roles"].items():
        for place, name in [("font", entry.font),
                            *((f"fallback[{i}]", n) for i, n in enumerate(entry.fallback))]:
            if name not in fonts:
                close = difflib.get_close_matches(name, list(fonts), n=1, cutoff=0.5)
                guess = f"是不是想写 {close[0]}？" if close else ""
                problems.append((f"roles.{role}.{place}",
                                 f"字体角色 {role} 用了未登记的字体 {name}；{guess}"
                                 f"已登记的字体（[fonts.名字]）：{'、'.join(fonts)}"))
    return problems


def _manifest(values: dict) -> Manifest:
    fonts = {name: FontEntry(name, v["file"], v["sha256"].lower() if "sha256" in v else None,
                             v.get("license"), v.get("package"), v.get("version"), v.get("origin"))
             for name, v in values["fonts"].items()}
    return Manifest(MappingProxyType(fonts), MappingProxyType(dict(values["roles"])))


MANIFEST_FIELDS = {
    "fonts": Field(entries(_font_entry, "随程序附带的字体", min_entries=1), required=True),
    "roles": Field(mapping({role: Field(_role_entry, required=True) for role in ROLES},
                           "字体角色"), required=True),
}
MANIFEST_KIND = record(MANIFEST_FIELDS, "字体清单", _manifest, rules=_unlisted)

LOCAL_FIELDS = {
    "roles": Field(mapping({role: Field(font_file("字体文件名，放在 fonts/local/ 里，例如 \"FZXBSJW.TTF\"",
                                                  "fonts/local/",
                                                  f"本单位的字体文件名（{ROLE_WORDS[role]}），"
                                                  f"放在 fonts/local/ 里，例如 \"FZXBSJW.TTF\""))
                            for role in ROLES}, "本单位字体的角色", check_required=False)),
}
LOCAL_KIND = record(LOCAL_FIELDS, "本单位字体清单",
                    lambda v: LocalFonts(MappingProxyType(dict(v.get("roles", {})))))


def read_manifest(fonts_dir: Path) -> Manifest:
    """fonts/manifest.toml, checked."""
    return read_toml(Path(fonts_dir) / MANIFEST, MANIFEST_KIND, what="字体清单")


def read_local(fonts_dir: Path) -> LocalFonts:
    """fonts/local/fonts.toml, checked (no roles when there is none)."""
    file = Path(fonts_dir) / LOCAL_DIR / LOCAL_MANIFEST
    if not file.is_file():
        return LocalFonts(MappingProxyType({}))
    return read_toml(file, LOCAL_KIND, what="本单位字体清单")
