"""Print: Chromium's print-to-PDF (CDP Page.printToPDF) of a document page is laid out like the
printed original: A4, the title, 发文字号, body, signature and date, and none of the site's
navigation, toolbar, search or aside. The text is read back with pdftotext (poppler-utils)."""

import re
import shutil
import subprocess

import pytest

from browser_helpers import ARTIFACTS

DOCUMENT = "documents/azbf-2023-9/"


def squeeze(text):
    """Text without white space: lines of a PDF break anywhere in Chinese text."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def printed(chromium, server, artifacts):
    from browser_helpers import Browser
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext is missing: scripts/install-deps test installs poppler-utils")
    browser = Browser(chromium, server)
    browser.reset()
    browser.open(DOCUMENT)
    page = {
        "title": browser.js("return document.querySelector('.gov-doc__title').textContent"),
        "number": browser.js("return document.querySelector('.gov-doc__number').textContent"),
        "first": browser.js("return document.querySelector('.gov-doc__body p').textContent"),
        "signature": browser.js("return document.querySelector('.gov-doc__signature').textContent"),
        "date": browser.js("return document.querySelector('.gov-doc__date').textContent"),
    }
    pdf = ARTIFACTS / "document-print.pdf"
    pdf.write_bytes(browser.pdf())
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          text=True, check=True, timeout=60).stdout
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=60).stdout
    browser.reset()
    return page, text, info


def test_the_pdf_has_the_parts_of_the_printed_original(printed):
    page, text, _ = printed
    flat = squeeze(text)
    for part in ["title", "number", "signature", "date"]:
        assert squeeze(page[part]) in flat, f"the {part} “{page[part]}” is not in the PDF"
    assert squeeze(page["first"])[:60] in flat, "the body's first paragraph is not in the PDF"
    assert "附件" in flat and "实施方案" in flat
    # In the order of the original: number, title, body, signature, date.
    order = [flat.index(squeeze(page[p])) for p in ["number", "title", "signature", "date"]]
    assert order == sorted(order), order


@pytest.mark.parametrize("absent", [
    "跳到正文", "长辈模式", "搜索", "首页", "领导分工",            # skip link, toolbar, search, navigation
    "文件信息", "引用本文", "返回本期目录", "本文件的数据",        # the aside
    "上一篇", "下一篇", "本站不使用任何第三方服务",               # document navigation, footer
    "本文件规定的公示",                                        # the site's notes on notices
])
def test_the_pdf_has_no_site_apparatus(printed, absent):
    _, text, _ = printed
    assert absent not in squeeze(text), f"“{absent}” is printed"


def test_the_pdf_is_a4(printed):
    _, _, info = printed
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert size, info
    width, height = float(size.group(1)), float(size.group(2))
    assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2, f"not A4: {width} x {height} pt"


def test_elder_mode_does_not_change_the_paper(browser, printed, artifacts):
    """长辈模式 is for the screen: the printed document has the same pages either way."""
    _, _, info = printed
    browser.open(DOCUMENT)
    browser.elder_on()
    pdf = ARTIFACTS / "document-print-elder.pdf"
    pdf.write_bytes(browser.pdf())
    elder = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=60).stdout
    pages = [re.search(r"Pages:\s+(\d+)", text).group(1) for text in (info, elder)]
    assert pages[0] == pages[1], f"{pages[0]} pages in the standard mode, {pages[1]} in 长辈模式"
