"""The 通报 reads as an official notice from the office: title in 二号小标宋,
body in 三号仿宋, headings in 黑体, only the bundled fonts, the 落款 and date
placed after GB/T 9704, page numbers as in the bulletin, and every character
checked against the fonts first."""

from __future__ import annotations

import subprocess

import pytest

from tests import plumbed
from tests.helpers import run_cli
from tests.archive.stats.statsgen import known_archive

MM = 72 / 25.4
RIGHT_EDGE = (210 - 26) * MM     # the bulletin layout's type area: 28 mm left, 26 mm right
LEFT_EDGE = 28 * MM


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    issues = known_archive(tmp_path_factory.mktemp("report"))
    result = run_cli("stats", "2023-Q3", "--issues", issues, "--formats", "pdf",
                     "--date", "2023-10-10")
    assert result.returncode == 0, result.stderr
    assert "已生成" in result.stderr and "2023-Q3-通报.pdf（3 页）" in result.stderr
    return issues.parent / "out" / "stats" / "2023-Q3-通报.pdf"


def _words(page):
    return page.extract_words(extra_attrs=["fontname", "size"])


def test_title_addressees_and_lead_in_the_house_fonts(report):
    with plumbed.open(report) as pdf:
        words = _words(pdf.pages[0])
    title = [w for w in words if "FandolSong-Bold" in w["fontname"]]
    assert [w["text"] for w in title] == ["关于2023年第三季度", "信息报送采用情况的通报"]
    assert {round(w["size"]) for w in title} == {22}  # 二号
    for line in title:  # centred on the type area
        assert abs((line["x0"] + line["x1"]) / 2 - (LEFT_EDGE + RIGHT_EDGE) / 2) < 1
    to = next(w for w in words if w["text"].startswith("各区科协"))
    assert "FandolFang" in to["fontname"] and round(to["size"]) == 16  # 三号仿宋
    assert abs(to["x0"] - LEFT_EDGE) < 1  # 主送: flush left
    lead = next(w for w in words if w["text"].startswith("2023年第三季度（2023年7月1日至9月30日）"))
    assert abs(lead["x0"] - (LEFT_EDGE + 32)) < 1  # first line indented two characters
    heading = next(w for w in words if w["text"] == "一、各单位信息采用情况")
    assert "FandolHei" in heading["fontname"]


def test_only_the_bundled_fonts_are_embedded(report):
    listing = subprocess.run(["pdffonts", str(report)], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
    names = {line.split()[0].split("+")[1] for line in listing}
    assert names <= {"FandolSong-Bold", "FandolFang-Regular", "FandolHei-Regular",
                     "FandolSong-Regular", "FandolKai-Regular"}
    assert all(line.split()[-5] == "yes" for line in listing)  # embedded


def test_the_office_and_date_close_the_notice_after_gbt_9704(report):
    with plumbed.open(report) as pdf:
        words = _words(pdf.pages[-1])
    office = next(w for w in words if w["text"] == "北京市科协办公室")
    date = next(w for w in words if w["text"] == "2023年10月10日")
    assert date["top"] > office["top"]
    # The date is longer than the office's name: it keeps two characters from the
    # right edge and the name starts two characters to its left.
    assert abs((RIGHT_EDGE - date["x1"]) - 32) < 1.5
    assert abs((date["x0"] - office["x0"]) - 32) < 1.5


def test_page_numbers_as_in_the_bulletin(report):
    with plumbed.open(report) as pdf:
        for page in pdf.pages:
            folio = [w for w in page.extract_words() if w["top"] > 742]
            assert [w["text"] for w in folio] == ["—", str(page.page_number), "—"]
            if page.page_number % 2:  # odd pages on the right, one character in
                assert abs(folio[-1]["x1"] - (RIGHT_EDGE - 14)) < 1
            else:
                assert abs(folio[0]["x0"] - (LEFT_EDGE + 14)) < 1


def test_the_instructions_are_listed_with_their_bonus(report):
    with plumbed.open(report) as pdf:
        text = "".join(page.extract_text() for page in pdf.pages).replace("\n", "")
    assert "三、领导批示情况" in text
    assert "3.《力学会服务重大工程》（北京力学会，2023年增刊第1期）：省级领导某部长批示，加40分。" in \
        text.replace("．", ".").replace(" ", "")


def test_a_unit_name_no_font_can_draw_is_named_in_the_unit_list(tmp_path):
    issues = known_archive(tmp_path)
    units = issues / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace("北京力学会", "北京力学会\U0001F600"),
                     encoding="utf-8")
    issue = issues / "2023" / "2023-s01.yaml"
    issue.write_text(issue.read_text(encoding="utf-8").replace("北京力学会", "北京力学会\U0001F600"),
                     encoding="utf-8")
    result = run_cli("stats", "2023-Q3", "--issues", issues, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("错误：文件 issues/units.yaml，第 14 行第 16 列，字段 units[4].name：字 "
                                    "“\U0001F600”（U+1F600） 在所有可用字体里都没有")
    assert not (tmp_path / "out" / "stats").exists() or \
        not any((tmp_path / "out" / "stats").iterdir())


def test_words_a_designer_writes_into_the_template_are_checked_too(tmp_path):
    from tests.helpers import copy_project
    project = copy_project(tmp_path / "project")
    template = project / "layouts" / "bulletin" / "report.html"
    text = template.read_text(encoding="utf-8")
    marker = '<div class="signature">'
    assert marker in text
    template.write_text(text.replace(marker, '<p>{{ "附件\U0001F600" | fallback("body") }}</p>\n'
                                             + marker), encoding="utf-8")
    issues = known_archive(tmp_path / "archive")
    result = run_cli("stats", "2023-Q3", "--issues", issues, "--formats", "pdf",
                     cwd=project)
    assert result.returncode == 1
    assert result.stderr.startswith("错误：字段 bulletin/report.html：字 “\U0001F600”（U+1F600） "
                                    "在所有可用字体里都没有")
