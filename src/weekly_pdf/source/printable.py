"""Which characters of an issue can be printed, decided per Unicode class.

- *refused*: C0/C1 control characters other than tab and line breaks (BEL,
  ESC, NUL...), lone surrogates and the bidirectional embedding, override and
  isolate controls (U+202A–202E, U+2066–2069, which would reverse or reorder
  the text as printed). The loader names each with its line, column and code
  point; nothing is dropped silently.
- *invisible*: the default-ignorable characters (zero-width space and joiners,
  word joiner, soft hyphen, variation selectors, BOM...). The shaper draws
  nothing for them, so they need no glyph; a field made only of them (and
  white space) counts as empty.
- everything else, combining marks included, must have a glyph in a font of
  its role: the glyph check (:meth:`weekly_pdf.fonts.fontset.FontSet.check`) refuses
  any character no font draws, so nothing is ever printed as an empty box.
"""

from __future__ import annotations

import unicodedata

#: Control characters that are white space in a YAML scalar: kept (as spaces/breaks).
_ALLOWED_CONTROLS = frozenset("\t\n\r")
#: Bidirectional embedding, override and isolate controls.
BIDI_CONTROLS = frozenset(chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)])

#: Unicode's Default_Ignorable_Code_Point ranges (DerivedCoreProperties.txt),
#: without the bidi controls above (refused, not ignored). The archive's search
#: folds them away (weekly_pdf.archive.search).
IGNORABLE_RANGES = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160),
    (0x17B4, 0x17B5), (0x180B, 0x180F), (0x200B, 0x200F), (0x2060, 0x2065),
    (0x206A, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)

_CONTROL_NAMES = {0x00: "空字符 NUL", 0x07: "响铃 BEL", 0x08: "退格 BS", 0x0B: "垂直制表符 VT",
                  0x0C: "换页符 FF", 0x1B: "转义 ESC", 0x7F: "删除 DEL", 0x85: "下一行 NEL"}


def is_invisible(char: str) -> bool:
    """A default-ignorable character: takes no room, needs no glyph."""
    code = ord(char)
    return any(low <= code <= high for low, high in IGNORABLE_RANGES)


def is_blank(text: str) -> bool:
    """Nothing visible: only white space and invisible characters."""
    return all(char.isspace() or is_invisible(char) for char in text)


def refusal(char: str) -> str | None:
    """Why ``char`` may not be printed (Chinese, with its code point), or None."""
    code = ord(char)
    category = unicodedata.category(char)
    if category == "Cc" and char not in _ALLOWED_CONTROLS:
        name = _CONTROL_NAMES.get(code)
        what = f"控制字符 U+{code:04X}" + (f"（{name}）" if name else "")
        return f"有{what}，它不是可以印出的字；请删去（常见于从别处复制来的文字）"
    if category == "Cs":
        return (f"有无效的字符 U+{code:04X}（单独的代理项，不是一个真正的字，"
                f"常见于复制粘贴出错的文字）；请删去或重新输入这个字")
    if char in BIDI_CONTROLS:
        name = unicodedata.name(char, "")
        return (f"有双向文字控制符 U+{code:04X}（{name}），它会颠倒或打乱文字的显示顺序；"
                f"请删去")
    return None


def needs_glyph(char: str) -> bool:
    """Whether the glyph check must find ``char`` in a font."""
    return not (char.isspace() or is_invisible(char))
