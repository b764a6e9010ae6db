"""Body blocks in the issue file: what the loader makes of them, what the glyph
check sees, and the exact Chinese message for every bad block."""

from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path

import pytest
from PIL import Image as PILImage

from tests.helpers import BLOCKS_ISSUE, ROOT, run_cli
from weekly_pdf.errors import IssueErrors
from weekly_pdf.source.layout import read_layout
from weekly_pdf.source.load import load_issue
from weekly_pdf.source.model import Heading, Image, Table
from weekly_pdf.render.html import printed_texts

PICTURES = BLOCKS_ISSUE.parent / "images"

HEAD = textwrap.dedent("""\
    year: 2023
    number: 21
    total: 74
    date: 2023-07-14
    sections:
      - column: 主题教育
        articles:
          - title: 市科协召开专题读书班推进会
    """)

#: The block example of the issue-format contract, word for word.
EXAMPLE = HEAD + textwrap.indent(textwrap.dedent("""\
    body:
      - 段落……
      - heading: 一、加强组织领导        # GB/T 9704 level 1: 黑体
      - subheading: （一）完善工作机制   # level 2: 楷体
      - image: images/2023-21-1.jpg     # relative to the issue file; JPEG or PNG
        caption: 读书班现场               # optional, centred under the image
        width: 0.8                        # optional share of the type width
      - table:
          - [单位, 人数, 备注]           # first row is the header
          - [市科协机关, 126, ""]
        caption: 表1 参训人员              # optional
    note: 编者按……                       # optional per article
    source: 北京制冷学会
    """), " " * 8)


@pytest.fixture
def folder(issues_dir) -> Path:
    """issues/2023/ with images/2023-21-1.jpg (the committed reading.jpg)."""
    year = issues_dir / "2023"
    (year / "images").mkdir(parents=True)
    shutil.copy(PICTURES / "reading.jpg", year / "images" / "2023-21-1.jpg")
    return year


def write(folder: Path, text: str) -> Path:
    path = folder / "2023-21.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_contract_example_loads_into_blocks(folder):
    article = load_issue(write(folder, EXAMPLE)).sections[0].articles[0]
    assert article.note == "编者按……"
    assert article.body == (
        "段落……",
        Heading("一、加强组织领导", 1),
        Heading("（一）完善工作机制", 2),
        Image((folder / "images" / "2023-21-1.jpg").resolve(), (1800, 1200),
              caption="读书班现场", width=0.8),
        Table((("单位", "人数", "备注"), ("市科协机关", "126", "")), caption="表1 参训人员"),
    )
    assert article.paragraphs == ("段落……",)
    assert not article.ends_in_paragraph
    assert article.body[4].numeric == (False, True, False)


def test_a_block_string_body_still_gives_paragraphs(folder):
    text = HEAD + "        body: |\n          第一段。\n\n          第二段。\n"
    article = load_issue(write(folder, text)).sections[0].articles[0]
    assert article.body == ("第一段。", "第二段。")
    assert article.ends_in_paragraph


def test_the_glyph_check_sees_every_new_text_with_its_role_and_path(folder, builder):
    issue = load_issue(write(folder, EXAMPLE))
    roles = set(printed_texts(issue, read_layout(ROOT / "layouts" / "bulletin"), builder.fontset))
    a = "sections[0].articles[0]"
    assert {
        ("bulletin/layout.toml labels.note", "编者按：", "heading"),
        (f"{a}.note", "编者按……", "kai"),
        (f"{a}.body[0]", "段落……", "body"),
        (f"{a}.body[1].heading", "一、加强组织领导", "heading"),
        (f"{a}.body[2].subheading", "（一）完善工作机制", "kai"),
        (f"{a}.body[3].caption", "读书班现场", "kai"),
        (f"{a}.body[4].caption", "表1 参训人员", "kai"),
        (f"{a}.body[4].table[0][2]", "备注", "heading"),
        (f"{a}.body[4].table[1][1]", "126", "body"),
    } <= roles
    # and the loader knows where each of them was written
    assert issue.position(f"{a}.body[4].table[1][1]")[1:] == (18, 25)
    assert issue.position(f"{a}.body[1].heading")[1:] == (11, 22)


