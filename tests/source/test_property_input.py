"""Property-based: issue files of arbitrary Unicode, sizes and structures, valid
YAML and broken. Every one ends in a PDF or in clear Chinese errors naming the
file; never a traceback, never another exception (issue 9).

Most examples go through the loader and the glyph check (fast); a handful are
built into PDFs and run through the command line (``slow``). Derandomized, with
no example database, so that CI sees the same examples every run.
"""

from __future__ import annotations

import re
import string

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.helpers import ROOT, run_cli
from weekly_pdf.errors import IssueError, IssueErrors, WeeklyPdfError
from weekly_pdf.source.load import load_issue
from weekly_pdf.render.html import printed_texts
from weekly_pdf.source.layout import read_layout

CHINESE = re.compile(r"[\u4e00-\u9fff]")

#: Characters that have broken things before, mixed into arbitrary text.
TRICKY = ("\u0000\u0007\u001b\u007f\u0085\u009b"        # C0/C1 controls
          "\u202a\u202e\u2066\u2069\u200e"              # bidi
          "\u200b\u200d\u2060\ufeff\u00ad\ufe0f"        # invisible
          "\u0301\u1ab0\u20d0\u20dd\u0489"              # combining marks
          "\u3000\u00a0\t：:#&*!|>-'\"{}[]%@`\\"         # YAML-significant, odd spaces
          "\ue000\U0010fffd\U0001f600\u2028\u2029")     # private use, emoji, separators

text = st.text(alphabet=st.one_of(st.characters(codec="utf-8"), st.sampled_from(TRICKY),
                                  st.sampled_from("科协会议召开，。、“”（）《》")),
               max_size=60)
scalar = st.one_of(text, st.integers(-10**6, 10**6), st.booleans(), st.none(),
                   st.floats(allow_nan=False), st.dates())
KEYS = ("year", "number", "total", "date", "sections", "column", "articles", "title", "body",
        "toc", "source", "footer", "editor", "reviewer", "distribution", "email", "layout",
        "style", "pdfa", "publication", "publisher", "toc_title", "note", "heading", "table")
anything = st.recursive(scalar, lambda children: st.one_of(
    st.lists(children, max_size=4),
    st.dictionaries(st.one_of(st.sampled_from(KEYS), text), children, max_size=4)), max_leaves=12)

article = st.fixed_dictionaries(
    {"title": text, "body": st.one_of(text, st.lists(st.one_of(text, anything), max_size=4))},
    optional={"toc": st.one_of(st.booleans(), text), "source": text, "note": text,
              "extra": anything})
section = st.fixed_dictionaries({"column": text, "articles": st.lists(article, max_size=3)})
issue_like = st.fixed_dictionaries(
    {"year": st.one_of(st.just(2023), st.integers(), text),
     "number": st.one_of(st.just(20), st.integers(-5, 10**30), text),
     "total": st.one_of(st.just(73), st.integers(-5, 10**30)),
     "date": st.one_of(st.just("2023-07-07"), st.dates().map(str), text),
     "sections": st.one_of(st.lists(section, min_size=1, max_size=3), anything)},
    optional={"footer": anything, "style": anything, "pdfa": anything, "layout": text,
              "publication": text})


def _dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False)


@st.composite
def issue_files(draw) -> bytes:
    """The bytes of an issue file: dumped YAML, often mutated into broken YAML."""
    source = _dump(draw(issue_like))
    piece = st.one_of(text, st.sampled_from(['"\\ud800"', '"a\\x07b"', '"\\u202e"', "\\",
                                             "&a [*a, *a]", "！！", "- - -", "---\n", "? "]))
    edits = draw(st.lists(st.tuples(st.sampled_from(["insert", "delete", "cut", "indent"]),
                                    st.integers(0, 10**6), piece), max_size=3))
    for kind, at, piece in edits:
        at %= len(source) + 1
        if kind == "insert":
            source = source[:at] + piece + source[at:]
        elif kind == "delete":
            source = source[:at] + source[at + len(piece):]
        elif kind == "cut":
            source = source[:at]
        else:  # re-indent a line with odd spaces or tabs
            lines = source.split("\n")
            i = at % len(lines)
            lines[i] = draw(st.sampled_from(["\u3000", "\u00a0", "\t", "   "])) + lines[i]
            source = "\n".join(lines)
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "gb18030"]))
    return source.encode(encoding, errors="surrogatepass" if encoding == "utf-8" else "replace")


