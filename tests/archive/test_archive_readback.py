"""catalog.json and the batch's state file are read back through the schema
vocabulary: typed and frozen, the same values that were written, a size cap,
never through a link (one to /dev/zero is refused at once, unread), and damage
named with line, column and field path: a broken catalog says build-all writes
it again, a broken state is rebuilt (one damaged entry costs one issue)."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import textwrap

import pytest

from tests.archive.archive_tools import build_all, new_archive
from tests.issuegen import write_archive
from weekly_pdf.archive import state as state_module
from weekly_pdf.archive.catalog import (CATALOG, ENTRY_FIELDS, CatalogEntry, Column, IssueRecord,
                                        read_catalog, write_catalog)
from weekly_pdf.archive.state import ISSUE_STATE, BuiltPdf, IssueState, State
from weekly_pdf.errors import IssueErrors
from weekly_pdf.source.schema.json_reading import compose_json
from weekly_pdf.source.schema.kinds import JSON, Refused, plain_of
from weekly_pdf.source.schema.reading import check_tree

HEX = "0123456789abcdef" * 4


def record(number: int, **changes) -> IssueRecord:
    values = dict(year=2023, number=number, total=53 + number, date=f"2023-01-{number:02d}",
                  title=f"2023年第{number}期", publication="科协每周动态", publisher="北京市科协办公室",
                  columns=(Column("主题教育", ("标题一", "标题二")), Column("科创工作", ())),
                  layout=None, series=None)
    return IssueRecord(**{**values, **changes})


def entry(number: int, **changes) -> CatalogEntry:
    return CatalogEntry(record(number, **changes), 8, f"2023/2023-{number:02d}.pdf", HEX,
                        f"2023/2023-{number:02d}.yaml")


def state_with(out, issues: dict[str, IssueState]) -> State:
    state = State(out)
    state.fonts = {"stat": [["manifest.toml", 10, 20]], "digest": HEX}
    state.issues = issues
    state.save()
    return state


def built(number: int) -> IssueState:
    return IssueState(BuiltPdf(HEX, f"2023/2023-{number:02d}.pdf", 1234, 1_700_000_000_123_456_789,
                               HEX, 8, record(number)))


def test_the_catalog_reads_back_the_typed_entries_it_was_written_from(tmp_path):
    with_ofd = dataclasses.replace(entry(4), ofd="2023/2023-04.ofd", ofd_sha256=HEX)
    entries = [entry(1), entry(2, layout="briefing"), entry(3, total=None, series="增刊"), with_ofd]
    json_path, _ = write_catalog(tmp_path, entries)
    assert read_catalog(tmp_path) == entries
    written = json.loads(json_path.read_text(encoding="utf-8"))["issues"]
    assert list(written[3]) == list(ENTRY_FIELDS)  # declared in the order written
    assert list(written[0]) == [key for key in ENTRY_FIELDS if not key.startswith("ofd")]
    assert read_catalog(tmp_path / "nowhere") is None


def test_the_state_reads_back_what_was_saved(tmp_path, capsys):
    issues = {"2023/2023-01.yaml": built(1),
              "2023/2023-02.yaml": IssueState(None, HEX, ("第 3 行：错误",)),
              "2023/2023-03.yaml": IssueState(built(3).built, HEX, ("错误",))}
    state_with(tmp_path, issues)
    again = State(tmp_path)
    assert again.issues == issues and again.fonts["digest"] == HEX
    assert capsys.readouterr().err == ""


def test_the_quick_and_the_explaining_reading_agree(tmp_path):
    """The plain checker (json.loads values) accepts what the node checker
    accepts, with the same values, and refuses what it refuses."""
    write_catalog(tmp_path, [entry(1), entry(2, total=None, series="增刊")])
    text = (tmp_path / "catalog.json").read_text(encoding="utf-8")
    good = json.loads(text)
    damages = [lambda d: d["issues"][0].pop("number"), lambda d: d["issues"][1].pop("series"),
               lambda d: d["issues"][0].update(pages=0), lambda d: d["issues"][0].update(pdf="x.txt"),
               lambda d: d["issues"][0].update(sha256=HEX.upper()),
               lambda d: d["issues"][0].update(year=True), lambda d: d["issues"][0].update(extra=1),
               lambda d: d["issues"][0]["columns"][0].update(articles="x"),
               lambda d: d["issues"][0].update(date="2023-02-30"), lambda d: d.update(count=3),
               lambda d: d["issues"][0].update(total=None)]
    quick = plain_of(CATALOG)
    for damage in [None, *damages]:
        data = json.loads(text)
        if damage:
            damage(data)
        written = json.dumps(data, ensure_ascii=False, indent=2)
        try:
            fast = quick(data)
        except Refused:
            fast = Refused
        try:
            slow = check_tree(tmp_path / "c.json", compose_json(written), written, CATALOG, JSON)
        except IssueErrors:
            slow = Refused
        assert fast == slow, (damage, fast, slow)
        assert (fast is Refused) == (damage is not None)
    assert quick(good) == read_catalog(tmp_path)


def test_a_damaged_catalog_is_named_field_by_field_with_what_to_do(tmp_path):
    write_catalog(tmp_path, [entry(1), entry(2)])
    path = tmp_path / "catalog.json"
    text = path.read_text(encoding="utf-8").replace('"pages": 8', '"pages": "8"', 1) \
        .replace('"number": 2,', '"number": -2,')
    path.write_text(text, encoding="utf-8")
    with pytest.raises(IssueErrors) as caught:
        read_catalog(tmp_path)
    lines = text.splitlines()
    pages = next(i for i, line in enumerate(lines, 1) if '"pages": "8"' in line)
    number = next(i for i, line in enumerate(lines, 1) if '"number": -2' in line)
    shown = str(caught.value).replace(str(tmp_path), "OUT")
    assert shown == (
        f"文件 OUT/catalog.json，第 {pages} 行第 16 列，字段 issues[0].pages：需要一个整数"
        "（页数，用半角阿拉伯数字，例如 8），这里是文字“8”\n"
        f"文件 OUT/catalog.json，第 {number} 行第 17 列，字段 issues[1].number：期号应当不小于 1，这里是 -2\n"
        "catalog.json 由 weekly-pdf build-all 生成：运行 weekly-pdf build-all 会重新写好它。")


def test_a_catalog_or_state_linked_to_dev_zero_is_refused_unread(tmp_path):
    """In a process of its own: were the link followed, the read would never end
    (the child is killed after 60 s and the test fails)."""
    for name in ("catalog.json", ".weekly-pdf-state.json"):
        (tmp_path / name).symlink_to("/dev/zero")
    script = textwrap.dedent(f"""
        from pathlib import Path
        from weekly_pdf.archive.catalog import read_catalog
        from weekly_pdf.archive.state import State
        from weekly_pdf.errors import IssueErrors
        out = Path({str(tmp_path)!r})
        state = State(out)
        assert state.issues == {{}}
        try:
            read_catalog(out)
        except IssueErrors as exc:
            print(exc)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=60, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "文件 catalog.json：这是一个链接（指向 /dev/zero），不是程序写的期刊目录（catalog.json）；为安全起见不跟随链接读取\n"
        "catalog.json 由 weekly-pdf build-all 生成：运行 weekly-pdf build-all 会重新写好它。\n")
    assert result.stderr == (
        "注意：文件 .weekly-pdf-state.json：这是一个链接（指向 /dev/zero），不是程序写的批量生成记录；"
        "为安全起见不跟随链接读取\n"
        "这个文件只是批量生成的记录（哪些期已经生成、用的是哪些输入），可以重建："
        "这次所有期都会重新生成，结束时写好新的记录。\n")


