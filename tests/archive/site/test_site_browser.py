"""The archive site in a real browser (headless Chromium): opened from file://,
searched, filtered, followed to an issue page and to the PDF; nothing asked of
the network, nothing on the console; the page finds what the terminal finds."""

from __future__ import annotations

import base64
import io
import unicodedata
from pathlib import Path
from urllib.parse import quote

import pytest
from pypdf import PdfReader
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.archive.site.browser import off_network
from tests.archive.site.sitegen import UNIT_INDEX, ODD, write_units_archive, write_varied_archive
from tests.helpers import ROOT, run_cli
from weekly_pdf.archive.search import fold, search, words
from weekly_pdf.archive.site import build_site
from weekly_pdf.archive.site.data import plain_characters
from weekly_pdf.archive.texts import read_texts
from weekly_pdf.project import Project

pytestmark = pytest.mark.slow


def wait(browser, condition, seconds: float = 20):
    """Until ``condition(driver)`` holds; a look the browser aborts (it was
    navigating to another page) counts as not yet."""
    return WebDriverWait(browser.driver, seconds, ignored_exceptions=(WebDriverException,)
                         ).until(lambda driver: condition(driver))


def hits_shown(browser) -> list[tuple[str, str]]:
    """(issue, title) of each hit on the page."""
    out = []
    for item in browser.driver.find_elements(By.CSS_SELECTOR, "#results li.hit"):
        meta = item.find_element(By.CLASS_NAME, "hit-meta").text
        out.append((meta.split(" · ")[0], item.find_element(By.CLASS_NAME, "hit-title").text))
    return out


def type_query(browser, query: str) -> None:
    box = browser.driver.find_element(By.ID, "q")
    box.clear()
    box.send_keys(query, Keys.ENTER)


def status_becomes(browser, expected: str) -> None:
    """Wait until the status line says ``expected`` (the search, run as the
    user typed, has caught up). The line is looked up again at each look:
    Enter in an issue page's box opens the search page, and a look made while
    the browser navigates is aborted (it is tried again)."""
    def status(driver) -> str | None:
        try:
            return driver.find_element(By.ID, "search-status").text
        except WebDriverException:  # aborted by navigation, or the old page's element
            return None

    try:
        wait(browser, lambda driver: status(driver) == expected)
    except TimeoutException:
        assert status(browser.driver) == expected


def file_of(url: str) -> Path:
    from urllib.parse import unquote, urlsplit
    return Path(unquote(urlsplit(url).path))


def assert_quiet(browser, *, pdf: bool = False) -> list[str]:
    """Nothing off the computer requested, every file requested there, no console message."""
    urls = browser.requests()
    assert off_network(urls, allow_pdf_viewer=pdf) == []
    for url in urls:
        if url.startswith("file:"):
            assert file_of(url).is_file(), url
    assert browser.console() == []
    return urls


def test_every_kind_of_page_opens_from_file_with_no_network_and_no_console_message(site, browser,
                                                                                 pdf_archive):
    browser.forget()
    pages = [site / "index.html", site / "2023" / "index.html", site / "2023" / "2023-20.html",
             site / "units" / "index.html", next((site / "units").glob("u*.html"))]
    for path in pages:
        browser.open(path)
        wait(browser, lambda d: d.execute_script("return document.readyState") == "complete")
        assert browser.driver.title.endswith("科协每周动态往期档案")
    browser.open(site / "index.html")
    texts = read_texts(Project(ROOT), pdf_archive / "issues", pdf_archive / "out")
    assert browser.driver.execute_async_script(
        "WeeklySite.ready().then(arguments[arguments.length - 1])") == sum(
            len(item.text.articles) for item in texts.issues)
    urls = assert_quiet(browser)
    requested = {file_of(u) for u in urls if u.startswith("file:")}
    assert {site / "assets" / "site.css", site / "assets" / "search.js",
            site / "data" / "site.js", site / "data" / "2023.js",
            site / "data" / "2024.js"} <= requested
    # The seed's previews are pictures of the PDF, outside the site: lazily loaded files too.
    assert all(p.suffix in (".html", ".css", ".js", ".png") for p in requested)


