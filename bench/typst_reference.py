"""The Typst reference for bench/speed.py: an issue model as a Typst document.

Roughly our layout, with the same bundled fonts under Typst's names for them:
A4 with the bulletin's margins, red masthead, contents in Kai, 【columns】 in
Hei, centred titles in Song Bold, justified Fang Song body (16 pt on a
28.99 pt pitch, two-character indent), contributor lines, page numbers, and
the closing block at the foot of the last page. Every text goes in as a Typst
string literal, so nothing in an issue is read as markup.

Typst silently falls back to another font for a family name it does not know
(and then writes a smaller PDF): :func:`check_fonts` lists the fonts embedded
in Typst's PDF and refuses the comparison unless they are exactly these.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

#: Our font roles → (Typst family name, weight) for the bundled Fandol fonts.
FONTS = {
    "title": ("FandolSong", "bold"),
    "body": ("FandolFang R", "regular"),
    "heading": ("FandolHei", "regular"),
    "kai": ("FandolKai", "regular"),
    "song": ("FandolSong", "regular"),
}
#: The PostScript names that must be embedded (subset prefix removed).
EXPECTED = {"FandolSong-Bold", "FandolFang-Regular", "FandolHei-Regular", "FandolKai-Regular",
            "FandolSong-Regular"}


def s(text: str) -> str:
    """A Typst string literal (code mode)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def font(role: str) -> str:
    family, weight = FONTS[role]
    return f'font: {s(family)}, weight: "{weight}"'


def typst_source(issue) -> str:
    """The Typst document of an issue model (:class:`weekly_pdf.source.model.Issue`)."""
    out = [
        '#let red = rgb("#FF0000")',
        '#set page(paper: "a4", margin: (top: 37mm, right: 26mm, bottom: 35mm, left: 28mm),',
        '  footer: context { let n = counter(page).get().first()',
        f'    set text({font("song")}, size: 14pt)',
        '    if calc.odd(n) { align(right, [— #n —]) } else { align(left, [— #n —]) } })',
        f'#set text({font("body")}, size: 16pt, lang: "zh", region: "cn",',
        '  top-edge: "ascender", bottom-edge: "descender")',
        '#set par(justify: true, leading: 12.99pt, spacing: 12.99pt,',
        '  first-line-indent: (amount: 2em, all: true))',
        f'#align(center, text({font("title")}, size: 42pt, fill: red, tracking: 4pt,'
        f' {s(issue.publication)}))',
        f'#align(center, text({s(issue.issue_line)}))',
        f'#align(center, text({s(issue.total_line)}))',
        f'#grid(columns: (1fr, auto), {s(issue.publisher)}, {s(issue.date_text)})',
        '#v(-8pt)',
        '#line(length: 100%, stroke: 1.5pt + red)',
        f'#text({font("heading")}, {s(issue.toc_title)})',
    ]
    for entry in issue.toc_entries:
        out.append(f'#block(above: 6pt, below: 6pt, text({font("kai")}, {s(entry.text)}))')
    for section in issue.sections:
        out.append(f'#block(above: 28.99pt, text({font("heading")}, {s(section.heading)}))')
        for article in section.articles:
            out.append(f'#block(above: 14.5pt, below: 14.5pt, align(center, '
                       f'text({font("title")}, size: 22pt, {s(article.title)})))')
            for paragraph in article.paragraphs:
                out.append(f'#par({s(paragraph)})')
            if article.source:
                out.append(f'#align(right, text({s("（" + article.source + "）")}))')
    footer = issue.footer
    rows = []
    if footer.email:
        rows.append(f'[信息报送邮箱：#{s(footer.email)}]')
    rows.append(f'[编辑：#{s(footer.editor)}　　审核：#{s(footer.reviewer)}]')
    rows.append(f'[分送：#{s("，".join(footer.distribution))}]')
    out += [
        '#v(1fr)',
        '#block(breakable: false, {',
        '  set text(size: 14pt)',
        '  set par(first-line-indent: 0pt, leading: 8pt)',
        '  line(length: 100%, stroke: 0.35mm)',
        *(f'  pad(x: 14pt, {row})' for row in rows[:-1]),
        '  line(length: 100%, stroke: 0.25mm)',
        f'  pad(x: 14pt, {rows[-1]})',
        '  line(length: 100%, stroke: 0.35mm)',
        '})',
    ]
    return "\n".join(out) + "\n"


def embedded_fonts(pdf: Path) -> set[str]:
    """The fonts a PDF embeds (pdffonts when installed, else pypdf), subset tags removed."""
    if shutil.which("pdffonts"):
        lines = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                               check=True).stdout.splitlines()[2:]
        names = {line.split()[0] for line in lines if line.strip()}
    else:
        from pypdf import PdfReader
        names = set()
        for page in PdfReader(pdf).pages:
            for ref in (page.get("/Resources", {}).get("/Font", {}) or {}).values():
                names.add(str(ref.get_object()["/BaseFont"]).lstrip("/"))
    return {re.sub(r"^[A-Z]{6}\+", "", name).removesuffix("-Identity-H") for name in names}


def check_fonts(pdf: Path) -> set[str]:
    """Refuse a Typst PDF that does not embed exactly the bundled fonts we use."""
    found = embedded_fonts(pdf)
    if found != EXPECTED:
        raise SystemExit(f"Typst embedded {sorted(found)}, expected {sorted(EXPECTED)}: "
                         "a family name is wrong and Typst fell back to another font")
    return found