def _assert_clear(error: WeeklyPdfError, path) -> None:
    message = str(error)
    message.encode("utf-8")  # printable on a UTF-8 terminal: no lone surrogate
    assert CHINESE.search(message), message
    assert "Traceback" not in message and "内部错误" not in message
    if isinstance(error, IssueErrors):
        assert error.errors
        for one in error.errors:
            assert isinstance(one, IssueError) and one.file is not None
            assert CHINESE.search(one.message), one.message


def _write(issues_dir, data: bytes):
    path = issues_dir / "2023" / "2023-20.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


FAST = settings(max_examples=400, derandomize=True, database=None, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])


@pytest.mark.slow
@FAST
@given(data=issue_files())
def test_any_issue_file_loads_and_passes_the_glyph_check_or_is_a_clear_error(
        builder, tmp_path_factory, data):
    issues_dir = tmp_path_factory.mktemp("prop")
    (issues_dir / "publication.yaml").write_bytes((ROOT / "issues" / "publication.yaml").read_bytes())
    path = _write(issues_dir, data)
    try:
        issue = load_issue(path)
        layout = read_layout(ROOT / "layouts" / "bulletin")
        builder.fontset.check(printed_texts(issue, layout, builder.fontset), path, issue.positions)
        event("loaded and every character drawable")
    except WeeklyPdfError as exc:
        _assert_clear(exc, path)
        event("refused")


@pytest.mark.slow
@FAST
@given(data=issue_files())
def test_valid_structures_of_arbitrary_text_load_or_name_the_field(builder, tmp_path_factory,
                                                                  data):
    """Structured like a real issue: errors then name a field path."""
    issues_dir = tmp_path_factory.mktemp("prop")
    path = _write(issues_dir, data)
    try:
        load_issue(path, defaults=ROOT / "issues" / "publication.yaml")
        event("loaded")
    except IssueErrors as exc:
        _assert_clear(exc, path)
        event("refused")


SLOW = settings(max_examples=6, derandomize=True, database=None, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])

printable_text = st.text(alphabet=st.one_of(st.sampled_from("科协会议召开，。、“”（）《》 "),
                                            st.characters(codec="utf-8"),
                                            st.sampled_from(string.ascii_letters + "/.-_?=&")),
                         min_size=1, max_size=80)


@pytest.mark.slow
@SLOW
@given(title=printable_text, body=st.lists(printable_text, min_size=1, max_size=3),
       column=printable_text)
def test_arbitrary_text_builds_a_pdf_or_is_refused_through_the_command_line(
        tmp_path_factory, title, body, column):
    issues_dir = tmp_path_factory.mktemp("prop-cli")
    (issues_dir / "publication.yaml").write_bytes((ROOT / "issues" / "publication.yaml").read_bytes())
    data = {"year": 2023, "number": 20, "total": 73, "date": "2023-07-07",
            "sections": [{"column": column, "articles": [{"title": title, "body": body}]}]}
    path = _write(issues_dir, _dump(data).encode("utf-8", errors="surrogatepass"))
    out = issues_dir / "out.pdf"
    result = run_cli("build", path, "-o", out)
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr and "内部错误" not in result.stderr
    if result.returncode == 0:
        assert out.read_bytes().startswith(b"%PDF")
    else:
        assert CHINESE.search(result.stderr) and not out.exists()