def test_search_filter_and_follow_a_hit_to_its_issue_page_and_to_its_pdf_page(site, pdf_archive,
                                                                             browser):
    browser.forget()
    browser.open(site / "index.html")
    type_query(browser, "科普")
    status_becomes(browser, "找到 6 篇文章（包含“科普”）；标题中含有所找词语的排在前面，"
                            "其余按日期从新到旧。")
    assert hits_shown(browser) == [
        ("2023年第41期", "区科协开展科\u00ad普进社区活动"), ("2023年第40期", "科普讲解大赛在京举办"),
        ("2024年增刊第1期", "科技志愿服务情况"), ("2024年第2期", "院士专家工作站授牌"),
        ("2024年第1期", "青少年科学营开营"),
        ("2023年第20期", "市科协党组理论学习中心组开展主题教育学习研讨")]
    marks = [m.get_attribute("textContent")
             for m in browser.driver.find_elements(By.CSS_SELECTOR, "#results mark")]
    assert marks and all(fold(m) == "科普" for m in marks)
    assert "科\u00ad普" in marks   # the soft hyphen stays where it was written

    Select(browser.driver.find_element(By.ID, "year")).select_by_value("2024")
    status_becomes(browser, "找到 3 篇文章（包含“科普”，2024年）；"
                            "标题中含有所找词语的排在前面，其余按日期从新到旧。")
    assert [issue for issue, _ in hits_shown(browser)] == ["2024年增刊第1期", "2024年第2期",
                                                           "2024年第1期"]
    Select(browser.driver.find_element(By.ID, "unit")).select_by_value("昌平区科协")
    status_becomes(browser, "找到 1 篇文章（包含“科普”，2024年，供稿单位“昌平区科协”）；"
                            "标题中含有所找词语的排在前面，其余按日期从新到旧。")
    Select(browser.driver.find_element(By.ID, "column")).select_by_value("科普工作")
    status_becomes(browser, "没有找到包含“科普”，2024年，栏目【科普工作】，"
                            "供稿单位“昌平区科协”的文章。")
    assert hits_shown(browser) == []
    Select(browser.driver.find_element(By.ID, "column")).select_by_value("")
    wait(browser, lambda d: hits_shown(browser) == [("2024年增刊第1期", "科技志愿服务情况")])
    # The search is kept in the address: back from an issue page, it is there again.
    assert "q=%E7%A7%91%E6%99%AE" in browser.driver.current_url

    browser.driver.find_element(By.CSS_SELECTOR, "#results a.hit-title").click()
    wait(browser, lambda d: d.current_url.endswith("2024/2024-s01.html#a2"))
    article = browser.driver.find_element(By.ID, "a2")
    assert article.find_element(By.TAG_NAME, "h3").text == "科技志愿服务情况"
    assert "科普宣讲" in article.text and article.is_displayed()
    pdf_link = article.find_element(By.CSS_SELECTOR, "a[href*='.pdf#page=']")
    href = pdf_link.get_attribute("href")
    page_number = int(href.rsplit("#page=", 1)[1])
    pdf = pdf_archive / "out" / "2024" / "2024-s01.pdf"
    assert file_of(href) == pdf
    assert "科技志愿服务情况" in PdfReader(pdf).pages[page_number - 1].extract_text()
    assert_quiet(browser)

    pdf_link.click()
    wait(browser, lambda d: d.current_url == f"{pdf.as_uri()}#page={page_number}")
    urls = assert_quiet(browser, pdf=True)
    assert pdf.as_uri() in urls

    browser.driver.back()
    wait(browser, lambda d: d.current_url.endswith("#a2"))
    browser.driver.back()
    wait(browser, lambda d: d.current_url.split("/")[-1].startswith("index.html"))
    wait(browser, lambda d: hits_shown(browser) == [("2024年增刊第1期", "科技志愿服务情况")])
    assert_quiet(browser)


def test_a_search_from_the_box_of_an_issue_page_opens_the_results(site, browser):
    browser.forget()
    browser.open(site / "2023" / "2023-20.html")
    box = browser.driver.find_element(By.CSS_SELECTOR, "form.qs input")
    box.send_keys("碳中和", Keys.ENTER)
    status_becomes(browser, "找到 3 篇文章（包含“碳中和”）；"
                            "标题中含有所找词语的排在前面，其余按日期从新到旧。")
    assert [issue for issue, _ in hits_shown(browser)] == ["2024年增刊第1期", "2024年第2期",
                                                           "2023年第41期"]
    assert browser.driver.find_element(By.ID, "q").get_attribute("value") == "碳中和"
    assert_quiet(browser)


QUERIES = ["科协", "学会", "科技", "创新", "活动", "研讨会", "人才培养", "科协 学会", "首都 平台 建设",
           "ai", "ＡＩ", "chatgpt", "ChatGPT", "2023年", "２０２３", "...", "……", "1", "①",
           "fi", "m2", "科技", "science", "istanbul", "İstanbul", "straße", "σοφία", "𠮷",
           "col/col6003/index.html", "GDP", "3.5%", "——", "“", "）", "，", "不存在的词",
           "科 协 组 织", "发展战略 推进"]
