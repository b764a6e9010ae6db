"""The font metrics cache: keyed by the font file's sha256, the same numbers as
fontTools reads, and a damaged cache never changes a PDF."""

from __future__ import annotations

import tomllib

import pytest
from pathlib import Path

from tests.helpers import ROOT, SEED_ISSUE, run_cli


def _build(out: Path, cache: Path) -> bytes:
    result = run_cli("build", SEED_ISSUE, "-o", out, env={"WEEKLY_PDF_CACHE": str(cache)})
    assert result.returncode == 0, result.stderr
    return out.read_bytes()


def test_cached_metrics_are_what_fonttools_reads(tmp_path, monkeypatch):
    from fontTools.ttLib import TTFont

    from weekly_pdf.fonts.metrics import from_font, read_metrics
    from weekly_pdf.fonts.fontset import file_sha256
    monkeypatch.setenv("WEEKLY_PDF_CACHE", str(tmp_path))
    path = ROOT / "fonts" / "FandolSong-Regular.otf"
    sha = file_sha256(path)
    direct = from_font(TTFont(path, lazy=True))
    first = read_metrics(lambda: TTFont(path, lazy=True), sha)
    assert (tmp_path / "metrics" / f"{sha}.bin").is_file()
    again = read_metrics(lambda: (_ for _ in ()).throw(AssertionError("font read again")), sha)
    assert first == direct and dict(again.advances) == dict(direct.advances)
    assert again.units_per_em == direct.units_per_em == 1000
    assert again.advances[ord("国")] == 1000 and ord("国") in again.advances


@pytest.mark.slow
def test_a_build_fills_the_cache_by_sha256_and_a_damaged_cache_changes_nothing(tmp_path):
    cache = tmp_path / "cache"
    cold = _build(tmp_path / "cold.pdf", cache)
    manifest = tomllib.loads((ROOT / "fonts" / "manifest.toml").read_text(encoding="utf-8"))
    fandol = {entry["sha256"] for name, entry in manifest["fonts"].items()
              if name.startswith("Fandol")}
    files = {p.stem for p in (cache / "metrics").glob("*.bin")}
    assert files == fandol  # only the fonts the seed uses, each under its content's hash
    assert _build(tmp_path / "warm.pdf", cache) == cold
    for file in (cache / "metrics").glob("*.bin"):
        data = bytearray(file.read_bytes())
        data[-3] ^= 0xFF  # one advance width damaged
        file.write_bytes(bytes(data))
    assert _build(tmp_path / "damaged.pdf", cache) == cold
    truncated = next((cache / "metrics").glob("*.bin"))
    truncated.write_bytes(truncated.read_bytes()[:100])
    assert _build(tmp_path / "truncated.pdf", cache) == cold
