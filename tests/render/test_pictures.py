"""A checked picture as it goes into the PDF (weekly_pdf.render.pictures):
upright, sRGB on white, no metadata, the same bytes every time."""

from __future__ import annotations

import io

from PIL import Image as PILImage

from tests.helpers import BLOCKS_ISSUE
from weekly_pdf.render.pictures import print_bytes
from weekly_pdf.source.images import probe

PICTURES = BLOCKS_ISSUE.parent / "images"


def test_pictures_are_prepared_the_same_way_every_time():
    """No metadata, fixed encoder settings: the bytes depend on the picture and
    its printed size only; flat pictures stay PNG, photographs become JPEG."""
    first = print_bytes(PICTURES / "reading.jpg", 300.0)
    assert first == print_bytes(PICTURES / "reading.jpg", 300.0)
    assert first[1] == "image/jpeg"
    assert b"Exif" not in first[0][:200] and b"ICC_PROFILE" not in first[0]
    logo, mime = print_bytes(PICTURES / "logo.png", 180.0)
    assert mime == "image/png"
    flat = PILImage.open(io.BytesIO(logo))
    assert flat.mode == "RGB" and flat.getpixel((0, 0)) == (255, 255, 255)  # alpha on white
    grey = PILImage.open(io.BytesIO(print_bytes(PICTURES / "grey16.png", 150.0)[0]))
    # 16 bits scaled to 8, not clipped: black at the top, mid-grey, white at the foot
    assert grey.mode == "RGB"
    assert [grey.getpixel((0, y))[0] // 32 for y in (0, grey.height // 2, grey.height - 1)] \
        == [0, 4, 7]


def test_a_photo_turned_by_its_exif_orientation_is_measured_and_printed_upright(tmp_path):
    """Phones store portrait photos landscape with an orientation tag (6: turn
    right): the loader's size and the printed picture are upright."""
    photo = PILImage.new("RGB", (200, 100), (30, 120, 200))
    exif = PILImage.Exif()
    exif[0x0112] = 6
    path = tmp_path / "portrait.jpg"
    photo.save(path, exif=exif.tobytes())
    assert probe(path).pixels == (100, 200)
    printed = PILImage.open(io.BytesIO(print_bytes(path, 75.0)[0]))
    assert printed.size == (100, 200)
    assert "exif" not in printed.info
