"""The paths a citizen follows through the site, clicking as they would."""

from urllib.parse import quote

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from browser_helpers import settle


def click_link(browser, text, within="main"):
    """Clicks the link in `within` whose text contains `text`."""
    links = [a for a in browser.driver.find_elements(By.CSS_SELECTOR, f"{within} a") if text in a.text]
    assert links, f"no link containing “{text}” in {within} of {browser.path}"
    browser.navigated_by(links[0].click)


def heading(browser):
    return browser.driver.find_element(By.TAG_NAME, "h1").text


def test_home_issue_document_interpretation_and_back(browser):
    browser.open()
    assert "阿尔山市人民政府公报" in heading(browser)

    click_link(browser, "2023年第1期", within=".latest h2")
    assert browser.path == "issues/2023-01/"
    assert browser.driver.find_element(By.CSS_SELECTOR, ".contents h2").text == "目录"

    click_link(browser, "高质量发展庭院经济实施方案", within=".contents")
    assert browser.path == "documents/azbf-2023-9/"
    assert "庭院经济" in heading(browser)
    number = browser.driver.find_element(By.CSS_SELECTOR, ".gov-doc__number").text
    assert number == "阿政办发〔2023〕9号"

    click_link(browser, "阅读政策解读", within=".doc-aside")
    assert browser.path == "interpretations/azbf-2023-9/"
    assert browser.driver.find_element(By.CSS_SELECTOR, ".kind-label").text == "政策解读"

    # Back with the browser's button, then to the document from the interpretation's own link.
    browser.navigated_by(browser.driver.back)
    assert browser.path == "documents/azbf-2023-9/"
    browser.navigated_by(browser.driver.forward)
    click_link(browser, "阅读原文件", within=".doc-aside")
    assert browser.path == "documents/azbf-2023-9/"

    # And back to the issue through the breadcrumb.
    click_link(browser, "2023年第1期", within=".breadcrumb")
    assert browser.path == "issues/2023-01/"


def test_skip_link_is_the_first_tab_stop_and_moves_to_main(browser):
    browser.open("documents/")
    body = browser.driver.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    focused = browser.driver.switch_to.active_element
    assert focused.text == "跳到正文"
    assert focused.is_displayed() and focused.rect["y"] >= 0, "the skip link must show when focused"
    focused.send_keys(Keys.ENTER)
    settle()
    assert browser.driver.current_url.endswith("#main")


def test_search_box_to_results_to_document(browser):
    browser.open("notices/")
    box = browser.driver.find_element(By.CSS_SELECTOR, "header [role=search] input[type=search]")
    box.send_keys("庭院经济")
    browser.navigated_by(lambda: box.send_keys(Keys.ENTER))
    assert browser.path == "search/?q=" + quote("庭院经济")
    if not browser.js("return !!(window.gazetteSearch && window.gazetteSearch.search)"):
        pytest.xfail("search.js has no working JS API (window.gazetteSearch) yet: search is still in development")
    results = browser.wait(
        lambda: browser.driver.find_elements(By.CSS_SELECTOR, "#search-results li a"), timeout=20,
        message="no search results for 庭院经济")
    assert any("庭院经济" in link.text for link in results), [link.text for link in results]
    status = browser.driver.find_element(By.CSS_SELECTOR, "#search-status").text
    assert status, "the result count is announced in the status line"
    documents = [link for link in results if "/documents/" in link.get_attribute("href")]
    assert documents, "a document among the results: " + ", ".join(link.text for link in results)
    title = documents[0].text
    browser.navigated_by(documents[0].click)
    assert browser.path.startswith("documents/"), browser.path
    assert heading(browser) in title or title in heading(browser), (heading(browser), title)


