"""A generated archive with a known tally gives exactly that tally in the
terminal, the CSV files, the XLSX workbook and the 通报's table, under both
rules for joint articles and both rules for several instructions."""

from __future__ import annotations

import datetime

import pytest

from tests.helpers import run_cli
from tests.archive.stats.readback import (as_cells, csv_rows, expected_rows, pdf_tables, pdf_unit_table,
                                  shown, terminal_rows, xlsx_rows)
from tests.archive.stats.statsgen import (KNOWN_CATEGORIES, KNOWN_EACH, KNOWN_EACH_TOTAL, KNOWN_EVERY,
                                  KNOWN_MONTHS, KNOWN_SHARED, KNOWN_SHARED_TOTAL,
                                  SCORING_EVERY, SCORING_SHARED, known_archive, random_archive,
                                  reference_tally)

BAR_COLOUR = (0x44 / 255, 0x54 / 255, 0x6A / 255)


def _stats(issues, *args):
    result = run_cli("stats", *args, "--issues", issues)
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def each(tmp_path_factory):
    issues = known_archive(tmp_path_factory.mktemp("each"))
    return issues, _stats(issues, "2023-Q3")


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    issues = known_archive(tmp_path_factory.mktemp("shared"), SCORING_SHARED)
    return issues, _stats(issues, "2023-Q3")


def _out(issues):
    return issues.parent / "out" / "stats"


@pytest.mark.parametrize("which, rows, total", [("each", KNOWN_EACH, KNOWN_EACH_TOTAL),
                                                 ("shared", KNOWN_SHARED, KNOWN_SHARED_TOTAL)])
def test_every_output_holds_the_known_tally(request, which, rows, total):
    issues, result = request.getfixturevalue(which)
    expected = expected_rows(rows, total)
    out = _out(issues)
    assert terminal_rows(result.stdout) == expected
    assert csv_rows(out / "2023-Q3-按单位.csv") == [
        ["排名", "单位", "类别", "采用篇数", "基础分", "加分", "总分"], *expected]
    workbook = xlsx_rows(out / "2023-Q3.xlsx", "按单位")
    assert as_cells(workbook[1:]) == expected
    assert all(isinstance(v, int) for row in workbook[1:] for v in row[3:]), \
        "scores are numbers in the workbook, not text"
    assert pdf_unit_table(out / "2023-Q3-通报.pdf") == expected


def test_the_category_and_month_tables_add_up_the_same_credits(each):
    issues, _ = each
    out = _out(issues)
    categories = [[shown(v) for v in row] for row in KNOWN_CATEGORIES]
    categories.append(["合计", "6", *[shown(v) for v in KNOWN_EACH_TOTAL]])
    assert csv_rows(out / "2023-Q3-按类别.csv")[1:] == categories
    assert as_cells(xlsx_rows(out / "2023-Q3.xlsx", "按类别")[1:]) == categories
    months = [[shown(v) for v in row] for row in KNOWN_MONTHS]
    assert csv_rows(out / "2023-Q3-按月份.csv")[1:] == months
    assert as_cells(xlsx_rows(out / "2023-Q3.xlsx", "按月份")[1:]) == months
    category_table = next(t for t in pdf_tables(out / "2023-Q3-通报.pdf") if t[0][0] == "类别")
    assert category_table[1:] == categories


def test_the_chart_has_one_bar_per_unit_in_rank_order(each):
    from tests import plumbed
    issues, _ = each
    with plumbed.open(_out(issues) / "2023-Q3-通报.pdf") as pdf:
        bars = [(page.page_number, rect) for page in pdf.pages for rect in page.rects
                if tuple(round(c, 3) for c in rect["non_stroking_color"] or ())
                == tuple(round(c, 3) for c in BAR_COLOUR)]
        assert len(bars) == len(KNOWN_EACH)
        page = pdf.pages[bars[0][0] - 1]
        bars = sorted((rect for _, rect in bars), key=lambda r: r["top"])
        # Lengths in proportion to the totals (55, 50, 50, 30, 20, 10).
        unit = bars[0]["width"] / 55
        assert [round(bar["width"] / unit, 1) for bar in bars] == [55, 50, 50, 30, 20, 10]
        # Each bar's unit is written as text to its left, on its line.
        words = page.extract_words()
        for bar, row in zip(bars, KNOWN_EACH):
            label = [w for w in words if w["text"] == row[1] and w["x1"] <= bar["x0"] + 1
                     and abs((w["top"] + w["bottom"]) / 2 - (bar["top"] + bar["bottom"]) / 2) < 4]
            assert label, f"no label {row[1]} beside its bar"


def test_joint_articles_count_once_per_unit_and_the_note_says_so(each):
    issues, result = each
    text = result.stdout
    assert "采用信息 10 篇" in text  # ten distinct articles: one joint, one source naming a unit twice
    from tests import plumbed
    with plumbed.open(_out(issues) / "2023-Q3-通报.pdf") as pdf:
        body = "".join(page.extract_text() for page in pdf.pages).replace("\n", "")
    assert "采用各单位报送的信息10篇（其中多个单位联合报送1篇）" in body
    assert "1篇信息由多个单位联合报送，各单位分别计入采用篇数，因此合计篇数多于实际采用的10篇" in body


