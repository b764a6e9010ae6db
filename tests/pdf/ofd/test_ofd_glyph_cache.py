"""The converted-glyph cache (weekly_pdf.pdf.ofd.glyphcache): the OFD is byte for
byte the same made with an empty cache, with a full one and with a damaged
one, and a damaged or foreign cache file is replaced, never trusted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CONVERT = (
    "import sys\n"
    "from pathlib import Path\n"
    "from weekly_pdf.pdf.ofd import pdf_to_ofd\n"
    "sys.stdout.buffer.write(pdf_to_ofd(Path(sys.argv[1]).read_bytes()))\n")


def _convert(pdf: Path, cache: Path) -> bytes:
    """The OFD of ``pdf`` made in a fresh process whose glyph cache is ``cache``."""
    result = subprocess.run([sys.executable, "-c", CONVERT, str(pdf)], capture_output=True,
                            timeout=600, env={"PATH": "/usr/bin:/bin", "WEEKLY_PDF_CACHE": str(cache)})
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout


def test_the_same_ofd_with_an_empty_a_full_and_a_damaged_cache(seed_built, tmp_path):
    cache = tmp_path / "cache"
    expected = seed_built.ofd.read_bytes()
    assert _convert(seed_built.output, cache) == expected          # empty: filled
    files = {p.name: p.stat().st_size for p in (cache / "ofd-glyphs").iterdir()}
    assert set(files) == {"FandolFang-Regular.bin", "FandolHei-Regular.bin",
                          "FandolKai-Regular.bin", "FandolSong-Bold.bin",
                          "FandolSong-Regular.bin"}
    assert _convert(seed_built.output, cache) == expected          # full: read
    body = cache / "ofd-glyphs" / "FandolFang-Regular.bin"
    data = bytearray(body.read_bytes())
    data[len(data) // 2] ^= 0xFF                                   # one record damaged
    body.write_bytes(bytes(data[: len(data) * 3 // 4]))           # and the file cut short
    assert _convert(seed_built.output, cache) == expected
    assert body.stat().st_size == files["FandolFang-Regular.bin"]  # rewritten whole


def test_a_cache_written_by_another_conversion_is_not_used(seed_built, tmp_path):
    cache = tmp_path / "cache"
    folder = cache / "ofd-glyphs"
    folder.mkdir(parents=True)
    foreign = folder / "FandolFang-Regular.bin"
    foreign.write_bytes(b"WPDFOFG1" + (5).to_bytes(2, "little") + b"other" + b"\0" * 200)
    assert _convert(seed_built.output, cache) == seed_built.ofd.read_bytes()
    assert foreign.read_bytes().startswith(b"WPDFOFG1") and b"fontTools" in foreign.read_bytes()
