"""Titles wrap where an editor would: between words and phrases, never inside
a word, a quoted term, an office term or a number with its unit, and their
lines stay even.

The words are judged by jieba as it comes (its own dictionary, loaded by
itself, without the office's terms), not by the index the typesetter reads.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys

import pytest

from tests.helpers import ROOT, SEED_ISSUE, run_cli, write_issue_text
from tests.render import pdfmeasure
from weekly_pdf.source.layout import read_layout
from weekly_pdf.source.load import load_issue
from weekly_pdf.source.terms import load_terms
from weekly_pdf.typeset import Typesetter, typesetter_for
from weekly_pdf.typeset import segmenter

#: Long titles as other 科协 offices write them (25–60 characters), each with
#: what must stay whole besides the words: quoted terms, built-in and office
#: terms, numbers with their units.
TITLES = [
    ("北京市科协举办2023年全国科技工作者日主题活动暨先进科技工作者表彰大会",
     ["2023年", "全国科技工作者日"]),
    ("海淀区科协开展“科技助力乡村振兴”专家服务活动500余人受益",
     ["“科技助力乡村振兴”", "500余人"]),
    ("市科协与延庆区人民政府签署科技助力乡村振兴战略合作框架协议", ["科技助力乡村振兴"]),
    ("第十届北京青少年科技创新大赛终评活动于2023年7月12日在北京科学中心举行",
     ["第十届", "北京青少年科技创新大赛", "2023年7月12日", "北京科学中心"]),
    ("中国科协党组书记张玉卓到北京市科协调研并看望慰问一线科技工作者",
     ["中国科协", "北京市科协", "一线科技工作者"]),
    ("朝阳区科协组织院士专家工作站开展“科技工作者之家”建设经验交流",
     ["朝阳区科协", "院士专家工作站", "“科技工作者之家”"]),
    ("北京科技大学王小明教授团队荣获2023年度国家科学技术进步奖二等奖", ["2023年度"]),
    ("市科协召开学会党建工作会议部署2023年下半年重点任务", ["2023年"]),
    ("丰台区科协举办“全国科普日”主题活动吸引3000余名市民参与",
     ["“全国科普日”", "3000余名"]),
    ("北京市科协党组书记、常务副主席沈洁带队赴天津市科协开展京津冀协同发展调研",
     ["北京市科协", "京津冀协同发展"]),
    ("怀柔区科协联合中国科学院大学举办「科学家精神进校园」系列报告会",
     ["「科学家精神进校园」"]),
    ("市科协召开第十届委员会第五次全体会议审议通过2023年工作要点",
     ["第十届", "第五次", "2023年"]),
    ("通州区科协举办首届城市副中心科技工作者创新创业大赛颁奖仪式", ["通州区科协"]),
    ("北京制冷学会与北京市科协学会服务中心联合举办制冷空调行业高质量发展论坛",
     ["北京制冷学会", "学会服务中心", "高质量发展"]),
    ("石景山区科协开展2023年“最美科技工作者”学习宣传活动暨事迹报告会",
     ["2023年", "“最美科技工作者”"]),
    ("密云区科协为120余名基层科普工作者举办科学素质提升专题培训班",
     ["120余名", "科普工作者"]),
    ("大兴区科协组织专家深入魏善庄镇开展“科技助力乡村振兴”田间课堂活动",
     ["“科技助力乡村振兴”"]),
    ("顺义区科协召开2023年科普工作推进会暨《科普惠农兴村计划》项目评审会",
     ["2023年", "《科普惠农兴村计划》"]),
    ("门头沟区科协携手北京科学中心开展“流动科技馆进山区”巡展活动覆盖8个乡镇",
     ["北京科学中心", "“流动科技馆进山区”", "8个"]),
    ("房山区科协举办院士专家工作站建设推进会10家企业签约入站",
     ["院士专家工作站", "10家"]),
    ("昌平区科协组织“庆七一”过政治生日活动暨主题党日观摩交流",
     ["“庆七一”", "主题党日"]),
    ("平谷区科协开展全国科技工作者日系列活动走访慰问30名优秀科技工作者",
     ["全国科技工作者日", "30名", "优秀科技工作者"]),
    ("延庆区科协组织参加2023年北京市青少年科技创新大赛获一等奖5项",
     ["2023年", "北京市青少年科技创新大赛", "5项"]),
    ("中关村科学城科协与清华大学联合发布《2023年人工智能发展报告》",
     ["《2023年人工智能发展报告》"]),
    ("亦庄经开区科协举办第三届“科创中国”创新创业大赛生物医药专场决赛",
     ["第三届", "“科创中国”"]),
    ("北京市科协与中国农业大学签约共建“科技小院”助推京郊都市农业高质量发展",
     ["“科技小院”", "高质量发展"]),
    ("海淀区科协举办“院士专家进社区”活动为居民讲解2023年度诺贝尔奖科学成就",
     ["“院士专家进社区”", "2023年度"]),
    ("北京市科协2023年度“全国科技工作者日”主题宣传活动在中国科技馆启动",
     ["2023年度", "“全国科技工作者日”", "中国科技馆"]),
    ("市科协领导赴国家行政学院音像出版社调研科普内容共建共享工作",
     ["国家行政学院音像出版社"]),
    ("北京市科协举办2023年“全国科技工作者日”暨北京市优秀科技工作者表彰大会表彰先进个人"
     "100名和先进集体20个", ["2023年", "“全国科技工作者日”", "100名", "20个"]),
    ("市科协党组理论学习中心组围绕习近平同志《论科技自立自强》开展专题学习研讨并部署下一阶段"
     "重点工作任务", ["市科协党组理论学习中心组", "习近平同志", "《论科技自立自强》"]),
    ("中国科协学会服务中心与北京市科协党组开展聚力赋能北京国际科技创新中心建设联学联建",
     ["中国科协学会服务中心", "北京市科协党组", "北京国际科技创新中心", "联学联建"]),
]

TITLE_IDS = [f"title{i:02d}" for i in range(len(TITLES))]

#: The seed's titles and their lines, as they were set before words were
#: known: none of them broke inside a word, so none changed.
SEED_TITLES = {
    "市科协党组理论学习中心组开展主题教育学习研讨": ("市科协党组理论学习中心组", "开展主题教育学习研讨"),
    "市科协领导赴国家行政学院音像出版社调研": ("市科协领导赴国家行政学院音像出版社调研",),
    "学会聚力赋能交流研讨活动在京举办": ("学会聚力赋能交流研讨活动在京举办",),
    "科学文化教育节目《大先生》第二季启动": ("科学文化教育节目《大先生》第二季启动",),
    "中国制冷学会、北京制冷学会与中信和业开展联学共建":
        ("中国制冷学会、北京制冷学会", "与中信和业开展联学共建"),
    "昌平区科协组织“庆七一”过政治生日活动": ("昌平区科协组织“庆七一”过政治生日活动",),
    "东城区科协邀请两新组织党员参加七一主题党日": ("东城区科协邀请两新组织党员", "参加七一主题党日"),
}


@pytest.fixture(scope="module")
def office_terms():
    return load_terms(ROOT / "issues" / "terms.txt")


@pytest.fixture(scope="module")
def layout(project):
    return read_layout(project.layout_dir("bulletin"))


@pytest.fixture(scope="module")
def setter(builder, layout, office_terms):
    return Typesetter(builder.fontset, layout, terms=office_terms)


@pytest.fixture(scope="module")
def stock_jieba(tmp_path_factory):
    """jieba as it comes: its own dictionary, loaded by itself (its cache file
    in a folder of this test, its log quiet)."""
    jieba = segmenter._jieba()
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(tmp_path_factory.mktemp("jieba"))
    tokenizer.initialize()
    return tokenizer


def _ends(lines) -> list[int]:
    """Where each line but the last ends, as an offset into the title without spaces."""
    ends, offset = [], 0
    for line in lines[:-1]:
        offset += len(line.replace(" ", ""))
        ends.append(offset)
    return ends


def _word_ends(words) -> set[int]:
    ends, offset = set(), 0
    for word in words:
        offset += len(word)
        ends.add(offset)
    return ends


@pytest.mark.parametrize("title,whole", TITLES, ids=TITLE_IDS)
def test_a_long_title_wraps_between_words_and_keeps_its_terms_whole(
        setter, stock_jieba, title, whole):
    lines = setter.title(title)
    assert "".join(lines) == title
    assert len(lines) > 1, "every title of the table is longer than a line"
    breaks = _ends(lines)
    words = _word_ends(stock_jieba.lcut(title, HMM=True))
    inside = [f"{title[:b]}/{title[b:]}" for b in breaks if b not in words]
    assert inside == [], lines
    for term in whole:
        start = title.index(term)
        assert not any(start < b < start + len(term) for b in breaks), (term, lines)


@pytest.mark.parametrize("title,whole", TITLES, ids=TITLE_IDS)
def test_a_long_title_keeps_its_lines_even_and_few(setter, title, whole):
    lines = setter.title(title)
    widths = [setter.titles.ink(line) for line in lines]
    assert max(widths) <= setter.width + 1e-6
    # as few lines as the characters need
    assert len(lines) == -(-setter.titles.ink(title) // setter.width)
    # no stub: every line at least 0.6 of the longest (0.5 as a last resort,
    # when 0.6 would break a word or a term)
    assert min(widths) >= 0.5 * max(widths) - 1e-6, lines
    if min(widths) < 0.6 * max(widths):
        assert title in EVEN_ONLY_AT_HALF, lines


#: Titles of the table whose terms stay whole only with a line at 0.5–0.6 of the longest.
EVEN_ONLY_AT_HALF = {
    "中国科协学会服务中心与北京市科协党组开展聚力赋能北京国际科技创新中心建设联学联建",
}


@pytest.mark.parametrize("title,where", [
    # the two breaks the held-out titles showed: never again
    ("北京市科协举办2023年全国科技工作者日主题活动暨先进科技工作者表彰大会", "全国科技工作者日"),
    ("市科协与延庆区人民政府签署科技助力乡村振兴战略合作框架协议", "科技助力乡村振兴"),
])
def test_the_reported_breaks_inside_a_name_are_gone(setter, title, where):
    lines = setter.title(title)
    assert any(where in line for line in lines), lines


@pytest.mark.parametrize("title", list(SEED_TITLES))
def test_the_seeds_titles_set_as_before(setter, title):
    assert setter.title(title) == SEED_TITLES[title]


def test_the_seed_issue_carries_the_office_terms():
    issue = load_issue(SEED_ISSUE)
    assert "北京制冷学会" in issue.terms and "东城区科协" in issue.terms


def test_a_term_added_to_the_office_list_sets_a_remembered_title_again(builder, layout):
    # One warm process (watch, a batch worker): typesetters of equal settings
    # share what they set; the terms are part of what a title is remembered by.
    title = "市科协赴中关村科学城智能制造创新中心调研工业互联网平台建设"
    term = "中关村科学城智能制造创新中心"
    before = typesetter_for(layout, builder.fontset, terms=()).title(title)
    after = typesetter_for(layout, builder.fontset, terms=(term,)).title(title)
    assert before == ("市科协赴中关村科学城智能制造", "创新中心调研工业互联网平台建设")
    assert after == ("市科协赴中关村科学城智能制造创新中心", "调研工业互联网平台建设")
    assert typesetter_for(layout, builder.fontset, terms=()).title(title) == before


def test_a_quoted_term_longer_than_a_line_breaks_between_its_words(setter, stock_jieba):
    title = "市科协召开“聚力赋能北京国际科技创新中心建设暨首都科技社团高质量发展”专题研讨会"
    lines = setter.title(title)
    breaks = _ends(lines)
    assert any(title.index("“") < b < title.index("”") for b in breaks)  # it must break
    assert set(breaks) <= _word_ends(stock_jieba.lcut(title)), lines


@pytest.mark.parametrize("title,lines", [
    ("陕西省科协赴延安开展科技助力乡村振兴调研 探索“科技小院”建设新模式",
     ("陕西省科协赴延安开展科技助力乡村振兴调研", "探索“科技小院”建设新模式")),
    ("山东省科协：聚焦“科创中国”建设 打造科技经济融合发展新引擎",
     ("山东省科协：聚焦“科创中国”建设", "打造科技经济融合发展新引擎")),
    # an ideographic space between the clauses goes where the line breaks, like a space
    ("陕西省科协赴延安开展科技助力乡村振兴调研\u3000探索“科技小院”建设新模式",
     ("陕西省科协赴延安开展科技助力乡村振兴调研", "探索“科技小院”建设新模式")),
])
def test_a_space_between_two_clauses_is_where_the_title_wraps(setter, title, lines):
    # even though a break between phrases (before 调研, after ”) would be more even
    assert setter.title(title) == lines


def test_a_term_longer_than_the_room_for_it_breaks_between_its_own_words(setter, stock_jieba):
    title = "福建省科协召开深入学习贯彻习近平新时代中国特色社会主义思想主题教育总结会议"
    lines = setter.title(title)
    assert lines == ("福建省科协召开深入学习贯彻习近平新时代", "中国特色社会主义思想主题教育总结会议")
    assert set(_ends(lines)) <= _word_ends(stock_jieba.lcut(title))


def test_a_title_with_spaces_breaks_at_a_space_when_it_can(setter):
    lines = setter.title("西城区科协组织开展主题宣传活动 喜迎二十大 科普向未来 科普志愿服务在行动")
    assert [line for line in lines if line != line.strip()] == []
    assert "".join(lines).replace(" ", "") == \
        "西城区科协组织开展主题宣传活动喜迎二十大科普向未来科普志愿服务在行动"
    assert lines[0].endswith(("活动", "二十大", "未来")), lines


def test_the_dictionary_index_reads_as_jieba_does(stock_jieba):
    """Every word of jieba's dictionary, and every prefix, has the frequency
    jieba gives it; the same texts cut into the same words."""
    index = segmenter.dictionary()
    assert index.total == stock_jieba.total and index.count == len(
        {line.split(" ")[0] for line in segmenter.dict_txt().decode().splitlines() if line})
    ours = segmenter.tokenizer_with(())
    for word, freq in list(stock_jieba.FREQ.items())[::37]:
        assert ours.FREQ.get(word) == freq, word
    assert ours.FREQ.get("科协组织开展学") is None and "科协组织开展学" not in ours.FREQ
    texts = [title for title, _ in TITLES] + \
        (ROOT / "tests" / "data" / "seed-2023-20.txt").read_text(encoding="utf-8").splitlines()
    for text in texts:
        assert ours.lcut(text) == stock_jieba.lcut(text), text


def test_the_index_keeps_a_words_last_frequency_and_counts_every_line():
    data = "科协 3 n\n科 2 n\n北京 7 ns\n科协 5 nt\n科技工作者 4 n".encode("utf-8")
    for index in (made := segmenter.Dictionary.from_dict_txt(data),
                  segmenter.Dictionary.from_bytes(made.to_bytes())):
        assert index.total == 21
        assert [index.lookup(w) for w in ("科协", "科", "科技", "北京", "京", "科技工作者x")] == \
            [5, 2, 0, 7, None, None]


def test_a_damaged_index_is_built_again(tmp_path, monkeypatch):
    monkeypatch.setenv("WEEKLY_PDF_CACHE", str(tmp_path))
    monkeypatch.setattr(segmenter, "_dictionary", None)
    built = segmenter.dictionary()
    (file,) = (tmp_path / "words").iterdir()
    data = file.read_bytes()
    file.write_bytes(data[:-10] + b"0123456789")
    monkeypatch.setattr(segmenter, "_dictionary", None)
    again = segmenter.dictionary()
    assert again.lookup("工作者") == built.lookup("工作者") > 0
    assert file.read_bytes() == data


def test_an_unwritable_cache_folder_is_not_used(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("WEEKLY_PDF_CACHE", str(blocked))
    monkeypatch.setattr(segmenter, "_dictionary", None)
    assert segmenter.dictionary().lookup("乡村") > 0


SEGMENT = """
import sys
from weekly_pdf.typeset import segmenter
for text in sys.argv[1:]:
    print("/".join(segmenter.words(text)))
