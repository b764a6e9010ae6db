"""The engine boundary: only weekly_pdf.pdf.engine imports WeasyPrint or pydyf,
and every private part of them it relies on is still there, as it expects.

Each test below is one entry of the list in weekly_pdf.pdf.engine's
docstring. When a WeasyPrint or pydyf upgrade changes one of them, the test
that fails names it: fix the engine module it names, then the docstring.
"""

from __future__ import annotations

import ast
import inspect
import zlib
from pathlib import Path

import pytest

from tests.helpers import ROOT

PACKAGE = ROOT / "src" / "weekly_pdf"
ENGINE = PACKAGE / "pdf" / "engine"


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_only_the_engine_package_imports_weasyprint_or_pydyf():
    outside = sorted(
        str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.py")
        if ENGINE not in path.parents and _imported_modules(path) & {"weasyprint", "pydyf"})
    assert outside == [], f"WeasyPrint/pydyf imported outside pdf/engine: {outside}"


@pytest.fixture(scope="module")
def engine():
    from weekly_pdf.pdf.engine import start
    return start()


def _signature(function) -> list[str]:
    return list(inspect.signature(function).parameters)


def _fail(use: str, module: str, detail: str):
    pytest.fail(f"WeasyPrint changed private use '{use}' (weekly_pdf/pdf/engine/{module}): "
                f"{detail}")


# 1. Measuring and moving a laid-out block (pages.py).

def test_private_use_1_page_boxes_can_be_measured_and_moved(engine, builder):
    from weasyprint.document import Page
    from weasyprint.layout.background import layout_box_backgrounds

    pages = builder.renderer.layout(
        '<html><body><p class="a">一</p><p class="b">二</p></body></html>',
        base_dir=ROOT / "layouts" / "bulletin")
    page = pages.document.pages[0]
    if not hasattr(page, "_page_box"):
        _fail("Page._page_box", "pages.py", "a laid-out Page has no _page_box")
    page_box = page._page_box
    boxes = [box for box in page_box.descendants()
             if getattr(box, "element", None) is not None and box.element.get("class") == "b"]
    assert boxes, _fail("Box.descendants / Box.element", "pages.py", "cannot find a box by class")
    box = boxes[0]
    for name in ("position_y", "margin_top"):
        if not isinstance(getattr(box, name, None), (int, float)):
            _fail(f"Box.{name}", "pages.py", "missing or not a number")
    for name in ("border_height", "translate"):
        if not callable(getattr(box, name, None)):
            _fail(f"Box.{name}()", "pages.py", "missing")
    if not callable(getattr(page_box, "content_box_y", None)):
        _fail("PageBox.content_box_y()", "pages.py", "missing")
    if _signature(layout_box_backgrounds)[:3] != ["page", "box", "get_image_from_uri"]:
        _fail("layout_box_backgrounds(page, box, get_image_from_uri)", "pages.py",
              f"signature is now {_signature(layout_box_backgrounds)}")
    if _signature(Page.__init__)[1:2] != ["page_box"]:
        _fail("Page(page_box)", "pages.py", f"signature is now {_signature(Page.__init__)}")
    before = box.position_y
    assert pages.move_down("b", 15.0)
    assert box.position_y == pytest.approx(before + 20.0)  # 15 pt = 20 px


def test_private_use_1_flow_reports_every_part_of_a_marked_element(engine, builder):
    """Pages.flow: a paragraph marked with an attribute and split over two
    pages is reported on both, its first part ending where its lines end
    (not where WeasyPrint stretches the split box, the page's foot)."""
    lines = "\n".join(f"第{i}行" for i in range(80))
    pages = builder.renderer.layout(
        '<html><body style="margin: 0"><p data-x="a" style="white-space: pre; '
        f'line-height: 20px; margin: 0">{lines}</p><p data-x="b">尾</p></body></html>',
        base_dir=ROOT / "layouts" / "bulletin")
    parts = pages.flow("data-x")
    assert [(p.key, p.page, p.first, p.last) for p in parts] == [
        ("a", 1, True, False), ("a", 2, False, True), ("b", 2, True, True)]
    first, second = parts[0], parts[1]
    assert first.top == pytest.approx(0, abs=0.01)
    assert first.height == pytest.approx(15 * round(first.height / 15), abs=0.01)  # whole lines
    assert round(first.height / 15) + round(second.height / 15) == 80
    assert pages.type_height > first.bottom - 15


# 2 and 3. Registering font files without copies (fonts.py).

