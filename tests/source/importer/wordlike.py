"""An issue typeset the way the old Word files were, as HTML for WeasyPrint.

Unlike our layout: paragraphs are indented with two typed 　 (U+3000) and no
CSS indent, the contents markers are typed text, every page but the first
carries a small running head, page numbers read "- 3 -", and the masthead is
a little different (issue and total on one line, publisher and date apart).
"""

from __future__ import annotations

from html import escape


def wordlike_html(issue) -> str:
    e = escape
    listed = {id(entry.article): entry.text for entry in issue.toc_entries}
    parts = [
        "<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'><style>",
        "@page { size: A4; margin: 30mm 25mm 30mm 25mm;",
        "  @bottom-center { content: '- ' counter(page) ' -'; font-family: var(--font-song);",
        "    font-size: 12pt; }",
        "  @top-center { content: '%s %s'; font-family: var(--font-song); font-size: 10.5pt; } }"
        % (e(issue.publication), f"{issue.year}年第{issue.number}期"),
        "@page :first { @top-center { content: none; } }",
        "body { font-family: var(--font-body); font-size: 16pt; line-height: 28pt; }",
        "h1 { font-family: var(--font-title); font-size: 36pt; text-align: center; color: red;",
        "  margin: 0 0 12pt; font-weight: normal; }",
        ".c { text-align: center; margin: 0; } .m { display: flex; justify-content: space-between; }",
        "h2 { font-family: var(--font-heading); font-size: 16pt; font-weight: normal; margin: 14pt 0 0; }",
        "h3 { font-family: var(--font-title); font-size: 20pt; text-align: center;",
        "  font-weight: normal; margin: 10pt 0; }",
        "p { margin: 0; text-align: justify; } .toc p { font-family: var(--font-kai); }",
        ".f p { font-size: 14pt; line-height: 22pt; } .f { margin-top: 28pt; border-top: 1px solid; }",
        "</style></head><body>",
        f"<h1>{e(issue.publication)}</h1>",
        f"<p class='c'>{issue.year}年第{issue.number}期（总第{issue.total}期）</p>",
        f"<div class='m'><span>{e(issue.publisher)}</span><span>{e(issue.date_text)}</span></div>",
        f"<div class='toc'><h2>{e(issue.toc_title)}</h2>",
        *(f"<p>◆{e(text)}</p>" for text in listed.values()),
        "</div>",
    ]
    for section in issue.sections:
        parts.append(f"<h2>【{e(section.column)}】</h2>")
        for article in section.articles:
            parts.append(f"<h3>{e(article.title)}</h3>")
            for n, paragraph in enumerate(article.paragraphs):
                tail = f"（{e(article.source)}）" if article.source and \
                    n == len(article.paragraphs) - 1 else ""
                parts.append(f"<p>\u3000\u3000{e(paragraph)}{tail}</p>")
    footer = issue.footer
    parts += ["<div class='f'>",
              f"<p>信息报送邮箱：{e(footer.email)}</p>" if footer.email else "",
              f"<p>编辑：{e(footer.editor)}\u3000\u3000\u3000\u3000审核：{e(footer.reviewer)}</p>",
              f"<p>分送：{e(footer.distribution[0])}</p>",
              *(f"<p>\u3000\u3000\u3000{e(line)}</p>" for line in footer.distribution[1:]),
              "</div></body></html>"]
    return "\n".join(parts)