"""


def test_segmenting_is_quiet_the_same_every_time_and_writes_only_its_cache(tmp_path):
    """A cold start (no cache) and a warm one cut the same words; nothing is
    printed, jieba writes nothing into the temp folder, the index goes to the
    cache folder."""
    cache, temp = tmp_path / "cache", tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "WEEKLY_PDF_CACHE": str(cache), "TMPDIR": str(temp)}
    titles = [title for title, _ in TITLES[:6]]
    runs = [subprocess.run([sys.executable, "-c", SEGMENT, *titles], capture_output=True,
                           text=True, env=env, timeout=120) for _ in range(2)]
    for run in runs:
        assert run.returncode == 0 and run.stderr == "", run.stderr
    assert runs[0].stdout == runs[1].stdout
    assert runs[0].stdout.splitlines()[0].split("/")[5] == "全国科技工作者日"
    assert list(temp.iterdir()) == []
    names = sorted(p.name for p in (cache / "words").iterdir())
    assert [name.split(".", 1)[1] for name in names] == ["terms.json", "v2.bin"], names


def test_stored_terms_that_do_not_match_are_added_again(tmp_path, monkeypatch):
    monkeypatch.setenv("WEEKLY_PDF_CACHE", str(tmp_path))
    title = "市科协赴中关村科学城智能制造创新中心调研工业互联网平台建设"
    terms = ("中关村科学城智能制造创新中心",)
    fresh = segmenter.tokenizer_with(terms).lcut(title)
    (stored,) = (tmp_path / "words").glob("*.terms.json")
    stored.write_text('{"words": [], "total": 1, "added": {}}', encoding="utf-8")
    assert segmenter.tokenizer_with(terms).lcut(title) == fresh
    assert "中关村科学城智能制造创新中心" in fresh


ISSUE = """\
year: 2023
number: 21
total: 74
date: 2023-07-14
sections:
  - column: 科创工作
    articles:
      - title: 市科协赴中关村科学城智能制造创新中心调研工业互联网平台建设
        body: |
          7月10日，市科协赴中关村科学城调研。
