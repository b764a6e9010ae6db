"""The PDFs the layout tests measure, each built once per session.

* ``seed``: the reference issue (issues/2023/2023-20.yaml);
* ``mixed``: a generated issue whose paragraphs mix Han text with digits,
  Latin words, URLs and e-mail addresses, ——, …… and paired marks, with
  titles of several lines and a character drawn by a fallback font;
* ``overflow``: text that ends too low on its page for the closing block,
  which then takes a page of its own;
* ``overflow-duplex``: the same text with ``style: duplex: true`` (and an
  office red), ending on an
  even page, so that a blank page comes before the closing block's even page;
* ``title-at-foot``: the overflow text followed by an article whose title
  would fit on the page's last two lines, but not its text;
* ``short-duplex``: a one-page issue with duplex: the block, which would fit
  on page 1, goes to page 2;
* ``punctuated``: a generated issue dense with punctuation (quotations, book
  titles, brackets, adjacent marks): held-out text for the punctuation rules;
* ``punctuated-full``: the same with ``compress_punctuation: false`` and
  ``opening_half_width: false``.

Test modules reach them through thin fixtures; results are cached here so
that several modules share one build of each.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from tests.helpers import ROOT, SEED_ISSUE
from tests.issuegen import issue_dict, mixed_issue_dict, punctuated_issue_dict, write_issue
from tests.render import pdfmeasure
from tests.built_once import build_once

#: A body character none of the bundled body fonts but a fallback draws.
FALLBACK_CHAR = "喆"
#: The masthead red the duplex build sets in its style: settings.
OFFICE_RED = "#E60012"
#: A short paragraph: one line on the grid.
ONE_LINER = "科协组织开展学习研讨会议。"


@dataclass
class Built:
    name: str
    issue: Path
    pdf: Path
    pages: list


_cache: dict[str, Built] = {}


def _folder(tmp_path_factory, name: str, style: str = "") -> Path:
    folder = tmp_path_factory.mktemp(name) / "issues"
    folder.mkdir()
    text = (ROOT / "issues" / "publication.yaml").read_text(encoding="utf-8")
    (folder / "publication.yaml").write_text(text + style, encoding="utf-8")
    return folder


def _build(name: str, builder, issue: Path, out_dir: Path, tmp_path_factory) -> Built:
    pdf = out_dir / f"{name}.pdf"
    build_once(builder, tmp_path_factory, issue, pdf)
    return Built(name, issue, pdf, pdfmeasure.read(pdf))


def mixed_data() -> dict:
    data = mixed_issue_dict(3, number=30)
    first = data["sections"][0]["articles"][0]
    first["body"] = f"王{FALLBACK_CHAR}同志介绍了有关情况。" + first["body"]
    return data


def _overflow_data(lines: int) -> dict:
    """One article of ``lines`` one-line paragraphs."""
    data = issue_dict(11, number=31, articles=2)
    data["sections"] = data["sections"][:1]
    data["sections"][0]["articles"] = data["sections"][0]["articles"][:1]
    data["sections"][0]["articles"][0]["body"] = "\n\n".join([ONE_LINER] * lines) + "\n"
    return data


def built(name: str, builder, tmp_path_factory) -> Built:
    """The named build (see the module docstring), made on first use."""
    if name in _cache:
        return _cache[name]
    out = tmp_path_factory.mktemp(f"layout-{name}")
    if name == "seed":
        issue = out / "2023" / SEED_ISSUE.name
        issue.parent.mkdir()
        shutil.copy(SEED_ISSUE, issue)
        shutil.copy(ROOT / "issues" / "publication.yaml", out / "publication.yaml")
        _cache[name] = _build(name, builder, issue, out, tmp_path_factory)
    elif name == "mixed":
        issue = write_issue(_folder(tmp_path_factory, "mixed"), mixed_data())
        _cache[name] = _build(name, builder, issue, out, tmp_path_factory)
    elif name in ("overflow", "overflow-duplex"):
        lines = _overflow_lines(builder, tmp_path_factory)
        style = f"\nstyle:\n  duplex: true\n  red: \"{OFFICE_RED}\"\n" \
            if name == "overflow-duplex" else ""
        issue = write_issue(_folder(tmp_path_factory, name, style), _overflow_data(lines))
        _cache[name] = _build(name, builder, issue, out, tmp_path_factory)
    elif name == "title-at-foot":
        data = _overflow_data(_overflow_lines(builder, tmp_path_factory) - 1)
        data["sections"][0]["articles"].append(
            {"title": "科协组织开展学习研讨会议", "body": ONE_LINER * 6 + "\n"})
        data["sections"].append({"column": "学会动态", "articles": [
            {"title": "科协组织开展学习研讨会议围绕创新驱动发展战略推进", "body": ONE_LINER * 6 + "\n"}]})
        issue = write_issue(_folder(tmp_path_factory, name), data)
        _cache[name] = _build(name, builder, issue, out, tmp_path_factory)
    elif name == "short-duplex":
        folder = _folder(tmp_path_factory, name, "\nstyle:\n  duplex: true\n")
        issue = write_issue(folder, _overflow_data(3))
        _cache[name] = _build(name, builder, issue, out, tmp_path_factory)
    elif name in ("punctuated", "punctuated-full"):
        style = "\nstyle:\n  compress_punctuation: false\n  opening_half_width: false\n" \
            if name == "punctuated-full" else ""
        issue = write_issue(_folder(tmp_path_factory, name, style), punctuated_issue_dict(11))
        _cache[name] = _build(name, builder, issue, out, tmp_path_factory)
    else:
        raise KeyError(name)
    return _cache[name]


_probe: dict[str, int] = {}


def _overflow_lines(builder, tmp_path_factory) -> int:
    """How many one-line paragraphs end the text 20 lines down an even page
    (the closing block, about 6 lines tall, then no longer fits under it)."""
    if "lines" not in _probe:
        base = 30
        folder = _folder(tmp_path_factory, "probe")
        issue = write_issue(folder, _overflow_data(base))
        probe = _build("probe", builder, issue, tmp_path_factory.mktemp("probe-out"),
                       tmp_path_factory)
        body = pdfmeasure.body_lines(probe.pages)
        last_page = body[-1].page
        on_last = sum(1 for line in body if line.page == last_page)
        lines = base + (20 - on_last)
        if last_page % 2 == 1:
            lines += 22
        _probe["lines"] = lines
    return _probe["lines"]
