"""The OFD's fonts: every one embedded as a TrueType subset (glyf outlines)
that fontTools parses, with a cmap that maps every character the pages draw
to the bundled font's own glyph for it (same outline, same advance), so that
a reader draws the text and a user can search and copy it."""

from __future__ import annotations

from functools import lru_cache

from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont

from tests.helpers import ROOT
from tests.pdf.ofd.ofdread import NS, Ofd

#: cu2qu keeps the quadratic outline within one font unit of the cubic one.
UNITS = 2


@lru_cache(maxsize=None)
def _bundled(name: str) -> TTFont:
    for suffix in (".otf", ".ttf"):
        path = ROOT / "fonts" / f"{name}{suffix}"
        if path.exists():
            return TTFont(path, lazy=True)
    raise AssertionError(f"no bundled font named {name}")


def _bounds(font: TTFont, glyph: str):
    glyphs = font.getGlyphSet()
    pen = BoundsPen(glyphs)
    glyphs[glyph].draw(pen)
    return pen.bounds


def _fonts(ofd: Ofd):
    """(FontName, TTFont) of every font of the OFD, by Font ID."""
    fonts = {}
    for res in ("PublicRes.xml",):
        root = ofd.xml(f"Doc_0/{res}")
        for font in root.iter(f"{NS}Font"):
            fonts[int(font.get("ID"))] = (font.get("FontName"), ofd.ttfont(int(font.get("ID"))))
    return fonts


def test_every_font_is_an_embedded_truetype_subset_with_a_cmap(built):
    ofd = Ofd(built.ofd)
    root = ofd.xml("Doc_0/PublicRes.xml")
    declared = list(root.iter(f"{NS}Font"))
    assert declared, "no fonts"
    for font in declared:
        assert (font.findtext(f"{NS}FontFile") or "").endswith(".ttf"), font.get("FontName")
    for name, font in _fonts(ofd).values():
        assert font.sfntVersion == "\x00\x01\x00\x00", name
        assert "glyf" in font and "CFF " not in font, name
        assert font["cmap"].getcmap(3, 1) is not None, name   # Windows Unicode BMP
        # 1970-01-01 in the head table's clock (seconds since 1904): not the build's time
        assert font["head"].created == font["head"].modified == 2082844800, name
        assert len(font.getGlyphOrder()) < 2000, name          # a subset, not the font


def test_every_character_drawn_is_in_its_fonts_cmap(built):
    ofd = Ofd(built.ofd)
    fonts = _fonts(ofd)
    for page in ofd.pages:
        assert page.root.find(f".//{NS}CGTransform") is None
        for char in page.chars:
            cmap = fonts[char.font][1].getBestCmap()
            assert ord(char.text) in cmap, (fonts[char.font][0], char)


def test_each_glyph_is_the_bundled_fonts_glyph_for_its_character(built):
    """Outline bounds within two font units and the same advance as the glyph
    the bundled font's cmap gives the character."""
    ofd = Ofd(built.ofd)
    used: dict[int, set[str]] = {}
    for page in ofd.pages:
        for char in page.chars:
            used.setdefault(char.font, set()).add(char.text)
    checked = 0
    for font_id, (name, font) in _fonts(ofd).items():
        bundled = _bundled(name)
        ours, theirs = font.getBestCmap(), bundled.getBestCmap()
        for text in sorted(used.get(font_id, ())):
            glyph, original = ours[ord(text)], theirs[ord(text)]
            assert font["hmtx"][glyph][0] == bundled["hmtx"][original][0], (name, text)
            mine, expected = _bounds(font, glyph), _bounds(bundled, original)
            if expected is None:
                assert mine is None, (name, text)
                continue
            assert all(abs(a - b) <= UNITS for a, b in zip(mine, expected)), (name, text, mine,
                                                                                expected)
            checked += 1
    assert checked > 100
