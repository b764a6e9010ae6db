"""The briefing layout (简报), made of layout files only, measured in the PDF.

The seed issue and a held-out generated issue (its own mark, print run and
报/送/发 lines) are built with ``layout: briefing``: the mark top left and the
serial number top right, the red title, 第X期 centred, publisher left and date
right over the red rule, and the 报尾 at the foot of the last page with its
last rule on the bottom edge of the type area.
"""

from __future__ import annotations

import shutil

import pytest
import yaml

from tests.helpers import ROOT, SEED_ISSUE
from tests.issuegen import issue_dict, write_issue
from tests.render import pdfmeasure as m
from tests.built_once import build_once

RED = (1.0, 0.0, 0.0)
HELD_OUT = {
    "mark": "秘密★1年",
    "print_run": 120,
    "footer": {"report_to": ["市委办公厅", "市政府办公厅"], "send_to": ["市委宣传部"],
               "issue_to": ["各区科协", "市级学会"]},
}


@pytest.fixture(scope="module", params=["seed", "held-out"])
def brief(request, builder, tmp_path_factory):
    folder = tmp_path_factory.mktemp(f"briefing-{request.param}")
    shutil.copy(ROOT / "issues" / "publication.yaml", folder / "publication.yaml")
    if request.param == "seed":
        issue = folder / "2023" / SEED_ISSUE.name
        issue.parent.mkdir()
        issue.write_text(SEED_ISSUE.read_text(encoding="utf-8") + "\nlayout: briefing\n",
                         encoding="utf-8")
    else:
        data = issue_dict(41, number=9, total=62)
        data.update(HELD_OUT, layout="briefing")
        issue = write_issue(folder, data)
    pdf = folder / "out.pdf"
    build_once(builder, tmp_path_factory, issue, pdf)
    return request.param, yaml.safe_load(issue.read_text(encoding="utf-8")), m.read(pdf)


def _line(page, text):
    return next(line for line in page.lines if line.text.startswith(text))


def test_mark_top_left_and_serial_number_top_right(brief):
    name, data, pages = brief
    first = pages[0]
    mark = _line(first, data.get("mark", "内部资料"))
    assert mark.text == data.get("mark", "内部资料　注意保存")
    serial = _line(first, "编号")
    assert serial.text == f"编号：2023-{data['number']:02d}"
    assert mark.x0 == pytest.approx(m.LEFT, abs=0.5)
    assert serial.x1 == pytest.approx(m.RIGHT, abs=0.5)
    assert mark.top == pytest.approx(serial.top, abs=0.5)
    # the first thing on the page, at the top of the type area
    assert mark.top == pytest.approx(m.TOP, abs=4)
    assert min(line.top for line in first.lines) == pytest.approx(mark.top, abs=0.5)
    assert any("Hei" in f for f in mark.fonts)


def test_red_masthead_number_centred_publisher_and_date_over_a_red_rule(brief):
    name, data, pages = brief
    first = pages[0]
    title = _line(first, "科协每周动态")
    assert title.size == 48
    assert tuple(title.chars[0]["non_stroking_color"]) == pytest.approx(RED, abs=0.003)
    number = _line(first, f"第{data['number']}期")
    centre = (m.LEFT + m.RIGHT) / 2
    assert (number.x0 + number.x1) / 2 == pytest.approx(centre, abs=1)
    assert (title.x0 + title.x1) / 2 == pytest.approx(centre, abs=4)
    publisher, date = _line(first, "北京市科协办公室"), _line(first, "2023年")
    assert publisher.x0 == pytest.approx(m.LEFT, abs=0.5)
    assert date.x1 == pytest.approx(m.RIGHT, abs=0.5)
    assert publisher.top == pytest.approx(date.top, abs=0.5)
    rule = m.horizontal_rules(first, RED)[0]
    assert rule["x0"] == pytest.approx(m.LEFT, abs=0.1) and rule["x1"] == pytest.approx(m.RIGHT, abs=0.1)
    assert 0 < rule["top"] - publisher.bottom < 15
    assert title.bottom < number.top < publisher.top < rule["top"]
    # the body starts below the rule
    body = [line for line in first.lines if m.is_body(line) and line.top > rule["bottom"]]
    assert body


def test_the_report_lines_sit_at_the_foot_of_the_last_page(brief):
    name, data, pages = brief
    last = pages[-1]
    rules = m.horizontal_rules(last)
    assert rules[-1]["bottom"] == pytest.approx(m.BOTTOM, abs=0.1)
    top_rule = [r for r in rules if r["top"] > m.BOTTOM - 200][0]
    foot = [line for line in last.lines if top_rule["top"] < line.top < m.BOTTOM]
    texts = [line.text for line in foot]
    footer = data.get("footer", {})
    if "report_to" in footer:
        expected = [f"报：{'，'.join(footer['report_to'])}", f"送：{'，'.join(footer['send_to'])}",
                    f"发：{'，'.join(footer['issue_to'])}"]
        starts = [next(i for i, t in enumerate(texts) if t.startswith(e[:2])) for e in expected]
        assert starts == sorted(starts)
        for e in expected:
            assert any(t.replace(" ", "") == e for t in texts), (e, texts)
        run = _line(last, "（共印")
        assert run.text == f"（共印{data['print_run']}份）"
        assert run.x1 == pytest.approx(m.RIGHT - 14, abs=1)
        assert run.bottom < rules[-1]["top"] and run.top > rules[-2]["bottom"]
    else:
        assert texts[0].startswith("发：")
        assert not any(t.startswith("（共印") for t in texts)
    assert any(t.startswith("编辑：") for t in texts)
    assert all(line.size == 14 for line in foot)