def test_leadership_lookup_finds_who_is_responsible(browser):
    browser.open("leadership/")
    box = browser.driver.find_element(By.CSS_SELECTOR, "[data-lookup-input]")
    box.send_keys("审计局")
    results = browser.driver.find_element(By.CSS_SELECTOR, "[data-lookup-results]")
    browser.wait(lambda: "王晓欢" in results.text, message="王晓欢 not listed for 审计局")
    assert "孙百川" in results.text
    assert "找到" in browser.driver.find_element(By.CSS_SELECTOR, "[data-lookup-status]").text
    # Enter keeps the results on the page (the form is not sent, and no inline handler is needed).
    box.send_keys(Keys.ENTER)
    settle()
    assert browser.path == "leadership/" and "王晓欢" in results.text
    assert not browser.recorded()["csp"]
    # The names are links to the leaders' pages.
    link = next(a for a in results.find_elements(By.TAG_NAME, "a") if a.text == "王晓欢")
    browser.navigated_by(link.click)
    assert browser.path == "leadership/wang-xiaohuan/"

    browser.open("leadership/")
    box = browser.driver.find_element(By.CSS_SELECTOR, "[data-lookup-input]")
    box.send_keys("没有这个单位")
    status = browser.driver.find_element(By.CSS_SELECTOR, "[data-lookup-status]")
    browser.wait(lambda: "没有找到" in status.text, message="no “not found” message")


NOTICES = ["xikou-village-plan-2023", "irshi-village-plan-2023", "wuchagou-village-plan-2023",
           "mingshuihe-acceptance-2023"]


def notice_state(browser):
    """The status shown on a notice page, and the state notice-status.js computed."""
    article = browser.driver.find_element(By.CSS_SELECTOR, "[data-notice-start]")
    browser.wait(lambda: article.get_attribute("data-notice-state"), message="notice-status.js did not run")
    status = browser.driver.find_element(By.CSS_SELECTOR, "[data-notice-status]").text
    return status, article.get_attribute("data-notice-state")


@pytest.mark.parametrize("notice", NOTICES)
def test_notice_status_follows_the_visitors_clock(browser, notice):
    """All seed notices are of 2023: on today's clock they have ended."""
    browser.open(f"notices/{notice}/")
    status, state = notice_state(browser)
    assert (status, state) == ("已结束", "ended")


def test_notice_status_on_a_day_inside_the_period(browser):
    """With the browser's clock set to 2023-03-21 (Tuesday), the xikou notice (3-20 to 3-24) is open."""
    browser.before_every_page("""
      (function () {
        var fixed = new Date(2023, 2, 21, 10, 0, 0).getTime();
        var RealDate = Date;
        function FakeDate() {
          if (!(this instanceof FakeDate)) return new RealDate(fixed).toString();
          return arguments.length ? new (Function.prototype.bind.apply(RealDate, [null].concat([].slice.call(arguments))))()
                                  : new RealDate(fixed);
        }
        FakeDate.prototype = RealDate.prototype;
        FakeDate.now = function () { return fixed; };
        FakeDate.UTC = RealDate.UTC;
        FakeDate.parse = RealDate.parse;
        window.Date = FakeDate;
      })();
    """)
    browser.open("notices/xikou-village-plan-2023/")
    assert browser.js("return new Date().getFullYear()") == 2023
    status, state = notice_state(browser)
    assert (status, state) == ("公示中", "open")
    countdown = browser.driver.find_element(By.CSS_SELECTOR, "[data-notice-countdown]")
    assert countdown.is_displayed() and "3 天" in countdown.text, countdown.text

    # On the index, the card moves from 已结束 to 公示中; a notice of 3-27 is 即将开始.
    browser.open("notices/")
    open_group = browser.driver.find_element(By.CSS_SELECTOR, "[data-notice-group=open]")
    browser.wait(lambda: "西口" in open_group.text or "xikou" in open_group.get_attribute("innerHTML"),
                 message="the open notice was not moved into 公示中")
    assert "（1）" in open_group.find_element(By.TAG_NAME, "h2").text
    upcoming = browser.driver.find_element(By.CSS_SELECTOR, "[data-notice-group=upcoming]")
    assert upcoming.find_elements(By.CSS_SELECTOR, ".notice-card"), "notices of 3-27 and later are upcoming"