def test_a_character_no_font_has_in_a_table_cell_names_the_cell(folder):
    path = write(folder, EXAMPLE.replace("市科协机关", "市科协\U00013000机关"))
    result = run_cli("check", path)
    assert result.returncode == 1
    # The character's own column: the cell starts at column 18 with 市科协.
    assert "第 18 行第 21 列，字段 sections[0].articles[0].body[4].table[1][0]：" \
           "字 “\U00013000”（U+13000） 在所有可用字体里都没有" in result.stderr


def _error(folder: Path, text: str):
    with pytest.raises(IssueErrors) as info:
        load_issue(write(folder, text))
    assert len(info.value.errors) == 1, info.value
    error = info.value.errors[0]
    return error.line, error.column, error.path, error.message


B = "sections[0].articles[0].body"


def _image_issue(name: str, extra: str = "") -> str:
    return HEAD + f"        body:\n          - 段落。\n          - image: {name}\n{extra}"


def test_a_missing_picture(folder):
    assert _error(folder, _image_issue("images/nope.jpg")) == (
        11, 20, f"{B}[1].image",
        f"找不到图片 images/nope.jpg（应当在 {folder / 'images' / 'nope.jpg'}）")


def test_a_picture_outside_the_issue_folder(folder):
    (folder.parent / "outside.jpg").write_bytes((PICTURES / "reading.jpg").read_bytes())
    assert _error(folder, _image_issue("../outside.jpg")) == (
        11, 20, f"{B}[1].image",
        f"图片 ../outside.jpg 不在期刊文件所在的文件夹 {folder} 里（不能用“..”或链接指到外面）；"
        "请把图片复制到这个文件夹下")


def test_a_symbolic_link_leading_out_of_the_issue_folder(folder):
    (folder.parent / "outside.jpg").write_bytes((PICTURES / "reading.jpg").read_bytes())
    os.symlink(folder.parent / "outside.jpg", folder / "images" / "link.jpg")
    assert _error(folder, _image_issue("images/link.jpg"))[3].startswith(
        "图片 images/link.jpg 不在期刊文件所在的文件夹")


def test_an_absolute_picture_path(folder):
    path = folder / "images" / "2023-21-1.jpg"
    assert _error(folder, _image_issue(str(path))) == (
        11, 20, f"{B}[1].image",
        f"图片 {path} 要写成相对于期刊文件的路径（例如 images/2023-21-1.jpg），不能写完整路径")