#: The varied archive has a unit list (aliases) and joint sources (sitegen.VARIED_SOURCES):
#: a unit filter finds an article by any of its units, however the source wrote it.
FILTERED = [("科协", {"year": 2023}), ("学会", {"column": "科普工作"}),
            ("发展", {"year": 2022, "column": "科创工作"}), ("会", {"unit": "昌平区科协"}),
            ("。", {"unit": "北京制冷学会"}), ("。", {"unit": "海淀区科协"}),
            ("。", {"unit": "东城区科协"}), ("。", {"unit": "中关村科学城管委会"}),
            ("。", {"unit": "北京某研究所"}), ("科", {"unit": "海淀区科协", "year": 2023}),
            ("北京市制冷学会", {}), ("、", {"unit": "昌平区科协"})]


@pytest.fixture(scope="module")
def varied_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("varied")
    issues = root / "issues"
    write_varied_archive(issues)
    result = build_site(Project(ROOT), issues, root / "out", root / "out" / "site")
    assert result.failures == []
    return issues, result.site_dir


def page_results(browser, query: str, filters: dict) -> list[tuple[str, str, str]]:
    found = browser.driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "WeeklySite.search(arguments[0], arguments[1]).then(function (hits) {"
        "  done(hits.map(function (h) { return [h.issue, h.title, h.snippet]; })); });",
        query, {k: str(v) for k, v in filters.items()})
    return [tuple(hit) for hit in found]


def test_the_page_finds_what_the_terminal_finds_in_the_same_order(varied_site, browser):
    issues, site = varied_site
    browser.forget()
    browser.open(site / "index.html")
    texts = read_texts(Project(ROOT), issues, issues.parent / "out")
    entries = texts.entries()
    joint = [e for e in entries if len(e.units) > 1]
    assert len(joint) > 10 and any("北京市制冷学会" in e.body for e in entries)
    compared = 0
    for query, filters in [(q, {}) for q in QUERIES + list(ODD)] + FILTERED:
        expected = [(h.entry.issue, h.entry.title, h.snippet.plain())
                    for h in search(entries, [query], **filters)]
        assert page_results(browser, query, filters) == expected, query
        compared += len(expected)
    assert compared > 300
    # The command itself, as office staff type it.
    for query, filters in [("科协 学会", {}), ("ＡＩ", {}), ("……", {})] + FILTERED[:2] + FILTERED[4:6]:
        options = [f"--{k}={v}" for k, v in filters.items()]
        result = run_cli("search", *query.split(), *options, "--issues-dir", issues)
        lines = [tuple(line.split("\t")) for line in result.stdout.splitlines()]
        assert lines == page_results(browser, query, filters), query
        assert result.returncode == (0 if lines else 1)
    # An alias typed in the terminal is its unit, the name the page offers.
    result = run_cli("search", "。", "--unit", "北京市制冷学会", "--issues-dir", issues)
    lines = [tuple(line.split("\t")) for line in result.stdout.splitlines()]
    assert len(lines) > 5 and lines == page_results(browser, "。", {"unit": "北京制冷学会"})
    assert_quiet(browser)


def test_the_unit_filter_of_the_page_offers_units_and_finds_joint_and_alias_articles(
        tmp_path, browser):
    issues = tmp_path / "issues"
    write_units_archive(issues)
    site = build_site(Project(ROOT), issues, tmp_path / "out", tmp_path / "out" / "site").site_dir
    browser.forget()
    browser.open(site / "index.html")
    unit = Select(browser.driver.find_element(By.ID, "unit"))
    assert [o.get_attribute("value") for o in unit.options] == \
        [""] + [name for _, _, _, names in UNIT_INDEX for name in names]
    assert [g.get_attribute("label") for g in browser.driver.find_elements(
        By.CSS_SELECTOR, "#unit optgroup")] == [category for category, *_ in UNIT_INDEX]
    unit.select_by_value("北京制冷学会")
    status_becomes(browser, "找到 3 篇文章（供稿单位“北京制冷学会”），按日期从新到旧。")
    assert hits_shown(browser) == [("2024年第1期", "昌平区科协与制冷学会合办讲座"),
                                   ("2023年第11期", "制冷学会开展培训"),
                                   ("2023年第10期", "制冷学会举办年会")]
    metas = [m.text for m in browser.driver.find_elements(By.CLASS_NAME, "hit-meta")]
    assert metas[0] == "2024年第1期 · 2024年1月5日 · 【工作动态】 · 昌平区科协、北京制冷学会"
    unit.select_by_value("海淀区科协")
    status_becomes(browser, "找到 3 篇文章（供稿单位“海淀区科协”），按日期从新到旧。")
    assert {hit for hit in hits_shown(browser)} == {
        ("2024年第1期", "两区联合开展调研"), ("2023年第11期", "海淀与中关村联合推进科技服务"),
        ("2023年第10期", "海淀区科协开展科普活动")}
    # From the address, as a colleague's link opens it.
    browser.driver.get("about:blank")
    browser.driver.get((site / "index.html").as_uri() + "#unit=" + quote("中关村科学城管委会"))
    status_becomes(browser, "找到 1 篇文章（供稿单位“中关村科学城管委会”），按日期从新到旧。")
    assert_quiet(browser)