"""


def _printed_titles(pdf) -> list[str]:
    return [line.text for line in pdfmeasure.flow(pdfmeasure.read(pdf))
            if line.size == pdfmeasure.TITLE_SIZE]


def test_the_office_term_list_decides_the_printed_title_and_a_rebuild_reads_it_again(
        builder, issues_dir, tmp_path):
    """As watch does: one warm builder, the term list edited between two builds."""
    issue = write_issue_text(issues_dir, ISSUE, "2023-21.yaml")
    builder.build(issue, tmp_path / "before.pdf")
    assert _printed_titles(tmp_path / "before.pdf") == [
        "市科协赴中关村科学城智能制造", "创新中心调研工业互联网平台建设"]
    (issues_dir / "terms.txt").write_text("# 本单位词表\n中关村科学城智能制造创新中心\n",
                                          encoding="utf-8")
    builder.build(issue, tmp_path / "after.pdf")
    assert _printed_titles(tmp_path / "after.pdf") == [
        "市科协赴中关村科学城智能制造创新中心", "调研工业互联网平台建设"]


@pytest.mark.parametrize("content,line,words", [
    ("北京制冷学会\n# 说明\n中信和业\n".encode("gbk"), 1, "不是 UTF-8 编码"),
    (("北京制冷学会\n\n" + "科" * 41 + "\n").encode("utf-8"), 3, "有 41 个字，一个词最多 40 个字"),
    ("北京制冷学会\n中信\x1b和业\n".encode("utf-8"), 2, "控制字符 U+001B"),
])
def test_a_bad_term_list_is_named_with_its_line(issues_dir, content, line, words):
    issue = write_issue_text(issues_dir, ISSUE, "2023-21.yaml")
    (issues_dir / "terms.txt").write_bytes(content)
    result = run_cli("check", issue)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    message = next(m for m in result.stderr.splitlines() if "terms.txt" in m)
    assert f"terms.txt，第 {line} 行：" in message and words in message, result.stderr


def test_a_folder_named_like_the_term_list_is_said_to_be_one(issues_dir):
    issue = write_issue_text(issues_dir, ISSUE, "2023-21.yaml")
    (issues_dir / "terms.txt").mkdir()
    result = run_cli("check", issue)
    assert result.returncode == 1
    assert "terms.txt：这是一个文件夹，不是词表 terms.txt（文本文件）" in result.stderr