def test_a_broken_picture(folder):
    """Refused even once WeasyPrint (which tells Pillow to accept truncated
    files) has been loaded, as in a batch or a second build in one process."""
    from weekly_pdf.pdf import engine as pdf
    pdf.start()
    data = (PICTURES / "reading.jpg").read_bytes()
    (folder / "images" / "broken.jpg").write_bytes(data[:len(data) // 2])
    line, column, path, message = _error(folder, _image_issue("images/broken.jpg"))
    assert (line, column, path) == (11, 20, f"{B}[1].image")
    assert message.startswith("图片 images/broken.jpg 不能用：图片文件已损坏，读不出来（")


def test_a_file_that_is_not_a_picture(folder):
    (folder / "images" / "note.jpg").write_text("不是图片", encoding="utf-8")
    assert _error(folder, _image_issue("images/note.jpg")) == (
        11, 20, f"{B}[1].image",
        "图片 images/note.jpg 不能用：不是能识别的图片文件（只能用 JPEG 或 PNG 图片）")


def test_an_unsupported_picture_format(folder):
    PILImage.new("RGB", (20, 10), "red").save(folder / "images" / "anim.gif")
    assert _error(folder, _image_issue("images/anim.gif")) == (
        11, 20, f"{B}[1].image",
        "图片 images/anim.gif 不能用：格式是 GIF，只能用 JPEG（.jpg）或 PNG（.png）图片；"
        "请另存为其中一种")


def test_a_picture_with_too_many_pixels(folder):
    PILImage.new("1", (10000, 6000)).save(folder / "images" / "huge.png")
    assert _error(folder, _image_issue("images/huge.png")) == (
        11, 20, f"{B}[1].image",
        "图片 images/huge.png 不能用：像素太多（10000×6000，约 6000 万像素），最多 5000 万像素；"
        "请先缩小")


def _png_header(width: int, height: int) -> bytes:
    """A PNG file's signature and IHDR chunk stating ``width`` × ``height``,
    then its end: no pixels, so a picture of any size is a few bytes."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IEND", b""))


def _jpeg_stating(width: int, height: int) -> bytes:
    """A real JPEG (a phone's: a 60 KB EXIF block before the frame header)
    whose frame header is made to state ``width`` × ``height``."""
    import io
    import struct
    out = io.BytesIO()
    exif = PILImage.Exif()
    exif[0x010E] = "x" * 60_000  # ImageDescription: 60 KB of EXIF
    PILImage.new("RGB", (64, 48), (200, 30, 30)).save(out, format="JPEG", exif=exif.tobytes())
    data = bytearray(out.getvalue())
    frame = data.index(b"\xff\xc0")
    assert frame > 60_000
    data[frame + 5:frame + 9] = struct.pack(">HH", height, width)
    return bytes(data)


#: A 108-megapixel phone photo (over Pillow's decompression limit of about
#: 89.5 million pixels), 200 MP (over twice that: Pillow's error, not its
#: warning), and 60 MP (over our 50 MP only).
OVERSIZED = [(12000, 9000, "约 10800 万像素"), (20000, 10000, "约 20000 万像素"),
             (10000, 6000, "约 6000 万像素")]


@pytest.mark.filterwarnings("error::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize("kind", ["png", "jpg"])
@pytest.mark.parametrize("width, height, count", OVERSIZED, ids=["108MP", "200MP", "60MP"])
def test_a_picture_of_any_size_over_the_limit_says_its_pixels_and_the_limit(
        folder, kind, width, height, count):
    """The size comes from the file's header: Pillow never decodes it, nor
    trips over its own decompression-bomb limit."""
    name = f"images/big.{kind}"
    (folder / name).write_bytes(_png_header(width, height) if kind == "png"
                                else _jpeg_stating(width, height))
    assert _error(folder, _image_issue(name)) == (
        11, 20, f"{B}[1].image",
        f"图片 {name} 不能用：像素太多（{width}×{height}，{count}），最多 5000 万像素；请先缩小")


def test_a_picture_just_within_the_limit_is_read(folder):
    """A header within 50 MP is no refusal by itself: the file is then decoded
    (here it has no pixels, so it is broken)."""
    (folder / "images" / "fine.png").write_bytes(_png_header(8000, 6000))
    message = _error(folder, _image_issue("images/fine.png"))[3]
    assert message.startswith("图片 images/fine.png 不能用：图片文件已损坏，读不出来"), message


def test_an_empty_picture_file(folder):
    (folder / "images" / "empty.jpg").write_bytes(b"")
    assert _error(folder, _image_issue("images/empty.jpg")) == (
        11, 20, f"{B}[1].image",
        "图片 images/empty.jpg 不能用：文件是空的（0 字节），里面没有图片；请重新保存或复制这张图片")


@pytest.mark.parametrize("magic, name", [(b"RIFF\x00\x00\x00\x00WEBPVP8 ", "WebP"),
                                         (b"\x00\x00\x00\x18ftypheic", "HEIC"),
                                         (b"BM\x00\x00", "BMP")])
def test_a_phone_or_windows_picture_format_is_named(folder, magic, name):
    (folder / "images" / "photo.jpg").write_bytes(magic + bytes(64))
    assert _error(folder, _image_issue("images/photo.jpg"))[3] == (
        f"图片 images/photo.jpg 不能用：格式是 {name}，只能用 JPEG（.jpg）或 PNG（.png）图片；"
        "请另存为其中一种")


def test_a_picture_folder_instead_of_a_file(folder):
    assert _error(folder, _image_issue("images")) == (
        11, 20, f"{B}[1].image", "images 不是图片文件（是一个文件夹）")


def test_a_width_that_is_not_a_share(folder):
    text = _image_issue("images/2023-21-1.jpg", "            width: 80%\n")
    assert _error(folder, text) == (
        12, 20, f"{B}[1].width",
        "需要一个数（图片宽度占版心宽度的比例，例如 0.8），这里是文字“80%”")
    text = _image_issue("images/2023-21-1.jpg", "            width: 1.5\n")
    assert _error(folder, text)[3] == "图片宽度占版心宽度的比例应当在 0.1 到 1.0 之间，这里是 1.5"


def test_two_kinds_in_one_item(folder):
    text = HEAD + ("        body:\n          - heading: 一、加强组织领导\n"
                   "            image: images/2023-21-1.jpg\n")
    assert _error(folder, text) == (
        10, 13, f"{B}[0]",
        "一项里只能写 heading、subheading、image、table、list 中的一个，这里写了 heading、image；"
        "请分成几项，每项以“- ”开头")


def test_a_misspelt_block_kind(folder):
    text = HEAD + "        body:\n          - haeding: 一、加强组织领导\n"
    assert _error(folder, text) == (
        10, 13, f"{B}[0].haeding",
        "不认识的字段 haeding，是不是想写 heading？正文的一项可以有的字段：heading、subheading、"
        "image、table、list")


def test_a_block_kind_in_chinese(folder):
    text = HEAD + "        body:\n          - 小标题: （一）完善工作机制\n"
    assert _error(folder, text)[3].startswith("不认识的字段 小标题，是不是想写 subheading？")


def test_a_paragraph_read_as_key_and_value(folder):
    text = HEAD + "        body:\n          - 会议指出: 要抓好落实。\n"
    assert _error(folder, text) == (
        10, 13, f"{B}[0]",
        "这一项被读成了“键: 值”（会议指出: 要抓好落实。），不是一段正文：段落里有“冒号加空格”时，"
        "请给整段加上引号；小标题写成 heading: 或 subheading:")


def test_an_unknown_field_of_a_picture(folder):
    text = _image_issue("images/2023-21-1.jpg", "            title: 现场\n")
    assert _error(folder, text) == (
        12, 13, f"{B}[1].title",
        "不认识的字段 title。图片可以有的字段：image、caption、width、height")


def test_a_heading_with_a_caption(folder):
    text = HEAD + "        body:\n          - heading: 一、加强组织领导\n            caption: x\n"
    assert _error(folder, text) == (
        11, 13, f"{B}[0].caption",
        "不认识的字段 caption。小标题可以有的字段：heading")


def test_an_empty_heading(folder):
    text = HEAD + "        body:\n          - heading: ''\n"
    assert _error(folder, text) == (
        10, 22, f"{B}[0].heading", "不能为空，需要填写一级小标题（黑体）")


def test_a_table_with_only_a_header(folder):
    text = HEAD + "        body:\n          - table:\n              - [单位, 人数]\n"
    assert _error(folder, text) == (
        11, 15, f"{B}[0].table", "表格至少要有两行：第一行是表头，下面是内容")


def test_a_table_row_with_too_few_cells(folder):
    text = HEAD + ("        body:\n          - table:\n              - [单位, 人数, 备注]\n"
                   "              - [市科协机关, 126]\n")
    assert _error(folder, text) == (
        12, 17, f"{B}[0].table[1]",
        "这一行有 2 格，表头有 3 格；每行的格数要和表头一样（空着的格子写 \"\"）")


def test_a_table_cell_that_is_a_list(folder):
    text = HEAD + ("        body:\n          - table:\n              - [单位, 人数]\n"
                   "              - [市科协机关, [1, 2]]\n")
    assert _error(folder, text) == (
        12, 25, f"{B}[0].table[1][1]", "表格的格子里只能写文字或数字，这里是列表")


def test_a_table_that_is_not_a_list_of_rows(folder):
    text = HEAD + "        body:\n          - table: 单位 人数\n"
    assert _error(folder, text) == (
        10, 20, f"{B}[0].table",
        "需要一个列表（表格的行，每项以“- ”开头），这里是文字“单位 人数”")


def test_an_empty_note(folder):
    text = HEAD + "        note: ''\n        body: 正文。\n"
    assert _error(folder, text) == (
        9, 15, "sections[0].articles[0].note", "不能为空，需要填写编者按")


def test_bad_blocks_exit_1_with_one_message_each_and_no_pdf(folder, tmp_path):
    text = _image_issue("images/nope.jpg") + "          - haeding: x\n"
    result = run_cli("build", write(folder, text), "-o", tmp_path / "x.pdf")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "找不到图片 images/nope.jpg" in result.stderr
    assert "不认识的字段 haeding" in result.stderr
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize("typed", ["编者按：本期刊发……", "【编者按】本期刊发……", "\"编者按: 本期刊发……\""])
def test_a_label_typed_before_the_note_is_dropped(folder, typed):
    text = HEAD + f"        note: {typed}\n        body: 正文。\n"
    assert load_issue(write(folder, text)).sections[0].articles[0].note == "本期刊发……"


def test_a_note_that_is_only_its_label(folder):
    text = HEAD + "        note: 编者按：\n        body: 正文。\n"
    assert _error(folder, text) == (
        9, 15, "sections[0].articles[0].note",
        "不能为空，需要填写编者按的内容（“编者按：”几个字会自动印出）")
