"""fonts/manifest.toml and fonts/local/fonts.toml are declared with the schema
vocabulary: the five roles only, font files inside their folder and present,
sha256 in hexadecimal, a role's fonts listed; every problem named with file,
line, column and field path, and the bundled manifest read into typed values."""

from __future__ import annotations

import re

import pytest

from tests.helpers import ROOT, copy_project
from weekly_pdf.errors import IssueErrors
from weekly_pdf.fonts.fontset import load_fontset
from weekly_pdf.fonts.manifest import ROLES, FontEntry, RoleEntry, read_local, read_manifest

BUNDLED = (ROOT / "fonts" / "manifest.toml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def fonts(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("project")) / "fonts"


def write(path, text: str | bytes) -> None:
    """Replace ``path`` (font files and manifests are hard links to the checkout's)."""
    path.unlink(missing_ok=True)
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)


def line_of(text: str, needle: str) -> int:
    return text[:text.index(needle)].count("\n") + 1


def manifest_errors(fonts, text: str) -> list[str]:
    write(fonts / "manifest.toml", text)
    try:
        with pytest.raises(IssueErrors) as caught:
            read_manifest(fonts)
    finally:
        write(fonts / "manifest.toml", BUNDLED)
    return [re.sub(r"^文件 \S*fonts/manifest\.toml，", "", m) for m in str(caught.value).splitlines()]


def local_errors(fonts, text: str | bytes) -> list[str]:
    write(fonts / "local" / "fonts.toml", text)
    try:
        with pytest.raises(IssueErrors) as caught:
            read_local(fonts)
    finally:
        (fonts / "local" / "fonts.toml").unlink()
    return [re.sub(r"^文件 \S*fonts/local/fonts\.toml，", "", m) for m in str(caught.value).splitlines()]


def test_the_bundled_manifest_reads_into_typed_entries():
    manifest = read_manifest(ROOT / "fonts")
    assert tuple(manifest.roles) == ROLES
    assert manifest.roles["kai"] == RoleEntry("FandolKai-Regular",
                                              ("LXGWWenKai-Regular", "NotoSerifCJKsc-Regular"),
                                              "楷体: contents entries")
    song = manifest.fonts["FandolSong-Bold"]
    assert isinstance(song, FontEntry) and song.path == ROOT / "fonts" / "FandolSong-Bold.otf"
    assert song.sha256 == "ffa76a70e128947a4dd22151d5ee829b23e24ce3cb6fe8ad49891cd1c2d9e9b9"
    with pytest.raises(Exception):
        song.sha256 = "0" * 64  # frozen


def test_a_role_that_is_not_one_of_the_five_is_named_with_a_suggestion(fonts):
    text = BUNDLED.replace("[roles.kai]", "[roles.kaiti]")
    assert manifest_errors(fonts, text) == [
        f"第 {line_of(text, '[roles.kaiti]')} 行第 8 列，字段 roles.kaiti：不认识的字段 kaiti，是不是想写 kai？"
        "字体角色可以有的字段：title、body、heading、kai、song",
        f"第 {line_of(text, '[roles.title]')} 行第 1 列，字段 roles.kai：缺少必填字段 kai（字体角色里）",
    ]


def test_wrong_types_unknown_keys_and_bad_checksums_are_named_where_they_are(fonts):
    text = (BUNDLED.replace('file = "FandolSong-Bold.otf"', 'file = 3\nfiles = "x"')
            .replace('sha256 = "d838', 'sha256 = "zz38')
            .replace('fallback = ["NotoSerifCJKsc-Bold"]', 'fallback = "NotoSerifCJKsc-Bold"'))
    checksum, fallback = line_of(text, 'sha256 = "zz38'), line_of(text, 'fallback = "Noto')
    assert manifest_errors(fonts, text) == [
        "第 13 行第 8 列，字段 fonts.FandolSong-Bold.file：需要一段文字（字体文件名，在 fonts/ 里），"
        "这里是整数“3”；文字要写在英文双引号里",
        "第 14 行第 1 列，字段 fonts.FandolSong-Bold.files：不认识的字段 files，是不是想写 file？"
        "一个字体可以有的字段：file、sha256、license、package、version、origin",
        f"第 {checksum} 行第 10 列，字段 fonts.FandolFang-Regular.sha256："
        "校验值（sha256，64 位十六进制数）的写法不对，例如 "
        "ffa76a70e128947a4dd22151d5ee829b23e24ce3cb6fe8ad49891cd1c2d9e9b9，"
        "这里是“zz38ad32ce2244d8144f408c37fe71065aba6fbb…”",
        f"第 {fallback} 行第 12 列，字段 roles.title.fallback："
        "需要一个数组（后备字体，写在方括号里，各项用逗号隔开，例如 [\"a\", \"b\"]），"
        "这里是文字“NotoSerifCJKsc-Bold”",
    ]


