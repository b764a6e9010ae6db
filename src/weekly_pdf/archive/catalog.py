"""OUT_DIR/catalog.json and catalog.csv: every issue the archive holds a PDF of.

The CSV is UTF-8 with a byte-order mark, so that Excel opens the Chinese
correctly by double-click. Both files are rewritten by every batch, also when
nothing had to be rendered.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from .atomic import write_bytes_atomic

JSON_NAME = "catalog.json"
CSV_NAME = "catalog.csv"
CSV_HEADER = ("年份", "期号", "总期号", "日期", "栏目与文章标题", "文章数", "页数",
              "PDF 文件", "SHA-256", "期刊文件")


def entry(record: dict, *, pages: int, pdf: str, sha256: str, source: str) -> dict:
    """A catalog entry: an issue's record plus its PDF's facts."""
    return {**record, "pages": pages, "pdf": pdf, "sha256": sha256, "source": source}


def articles_text(columns: list[dict]) -> str:
    """【主题教育】标题一；标题二　【科创工作】标题三"""
    return "\u3000".join(f"\u3010{c['column']}\u3011" + "；".join(c["articles"]) for c in columns)


def write_catalog(out_dir: Path, entries: list[dict]) -> tuple[Path, Path]:
    """Write catalog.json and catalog.csv below ``out_dir``; return their paths."""
    out_dir = Path(out_dir)
    document = {"count": len(entries), "issues": entries}
    json_path, csv_path = out_dir / JSON_NAME, out_dir / CSV_NAME
    write_bytes_atomic(
        (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8"), json_path)
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for e in entries:
        writer.writerow([e["year"], e["number"], e["total"], e["date"],
                         articles_text(e["columns"]),
                         sum(len(c["articles"]) for c in e["columns"]),
                         e["pages"], e["pdf"], e["sha256"], e["source"]])
    write_bytes_atomic(text.getvalue().encode("utf-8-sig"), csv_path)
    return json_path, csv_path


def read_catalog(out_dir: Path) -> list[dict] | None:
    """The entries of ``out_dir``/catalog.json, or None when there is none."""
    try:
        data = json.loads((Path(out_dir) / JSON_NAME).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None
    return data.get("issues") if isinstance(data, dict) else None