def test_a_state_file_linked_to_a_file_outside_is_not_read(tmp_path, capsys):
    secret = tmp_path / "secret.json"
    secret.write_text('{"format": 2, "issues": {"TOPSECRET": {}}}', encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / ".weekly-pdf-state.json").symlink_to(secret)
    assert State(out).issues == {}
    assert "TOPSECRET" not in capsys.readouterr().err


def test_a_state_file_over_its_size_limit_is_refused_and_rebuilt(tmp_path, capsys, monkeypatch):
    state_with(tmp_path, {"2023/2023-01.yaml": built(1)})
    size = (tmp_path / ".weekly-pdf-state.json").stat().st_size
    monkeypatch.setattr(state_module, "MAX_STATE_BYTES", size - 1)
    assert State(tmp_path).issues == {}
    err = capsys.readouterr().err
    assert err.startswith("注意：文件 ") and "批量生成记录最多 1 KB" in err
    assert err.endswith("这次所有期都会重新生成，结束时写好新的记录。\n")


def test_one_damaged_state_entry_costs_only_that_issue(tmp_path, capsys):
    state_with(tmp_path, {"2023/2023-01.yaml": built(1), "2023/2023-02.yaml": built(2)})
    path = tmp_path / ".weekly-pdf-state.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["issues"]["2023/2023-02.yaml"]["built"]["size"] = "big"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    state = State(tmp_path)
    assert list(state.issues) == ["2023/2023-01.yaml"]
    line, column = next((i, text.index('"big"') + 1)
                        for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                        if '"size": "big"' in text)
    err = capsys.readouterr().err.replace(str(tmp_path) + os.sep, "")
    assert err == (f'注意：文件 .weekly-pdf-state.json，第 {line} 行第 {column} 列，'
                   f'字段 issues["2023/2023-02.yaml"].built.size：需要一个整数'
                   f'（PDF 的大小（字节），用半角阿拉伯数字，例如 20），这里是文字“big”\n'
                   "这个文件只是批量生成的记录（哪些期已经生成、用的是哪些输入），可以重建："
                   "这些期会重新生成，结束时写好新的记录。\n")
    assert plain_of(ISSUE_STATE)(data["issues"]["2023/2023-01.yaml"]) == built(1)


def test_a_state_file_of_another_format_is_rebuilt_silently(tmp_path, capsys):
    (tmp_path / ".weekly-pdf-state.json").write_text('{"format": 1, "issues": []}', encoding="utf-8")
    assert State(tmp_path).issues == {}
    assert capsys.readouterr().err == ""


@pytest.mark.slow
def test_build_all_replaces_a_state_and_catalog_linked_to_dev_zero(tmp_path):
    issues = new_archive(tmp_path)
    write_archive(issues, 1, articles=2)
    out = tmp_path / "out"
    out.mkdir()
    for name in ("catalog.json", "catalog.csv", ".weekly-pdf-state.json"):
        (out / name).symlink_to("/dev/zero")
    result = build_all(issues, out, "-j", "1")
    assert result.returncode == 0, result.stderr
    assert "这是一个链接（指向 /dev/zero）" in result.stderr
    for name in ("catalog.json", "catalog.csv", ".weekly-pdf-state.json"):
        assert not (out / name).is_symlink() and (out / name).is_file(), name
    assert [e.pdf for e in read_catalog(out)] == ["2023/2023-01.pdf"]
    again = build_all(issues, out, "-j", "1")
    assert again.returncode == 0 and "链接" not in again.stderr and "1 期没有改动" in again.stdout