def test_font_files_must_lie_inside_fonts_and_exist(fonts):
    text = BUNDLED.replace('file = "FandolSong-Bold.otf"', 'file = "../FandolSong-Bold.otf"') \
        .replace('file = "FandolHei-Regular.otf"', 'file = "Missing.otf"')
    assert manifest_errors(fonts, text) == [
        "第 13 行第 8 列，字段 fonts.FandolSong-Bold.file：字体文件 ../FandolSong-Bold.otf 在 fonts/ 之外"
        "（或是指向外面的链接），不能使用",
        f"第 29 行第 8 列，字段 fonts.FandolHei-Regular.file：字体文件 Missing.otf 不存在"
        f"（应当放在 {fonts} 里）",
    ]


def test_a_role_naming_a_font_the_manifest_does_not_list_is_named(fonts):
    text = BUNDLED.replace('font = "FandolKai-Regular"', 'font = "FandolKai"').replace(
        'fallback = ["NotoSansCJKsc-Regular"]', 'fallback = ["NotoSansCJKsc-Regular", "Nope"]')
    errors = manifest_errors(fonts, text)
    nope, kai = line_of(text, '"Nope"'), line_of(text, 'font = "FandolKai"')
    assert [e.split("；")[0] for e in errors] == [
        f"第 {nope} 行第 38 列，字段 roles.heading.fallback[1]：字体角色 heading 用了未登记的字体 Nope",
        f"第 {kai} 行第 8 列，字段 roles.kai.font："
        "字体角色 kai 用了未登记的字体 FandolKai",
    ]
    assert "是不是想写 FandolKai-Regular？已登记的字体（[fonts.名字]）：FandolSong-Bold、" in errors[1]


def test_broken_toml_in_the_manifest_is_said_in_chinese(fonts):
    text = BUNDLED.replace('file = "FandolSong-Bold.otf"', 'file = FandolSong-Bold.otf')
    assert manifest_errors(fonts, text) == [
        '第 13 行第 8 列：TOML 写法有误：值的写法不对；文字要写在英文双引号里：file = "FandolSong-Bold.otf"']
    text = BUNDLED.replace('[roles.song]', '[roles.song]\nfont = "x"')
    again = line_of(text, 'font = "FandolSong-Regular"')
    assert manifest_errors(fonts, text) == [
        f"第 {again} 行第 1 列：TOML 写法有误："
        "同一个键写了两次（或者一个键既有值又被当作表）；删去或合并重复的那一行"]


def test_the_local_manifest_names_roles_and_files(fonts):
    (fonts / "local" / "FZ.ttf").write_bytes(b"")
    try:
        assert dict(read_local(fonts).roles) == {}  # no fonts.toml: no office fonts
        write(fonts / "local" / "fonts.toml", '[roles]\ntitle = "FZ.ttf"\n')
        assert dict(read_local(fonts).roles) == {"title": fonts / "local" / "FZ.ttf"}
        (fonts / "local" / "fonts.toml").unlink()
        assert local_errors(fonts, '[roles]\ntitel = "FZ.ttf"\nsong = "FZ.otf"\n') == [
            "第 2 行第 1 列，字段 roles.titel：不认识的字段 titel，是不是想写 title？"
            "本单位字体的角色可以有的字段：title、body、heading、kai、song",
            f"第 3 行第 8 列，字段 roles.song：字体文件 FZ.otf 不存在（应当放在 {fonts / 'local'} 里）",
        ]
        assert local_errors(fonts, '[role]\ntitle = "FZ.ttf"\n') == [
            "第 1 行第 2 列，字段 role：不认识的字段 role，是不是想写 roles？本单位字体清单可以有的字段：roles"]
        assert local_errors(fonts, '[roles]\n标题 = "FZ.ttf"\n') == [
            "第 2 行第 1 列：TOML 写法有误：键名 标题 用了中文；键名只能用英文字母、数字、-、_"]
    finally:
        (fonts / "local" / "FZ.ttf").unlink()


def test_a_manifest_linked_outside_fonts_is_refused_unread(fonts, tmp_path):
    outside = tmp_path / "manifest.toml"
    outside.write_text(BUNDLED, encoding="utf-8")
    (fonts / "manifest.toml").unlink()
    (fonts / "manifest.toml").symlink_to(outside)
    try:
        with pytest.raises(IssueErrors, match="fonts/manifest.toml：这是指向 fonts/ 之外的链接，不能使用"):
            load_fontset(fonts)
    finally:
        write(fonts / "manifest.toml", BUNDLED)