def test_private_use_2_and_3_font_configuration_internals(engine):
    from weasyprint.text import ffi as text_ffi
    from weasyprint.text.fonts import FontConfiguration

    for name in ("ffi", "fontconfig", "pangoft2"):
        if not hasattr(text_ffi, name):
            _fail(f"weasyprint.text.ffi.{name}", "fonts.py", "gone")
    for function in ("FcConfigParseAndLoadFromMemory", "FcConfigAppFontAddFile"):
        if not hasattr(text_ffi.fontconfig, function):
            _fail(f"fontconfig.{function}", "fonts.py", "not exposed by WeasyPrint's ffi")
    if not hasattr(text_ffi.pangoft2, "pango_fc_font_map_config_changed"):
        _fail("pangoft2.pango_fc_font_map_config_changed", "fonts.py", "not exposed")
    fonts = engine.Fonts()
    for name in ("_config", "font_map", "_folder"):
        if not hasattr(fonts, name):
            _fail(f"FontConfiguration.{name}", "fonts.py", "no such attribute")
    assert isinstance(fonts, FontConfiguration)


# 4. Reading font files late (fonts.py).

def test_private_use_4_pdf_font_class_is_swappable_and_as_expected(engine):
    from weasyprint.pdf import fonts as pdf_fonts
    from weasyprint.pdf import stream
    from weasyprint.text import ffi as text_ffi
    from weasyprint.text.fonts import get_hb_object_data

    if not getattr(stream.Font, "reads_file_late", False):
        _fail("weasyprint.pdf.stream.Font", "fonts.py",
              "the stream module no longer looks its Font class up where we replace it")
    if not issubclass(stream.Font, pdf_fonts.Font):
        _fail("weasyprint.pdf.fonts.Font", "fonts.py", "our subclass lost its base")
    if _signature(pdf_fonts.Font.subset)[1:] != ["to_unicode", "hinting"]:
        _fail("Font.subset(to_unicode, hinting)", "fonts.py",
              f"signature is now {_signature(pdf_fonts.Font.subset)}")
    source = inspect.getsource(pdf_fonts.Font)
    for name in ("file_content", "hb_face", "missing", "glyph_count", "family", "index"):
        if f"self.{name}" not in source:
            _fail(f"Font.{name}", "fonts.py", "no longer set by WeasyPrint's Font")
    assert callable(get_hb_object_data)
    for name in ("harfbuzz", "harfbuzz_subset"):
        if not hasattr(text_ffi, name):
            _fail(f"weasyprint.text.ffi.{name}", "fonts.py", "gone")


# 5. pydyf's stream compression (finish.py).

def test_private_use_5_pydyf_compresses_streams_as_we_mirror_it():
    import pydyf

    from weekly_pdf.pdf.engine.finish import _flate

    data = bytes(range(256)) * 64
    written = pydyf.Stream([data], compress=True).data
    body = written[written.index(b"stream\n") + 7:written.rindex(b"\nendstream")]
    if body != _flate(data):
        _fail("pydyf's Flate settings (zlib.compressobj(level=9))", "finish.py",
              "pydyf encodes streams differently now")
    assert zlib.decompress(body) == data


# Public behaviour relied on: element ids become named destinations.

def test_element_ids_are_written_as_named_destinations_at_their_first_part(engine, builder,
                                                                           tmp_path):
    """weekly_pdf.source.placemarks: the templates give what placement moved
    an id, and the importer finds it as a named destination of the PDF —
    the name, the page of the element's first part, its top. A paragraph
    split over two pages is named once, on the first; a table row by its
    top. The producer names weekly-pdf (the importer reads marks only then)."""
    import pypdf

    lines = "\n".join(f"第{i}行" for i in range(80))
    html = ('<html><style>@page { margin: 0 }</style><body style="margin: 0">'
            '<p style="margin: 0; height: 100px">上</p>'
            '<p id="wp-continued-0-0-1-2" style="white-space: pre; line-height: 20px; margin: 0">'
            f'{lines}</p><table style="border-collapse: collapse"><tr><td>头</td></tr>'
            '<tr id="wp-row-0-0-2-1"><td>行</td></tr></table></body></html>')
    pages = builder.renderer.layout(html, base_dir=ROOT / "layouts" / "bulletin")
    data, count = builder.renderer.write(pages)
    path = tmp_path / "ids.pdf"
    path.write_bytes(data)
    reader = pypdf.PdfReader(str(path))
    assert reader.metadata.producer.startswith("weekly-pdf ")
    numbers = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages, 1)}
    named = {name: (numbers[dest.page.idnum], float(dest.top))
             for name, dest in reader.named_destinations.items()}
    assert set(named) == {"wp-continued-0-0-1-2", "wp-row-0-0-2-1"}
    height = float(reader.pages[0].mediabox.height)
    # under the first paragraph's 100 px (75 pt) on page 1 (the page has no margin)
    assert named["wp-continued-0-0-1-2"] == (1, pytest.approx(height - 75, abs=0.01))
    assert named["wp-row-0-0-2-1"][0] == count > 1
