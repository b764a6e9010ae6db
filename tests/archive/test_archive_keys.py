"""What makes an issue stale: the key of its inputs (no rendering here)."""

from __future__ import annotations

import os
import shutil

from tests.helpers import ROOT, pdfa_options
from tests.archive.archive_tools import new_archive
from tests.issuegen import write_archive
from weekly_pdf.archive.inputs import SharedInputs, fonts_digest, layouts_digest
from weekly_pdf.options import BuildOptions


def _shared(**changes) -> SharedInputs:
    parts = dict(program="p", layouts="l", fonts="f", options=BuildOptions())
    parts.update(changes)
    return SharedInputs(**parts)


def test_key_follows_the_issue_its_defaults_and_everything_shared(tmp_path):
    issues = new_archive(tmp_path)
    a, b = write_archive(issues, 2)
    shared = _shared()
    key_a, key_b = shared.issue_key(a, "2023/2023-01.pdf"), shared.issue_key(b, "2023/2023-02.pdf")
    assert key_a == shared.issue_key(a, "2023/2023-01.pdf")          # stable
    stat = a.stat()
    os.utime(a, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))     # touch
    assert shared.issue_key(a, "2023/2023-01.pdf") != key_a
    assert shared.issue_key(b, "2023/2023-02.pdf") == key_b           # the other one is not stale
    key_a = shared.issue_key(a, "2023/2023-01.pdf")
    defaults = issues / "publication.yaml"
    defaults.write_text(defaults.read_text(encoding="utf-8") + "# 改动\n", encoding="utf-8")
    assert shared.issue_key(a, "2023/2023-01.pdf") != key_a           # defaults changed
    key_a = shared.issue_key(a, "2023/2023-01.pdf")
    for change in (dict(program="p2"), dict(layouts="l2"), dict(fonts="f2"),
                   dict(options=pdfa_options("1b"))):
        assert _shared(**change).issue_key(a, "2023/2023-01.pdf") != key_a


def test_key_follows_the_office_term_list(tmp_path):
    """A term added to issues/terms.txt can wrap a title differently: every
    issue that reads the list is stale; a list that is no file counts as none."""
    issues = new_archive(tmp_path)
    (a,) = write_archive(issues, 1)
    shared = _shared()
    key = shared.issue_key(a, "2023/2023-01.pdf")
    terms = issues / "terms.txt"
    terms.write_text("北京制冷学会\n", encoding="utf-8")
    with_terms = shared.issue_key(a, "2023/2023-01.pdf")
    assert with_terms != key
    terms.write_text("北京制冷学会\n中信和业\n", encoding="utf-8")
    assert shared.issue_key(a, "2023/2023-01.pdf") not in (key, with_terms)
    terms.unlink()
    os.mkfifo(terms)  # read by the build, which says what it is; never here
    assert shared.issue_key(a, "2023/2023-01.pdf") == key


def test_key_follows_the_pictures_the_issue_names(tmp_path):
    """A picture of an image: block replaced under the same name makes its issue stale."""
    issues = new_archive(tmp_path)
    a = issues / "2023" / "2023-01.yaml"
    (a.parent / "images").mkdir(parents=True)
    picture = a.parent / "images" / "2023-01-1.jpg"
    picture.write_bytes(b"one")
    a.write_text("year: 2023\nnumber: 1\ntotal: 54\ndate: 2023-01-06\nsections:\n"
                 "  - column: 主题教育\n    articles:\n      - title: 标题\n        body:\n"
                 "          - 正文。\n          - image: 'images/2023-01-1.jpg'   # 现场\n",
                 encoding="utf-8")
    shared = _shared()
    key = shared.issue_key(a, "2023/2023-01.pdf")
    assert shared.issue_key(a, "2023/2023-01.pdf") == key
    picture.write_bytes(b"another")
    assert shared.issue_key(a, "2023/2023-01.pdf") != key


def test_layouts_digest_ignores_only_the_volume_templates(tmp_path):
    layouts = tmp_path / "layouts"
    shutil.copytree(ROOT / "layouts", layouts)
    before = layouts_digest(layouts)
    (layouts / "bulletin" / "volume.css").write_text("/* changed */\n", encoding="utf-8")
    assert layouts_digest(layouts) == before
    css = layouts / "bulletin" / "style.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* changed */\n", encoding="utf-8")
    assert layouts_digest(layouts) != before


def test_fonts_digest_is_reused_until_a_font_file_changes(tmp_path):
    digest, cache = fonts_digest(ROOT / "fonts", None)
    again, cache_again = fonts_digest(ROOT / "fonts", cache)
    assert (again, cache_again) == (digest, cache) and cache_again is cache  # no re-hashing
    stale = {"stat": [row[:2] + [row[2] - 1] for row in cache["stat"]], "digest": "old"}
    recomputed, fresh = fonts_digest(ROOT / "fonts", stale)               # an mtime moved
    assert recomputed == digest and fresh["stat"] == cache["stat"]



def test_a_pdf_written_again_with_the_same_bytes_is_not_stale(tmp_path):
    """weekly-pdf build of an unchanged issue rewrites its PDF byte for byte:
    the next batch must not render it again; other bytes of the same size are stale."""
    import hashlib

    from weekly_pdf.archive.state import BuiltPdf

    pdf = tmp_path / "2023-01.pdf"
    pdf.write_bytes(b"%PDF-1.7 one")
    stat = pdf.stat()
    built = BuiltPdf("key", "2023/2023-01.pdf", stat.st_size, stat.st_mtime_ns,
                     hashlib.sha256(b"%PDF-1.7 one").hexdigest(), 1, None)
    assert built.unchanged(pdf)
    pdf.write_bytes(b"%PDF-1.7 one")
    os.utime(pdf, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert built.unchanged(pdf)
    pdf.write_bytes(b"%PDF-1.7 two")
    os.utime(pdf, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2 * 10**9))
    assert not built.unchanged(pdf)
    pdf.unlink()
    assert not built.unchanged(pdf)
