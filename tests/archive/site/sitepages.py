"""Reading the site's pages back: parsed HTML, its links, its visible words."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html


def page(path: Path):
    return lxml.html.fromstring(Path(path).read_bytes())


def text(element) -> str:
    return element.text_content()


def target(page_path: Path, href: str) -> tuple[Path, str]:
    """The file and the fragment a relative link of a page leads to."""
    parts = urlsplit(href)
    assert not parts.scheme and not parts.netloc, href
    file = (Path(page_path).parent / unquote(parts.path)).resolve() if parts.path \
        else Path(page_path).resolve()
    return file, parts.fragment


def links(site: Path):
    """(page, attribute value) of every href and src of every page of the site."""
    for path in sorted(site.rglob("*.html")):
        root = page(path)
        for element in root.iter():
            for name in ("href", "src", "action"):
                value = element.get(name)
                if value is not None:
                    yield path, element, name, value


#: Latin words a reader may meet on the site besides the issues' own text.
ALLOWED_LATIN = {"PDF", "KB", "MB", "weekly", "pdf"}
LATIN_WORD = re.compile(r"[A-Za-z]+")


def latin_words(value: str) -> set[str]:
    return set(LATIN_WORD.findall(value)) - ALLOWED_LATIN
