"""Does a PDF's text, read back with poppler's pdftotext, hold the expected pieces in order?

The pieces are every line of the reference text (:func:`seed_in_order`) or
every printed piece of an issue file (:func:`issue_in_order`): masthead,
contents, columns, titles, paragraphs, contributors, closing block. Page-number
lines are ignored; text is compared after NFKC normalisation with all white
space removed, so line breaks and justification do not matter, but a lost,
changed or misplaced piece does.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from tests.helpers import SEED_TEXT

PAGE_NUMBER_LINE = re.compile(r"\s*[—–\-]*\s*\d+\s*[—–\-]*\s*")


@dataclass(frozen=True)
class TextCheck:
    found: int
    total: int
    missing: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.missing

    def __str__(self) -> str:
        lines = [f"missing or out of order: {piece[:60]}" for piece in self.missing[:5]]
        return "\n".join([*lines, f"found {self.found}/{self.total} pieces in order"])


def seed_in_order(pdf: Path, seed_text: Path = SEED_TEXT) -> TextCheck:
    """Every line of the reference text (list dashes dropped) is in ``pdf``, in order."""
    return in_order(pdf, seed_pieces(seed_text))


def issue_in_order(pdf: Path, issue_file: Path) -> TextCheck:
    """Every printed piece of ``issue_file`` is in ``pdf``, in order."""
    return in_order(pdf, issue_pieces(issue_file))


def in_order(pdf: Path, pieces: list[str]) -> TextCheck:
    text = pdf_text(pdf)
    position, found, missing = 0, 0, []
    for piece in pieces:
        index = text.find(piece, position)
        if index < 0:
            missing.append(piece)
        else:
            found += 1
            position = index + len(piece)
    return TextCheck(found, len(pieces), tuple(missing))


def normalise(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def pdf_text(pdf: Path) -> str:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          text=True, check=True, timeout=120).stdout
    return normalise("\n".join(line for line in text.splitlines()
                               if not PAGE_NUMBER_LINE.fullmatch(line)))


def seed_pieces(path: Path) -> list[str]:
    pieces = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("- "):
            line = line[2:]
        if line:
            pieces.append(normalise(line))
    return pieces


def issue_pieces(path: Path) -> list[str]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    pieces = [data["publication"], data["publisher"]]
    articles = [a for section in data["sections"] for a in section["articles"]]
    if any("toc" in a for a in articles):
        contents = [a for a in articles if a.get("toc")]
    else:
        contents = [dict(a, toc=True) for a in articles]
    pieces += [a["toc"] if isinstance(a["toc"], str) else a["title"] for a in contents]
    for section in data["sections"]:
        pieces.append(f"【{section['column']}】")
        for article in section["articles"]:
            pieces.append(article["title"])
            body = article["body"]
            pieces += body if isinstance(body, list) else [
                p for p in re.split(r"\n\s*\n", body) if p.strip()]
            if article.get("source"):
                pieces.append(f"（{article['source']}）")
    footer = data["footer"]
    pieces += [footer["email"], footer["editor"], footer["reviewer"], *footer["distribution"]]
    return [normalise(piece) for piece in pieces]