def test_every_instruction_earns_its_bonus_when_the_rules_say_so(tmp_path):
    issues = known_archive(tmp_path, SCORING_EVERY)
    result = _stats(issues, "2023-Q3", "--formats", "csv")
    total = (11, *[sum((row[i] for row in KNOWN_EVERY), start=0) for i in (4, 5, 6)])
    assert terminal_rows(result.stdout) == expected_rows(KNOWN_EVERY, total)
    assert csv_rows(_out(issues) / "2023-Q3-按单位.csv")[1:] == expected_rows(KNOWN_EVERY, total)


def test_a_month_and_a_range_of_dates_count_only_their_issues(tmp_path):
    issues = known_archive(tmp_path)
    july = terminal_rows(_stats(issues, "2023-07", "--formats", "none").stdout)
    assert [row[1] for row in july[:-1]] == ["海淀区科协", "中关村科学城管委会", "北京制冷学会",
                                             "东城区科协"]
    assert july[-1] == ["", "合计", "", "4", "70", "60", "130"]
    # 2023-06-30 and 2023-10-06 lie outside the quarter but inside this range.
    wide = terminal_rows(_stats(issues, "--from", "2023-06-30", "--to", "2023-10-06",
                                "--formats", "none").stdout)
    assert dict((row[1], row[3]) for row in wide)["东城区科协"] == "4"
    assert dict((row[1], row[3]) for row in wide)["西城区科协"] == "3"


def test_shares_of_a_joint_article_add_up_to_its_points(tmp_path):
    issues = known_archive(tmp_path, SCORING_SHARED)
    from tests.archive.stats.statsgen import _article, _issue, write
    import random
    write(issues, _issue(2023, 35, datetime.date(2023, 9, 1), [("工作动态", [_article(
        random.Random(1), "三个单位联合报送", "东城区科协、西城区科协、北京力学会")])]))
    rows = terminal_rows(_stats(issues, "2023-09", "--formats", "csv").stdout)
    by_unit = {row[1]: row for row in rows}
    # 5 points in three shares: 1.67 each as printed, 5 in all (exact fractions add up).
    assert by_unit["北京力学会"][4] == "1.67"
    assert by_unit["合计"][4] == "20"  # 15 of 2023-39 and the 5 of this article
    csv_total = csv_rows(_out(issues) / "2023-09-按单位.csv")[-1]
    assert csv_total[4] == "20"


@pytest.mark.slow
def test_a_generated_year_matches_the_rules_restated(tmp_path):
    """52 weeks and five supplements, units by name and alias, one to three a
    source: the quarter's and the year's tables equal an independent restatement."""
    issues, written = random_archive(tmp_path, 52, seed=7)
    for period, start, end in (("2023-Q2", datetime.date(2023, 4, 1), datetime.date(2023, 6, 30)),
                               ("2023", datetime.date(2023, 1, 1), datetime.date(2023, 12, 31))):
        rows = reference_tally(written, start, end, shared=False, every=False)
        total = tuple(sum((row[i] for row in rows), start=0) for i in (3, 4, 5, 6))
        result = _stats(issues, period, "--formats", "csv,xlsx,pdf")
        expected = expected_rows(rows, total)
        out = _out(issues)
        assert terminal_rows(result.stdout) == expected
        assert csv_rows(out / f"{period}-按单位.csv")[1:] == expected
        assert as_cells(xlsx_rows(out / f"{period}.xlsx", "按单位")[1:]) == expected
        assert pdf_unit_table(out / f"{period}-通报.pdf") == expected


def test_units_without_an_adopted_article_are_listed_last_with_all_units(tmp_path):
    issues = known_archive(tmp_path)
    units = issues / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8") + "  - name: 北京电子学会\n    category: 学会\n",
                     encoding="utf-8")
    rows = terminal_rows(_stats(issues, "2023-Q3", "--all-units", "--formats", "none").stdout)
    assert rows[-2] == ["7", "北京电子学会", "学会", "0", "0", "0", "0"]
    assert rows[-1] == expected_rows(KNOWN_EACH, KNOWN_EACH_TOTAL)[-1]
    plain = terminal_rows(_stats(issues, "2023-Q3", "--formats", "none").stdout)
    assert "北京电子学会" not in [row[1] for row in plain]


def test_a_source_written_with_spaces_between_known_units_counts_for_each(tmp_path):
    issues = known_archive(tmp_path)
    issue = issues / "2023" / "2023-27.yaml"
    text = issue.read_text(encoding="utf-8")
    issue.write_text(text.replace("海淀区科协、中关村科学城管委会", "海淀区科协 中关村科学城管委会"),
                     encoding="utf-8")
    result = _stats(issues, "2023-Q3", "--strict", "--formats", "none")
    assert terminal_rows(result.stdout) == expected_rows(KNOWN_EACH, KNOWN_EACH_TOTAL)