def test_the_page_folds_every_character_as_python_does(site, browser):
    browser.forget()
    browser.open(site / "index.html")
    browser.driver.execute_async_script("WeeklySite.ready().then(arguments[arguments.length - 1])")
    characters = [chr(c) for c in range(0x30000)
                  if unicodedata.category(chr(c)) not in ("Cn", "Cs", "Co")]
    folded = browser.driver.execute_script(
        "return arguments[0].map(function (c) { return WeeklySite.fold(c); }).join('\\uffff');",
        characters).split("\uffff")
    differ = [(f"U+{ord(c):04X}", fold(c), page) for c, page in zip(characters, folded)
              if fold(c) != page]
    assert differ == []
    assert len(folded) == len(characters) > 130000
    spaced = "科普\u3000活动\u00a0ai\t\u2003ＡＩ\u200b"
    assert browser.driver.execute_script("return WeeklySite.words(arguments[0]);", spaced) == \
        list(words([spaced]))
    assert_quiet(browser)


def test_the_browser_reads_the_search_data_bytes_as_python_wrote_them(site, browser):
    """The search data is GB18030 with a fixed set of characters left unescaped:
    the browser's decoder (WHATWG) must map every one of them as Python does."""
    browser.open(site / "index.html")
    plain = plain_characters()
    decoded = browser.driver.execute_script(
        "return new TextDecoder('gb18030').decode(new Uint8Array(arguments[0]));",
        list(plain.encode("gb18030")))
    assert [f"U+{ord(a):04X}" for a, b in zip(plain, decoded) if a != b] == []
    assert decoded == plain and len(plain) > 21000
    browser.forget()


def test_the_network_check_sees_a_request_when_there_is_one(browser, tmp_path):
    """The check the other tests rely on is not blind: a page that asks for a
    picture from an address (a closed local port) is caught."""
    page = tmp_path / "外部.html"
    page.write_text('<!DOCTYPE html><html><body><img src="http://127.0.0.1:9/x.png">'
                    '</body></html>', encoding="utf-8")
    browser.forget()
    browser.open(page)
    assert off_network(browser.requests()) == ["http://127.0.0.1:9/x.png"]
    browser.console()


def test_at_phone_width_no_page_is_wider_than_the_screen(site, browser):
    driver = browser.driver
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 375, "height": 740, "deviceScaleFactor": 2, "mobile": True})
    try:
        for path, query in [(site / "index.html", "科协"), (site / "2024" / "2024-01.html", None),
                            (site / "2024" / "index.html", None), (site / "units" / "index.html", None)]:
            browser.open(path)
            if query:
                type_query(browser, query)
                wait(browser, lambda d: len(hits_shown(browser)) > 5)
            width = driver.execute_script(
                "return [document.documentElement.scrollWidth, window.innerWidth];")
            assert width[0] <= width[1] == 375, path
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    browser.forget()


def test_an_issue_page_prints_its_text_without_the_site_controls(site, browser):
    browser.open(site / "2023" / "2023-20.html")
    driver = browser.driver
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        hidden = driver.execute_script(
            "return ['.top', '.crumbs', '.pp', '.pn', '.previews', 'p.pdf'].map(function (s) {"
            "  return getComputedStyle(document.querySelector(s)).display; });")
        assert hidden == ["none"] * 6
        red = driver.execute_script(
            "return getComputedStyle(document.querySelector('.pub')).color;")
        assert red == "rgb(255, 0, 0)"   # the layout's red (layouts/bulletin/layout.toml)
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    printed = PdfReader(io.BytesIO(base64.b64decode(
        driver.execute_cdp_cmd("Page.printToPDF", {"printBackground": True})["data"])))
    assert len(printed.pages) >= 3
    assert len(printed.pages[0].extract_text()) > 100
    browser.forget()
